// Console sign-in: login (throttled), session, organisation switch, logout, own password change.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import '../auth/fastify-types.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API, ChangeOwnPasswordRequest, LoginRequest, Ok, SESSION_COOKIE, SessionInfo, SwitchOrgRequest } from '@bulwark/contracts';
import { audit } from '../audit/audit.ts';
import { principalOf } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { isRole } from '../auth/roles.ts';
import { burnVerification, hashSecret, lookupKey, randomToken, verifySecret } from '../auth/secrets.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import { INSTANCE, rows } from '../db/db.ts';
import { errors } from '../errors/errors.ts';
import type { Platform } from '../context.ts';
import { sessionInfo } from './session-info.ts';
import { membershipsOf } from './queries.ts';

const SESSION_HOURS = 12;

export function sessionRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = platform;
  const throttle = new LoginThrottle();
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: platform.config.cookieSecure };

  r.post(API.login, {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Sign in to the console', body: LoginRequest, response: { 200: SessionInfo } },
  }, async (req, reply) => {
    const email = req.body.email.trim().toLowerCase();
    const wait = throttle.retryAfter(email, req.ip);
    if (wait > 0) throw errors.throttled(wait, `Too many failed sign-ins; try again in ${wait} s.`);
    const [u] = await db.tx(INSTANCE, (tx) =>
      rows<{ id: string; password_hash: string | null; disabled: boolean }>(tx, sql`select id, password_hash, disabled from users where lower(email) = ${email}`),
    );
    const ok = u?.password_hash ? await verifySecret(req.body.password, u.password_hash) : (await burnVerification(req.body.password), false);
    const orgs = ok && u && !u.disabled ? await db.tx(INSTANCE, (tx) => membershipsOf(tx, u.id)) : [];
    const home = orgs[0];
    if (!ok || !u || u.disabled || !home) {
      throttle.failure(email, req.ip);
      await db.tx(INSTANCE, (tx) => audit(tx, { actorKind: 'anonymous', action: 'auth.login', target: email, outcome: 'failure', ip: req.ip, details: { reason: !u ? 'unknown account' : u.disabled ? 'disabled' : !ok ? 'wrong password' : 'no organisation' } }));
      throw errors.invalidCredentials();
    }
    throttle.success(email);
    const sessionId = randomToken('', 32);
    const csrfToken = randomToken('', 24);
    const info = await db.tx(INSTANCE, async (tx) => {
      await tx.execute(sql`insert into sessions (id_hash, user_id, org_id, csrf_token, expires_at)
        values (${lookupKey(sessionId)}, ${u.id}, ${home.id}, ${csrfToken}, now() + make_interval(hours => ${SESSION_HOURS}))`);
      await tx.execute(sql`delete from sessions where user_id = ${u.id} and expires_at < now()`);
      await audit(tx, { orgId: home.id, actorId: u.id, actorKind: 'user', action: 'auth.login', target: email, outcome: 'success', ip: req.ip });
      const p: Principal = { kind: 'session', userId: u.id, email, orgId: home.id, role: isRole(home.role) ? home.role : 'trainee', instanceAdmin: false, csrfToken };
      const homeOrg = await rows<{ is_home: boolean }>(tx, sql`select is_home from organisations where id = ${home.id}`);
      return sessionInfo(tx, { ...p, instanceAdmin: p.role === 'admin' && homeOrg[0]?.is_home === true });
    });
    void reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
    return info;
  });

  r.get(API.session, {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: 'Who am I', response: { 200: SessionInfo } },
  }, async (req) => db.tx(INSTANCE, (tx) => sessionInfo(tx, principalOf(req))));

  r.post(API.switchOrg, {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: 'Switch the session to another organisation you belong to', body: SwitchOrgRequest, response: { 200: SessionInfo } },
  }, async (req) => {
    const p = principalOf(req);
    if (p.kind !== 'session' || !p.sessionHash) throw errors.invalid('Only console sessions switch organisation; an API token belongs to one organisation.');
    return db.tx(INSTANCE, async (tx) => {
      const [m] = await rows<{ role: string; is_home: boolean }>(tx, sql`select m.role, o.is_home from memberships m join organisations o on o.id = m.org_id
        where m.user_id = ${p.userId} and m.org_id = ${req.body.organisationId}`);
      if (!m || !isRole(m.role)) throw errors.notFound('organisation');
      await tx.execute(sql`update sessions set org_id = ${req.body.organisationId} where id_hash = ${p.sessionHash}`);
      await audit(tx, { orgId: req.body.organisationId, actorId: p.userId, actorKind: 'user', action: 'auth.switch-organisation', target: req.body.organisationId, outcome: 'success', ip: req.ip });
      return sessionInfo(tx, { ...p, orgId: req.body.organisationId, role: m.role, instanceAdmin: m.role === 'admin' && m.is_home });
    });
  });

  r.post(API.logout, {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: 'End the console session', response: { 200: Ok } },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (p.sessionHash) {
      await db.tx(INSTANCE, async (tx) => {
        await tx.execute(sql`delete from sessions where id_hash = ${p.sessionHash}`);
        await audit(tx, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.logout', outcome: 'success', ip: req.ip });
      });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.post(API.ownPassword, {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: 'Change your own password', body: ChangeOwnPasswordRequest, response: { 200: Ok } },
  }, async (req) => {
    const p = principalOf(req);
    const [u] = await db.tx(INSTANCE, (tx) => rows<{ password_hash: string | null }>(tx, sql`select password_hash from users where id = ${p.userId}`));
    if (!u?.password_hash || !(await verifySecret(req.body.currentPassword, u.password_hash))) {
      await db.tx(INSTANCE, (tx) => audit(tx, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.password-change', target: p.userId, outcome: 'failure', ip: req.ip }));
      throw errors.invalidCredentials();
    }
    const hash = await hashSecret(req.body.newPassword);
    await db.tx(INSTANCE, async (tx) => {
      await tx.execute(sql`update users set password_hash = ${hash}, password_changed_at = now() where id = ${p.userId}`);
      await tx.execute(sql`delete from sessions where user_id = ${p.userId} and id_hash <> ${p.sessionHash ?? ''}`);
      await audit(tx, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.password-change', target: p.userId, outcome: 'success', ip: req.ip });
    });
    return { ok: true };
  });
}
