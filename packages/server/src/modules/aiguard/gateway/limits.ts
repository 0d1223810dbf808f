// Per-key limits: requests per minute (a token bucket per process: with several API processes each
// allows the rate, so set it per process) and tokens per day (counted in the database across
// processes: aiguard_usage, read at most every few seconds, plus what this process added since).
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db, type Tx } from '../../../platform/index.ts';
import { gatewayErrors } from './openai-error.ts';
import type { KeyContext } from './keys.ts';

const USAGE_TTL_MS = 5_000;

export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

export class GatewayLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly usage = new Map<string, { day: string; used: number; at: number }>();
  private readonly db: Db;
  private readonly defaults: { rpm: number; dailyTokens: number };

  constructor(db: Db, defaults: { rpm: number; dailyTokens: number }) {
    this.db = db;
    this.defaults = defaults;
  }

  /** Takes one request from the key's bucket, or throws 429 with the seconds to wait. */
  take(k: KeyContext, now = Date.now()): void {
    const rpm = k.rpm ?? this.defaults.rpm;
    const b = this.buckets.get(k.keyId) ?? { tokens: rpm, at: now };
    b.tokens = Math.min(rpm, b.tokens + ((now - b.at) / 60_000) * rpm);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(k.keyId, b);
      throw gatewayErrors.rateLimited(Math.max(1, Math.ceil(((1 - b.tokens) * 60) / rpm)));
    }
    b.tokens -= 1;
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(k.keyId, b);
  }

  /** Throws 429 insufficient_quota when the key has used its tokens for today. */
  async checkQuota(k: KeyContext): Promise<void> {
    const quota = k.dailyTokens ?? this.defaults.dailyTokens;
    const day = today();
    let u = this.usage.get(k.keyId);
    if (!u || u.day !== day || Date.now() - u.at > USAGE_TTL_MS) {
      const [row] = await this.db.tx(orgScope(k.orgId), (tx) => rows<{ used: string | number }>(tx,
        sql`select prompt_tokens + completion_tokens as used from aiguard_usage where key_id = ${k.keyId} and day = ${day}`));
      u = { day, used: Number(row?.used ?? 0), at: Date.now() };
      this.usage.set(k.keyId, u);
    }
    if (u.used >= quota) throw gatewayErrors.quota();
  }

  /** Adds a finished request's tokens to this process's view of today's usage (before its row is written). */
  counted(k: KeyContext, tokens: number): void {
    const u = this.usage.get(k.keyId);
    if (u && u.day === today()) u.used += tokens;
  }

  /** Adds requests and tokens of a key and day to the usage table, inside the caller's transaction. */
  async recordIn(tx: Tx, k: KeyContext, day: string, requests: number, promptTokens: number, completionTokens: number): Promise<void> {
    await tx.execute(sql`insert into aiguard_usage (key_id, org_id, day, requests, prompt_tokens, completion_tokens)
      values (${k.keyId}, ${k.orgId}, ${day}, ${requests}, ${promptTokens}, ${completionTokens})
      on conflict (key_id, day) do update set requests = aiguard_usage.requests + excluded.requests, prompt_tokens = aiguard_usage.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = aiguard_usage.completion_tokens + excluded.completion_tokens`);
  }
}
