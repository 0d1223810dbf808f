// The anomaly jobs as a detector of the detect module: findings become alerts of detector 'anomaly'
// with the job as rule id, a severity from the score, and the explanation in the alert's fields.
// State is loaded per organisation on first use, saved every `saveMs` and when the worker stops.
import type { Severity } from '@bulwark/contracts';
import type { Db, Logger } from '../../platform/index.ts';
import type { DetectedAlert, Detector } from '../detect/index.ts';
import type { EventWire } from '../ingest/index.ts';
import { OrgEngine } from './engine.ts';
import { AnomalyPartitions } from './partitions.ts';
import { viewOf } from './jobs/index.ts';
import type { Bus } from '../../platform/index.ts';
import type { GeoLookup } from './geo/geo.ts';
import type { Finding } from './jobs/index.ts';
import type { Policy } from './policy.ts';
import { loadPolicy, loadState, saveState } from './store.ts';

export const ANOMALY_DETECTOR = 'anomaly';
export const ANOMALY_CHANGED = 'anomaly.changed';

export function severityOf(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 75) return 'high';
  if (score >= 60) return 'medium';
  if (score >= 40) return 'low';
  return 'informational';
}

export function toAlert(f: Finding): DetectedAlert {
  return {
    ruleId: f.job,
    title: f.title.slice(0, 300),
    severity: severityOf(f.score),
    eventIds: f.eventIds,
    eventTime: new Date(f.time).toISOString(),
    tags: ['anomaly', `anomaly.${f.job}`],
    fields: { job: f.job, score: f.score, entity_kind: f.entityKind, entity: f.entity, feature: f.feature, explanation: f.explanation },
  };
}

export interface AnomalyDetectorOptions {
  readonly db: Db;
  readonly log: Logger;
  readonly geo: () => GeoLookup | undefined;
  /** Resolves when what the jobs need (the geolocation databases) is loaded. */
  readonly ready?: () => Promise<void>;
  readonly saveMs: number;
  readonly policyTtlMs?: number;
  readonly now?: () => number;
  /** Several workers (NATS): events are routed to entity partitions, each worked by one process. */
  readonly partitioned?: { readonly bus: Bus; readonly raise: (orgId: string, alerts: DetectedAlert[]) => Promise<void>; readonly leaseTtlMs?: number };
}

export class AnomalyDetector implements Detector {
  readonly id = ANOMALY_DETECTOR;
  private readonly o: AnomalyDetectorOptions;
  private readonly engines = new Map<string, Promise<OrgEngine>>();
  private readonly policies = new Map<string, { at: number; policy: Promise<Policy> }>();
  private lastSave: number;
  private saving: Promise<void> = Promise.resolve();
  private readonly partitions: AnomalyPartitions | undefined;

  constructor(o: AnomalyDetectorOptions) {
    this.o = o;
    this.lastSave = this.now();
    this.partitions = o.partitioned
      ? new AnomalyPartitions({
        db: o.db, bus: o.partitioned.bus, log: o.log, geo: o.geo, toAlert, raise: o.partitioned.raise, policy: (orgId) => this.policy(orgId),
        ...(o.ready ? { ready: o.ready } : {}), ...(o.partitioned.leaseTtlMs ? { leaseTtlMs: o.partitioned.leaseTtlMs } : {}),
      })
      : undefined;
  }

  /** Partitioned: starts taking partition leases. */
  async start(): Promise<void> {
    await this.partitions?.start();
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private engine(orgId: string): Promise<OrgEngine> {
    let e = this.engines.get(orgId);
    if (!e) {
      e = (async () => {
        const engine = new OrgEngine({ geo: this.o.geo });
        engine.restore(await loadState(this.o.db, orgId));
        return engine;
      })();
      e.catch(() => this.engines.delete(orgId));
      this.engines.set(orgId, e);
    }
    return e;
  }

  policy(orgId: string): Promise<Policy> {
    const hit = this.policies.get(orgId);
    if (hit && this.now() - hit.at < (this.o.policyTtlMs ?? 30_000)) return hit.policy;
    const policy = loadPolicy(this.o.db, orgId);
    policy.catch(() => this.policies.delete(orgId));
    this.policies.set(orgId, { at: this.now(), policy });
    return policy;
  }

  /** The organisation's settings, allow-list or suppressions changed. */
  invalidate(orgId: string): void {
    this.policies.delete(orgId);
  }

  async detect(orgId: string, events: readonly EventWire[]): Promise<DetectedAlert[]> {
    if (this.partitions) {
      await this.partitions.publish(orgId, events.map(viewOf));
      if (this.now() - this.lastSave >= this.o.saveMs) await this.save();
      return []; // the partitions' owners raise the alerts
    }
    const [engine, policy] = await Promise.all([this.engine(orgId), this.policy(orgId), this.o.ready?.()]);
    const found = engine.run(events, policy).map(toAlert);
    if (this.now() - this.lastSave >= this.o.saveMs) await this.save();
    return found;
  }

  /** Saves the changed partitions of every organisation. */
  save(): Promise<void> {
    this.lastSave = this.now();
    this.saving = this.saving.then(async () => {
      await this.partitions?.flush();
      for (const [orgId, e] of this.engines) {
        const engine = await e.catch(() => undefined);
        if (!engine) continue;
        const changed = engine.changed();
        try {
          await saveState(this.o.db, orgId, changed);
        } catch (err) {
          this.o.log.warn({ err, orgId }, 'saving anomaly job state failed; retried with the next save');
          engine.retry(changed);
        }
      }
    });
    return this.saving;
  }

  async close(): Promise<void> {
    await this.partitions?.stop(); // saves each partition as it is given up
    await this.save();
  }
}
