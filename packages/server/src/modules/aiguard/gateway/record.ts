// What a finished gateway request leaves behind: its log row (pseudonymised account, verdict, findings,
// timings; the prompt only as the retention setting says), the key's usage, the account's risk, and an
// alert for anything flagged, held or refused (deterministic id: the request's). Log rows and usage
// are written in batches (RequestLog).
import { sql } from 'drizzle-orm';
import type { AiguardAction, AiguardFinding } from '@bulwark/contracts';
import { orgScope, type Bus, type Config, type Db, type Tx } from '../../../platform/index.ts';
import { raiseAlerts } from '../../detect/index.ts';
import type { AccountRisk } from '../accounts/store.ts';
import { today, type GatewayLimits } from './limits.ts';
import type { KeyContext } from './keys.ts';

export interface RequestRecord {
  readonly id: string;
  readonly key: KeyContext;
  readonly ip: string | null;
  readonly route: string;
  readonly model: string;
  readonly upstreamId: string | null;
  readonly status: number;
  readonly action: AiguardAction;
  readonly reason: string | null;
  readonly findings: readonly AiguardFinding[];
  readonly inputScore: number | null;
  readonly outputScore: number | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly gatewayMs: number | null;
  readonly upstreamMs: number | null;
  readonly prompt: string;
  readonly modelRefused: boolean;
  /** Refused before the model (policy, actor, limits). */
  readonly refused: boolean;
  readonly at: number;
}

export interface RecordDeps {
  readonly db: Db;
  readonly bus: Bus;
  readonly config: Config['aiguard'];
  readonly log: RequestLog;
  readonly risk: AccountRisk;
}

// A key's last use is written at most once a minute per process (as for platform API keys): a row update
// per request costs the database more than the request's own log row.
const TOUCH_EVERY_MS = 60_000;
/** Rows wait at most this long before their batch is written (a refusal's row is written at once). */
const BATCH_MS = 50;
const BATCH_MAX = 500;

interface Queued {
  readonly r: RequestRecord;
  readonly risk: number;
  readonly review: boolean;
  readonly keep: boolean;
  readonly done: { resolve(): void; reject(err: unknown): void };
}

/**
 * The request log, written in batches: one transaction per organisation with a multi-row insert and
 * one usage update per key, every BATCH_MS or BATCH_MAX rows, instead of a transaction per request
 * (with the embedded database a commit costs the API thread more than the request's scan).
 */
