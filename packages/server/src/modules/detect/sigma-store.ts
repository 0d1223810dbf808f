// What the database keeps about Sigma rules per organisation: settings (enabled, level override) and
// statistics (added to by every worker).
import type { Severity } from '@bulwark/contracts';
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db } from '../../platform/index.ts';
import type { RuleStatDelta } from './sigma-meter.ts';

export interface RuleSetting {
  readonly enabled: boolean;
  readonly level: Severity | null;
}

export interface StoredStat {
  readonly hits: number;
  readonly evaluations: number;
  readonly costNs: number;
  readonly lastHitAt: Date | null;
}

export async function loadSettings(db: Db, orgId: string): Promise<Map<string, RuleSetting>> {
  const found = await db.tx(orgScope(orgId), (tx) =>
    rows<{ rule_key: string; enabled: boolean; level: Severity | null }>(tx, sql`select rule_key, enabled, level from sigma_rule_settings where org_id = ${orgId}`),
  );
  return new Map(found.map((r) => [r.rule_key, { enabled: r.enabled, level: r.level }]));
}

/** Changes whenever the organisation's packs or settings change (cheap to ask). */
export async function configStamp(db: Db, orgId: string): Promise<string> {
  const [r] = await db.tx(orgScope(orgId), (tx) =>
    rows<{ stamp: string }>(tx, sql`select
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from sigma_packs where org_id = ${orgId}) || '|' ||
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from sigma_rule_settings where org_id = ${orgId}) as stamp`),
  );
  return r?.stamp ?? '';
}

export async function addStats(db: Db, orgId: string, deltas: readonly RuleStatDelta[]): Promise<void> {
  if (!deltas.length) return;
  const json = JSON.stringify(deltas.map((d) => ({ k: d.key, h: d.hits, e: d.evaluations, c: d.costNs, t: d.lastHitAt?.toISOString() ?? null })));
  await db.tx(orgScope(orgId), (tx) =>
    tx.execute(sql`insert into sigma_rule_stats (org_id, rule_key, hits, evaluations, cost_ns, last_hit_at)
      select ${orgId}::uuid, x.k, x.h, x.e, x.c, x.t from jsonb_to_recordset(${json}::jsonb) as x(k text, h bigint, e bigint, c bigint, t timestamptz)
      on conflict (org_id, rule_key) do update set
        hits = sigma_rule_stats.hits + excluded.hits,
        evaluations = sigma_rule_stats.evaluations + excluded.evaluations,
        cost_ns = sigma_rule_stats.cost_ns + excluded.cost_ns,
        last_hit_at = greatest(sigma_rule_stats.last_hit_at, excluded.last_hit_at)`),
  );
}

export async function loadStats(db: Db, orgId: string): Promise<Map<string, StoredStat>> {
  const found = await db.tx(orgScope(orgId), (tx) =>
    rows<{ rule_key: string; hits: string | number; evaluations: string | number; cost_ns: string | number; last_hit_at: Date | string | null }>(
      tx,
      sql`select rule_key, hits, evaluations, cost_ns, last_hit_at from sigma_rule_stats where org_id = ${orgId}`,
    ),
  );
  return new Map(found.map((r) => [r.rule_key, {
    hits: Number(r.hits),
    evaluations: Number(r.evaluations),
    costNs: Number(r.cost_ns),
    lastHitAt: r.last_hit_at ? new Date(r.last_hit_at) : null,
  }]));
}
