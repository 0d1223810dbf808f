// Scopes that are legal but surprising (or that nobody can read): reported to the author, never fixed silently.
import { canReceive } from './can-receive.ts';
import { isDistribution } from './distribution.ts';
import { downgradeForHop } from './forward.ts';
import { orgEntries, type ObjectScope } from './scope.ts';
import { isTlpLevel } from './tlp.ts';

export type ScopeProblemCode =
  | 'bad-tlp' // not one of the five levels: nobody can receive it
  | 'bad-distribution' // not one of the five distributions: nobody can receive it
  | 'group-missing' // distribution `group` without a sharing group: only the owner, if anyone
  | 'group-ignored' // a sharing group with another distribution: the group grants nothing
  | 'group-empty' // a sharing group without members
  | 'red-without-recipients' // TLP:RED with no named recipient: nobody can receive it
  | 'owner-only' // AMBER or AMBER+STRICT that only the owning organisation can receive
  | 'unreachable-recipient' // a named recipient that TLP and distribution together keep from ever receiving it
  | 'held-away-from-owner'; // distribution `organisation` held by another instance: nobody can receive it

export interface ScopeProblem {
  readonly code: ScopeProblemCode;
  readonly message: string;
}

export function scopeProblems(scope: ObjectScope): ScopeProblem[] {
  const problems: ScopeProblem[] = [];
  const add = (code: ScopeProblemCode, message: string): void => void problems.push({ code, message });
  if (!isTlpLevel(scope.tlp)) add('bad-tlp', `unknown TLP level ${JSON.stringify(scope.tlp)}`);
  if (!isDistribution(scope.distribution)) add('bad-distribution', `unknown distribution ${JSON.stringify(scope.distribution)}`);
  if (problems.length > 0) return problems;
  const recipients = orgEntries(scope.recipients);
  if (scope.distribution === 'group' && scope.group === undefined) add('group-missing', 'distribution "group" needs a sharing group');
  if (scope.distribution !== 'group' && scope.group !== undefined) add('group-ignored', `sharing group ${scope.group.id} grants nothing with distribution "${scope.distribution}"`);
  if (scope.group !== undefined && scope.group.members.length === 0) add('group-empty', `sharing group ${scope.group.id} has no members`);
  if (scope.tlp === 'RED' && recipients.length === 0) add('red-without-recipients', 'TLP:RED goes to named recipients only, and none is named');
  if (scope.distribution === 'organisation' && scope.holder !== scope.ownerInstance) add('held-away-from-owner', 'distribution "organisation" outside the owner\'s instance reaches nobody');
  if ((scope.tlp === 'AMBER' || scope.tlp === 'AMBER+STRICT') && recipients.length === 0 && (scope.tlp === 'AMBER+STRICT' || scope.distribution !== 'group')) {
    add('owner-only', `TLP:${scope.tlp} goes to named recipient organisations${scope.tlp === 'AMBER' ? ' or sharing-group members' : ''}; only the owning organisation can receive this`);
  }
  for (const r of recipients) {
    if (!recipientCanEverReceive(scope, r.instance, r.org, r.user)) {
      add('unreachable-recipient', `recipient ${r.instance}/${r.org}${r.user === undefined ? '' : `/${r.user}`} can never receive this with TLP:${scope.tlp} and distribution "${scope.distribution}"`);
    }
  }
  return problems;
}

function recipientCanEverReceive(scope: ObjectScope, instance: string, org: string, user: string | undefined): boolean {
  const viewer = { kind: 'user', instance, org, ...(user === undefined ? {} : { user }) } as const;
  if (instance === scope.holder) return canReceive(viewer, scope);
  // Elsewhere: the copy must reach the recipient's instance (judged as one direct hop).
  const copy = downgradeForHop(scope, instance);
  return copy !== undefined && canReceive(viewer, copy);
}
