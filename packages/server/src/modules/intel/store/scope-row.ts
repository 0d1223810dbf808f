// The sharing scope of a stored row, in the access model's terms.
import type { Distribution } from '../access/distribution.ts';
import type { ObjectScope, OrgRef, Recipient } from '../access/scope.ts';
import type { TlpLevel } from '../access/tlp.ts';

export interface ScopeRow {
  owner_instance: string;
  owner_org: string;
  tlp: TlpLevel;
  distribution: Distribution;
  group_id: string | null;
  group_members: OrgRef[];
  recipients: Recipient[];
}

export const SCOPE_COLUMNS = 'owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients';

export function scopeOfRow(r: ScopeRow, holder: string): ObjectScope {
  return {
    holder, ownerInstance: r.owner_instance, ownerOrg: r.owner_org, tlp: r.tlp, distribution: r.distribution,
    ...(r.group_id ? { group: { id: r.group_id, members: r.group_members } } : {}), recipients: r.recipients,
  };
}
