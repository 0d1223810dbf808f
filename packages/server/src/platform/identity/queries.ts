// Identity look-ups shared by the identity routes.
import { sql } from 'drizzle-orm';
import type { OrgMembership } from '@bulwark/contracts';
import { rows, type Tx } from '../db/db.ts';
import type { RoleName } from '../auth/roles.ts';

export interface Membership {
  orgId: string;
  role: RoleName;
}

export async function membershipsOf(tx: Tx, userId: string): Promise<OrgMembership[]> {
  return rows<OrgMembership>(
    tx,
    sql`select o.id, o.name, o.slug, m.role from memberships m join organisations o on o.id = m.org_id
        where m.user_id = ${userId} order by o.is_home desc, o.name`,
  );
}

export async function userMemberships(tx: Tx, userId: string): Promise<Membership[]> {
  return rows<Membership>(tx, sql`select org_id as "orgId", role from memberships where user_id = ${userId}`);
}

export function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}
