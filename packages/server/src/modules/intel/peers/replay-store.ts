// The replay cache of federation signatures in the database, shared by every process of the instance: a
// signature id (`kid jti`) accepted by one process is refused by all the others until it expires. One
// transaction per claim: remove the key's row if its expiry has passed, insert the key (on conflict do
// nothing); a row back means fresh, none means replayed. Expired rows are purged now and then by
// whichever process claims.
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Platform } from '../../../platform/index.ts';
import type { ClaimResult, ReplayCache } from '../federation/index.ts';

const PURGE_EVERY_SECONDS = 60;

export class DbReplayCache implements ReplayCache {
  readonly #db: Db;
  #purgedAt = 0;

  constructor(db: Db) {
    this.#db = db;
  }

  async claim(key: string, expiresAt: number, now: number): Promise<ClaimResult> {
    const purge = now - this.#purgedAt >= PURGE_EVERY_SECONDS;
    if (purge) this.#purgedAt = now;
    return this.#db.tx(INSTANCE, async (tx) => {
      if (purge) await tx.execute(sql`delete from federation_replay where expires_at <= ${now}`);
      // An expired row of this key is no longer a replay: removed first (of concurrent claims, one inserts).
      await tx.execute(sql`delete from federation_replay where key = ${key} and expires_at <= ${now}`);
      const got = await rows<{ key: string }>(tx, sql`insert into federation_replay (key, expires_at) values (${key}, ${expiresAt})
        on conflict (key) do nothing returning key`);
      return got.length ? 'fresh' : 'replayed';
    });
  }
}

const caches = new WeakMap<Platform, ReplayCache>();

/** The replay cache of one running instance (one per platform: every route and the sync loop share it). */
export function replayCacheOf(platform: Platform): ReplayCache {
  let c = caches.get(platform);
  if (!c) caches.set(platform, (c = new DbReplayCache(platform.db)));
  return c;
}
