// What a finished gateway request leaves behind: its log row (pseudonymised account, verdict, findings,
// timings; the prompt only as the retention setting says), the key's usage, the account's risk, and an
// alert for anything flagged, held or refused (deterministic id: the request's).
import { sql } from 'drizzle-orm';
import type { AiguardAction, AiguardFinding } from '@bulwark/contracts';
import { orgScope, type Bus, type Config, type Db } from '../../../platform/index.ts';
import { raiseAlerts } from '../../detect/index.ts';
import type { AccountRisk } from '../accounts/store.ts';
import type { GatewayLimits } from './limits.ts';
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
  readonly limits: GatewayLimits;
  readonly risk: AccountRisk;
}

// A key's last use is written at most once a minute per process (as for platform API keys): a row update
// per request costs the database more than the request's own log row.
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

const SEVERITY = { allow: 'informational', flag: 'medium', hold: 'high', block: 'high' } as const;

export async function recordRequest(d: RecordDeps, r: RequestRecord): Promise<{ risk: number; blocked: boolean }> {
  const k = r.key;
  const outcome = await d.risk.add(k.orgId, k.account, {
    at: r.at, score: r.inputScore ?? 0, flagged: r.action !== 'allow', refused: r.refused && r.action !== 'allow', modelRefused: r.modelRefused,
  });
  const keep = d.config.promptRetention === 'all' || (d.config.promptRetention === 'flagged' && (r.action !== 'allow' || r.findings.length > 0));
  const touch = r.at - (lastTouched.get(k.keyId) ?? 0) >= TOUCH_EVERY_MS;
  if (touch) {
    if (lastTouched.size > 100_000) lastTouched.clear();
    lastTouched.set(k.keyId, r.at);
  }
  await d.db.tx(orgScope(k.orgId), async (tx) => {
    if (touch) await tx.execute(sql`update aiguard_keys set last_used_at = ${new Date(r.at)} where id = ${k.keyId} and (last_used_at is null or last_used_at < ${new Date(r.at)})`);
    await tx.execute(sql`insert into aiguard_requests (id, org_id, key_id, account, ip, route, model, upstream_id, status, action, reason, findings,
      input_score, output_score, risk, prompt_tokens, completion_tokens, gateway_ms, upstream_ms, prompt, prompt_expires_at, review, created_at)
    values (${r.id}, ${k.orgId}, ${k.keyId}, ${k.account}, ${r.ip}, ${r.route}, ${r.model.slice(0, 200)}, ${r.upstreamId}, ${r.status}, ${r.action}, ${r.reason}, ${JSON.stringify(r.findings)}::jsonb,
      ${r.inputScore}, ${r.outputScore}, ${outcome.risk}, ${r.promptTokens}, ${r.completionTokens}, ${r.gatewayMs}, ${r.upstreamMs},
      ${keep ? r.prompt.slice(0, 100_000) : null}, ${keep ? sql`now() + make_interval(days => ${d.config.promptRetentionDays})` : null},
      ${r.action === 'hold' || outcome.blocked ? 'pending' : null}, ${new Date(r.at)})`);
    if (r.promptTokens || r.completionTokens) await d.limits.recordIn(tx, k, r.promptTokens, r.completionTokens);
  });
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
