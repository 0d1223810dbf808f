// TLP 2.0 levels as explicit sets of recipient classes (FIRST TLP 2.0; see README.md).
// The order between levels is not declared: it is derived from set inclusion.
import { classSet, type RecipientClass } from './recipient-class.ts';

export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** Who may receive an object at each level, whatever its distribution (which must allow it too). */
export const TLP_AUDIENCE: Readonly<Record<TlpLevel, ReadonlySet<RecipientClass>>> = Object.freeze({
  // No limit on disclosure: the world, including public export.
  CLEAR: classSet('owner', 'named-org', 'named-user', 'group-member', 'community', 'peer', 'peer-of-group-member', 'peer-of-named-recipient', 'public'),
  // The community (this instance) and connected communities (federated instances), never public channels.
  GREEN: classSet('owner', 'named-org', 'named-user', 'group-member', 'community', 'peer', 'peer-of-group-member', 'peer-of-named-recipient'),
  // Need-to-know: the organisations the object is explicitly shared with (named recipients, sharing-group
  // members) and their own staff; instances only as carriers to those organisations.
  AMBER: classSet('owner', 'named-org', 'named-user', 'group-member', 'peer-of-group-member', 'peer-of-named-recipient'),
  // The named recipient organisations themselves (fixed on the object; a sharing group's changing
  // membership does not count).
  'AMBER+STRICT': classSet('owner', 'named-org', 'named-user', 'peer-of-named-recipient'),
  // Named individual recipients (or named organisations) only; not the owning organisation as a whole;
  // never crosses a federation hop.
  RED: classSet('named-org', 'named-user'),
});

export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && Object.hasOwn(TLP_AUDIENCE, value);
}

/** Does `level` let a viewer holding any of `classes` receive the object? Unknown levels allow nobody. */
export function tlpAllows(level: TlpLevel, classes: Iterable<RecipientClass>): boolean {
  const audience = isTlpLevel(level) ? TLP_AUDIENCE[level] : undefined;
  if (!audience) return false;
  for (const c of classes) if (audience.has(c)) return true;
  return false;
}

/** True when every recipient class allowed by `a` is also allowed by `b` (a is at least as restrictive). */
export function atLeastAsRestrictive(a: TlpLevel, b: TlpLevel): boolean {
  const inner = TLP_AUDIENCE[a];
  const outer = TLP_AUDIENCE[b];
  for (const c of inner) if (!outer.has(c)) return false;
  return true;
}

/**
 * The most restrictive of several levels: the one whose audience is contained in every other's.
 * Returns undefined for no levels. Should two audiences ever be incomparable, fails closed to RED.
 */
export function mostRestrictive(levels: Iterable<TlpLevel>): TlpLevel | undefined {
  const all = [...new Set(levels)];
  if (all.length === 0) return undefined;
  const meet = all.find((candidate) => all.every((other) => atLeastAsRestrictive(candidate, other)));
  return meet ?? 'RED';
}

/** The label as written in documents: `TLP:AMBER+STRICT`. */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level}`;
}
