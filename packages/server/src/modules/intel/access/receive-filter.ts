// The access decision as pure data a store can turn into SQL: which rows a viewer may receive.
// A row is visible iff it is held by `holder` and matches at least one clause; within a clause, the
// row's tlp and distribution must be in the lists and every condition must hold. Derived from the same
// tables as `canReceive`, and checked equal to it by property tests (`matchesFilter`).
import { DISTRIBUTIONS, DISTRIBUTION_AUDIENCE, type Distribution } from './distribution.ts';
import type { RecipientClass } from './recipient-class.ts';
import { orgEntries, type ObjectScope, type Viewer } from './scope.ts';
import { TLP_AUDIENCE, TLP_LEVELS, type TlpLevel } from './tlp.ts';

export type RowCondition =
  /** owner_instance = instance AND owner_org = org */
  | { readonly kind: 'owner'; readonly instance: string; readonly org: string }
  /** some recipient has this instance and org and no user */
  | { readonly kind: 'named-org'; readonly instance: string; readonly org: string }
  /** some recipient has this instance, org and user */
  | { readonly kind: 'named-user'; readonly instance: string; readonly org: string; readonly user: string }
  /** some sharing-group member has this instance and org */
  | { readonly kind: 'group-member'; readonly instance: string; readonly org: string }
  /** some sharing-group member is on this instance */
  | { readonly kind: 'group-member-on'; readonly instance: string }
  /** some recipient is on this instance */
  | { readonly kind: 'recipient-on'; readonly instance: string }
  /** owner_instance <> instance */
  | { readonly kind: 'owner-instance-not'; readonly instance: string };

export interface ReceiveClause {
  readonly tlp: readonly TlpLevel[];
  readonly distribution: readonly Distribution[];
  readonly where: readonly RowCondition[];
}

export interface ReceiveFilter {
  /** Only rows held by this instance (a store holds only its own copies; assert it rather than assume it). */
  readonly holder: string;
  /** Empty: the viewer receives nothing. */
  readonly anyOf: readonly ReceiveClause[];
}

interface Candidate {
  readonly cls: RecipientClass;
  readonly where: readonly RowCondition[];
  readonly groupOnly?: boolean;
}

function candidates(viewer: Viewer, holder: string): { base: RowCondition[]; list: Candidate[] } {
  switch (viewer.kind) {
    case 'user': {
      if (viewer.instance !== holder) return { base: [], list: [] };
      const me = { instance: holder, org: viewer.org };
      const list: Candidate[] = [
        { cls: 'community', where: [] },
        { cls: 'owner', where: [{ kind: 'owner', ...me }] },
        { cls: 'named-org', where: [{ kind: 'named-org', ...me }] },
        { cls: 'group-member', where: [{ kind: 'group-member', ...me }], groupOnly: true },
      ];
      if (viewer.user !== undefined) list.push({ cls: 'named-user', where: [{ kind: 'named-user', ...me, user: viewer.user }] });
      return { base: [], list };
    }
    case 'peer': {
      if (viewer.instance === holder) return { base: [], list: [] };
      const at = { instance: viewer.instance };
      return {
        base: [{ kind: 'owner-instance-not', ...at }],
        list: [
          { cls: 'peer', where: [] },
          { cls: 'peer-of-group-member', where: [{ kind: 'group-member-on', ...at }], groupOnly: true },
          { cls: 'peer-of-named-recipient', where: [{ kind: 'recipient-on', ...at }] },
        ],
      };
    }
    case 'public':
      return { base: [], list: [{ cls: 'public', where: [] }] };
    default:
      return { base: [], list: [] };
  }
}

const key = (c: RowCondition): string => JSON.stringify(c);

function subsumes(a: ReceiveClause, b: ReceiveClause): boolean {
  const bWhere = new Set(b.where.map(key));
  return a.where.every((c) => bWhere.has(key(c))) && b.tlp.every((t) => a.tlp.includes(t)) && b.distribution.every((d) => a.distribution.includes(d));
}

export function receiveFilter(viewer: Viewer, holder: string): ReceiveFilter {
  const { base, list } = candidates(viewer, holder);
  const clauses: ReceiveClause[] = [];
  // TLP may allow through one class and distribution through another: pair them.
  for (const t of list) {
    for (const d of list) {
      const tlp = TLP_LEVELS.filter((level) => TLP_AUDIENCE[level].has(t.cls));
      const groupOnly = t.groupOnly === true || d.groupOnly === true;
      const distribution = DISTRIBUTIONS.filter((dist) => DISTRIBUTION_AUDIENCE[dist].has(d.cls) && (!groupOnly || dist === 'group'));
      if (tlp.length === 0 || distribution.length === 0) continue;
      const where = new Map<string, RowCondition>();
      for (const c of [...base, ...t.where, ...d.where]) where.set(key(c), c);
      clauses.push({ tlp, distribution, where: [...where.values()] });
    }
  }
  const kept = clauses.filter((c, i) => !clauses.some((o, j) => j !== i && subsumes(o, c) && (!subsumes(c, o) || j < i)));
  return { holder, anyOf: kept };
}

function holds(c: RowCondition, scope: ObjectScope): boolean {
  const recipients = orgEntries(scope.recipients);
  const members = orgEntries(scope.group?.members);
  switch (c.kind) {
    case 'owner':
      return scope.ownerInstance === c.instance && scope.ownerOrg === c.org;
    case 'named-org':
      return recipients.some((r) => r.instance === c.instance && r.org === c.org && r.user === undefined);
    case 'named-user':
      return recipients.some((r) => r.instance === c.instance && r.org === c.org && r.user === c.user);
    case 'group-member':
      return members.some((m) => m.instance === c.instance && m.org === c.org);
    case 'group-member-on':
      return members.some((m) => m.instance === c.instance);
    case 'recipient-on':
      return recipients.some((r) => r.instance === c.instance);
    case 'owner-instance-not':
      return scope.ownerInstance !== c.instance;
    default:
      return false;
  }
}

/** Evaluates a filter against one row, exactly as its SQL translation must (reference semantics). */
export function matchesFilter(filter: ReceiveFilter, scope: ObjectScope): boolean {
  if (scope.holder !== filter.holder) return false;
  return filter.anyOf.some((clause) => clause.tlp.includes(scope.tlp) && clause.distribution.includes(scope.distribution) && clause.where.every((c) => holds(c, scope)));
}
