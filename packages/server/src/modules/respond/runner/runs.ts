// Running playbooks. Alerts (`alert.raised`) and incident changes (`incident.changed`) are matched
// against the organisation's enabled playbooks; each match is one run whose id is derived from the
// playbook version and the trigger, inserted once, so a redelivered message never runs a playbook twice.
// The engine's state is stored after every step; runs a crash interrupted continue when a worker starts,
// and actions deduplicate by their idempotency key.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Alert, Incident, PlaybookRun } from '@bulwark/contracts';
import { INSTANCE, orgScope, rows, SUBJECTS, type Platform } from '../../../platform/index.ts';
import type { ChangeKind } from '../incidents/store.ts';
import { createEngine, matchesTrigger, systemClock, triggerContext, type ActionRegistry, type Engine, type IncidentChange, type Playbook, type RunState, type TriggerEvent } from '../playbooks/index.ts';
import { latestPlaybooks, parseOrThrow, playbookVersion } from './playbook-store.ts';

export interface RunRow {
  id: string; org_id: string; playbook_id: string; playbook_version: number; incident_id: string | null; alert_id: string | null; status: string; dry_run: boolean;
  state: RunState | Record<string, never>; created_at: Date | string; updated_at: Date | string;
}

export const toRun = (r: RunRow): PlaybookRun => ({
  id: r.id, playbookId: r.playbook_id, playbookVersion: r.playbook_version, incidentId: r.incident_id, alertId: r.alert_id, status: r.status, dryRun: r.dry_run,
  state: r.state as Record<string, unknown>, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});

const CACHE_MS = 5_000;
const CHANGE: Record<ChangeKind, IncidentChange> = { created: 'created', alert: 'updated', updated: 'updated', merged: 'updated', split: 'created', severity: 'severity_changed' };

export interface Runner {
  readonly engine: Engine;
  /** The organisation of a run this process started or resumed. */
  orgOf(runId: string): string;
  /** Starts the runs an event triggers; returns their ids. */
  dispatch(orgId: string, event: TriggerEvent, triggerId: string): Promise<string[]>;
  /** Continues runs a stopped process left running. */
  continueInterrupted(): Promise<number>;
  /** Applies approval timeouts that have passed. */
  expireApprovals(now?: number): Promise<number>;
  /** The playbook a stored run belongs to. */
  playbookOf(orgId: string, id: string, version: number): Promise<Playbook>;
  remember(runId: string, orgId: string): void;
  invalidate(orgId: string): void;
}

