// Who may manage whom: inside one organisation, never upward in rank, and never a user who also
// belongs elsewhere unless the caller administers the whole instance.
import { errors } from '../errors/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { RANK } from '../auth/roles.ts';
import type { Membership } from './queries.ts';

export function assertCanManage(p: Principal, target: Membership[], targetUserId: string): void {
  const here = target.find((m) => m.orgId === p.orgId);
  if (!here && !p.instanceAdmin) throw errors.notFound('user');
  if (target.length === 0) throw errors.notFound('user');
  if (p.userId === targetUserId) return;
  if (!p.instanceAdmin && target.some((m) => m.orgId !== p.orgId)) {
    throw errors.forbidden('This user also belongs to another organisation; only an instance administrator can change it.');
  }
  const highest = Math.max(...target.map((m) => RANK[m.role]));
  if (RANK[p.role] < highest) throw errors.forbidden('You cannot manage a user whose role is higher than yours.');
}
