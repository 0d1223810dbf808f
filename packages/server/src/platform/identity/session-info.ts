import { sql } from 'drizzle-orm';
import type { SessionInfo } from '@bulwark/contracts';
import { rows, type Tx } from '../db/db.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { PERMISSIONS } from '../auth/roles.ts';
import { errors } from '../errors/errors.ts';
import { membershipsOf } from './queries.ts';

export async function sessionInfo(tx: Tx, p: Principal): Promise<SessionInfo> {
  const [u] = await rows<{ id: string; email: string; display_name: string }>(tx, sql`select id, email, display_name from users where id = ${p.userId}`);
  if (!u) throw errors.unauthenticated();
  const organisations = await membershipsOf(tx, p.userId);
  const current = organisations.find((o) => o.id === p.orgId);
  if (!current) throw errors.unauthenticated();
  return {
    user: { id: u.id, email: u.email, displayName: u.display_name },
    organisation: { ...current, role: p.role },
    organisations,
    instanceAdmin: p.instanceAdmin,
    permissions: PERMISSIONS.filter((perm) => can(p, perm)),
    via: p.kind,
    ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
  };
}