export function createRunner(platform: Platform, registry: () => ActionRegistry): Runner {
  const { db, log } = platform;
  const orgs = new Map<string, string>();
  const cache = new Map<string, { at: number; list: Playbook[] }>();
  const engineRegistry = registry();
  const engine = createEngine({
    registry: engineRegistry,
    clock: systemClock,
    onProgress: async (state) => {
      await db.tx(INSTANCE, (tx) => tx.execute(sql`update playbook_runs set status = ${state.status}, state = ${JSON.stringify(state)}::jsonb, updated_at = now() where id = ${state.runId}`));
    },
  });

  const enabled = async (orgId: string): Promise<Playbook[]> => {
    const hit = cache.get(orgId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
    const stored = await db.tx(orgScope(orgId), (tx) => latestPlaybooks(tx, orgId));
    const list: Playbook[] = [];
    for (const row of stored.filter((r) => r.enabled)) {
      try {
        list.push(parseOrThrow(row.source, engineRegistry));
      } catch (err) {
        log.warn({ err, playbook: row.id, version: row.version }, 'a stored playbook no longer parses; it does not run');
      }
    }
    cache.set(orgId, { at: Date.now(), list });
    return list;
  };

  const execute = async (orgId: string, pb: Playbook, run: () => Promise<RunState>, runId: string) => {
    orgs.set(runId, orgId);
    try {
      const state = await run();
      log.info({ run: runId, playbook: pb.id, status: state.status }, 'playbook run ended a stretch');
    } catch (err) {
      log.error({ err, run: runId, playbook: pb.id }, 'playbook run failed');
      await db.tx(INSTANCE, (tx) => tx.execute(sql`update playbook_runs set status = 'failed', updated_at = now() where id = ${runId} and status = 'running'`));
    } finally {
      orgs.delete(runId);
    }
  };

  const runner: Runner = {
    engine,
    orgOf(runId) {
      const org = orgs.get(runId);
      if (!org) throw new Error(`run ${runId} is not running in this process`);
      return org;
    },
    remember(runId, orgId) {
      orgs.set(runId, orgId);
    },
    invalidate(orgId) {
      cache.delete(orgId);
    },
    async dispatch(orgId, event, triggerId) {
      const started: string[] = [];
      for (const pb of await enabled(orgId)) {
        if (!matchesTrigger(pb, event)) continue;
        const runId = createHash('sha256').update(`${orgId}\n${pb.id}@${pb.version}\n${triggerId}`).digest('hex').slice(0, 40);
        const incidentId = typeof event.incident?.['id'] === 'string' ? event.incident['id'] : null;
        const alertId = typeof event.alert?.['id'] === 'string' ? event.alert['id'] : null;
        const fresh = await db.tx(orgScope(orgId), (tx) => rows<{ id: string }>(tx, sql`insert into playbook_runs (id, org_id, playbook_id, playbook_version, incident_id, alert_id, status, state)
          values (${runId}, ${orgId}, ${pb.id}, ${pb.version}, ${incidentId}, ${alertId}, 'running', '{}'::jsonb) on conflict (id) do nothing returning id`));
        if (!fresh.length) continue;
        started.push(runId);
        await execute(orgId, pb, () => engine.run(pb, triggerContext(event), { runId }), runId);
      }
      return started;
    },
    async playbookOf(orgId, id, version) {
      const row = await db.tx(orgScope(orgId), (tx) => playbookVersion(tx, orgId, id, version));
      if (!row) throw new Error(`playbook ${id}@${version} is gone`);
      return parseOrThrow(row.source, engineRegistry);
    },
    async continueInterrupted() {
      const stuck = await db.tx(INSTANCE, (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where status = 'running' and not dry_run and updated_at < now() - interval '1 minute' limit 100`));
      for (const r of stuck) {
        const state = r.state as RunState;
        if (!state.runId) continue;
        const pb = await runner.playbookOf(r.org_id, r.playbook_id, r.playbook_version);
        await execute(r.org_id, pb, () => engine.continueRun(pb, state), r.id);
      }
      return stuck.length;
    },
    async expireApprovals(now = Date.now()) {
      const waiting = await db.tx(INSTANCE, (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where status = 'waiting_approval' and (state->'waiting'->>'expiresAt')::timestamptz <= ${new Date(now)}`));
      for (const r of waiting) {
        const claimed = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`update playbook_runs set status = 'running' where id = ${r.id} and status = 'waiting_approval' returning id`));
        if (!claimed.length) continue;
        const pb = await runner.playbookOf(r.org_id, r.playbook_id, r.playbook_version);
        await execute(r.org_id, pb, () => engine.expireApprovals(pb, r.state as RunState, now), r.id);
      }
      return waiting.length;
    },
  };
  return runner;
}

/** Worker role: playbooks follow alerts and incident changes; interrupted runs continue; approvals expire. */
export function startRunner(platform: Platform, runner: Runner): () => Promise<void> {
  const { bus, log } = platform;
  const stopAlerts = bus.consume<{ orgId: string; alert: Alert }>(SUBJECTS.alertRaised, 'respond-playbooks-alerts', async (msg) => {
    await runner.dispatch(msg.data.orgId, { kind: 'alert', alert: msg.data.alert as unknown as Record<string, unknown> }, `alert:${msg.data.alert.id}`);
  });
  const stopIncidents = bus.consume<{ orgId: string; change: ChangeKind; incident: Incident; alert?: Alert }>(SUBJECTS.incidentChanged, 'respond-playbooks-incidents', async (msg) => {
    const d = msg.data;
    await runner.dispatch(d.orgId, {
      kind: 'incident', change: CHANGE[d.change] ?? 'updated', incident: d.incident as unknown as Record<string, unknown>, ...(d.alert ? { alert: d.alert as unknown as Record<string, unknown> } : {}),
    }, `message:${msg.id}`);
  });
  const tick = () => void Promise.all([runner.continueInterrupted(), runner.expireApprovals()]).catch((err: unknown) => log.warn({ err }, 'playbook upkeep failed'));
  const timer = setInterval(tick, 60_000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await stopAlerts();
    await stopIncidents();
  };
}
