// Authorization, decided in this one layer: every route declares a permission (or is public), the
// principal's role must grant it, and cookie-authenticated unsafe requests must carry the CSRF token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '@bulwark/contracts';
import { errors } from '../errors/errors.ts';
import type { Authenticator } from './authenticate.ts';
import type { Principal } from './principal.ts';
import { GRANTS, RANK, type Permission, type RoleName } from './roles.ts';
import { lookupKey } from './secrets.ts';
import './fastify-types.ts';

export function can(p: Principal, permission: Permission): boolean {
  if (permission === 'instance:manage') return p.instanceAdmin;
  return GRANTS[p.role].has(permission);
}

export function outranks(p: Principal, role: RoleName): boolean {
  return RANK[p.role] >= RANK[role];
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function resolve(req: FastifyRequest, auth: Authenticator): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m) return auth.fromToken(m[1]!);
    // HTTP Basic (TAXII clients): the password is an API token; the user name is not checked.
    const b = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header);
    if (!b) return undefined;
    const decoded = Buffer.from(b[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? auth.fromToken(decoded.slice(colon + 1)) : undefined;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? auth.fromSession(lookupKey(cookie)) : undefined;
}

export function registerAuthorization(app: FastifyInstance, auth: Authenticator): void {
  app.addHook('onRoute', (route) => {
    const cfg = (route.config ?? {}) as { permission?: Permission; public?: boolean };
    if (cfg.public || cfg.permission) return;
    // Routes that plugins register (API docs) need a signed-in caller; anything else undeclared is refused.
    if (route.url.startsWith('/docs') || route.url === '/openapi.json') route.config = { ...cfg, permission: 'session' };
  });
  app.addHook('onRequest', async (req) => {
    const cfg = req.routeOptions.config as { permission?: Permission; public?: boolean };
    if (cfg.public) return;
    const principal = await resolve(req, auth);
    if (!principal) throw errors.unauthenticated();
    req.principal = principal;
    if (req.is404) return;
    if (!cfg.permission) throw errors.forbidden('This route declares no permission and is refused.');
    if (!can(principal, cfg.permission)) throw errors.forbidden();
    if (principal.kind === 'session' && !SAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) throw errors.csrf();
    }
  });
}

/** The principal of an authenticated route (the hook guarantees it is there). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw errors.unauthenticated();
  return req.principal;
}
