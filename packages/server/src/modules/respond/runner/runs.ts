// Running playbooks. Alerts (`alert.raised`) and incident changes (`incident.changed`) are matched
// against the organisation's enabled playbooks; each match is one run whose id is derived from the
// playbook version and the trigger, inserted once (with its trigger), so a redelivered message never
// runs a playbook twice. Runs execute beside the bus consumer, not inside it: the message is done once
// its runs are stored. A playbook's `concurrency` gives each run a key; while a run of that key is
// running or waiting for an approval, later runs wait `queued` and start one at a time, oldest first
// (decided under a transaction lock on the key, so several workers agree). The engine's state is
// stored after every step; runs a crash interrupted (or left queued) continue when a worker's upkeep
// finds them, and actions deduplicate by their idempotency key.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Alert, Incident, PlaybookRun } from '@bulwark/contracts';
import { INSTANCE, orgScope, rows, SUBJECTS, type Platform } from '../../../platform/index.ts';
import type { ChangeKind } from '../incidents/store.ts';
import { concurrencyKey, createEngine, matchesTrigger, systemClock, triggerContext, type ActionRegistry, type Engine, type IncidentChange, type Playbook, type RunState, type TriggerEvent } from '../playbooks/index.ts';
import { latestPlaybooks, parseOrThrow, playbookVersion } from './playbook-store.ts';

export interface RunRow {
  id: string; org_id: string; playbook_id: string; playbook_version: number; incident_id: string | null; alert_id: string | null; status: string; dry_run: boolean;
  /** The engine's state once the run started; before that (queued) `{ trigger }`, what it will start with (and for an incident's `updated`, `change` and how many later changes it `coalesced`). */
  state: RunState | { trigger?: RunState['trigger']; change?: string; coalesced?: number }; concurrency_key: string | null; created_at: Date | string; updated_at: Date | string;
}

/** Statuses that hold a run's concurrency key. */
const HOLDING = sql`('running', 'waiting_approval')`;

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
  /** Stores the runs an event triggers (running, or queued behind their concurrency key) and starts the running ones beside the caller; returns the new runs' ids. */
  dispatch(orgId: string, event: TriggerEvent, triggerId: string): Promise<string[]>;
  /** Resolves when every run this process started, and the queued runs they released, has ended its stretch. */
  idle(): Promise<void>;
  /** Continues runs a stopped process left running, and starts queued runs whose key nobody holds. */
  continueInterrupted(): Promise<number>;
  /** Applies approval timeouts that have passed. */
  expireApprovals(now?: number): Promise<number>;
  /** The playbook a stored run belongs to. */
  playbookOf(orgId: string, id: string, version: number): Promise<Playbook>;
  remember(runId: string, orgId: string): void;
  /** After a stretch of a run ended (also one resumed through the API): starts the next queued run of its key once the key is free. */
  settled(orgId: string, runId: string): Promise<void>;
  /** Keeps this process's unfinished runs from looking interrupted to other workers (every 20 s by itself). */
  heartbeat(): Promise<void>;
  /** Stops the heartbeat timer. */
  close(): void;
  /** Asks the runs of this process to stop at their next step (they stay `running` and are continued later). */
  abort(): void;
  invalidate(orgId: string): void;
}

