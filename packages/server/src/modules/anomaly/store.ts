// Database side of the anomaly jobs: their state per (organisation, job, partition) and each
// organisation's policy (settings, allow-list, suppressions). Row-level security scopes every query.
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db } from '../../platform/index.ts';
import type { StateRow } from './engine.ts';
import type { JobSnapshot } from './jobs/index.ts';
import { suppressKey, type JobSetting, type Policy } from './policy.ts';

/** The organisation's saved state: every partition, or the ones listed. */
export async function loadState(db: Db, orgId: string, parts?: readonly number[]): Promise<StateRow[]> {
  const found = await db.tx(orgScope(orgId), (tx) => parts
    ? rows<{ job: string; part: number; state: JobSnapshot }>(tx, sql`select job, part, state from anomaly_state where org_id = ${orgId} and part = any(${`{${parts.join(',')}}`}::int[])`)
    : rows<{ job: string; part: number; state: JobSnapshot }>(tx, sql`select job, part, state from anomaly_state where org_id = ${orgId}`));
  return found.map((r) => ({ job: r.job, part: Number(r.part), state: r.state }));
}

export async function saveState(db: Db, orgId: string, changed: readonly StateRow[]): Promise<void> {
  if (!changed.length) return;
  await db.tx(orgScope(orgId), async (tx) => {
    for (const r of changed) {
      await tx.execute(sql`insert into anomaly_state (org_id, job, part, state, updated_at) values (${orgId}, ${r.job}, ${r.part}, ${JSON.stringify(r.state)}::jsonb, now())
        on conflict (org_id, job, part) do update set state = excluded.state, updated_at = now()`);
    }
  });
}

export async function loadPolicy(db: Db, orgId: string): Promise<Policy> {
  return db.tx(orgScope(orgId), async (tx) => {
    const settings = await rows<{ job: string; enabled: boolean; threshold: number | null }>(tx, sql`select job, enabled, threshold from anomaly_job_settings where org_id = ${orgId}`);
    const allow = await rows<{ job: string; entity: string; value: string }>(tx, sql`select job, entity, value from anomaly_allow where org_id = ${orgId}`);
    const sup = await rows<{ job: string; entity: string; feature: string }>(tx, sql`select job, entity, feature from anomaly_suppressions where org_id = ${orgId}`);
    return {
      settings: new Map<string, JobSetting>(settings.map((s) => [s.job, { enabled: s.enabled, threshold: s.threshold === null ? null : Number(s.threshold) }])),
      allow,
      suppressed: new Set(sup.map((s) => suppressKey(s.job, s.entity, s.feature))),
    };
  });
}
