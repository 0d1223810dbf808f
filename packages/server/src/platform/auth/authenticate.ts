// Resolves who is calling: an API token (Authorization: Bearer) or a console session cookie.
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../db/db.ts';
import type { Principal } from './principal.ts';
import { isRole, RANK, type RoleName } from './roles.ts';
import { lookupKey, verifySecret } from './secrets.ts';

interface KeyRow {
  id: string;
  org_id: string;
  user_id: string;
  key_role: string;
  secret_hash: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  email: string;
  disabled: boolean;
  member_role: string | null;
  is_home: boolean;
}

interface SessionRow {
  user_id: string;
  org_id: string;
  csrf_token: string;
  email: string;
  disabled: boolean;
  member_role: string | null;
  is_home: boolean;
}

export class Authenticator {
  /** Tokens whose slow hash already verified (lookup → stored hash); revocation is still checked on every request. */
  private readonly verified = new Map<string, string>();
  private readonly lastTouched = new Map<string, number>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async fromToken(token: string): Promise<Principal | undefined> {
    if (token.length < 16 || token.length > 512) return undefined;
    const lookup = lookupKey(token);
    const [k] = await this.db.tx(INSTANCE, (tx) =>
      rows<KeyRow>(tx, sql`select k.id, k.org_id, k.user_id, k.role as key_role, k.secret_hash, k.expires_at, k.revoked_at,
          u.email, u.disabled, m.role as member_role, o.is_home
        from api_keys k join users u on u.id = k.user_id join organisations o on o.id = k.org_id
        left join memberships m on m.user_id = k.user_id and m.org_id = k.org_id
        where k.lookup = ${lookup}`),
    );
    if (!k || k.revoked_at || k.disabled || !k.member_role) return undefined;
    if (k.expires_at && new Date(k.expires_at).getTime() <= Date.now()) return undefined;
    if (this.verified.get(lookup) !== k.secret_hash) {
      if (!(await verifySecret(token, k.secret_hash))) return undefined;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(lookup, k.secret_hash);
    }
    await this.touch(k.id);
    const role = effectiveRole(k.key_role, k.member_role);
    if (!role) return undefined;
    return { kind: 'key', userId: k.user_id, email: k.email, orgId: k.org_id, role, instanceAdmin: role === 'admin' && k.is_home, keyId: k.id };
  }

  async fromSession(sessionHash: string): Promise<Principal | undefined> {
    const [s] = await this.db.tx(INSTANCE, (tx) =>
      rows<SessionRow>(tx, sql`select s.user_id, s.org_id, s.csrf_token, u.email, u.disabled, m.role as member_role, o.is_home
        from sessions s join users u on u.id = s.user_id join organisations o on o.id = s.org_id
        left join memberships m on m.user_id = s.user_id and m.org_id = s.org_id
        where s.id_hash = ${sessionHash} and s.expires_at > now()`),
    );
    if (!s || s.disabled || !s.member_role || !isRole(s.member_role)) return undefined;
    return {
      kind: 'session',
      userId: s.user_id,
      email: s.email,
      orgId: s.org_id,
      role: s.member_role,
      instanceAdmin: s.member_role === 'admin' && s.is_home,
      sessionHash,
      csrfToken: s.csrf_token,
    };
  }

  forget(): void {
    this.verified.clear();
  }

  private async touch(keyId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < 60_000) return;
    this.lastTouched.set(keyId, now);
    await this.db.tx(INSTANCE, (tx) => tx.execute(sql`update api_keys set last_used_at = now() where id = ${keyId}`));
  }
}

/** A key never grants more than its user's current role in that organisation. */
function effectiveRole(keyRole: string, memberRole: string): RoleName | undefined {
  if (!isRole(keyRole) || !isRole(memberRole)) return undefined;
  return RANK[keyRole] <= RANK[memberRole] ? keyRole : memberRole;
}