export class RequestLog {
  private queue: Queued[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly lastTouched = new Map<string, number>();
  private readonly db: Db;
  private readonly config: Config['aiguard'];
  private readonly limits: GatewayLimits;

  constructor(db: Db, config: Config['aiguard'], limits: GatewayLimits) {
    this.db = db;
    this.config = config;
    this.limits = limits;
  }

  /** Resolves once the row is committed; `now` writes the waiting batch at once. */
  write(r: RequestRecord, risk: number, review: boolean, now: boolean): Promise<void> {
    const keep = this.config.promptRetention === 'all' || (this.config.promptRetention === 'flagged' && (r.action !== 'allow' || r.findings.length > 0));
    if (r.promptTokens || r.completionTokens) this.limits.counted(r.key, r.promptTokens + r.completionTokens);
    const written = new Promise<void>((resolve, reject) => this.queue.push({ r, risk, review, keep, done: { resolve, reject } }));
    if (now || this.queue.length >= BATCH_MAX) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
    return written;
  }

  /** Writes what is queued (each organisation in its own transaction). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    const byOrg = new Map<string, Queued[]>();
    for (const q of batch) byOrg.set(q.r.key.orgId, [...(byOrg.get(q.r.key.orgId) ?? []), q]);
    for (const [orgId, list] of byOrg) {
      try {
        await this.db.tx(orgScope(orgId), (tx) => this.writeIn(tx, list));
        for (const q of list) q.done.resolve();
      } catch (err) {
        for (const q of list) q.done.reject(err);
      }
    }
  }

  private async writeIn(tx: Tx, list: readonly Queued[]): Promise<void> {
    const retentionDays = this.config.promptRetentionDays;
    await tx.execute(sql`insert into aiguard_requests (id, org_id, key_id, account, ip, route, model, upstream_id, status, action, reason, findings,
      input_score, output_score, risk, prompt_tokens, completion_tokens, gateway_ms, upstream_ms, prompt, prompt_expires_at, review, created_at)
    values ${sql.join(list.map(({ r, risk, review, keep }) => sql`(${r.id}, ${r.key.orgId}, ${r.key.keyId}, ${r.key.account}, ${r.ip}, ${r.route}, ${r.model.slice(0, 200)}, ${r.upstreamId}, ${r.status}, ${r.action}, ${r.reason}, ${JSON.stringify(r.findings)}::jsonb,
      ${r.inputScore}, ${r.outputScore}, ${risk}, ${r.promptTokens}, ${r.completionTokens}, ${r.gatewayMs}, ${r.upstreamMs},
      ${keep ? r.prompt.slice(0, 100_000) : null}, ${keep ? sql`now() + make_interval(days => ${retentionDays})` : null},
      ${review ? 'pending' : null}, ${new Date(r.at)})`), sql`, `)}`);
    const usage = new Map<string, { key: KeyContext; day: string; requests: number; prompt: number; completion: number }>();
    const touch = new Map<string, number>();
    for (const { r } of list) {
      if (r.at - (this.lastTouched.get(r.key.keyId) ?? 0) >= TOUCH_EVERY_MS) touch.set(r.key.keyId, Math.max(r.at, touch.get(r.key.keyId) ?? 0));
      if (!r.promptTokens && !r.completionTokens) continue;
      const day = today(new Date(r.at));
      const u = usage.get(`${r.key.keyId} ${day}`) ?? { key: r.key, day, requests: 0, prompt: 0, completion: 0 };
      u.requests++;
      u.prompt += r.promptTokens;
      u.completion += r.completionTokens;
      usage.set(`${r.key.keyId} ${day}`, u);
    }
    for (const u of usage.values()) await this.limits.recordIn(tx, u.key, u.day, u.requests, u.prompt, u.completion);
    for (const [keyId, at] of touch) {
      if (this.lastTouched.size > 100_000) this.lastTouched.clear();
      this.lastTouched.set(keyId, at);
      await tx.execute(sql`update aiguard_keys set last_used_at = ${new Date(at)} where id = ${keyId} and (last_used_at is null or last_used_at < ${new Date(at)})`);
    }
  }
}

const SEVERITY = { allow: 'informational', flag: 'medium', hold: 'high', block: 'high' } as const;

export async function recordRequest(d: RecordDeps, r: RequestRecord): Promise<{ risk: number; blocked: boolean }> {
  const k = r.key;
  const outcome = await d.risk.add(k.orgId, k.account, {
    at: r.at, score: r.inputScore ?? 0, flagged: r.action !== 'allow', refused: r.refused && r.action !== 'allow', modelRefused: r.modelRefused,
  });
  await d.log.write(r, outcome.risk, r.action === 'hold' || outcome.blocked, r.refused || outcome.blocked);
  if (r.action !== 'allow' || outcome.blocked) {
    const categories = [...new Set(r.findings.map((f) => f.category))];
    const atlas = [...new Set(r.findings.flatMap((f) => f.atlas))];
    const what = outcome.blocked && r.action === 'allow' ? 'account blocked by its risk' : r.action === 'flag' ? 'flagged' : r.action === 'hold' ? 'held for review' : 'refused';
    await raiseAlerts(d.db, d.bus, k.orgId, 'aiguard', [{
      ruleId: `aiguard.${r.action}${categories.length ? `.${categories[0]}` : ''}`,
      title: `AI gateway: request ${what}${categories.length ? ` (${categories.join(', ')})` : ''}${r.reason ? ` — ${r.reason}` : ''}`.slice(0, 300),
      severity: outcome.blocked ? 'critical' : SEVERITY[r.action],
      eventIds: [r.id],
      eventTime: new Date(r.at).toISOString(),
      tags: ['aiguard', ...categories.map((c) => `aiguard.${c}`), ...(r.reason?.startsWith('shadow') ? ['aiguard.shadow'] : [])],
      references: atlas.map((a) => `https://atlas.mitre.org/techniques/${a}`),
      fields: { request: r.id, account: k.account, key: k.keyId, route: r.route, model: r.model, action: r.action, reason: r.reason, risk: outcome.risk, ip: r.ip, atlas },
    }]);
  }
  return outcome;
}
