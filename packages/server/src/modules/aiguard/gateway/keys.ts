// Gateway keys: `bwg_` + 32 random bytes, stored as a lookup hash and a slow hash. A request's key is
// found by its lookup hash, verified once per process, and re-read every few seconds, so a revoked key
// stops working within that time on every process without a database read per request.
import { sql } from 'drizzle-orm';
import { hashSecret, INSTANCE, lookupKey, randomToken, rows, verifySecret, type Db } from '../../../platform/index.ts';
import type { Pseudonymise } from './pseudonym.ts';

export const KEY_PREFIX = 'bwg_';
const TTL_MS = 5_000;

export interface KeyContext {
  readonly keyId: string;
  readonly orgId: string;
  readonly subject: string;
  readonly account: string;
  readonly upstreamId: string | null;
  readonly rpm: number | null;
  readonly dailyTokens: number | null;
}

interface KeyRow {
  id: string; org_id: string; subject: string; secret_hash: string; upstream_id: string | null; rpm: number | null; daily_tokens: string | number | null;
  expires_at: Date | string | null; revoked_at: Date | string | null;
}

export async function newKeySecret(): Promise<{ token: string; lookup: string; hash: string; prefix: string }> {
  const token = randomToken(KEY_PREFIX);
  return { token, lookup: lookupKey(token), hash: await hashSecret(token), prefix: token.slice(0, KEY_PREFIX.length + 6) };
}

export class GatewayKeys {
  private readonly cache = new Map<string, { row: KeyRow | undefined; at: number }>();
  private readonly verified = new Set<string>();
  private readonly db: Db;
  private readonly pseudonym: () => Promise<Pseudonymise>;

  constructor(db: Db, pseudonym: () => Promise<Pseudonymise>) {
    this.db = db;
    this.pseudonym = pseudonym;
  }

  /** The key's context, or undefined when the token is unknown, revoked or expired. */
  async resolve(token: string): Promise<KeyContext | undefined> {
    if (!token.startsWith(KEY_PREFIX) || token.length < 20 || token.length > 200) return undefined;
    const lookup = lookupKey(token);
    let hit = this.cache.get(lookup);
    if (!hit || Date.now() - hit.at > TTL_MS) {
      const [row] = await this.db.tx(INSTANCE, (tx) => rows<KeyRow>(tx, sql`select id, org_id, subject, secret_hash, upstream_id, rpm, daily_tokens, expires_at, revoked_at
        from aiguard_keys where lookup = ${lookup}`));
      hit = { row, at: Date.now() };
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(lookup, hit);
    }
    const k = hit.row;
    if (!k || k.revoked_at || (k.expires_at && new Date(k.expires_at).getTime() <= Date.now())) return undefined;
    const mark = `${lookup}:${k.secret_hash}`;
    if (!this.verified.has(mark)) {
      if (!(await verifySecret(token, k.secret_hash))) return undefined;
      if (this.verified.size > 50_000) this.verified.clear();
      this.verified.add(mark);
    }
    const account = (await this.pseudonym())(k.org_id, k.subject);
    return { keyId: k.id, orgId: k.org_id, subject: k.subject, account, upstreamId: k.upstream_id, rpm: k.rpm, dailyTokens: k.daily_tokens === null ? null : Number(k.daily_tokens) };
  }

  /** Forget a key at once in this process (revocation through this process's API). */
  forget(keyId: string): void {
    for (const [lookup, v] of this.cache) if (v.row?.id === keyId) this.cache.delete(lookup);
  }
}
