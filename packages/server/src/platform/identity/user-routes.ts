// Users of an organisation: list, create (or add an existing account), change role / name / state, set password.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, CreatedUser, CreateUser, Ok, SetPassword, UpdateUser, User, Uuid } from '@bulwark/contracts';
import { actor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import { outranks, principalOf } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { generatePassword, hashSecret } from '../auth/secrets.ts';
import { INSTANCE, rows, type Tx } from '../db/db.ts';
import { errors } from '../errors/errors.ts';
import type { Platform } from '../context.ts';
import { assertCanManage } from './manage.ts';
import { iso, userMemberships } from './queries.ts';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: User['role'];
  disabled: boolean;
  created_at: Date;
}
const toUser = (u: UserRow): User => ({ id: u.id, email: u.email, displayName: u.display_name, role: u.role, disabled: u.disabled, createdAt: iso(u.created_at)! });

function targetOrg(p: Principal, requested: string | undefined): string {
  if (requested === undefined || requested === p.orgId) return p.orgId;
  if (!p.instanceAdmin) throw errors.notFound('organisation');
  return requested;
}

async function memberRow(tx: Tx, userId: string, orgId: string): Promise<UserRow | undefined> {
  const [u] = await rows<UserRow>(tx, sql`select u.id, u.email, u.display_name, m.role, u.disabled, u.created_at
    from users u join memberships m on m.user_id = u.id where u.id = ${userId} and m.org_id = ${orgId}`);
  return u;
}

/** The user as seen from the caller's organisation (404 if the caller may not see it), after the manage check. */
async function manageable(tx: Tx, p: Principal, userId: string): Promise<UserRow> {
  assertCanManage(p, await userMemberships(tx, userId), userId);
  const [own] = await rows<{ org_id: string }>(tx, sql`select org_id from memberships where user_id = ${userId} order by (org_id = ${p.orgId}) desc limit 1`);
  const u = own ? await memberRow(tx, userId, own.org_id) : undefined;
  if (!u) throw errors.notFound('user');
  return u;
}

export function userRoutes(app: FastifyInstance, { db }: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const Params = Type.Object({ id: Uuid });

  r.get(API.users, {
    config: { permission: 'users:read' },
    schema: { tags: ['users'], summary: 'Users of your organisation', querystring: Type.Object({ organisationId: Type.Optional(Uuid) }), response: { 200: Type.Array(User) } },
  }, async (req) => {
    const p = principalOf(req);
    const org = targetOrg(p, req.query.organisationId);
    const list = await db.tx(INSTANCE, (tx) =>
      rows<UserRow>(tx, sql`select u.id, u.email, u.display_name, m.role, u.disabled, u.created_at
        from users u join memberships m on m.user_id = u.id where m.org_id = ${org} order by u.email`),
    );
    return list.map(toUser);
  });

  r.post(API.users, {
    config: { permission: 'users:manage' },
    schema: { tags: ['users'], summary: 'Create a user, or add an existing account to the organisation', body: CreateUser, response: { 201: CreatedUser } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const org = targetOrg(p, req.body.organisationId);
    if (!outranks(p, req.body.role)) throw errors.forbidden('You cannot grant a role higher than your own.');
    const email = req.body.email.trim();
    const generated = req.body.password === undefined ? generatePassword() : undefined;
    const hash = await hashSecret(req.body.password ?? generated!);
    const result = await db.tx(INSTANCE, async (tx) => {
      const [orgRow] = await rows(tx, sql`select 1 from organisations where id = ${org}`);
      if (!orgRow) throw errors.notFound('organisation');
      const [existing] = await rows<{ id: string }>(tx, sql`select id from users where lower(email) = lower(${email})`);
      let userId: string;
      let created = false;
      if (existing) {
        const [member] = await rows(tx, sql`select 1 from memberships where user_id = ${existing.id} and org_id = ${org}`);
        if (member) throw errors.conflict('This account is already a member of the organisation.');
        userId = existing.id;
      } else {
        const [u] = await rows<{ id: string }>(tx, sql`insert into users (email, display_name, password_hash, password_changed_at)
          values (${email}, ${req.body.displayName ?? email}, ${hash}, now()) returning id`);
        userId = u!.id;
        created = true;
      }
      await tx.execute(sql`insert into memberships (user_id, org_id, role) values (${userId}, ${org}, ${req.body.role})`);
      await audit(tx, { ...actor(p, req.ip), action: created ? 'user.create' : 'user.add-membership', target: userId, outcome: 'success', details: { email, role: req.body.role, organisationId: org } });
      return { user: (await memberRow(tx, userId, org))!, created };
    });
    return reply.status(201).send({ user: toUser(result.user), ...(result.created && generated ? { password: generated } : {}) });
  });

  r.patch(API.user(':id'), {
    config: { permission: 'users:manage' },
    schema: { tags: ['users'], summary: 'Change a user’s role, name or state', params: Params, body: UpdateUser, response: { 200: User } },
  }, async (req) => {
    const p = principalOf(req);
    const u = await db.tx(INSTANCE, async (tx) => {
      const target = await manageable(tx, p, req.params.id);
      if (req.body.role !== undefined) {
        if (!outranks(p, req.body.role)) throw errors.forbidden('You cannot grant a role higher than your own.');
        if (req.params.id === p.userId && req.body.role !== p.role) throw errors.forbidden('You cannot change your own role.');
        await tx.execute(sql`update memberships set role = ${req.body.role} where user_id = ${req.params.id} and org_id = ${p.orgId}`);
      }
      if (req.body.disabled !== undefined) {
        if (req.params.id === p.userId) throw errors.forbidden('You cannot disable yourself.');
        await tx.execute(sql`update users set disabled = ${req.body.disabled} where id = ${req.params.id}`);
        if (req.body.disabled) await tx.execute(sql`delete from sessions where user_id = ${req.params.id}`);
      }
      if (req.body.displayName !== undefined) await tx.execute(sql`update users set display_name = ${req.body.displayName} where id = ${req.params.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'user.update', target: req.params.id, outcome: 'success', details: { ...req.body, previousRole: target.role } });
      return (await memberRow(tx, req.params.id, p.orgId)) ?? target;
    });
    return toUser(u);
  });

  r.post(API.userPassword(':id'), {
    config: { permission: 'users:manage' },
    schema: { tags: ['users'], summary: 'Set a user’s password (ends their sessions)', params: Params, body: SetPassword, response: { 200: Ok } },
  }, async (req) => {
    const p = principalOf(req);
    const hash = await hashSecret(req.body.password);
    await db.tx(INSTANCE, async (tx) => {
      await manageable(tx, p, req.params.id);
      await tx.execute(sql`update users set password_hash = ${hash}, password_changed_at = now() where id = ${req.params.id}`);
      await tx.execute(sql`delete from sessions where user_id = ${req.params.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'user.set-password', target: req.params.id, outcome: 'success' });
    });
    return { ok: true };
  });
}
