// API keys: shown once, stored as slow hashes, bound to one organisation, never above their user's role.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, ApiKey, CreateApiKey, CreatedApiKey, Ok, Uuid } from '@bulwark/contracts';
import { actor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import { can, outranks, principalOf } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { isRole, RANK } from '../auth/roles.ts';
import { hashSecret, lookupKey, randomToken } from '../auth/secrets.ts';
import { orgScope, rows, type Tx } from '../db/db.ts';
import { errors } from '../errors/errors.ts';
import type { Platform } from '../context.ts';
import { assertCanManage } from './manage.ts';
import { iso, userMemberships } from './queries.ts';

interface KeyRow {
  id: string;
  name: string;
  user_id: string;
  role: ApiKey['role'];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}
const toKey = (k: KeyRow): ApiKey => ({
  id: k.id, name: k.name, userId: k.user_id, role: k.role, createdAt: iso(k.created_at)!, expiresAt: iso(k.expires_at), revokedAt: iso(k.revoked_at), lastUsedAt: iso(k.last_used_at),
});

/** Issues a key (used by the routes and by first-start set-up). */
export async function issueKey(tx: Tx, opts: { orgId: string; userId: string; name: string; role: string; token?: string; expiresInDays?: number }): Promise<{ row: KeyRow; token: string }> {
  const token = opts.token ?? randomToken('bwk_');
  const hash = await hashSecret(token);
  const [row] = await rows<KeyRow>(tx, sql`insert into api_keys (org_id, user_id, name, role, lookup, secret_hash, expires_at)
    values (${opts.orgId}, ${opts.userId}, ${opts.name}, ${opts.role}, ${lookupKey(token)}, ${hash},
            ${opts.expiresInDays ? new Date(Date.now() + opts.expiresInDays * 86_400_000).toISOString() : null})
    returning id, name, user_id, role, created_at, expires_at, revoked_at, last_used_at`);
  return { row: row!, token };
}

async function assertKeyOwnerManageable(tx: Tx, p: Principal, userId: string): Promise<void> {
  if (userId === p.userId) return;
  if (!can(p, 'keys:manage')) throw errors.notFound('key');
  assertCanManage(p, await userMemberships(tx, userId), userId);
}

export function keyRoutes(app: FastifyInstance, { db }: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.keys, {
    config: { permission: 'keys:own' },
    schema: { tags: ['keys'], summary: 'API keys of this organisation (your own unless you manage keys)', response: { 200: Type.Array(ApiKey) } },
  }, async (req) => {
    const p = principalOf(req);
    const all = can(p, 'keys:manage');
    const list = await db.tx(orgScope(p.orgId), (tx) =>
      rows<KeyRow>(tx, sql`select id, name, user_id, role, created_at, expires_at, revoked_at, last_used_at from api_keys
        where org_id = ${p.orgId} and (${all} or user_id = ${p.userId}) order by created_at desc`),
    );
    return list.map(toKey);
  });

  r.post(API.keys, {
    config: { permission: 'keys:own' },
    schema: { tags: ['keys'], summary: 'Create an API key (its token is shown once)', body: CreateApiKey, response: { 201: CreatedApiKey } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const userId = req.body.userId ?? p.userId;
    const created = await db.tx(orgScope(p.orgId), async (tx) => {
      await assertKeyOwnerManageable(tx, p, userId);
      const [m] = await rows<{ role: string }>(tx, sql`select role from memberships where user_id = ${userId} and org_id = ${p.orgId}`);
      if (!m || !isRole(m.role)) throw errors.notFound('user');
      const role = req.body.role ?? (userId === p.userId ? p.role : m.role);
      if (!outranks(p, role) || RANK[role] > RANK[m.role]) throw errors.forbidden('A key cannot carry a role higher than yours or its user’s.');
      const k = await issueKey(tx, { orgId: p.orgId, userId, name: req.body.name, role, ...(req.body.expiresInDays ? { expiresInDays: req.body.expiresInDays } : {}) });
      await audit(tx, { ...actor(p, req.ip), action: 'key.create', target: k.row.id, outcome: 'success', details: { name: req.body.name, role, userId, expiresAt: iso(k.row.expires_at) } });
      return k;
    });
    return reply.status(201).send({ key: toKey(created.row), token: created.token });
  });

  r.delete(API.key(':id'), {
    config: { permission: 'keys:own' },
    schema: { tags: ['keys'], summary: 'Revoke an API key', params: Type.Object({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const [k] = await rows<{ user_id: string; revoked_at: Date | null }>(tx, sql`select user_id, revoked_at from api_keys where id = ${req.params.id} and org_id = ${p.orgId}`);
      if (!k) throw errors.notFound('key');
      await assertKeyOwnerManageable(tx, p, k.user_id);
      await tx.execute(sql`update api_keys set revoked_at = coalesce(revoked_at, now()) where id = ${req.params.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'key.revoke', target: req.params.id, outcome: 'success' });
    });
    return { ok: true };
  });
}
