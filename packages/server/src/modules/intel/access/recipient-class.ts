// The relations a viewer can have to one object (see README.md, "Recipient classes").
// Users are only ever served by the instance that holds the copy (the object's `holder`).

export const RECIPIENT_CLASSES = [
  'owner', //                   a user of the owning organisation, on the owner's instance
  'named-org', //               a user of an organisation named in the object's recipients
  'named-user', //              a user named individually in the object's recipients
  'group-member', //            a user of an organisation in the object's sharing group (distribution `group`)
  'community', //               any user of the instance holding the copy
  'peer', //                    a directly federated instance (federation egress)
  'peer-of-group-member', //    a federated instance hosting a member of the object's sharing group
  'peer-of-named-recipient', // a federated instance hosting a named recipient
  'public', //                  anyone: public export, unauthenticated feeds
] as const;
export type RecipientClass = (typeof RECIPIENT_CLASSES)[number];

/** An immutable set of classes (a frozen `Set` would still accept `add`). */
export function classSet(...classes: RecipientClass[]): ReadonlySet<RecipientClass> {
  const inner = new Set(classes);
  const view: ReadonlySet<RecipientClass> = {
    get size() {
      return inner.size;
    },
    has: (c) => inner.has(c),
    forEach: (fn, thisArg?: unknown) => inner.forEach((v) => fn.call(thisArg, v, v, view)),
    entries: () => inner.entries(),
    keys: () => inner.keys(),
    values: () => inner.values(),
    [Symbol.iterator]: () => inner.values(),
  };
  return Object.freeze(view);
}