export function createRunner(platform: Platform, registry: () => ActionRegistry): Runner {
  const { db, log } = platform;
  const orgs = new Map<string, string>();
  const inflight = new Set<Promise<void>>();
  let stopping = new AbortController();
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

  // Serialises the decisions about one key across transactions and processes (held until commit).
  const lockKey = (tx: Parameters<Parameters<typeof db.tx>[1]>[0], orgId: string, key: string) =>
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`playbook-run\n${orgId}\n${key}`}, 0))`);

  const execute = async (orgId: string, playbookId: string, run: () => Promise<RunState>, runId: string, key: string | null, signal: AbortSignal) => {
    orgs.set(runId, orgId);
    try {
      const state = await run();
      log.info({ run: runId, playbook: playbookId, status: state.status }, 'playbook run ended a stretch');
    } catch (err) {
      log.error({ err, run: runId, playbook: playbookId }, 'playbook run failed');
      const error = err instanceof Error ? err.message : String(err);
      await db.tx(INSTANCE, (tx) => tx.execute(sql`update playbook_runs set status = 'failed', state = state || ${JSON.stringify({ error })}::jsonb, updated_at = now() where id = ${runId} and status = 'running'`));
    } finally {
      orgs.delete(runId);
    }
    // A run stopped by shutdown keeps its key; the next queued run starts when it has really ended.
    if (key !== null && !signal.aborted) await runner.settled(orgId, runId);
  };

  const track = (work: Promise<void>) => {
    const p = work.catch((err: unknown) => log.error({ err }, 'playbook run bookkeeping failed'));
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  /** Runs a stored run beside the caller: from its trigger when it has not started, else from its state. */
  const launch = (row: RunRow, known?: Playbook) => {
    const signal = stopping.signal;
    track(execute(row.org_id, row.playbook_id, async () => {
      const pb = known ?? (await runner.playbookOf(row.org_id, row.playbook_id, row.playbook_version));
      const state = row.state as Partial<RunState>;
      if (state.runId) return engine.continueRun(pb, state as RunState, { signal });
      if (!state.trigger) throw new Error('the run was interrupted before its first step and its trigger was not kept');
      return engine.run(pb, state.trigger, { runId: row.id, signal });
    }, row.id, row.concurrency_key, signal));
  };

  /** The oldest queued run of a key, moved to running, when no run holds the key. */
  const startNext = async (orgId: string, key: string) => {
    const next = await db.tx(orgScope(orgId), async (tx) => {
      await lockKey(tx, orgId, key);
      const busy = await rows(tx, sql`select 1 from playbook_runs where org_id = ${orgId} and concurrency_key = ${key} and status in ${HOLDING} limit 1`);
      if (busy.length) return undefined;
      const [row] = await rows<RunRow>(tx, sql`update playbook_runs set status = 'running', updated_at = now() where id = (
        select id from playbook_runs where org_id = ${orgId} and concurrency_key = ${key} and status = 'queued' order by created_at, id limit 1) returning *`);
      return row;
    });
    if (next) launch(next);
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
        const trigger = triggerContext(event);
        const key = concurrencyKey(pb, trigger);
        // An incident's `updated` changes (one per joining alert) coalesce while a run for it waits its
        // turn: the queued run takes the newest incident instead of a new run queueing behind it.
        const coalesces = event.kind === 'incident' && event.change === 'updated' && incidentId !== null;
        const [fresh] = await db.tx(orgScope(orgId), async (tx) => {
          let status = 'running';
          if (key) {
            await lockKey(tx, orgId, key);
            const ahead = await rows(tx, sql`select 1 from playbook_runs where org_id = ${orgId} and concurrency_key = ${key} and status in ('queued', 'running', 'waiting_approval') and id <> ${runId} limit 1`);
            if (ahead.length) status = 'queued';
            if (ahead.length && coalesces) {
              const merged = await rows<{ id: string }>(tx, sql`update playbook_runs
                set state = jsonb_build_object('trigger', ${JSON.stringify(trigger)}::jsonb, 'change', 'updated', 'coalesced', coalesce((state->>'coalesced')::int, 0) + 1), updated_at = now()
                where id = (select id from playbook_runs where org_id = ${orgId} and concurrency_key = ${key} and status = 'queued' and playbook_id = ${pb.id}
                  and playbook_version = ${pb.version} and incident_id = ${incidentId} and state->>'change' = 'updated' order by created_at desc limit 1) returning id`);
              if (merged.length) return [];
            }
          }
          const stored = coalesces ? { trigger, change: 'updated' } : { trigger };
          return rows<RunRow>(tx, sql`insert into playbook_runs (id, org_id, playbook_id, playbook_version, incident_id, alert_id, status, state, concurrency_key)
            values (${runId}, ${orgId}, ${pb.id}, ${pb.version}, ${incidentId}, ${alertId}, ${status}, ${JSON.stringify(stored)}::jsonb, ${key}) on conflict (id) do nothing returning *`);
        });
        if (!fresh) continue;
        started.push(runId);
        if (fresh.status === 'running') launch(fresh, pb);
      }
      return started;
    },
    async idle() {
      while (inflight.size) await Promise.all([...inflight]);
    },
    async settled(orgId, runId) {
      const [row] = await db.tx(orgScope(orgId), (tx) => rows<{ status: string; concurrency_key: string | null }>(tx, sql`select status, concurrency_key from playbook_runs where id = ${runId}`));
      if (!row?.concurrency_key || row.status === 'running' || row.status === 'waiting_approval') return;
      await startNext(orgId, row.concurrency_key);
    },
    async heartbeat() {
      const ids = [...orgs.keys()];
      if (ids.length) await db.tx(INSTANCE, (tx) => tx.execute(sql`update playbook_runs set updated_at = now() where status = 'running' and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`));
    },
    abort() {
      stopping.abort();
      stopping = new AbortController();
    },
    close() {
      clearInterval(beat);
    },
    async playbookOf(orgId, id, version) {
      const row = await db.tx(orgScope(orgId), (tx) => playbookVersion(tx, orgId, id, version));
      if (!row) throw new Error(`playbook ${id}@${version} is gone`);
      return parseOrThrow(row.source, engineRegistry);
    },
    async continueInterrupted() {
      // A run is interrupted when its process stopped touching it (see heartbeat); claiming it touches it.
      const stuck = await db.tx(INSTANCE, (tx) => rows<RunRow>(tx, sql`select id from playbook_runs where status = 'running' and not dry_run and updated_at < now() - interval '1 minute' limit 100`));
      let n = 0;
      for (const { id } of stuck) {
        if (orgs.has(id)) continue;
        const [claimed] = await db.tx(INSTANCE, (tx) => rows<RunRow>(tx, sql`update playbook_runs set updated_at = now() where id = ${id} and status = 'running' and updated_at < now() - interval '1 minute' returning *`));
        if (!claimed) continue;
        n++;
        launch(claimed);
      }
      // Queued runs whose key nobody holds (the holder's process stopped before releasing it).
      const free = await db.tx(INSTANCE, (tx) => rows<{ org_id: string; concurrency_key: string }>(tx, sql`select distinct q.org_id, q.concurrency_key from playbook_runs q
        where q.status = 'queued' and not exists (select 1 from playbook_runs h where h.org_id = q.org_id and h.concurrency_key = q.concurrency_key and h.status in ${HOLDING}) limit 100`));
      for (const f of free) await startNext(f.org_id, f.concurrency_key);
      return n + free.length;
    },
    async expireApprovals(now = Date.now()) {
      const waiting = await db.tx(INSTANCE, (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where status = 'waiting_approval' and (state->'waiting'->>'expiresAt')::timestamptz <= ${new Date(now)}`));
      for (const r of waiting) {
        const claimed = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`update playbook_runs set status = 'running' where id = ${r.id} and status = 'waiting_approval' returning id`));
        if (!claimed.length) continue;
        const signal = stopping.signal;
        track(execute(r.org_id, r.playbook_id, async () => engine.expireApprovals(await runner.playbookOf(r.org_id, r.playbook_id, r.playbook_version), r.state as RunState, now, { signal }), r.id, r.concurrency_key, signal));
      }
      return waiting.length;
    },
  };
  // Every process that runs steps (a worker, or an API process resuming an approved run) touches its runs.
  const beat = setInterval(() => {
    if (orgs.size) void runner.heartbeat().catch((err: unknown) => log.warn({ err }, 'playbook heartbeat failed'));
  }, 20_000);
  beat.unref();
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
    // Runs stop at their next step and stay `running`: a worker continues them (steps done are not repeated).
    runner.abort();
    await runner.idle();
  };
}
