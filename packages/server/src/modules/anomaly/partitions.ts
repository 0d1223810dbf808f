// The anomaly jobs across several worker processes (NATS). The worker that receives a batch of events
// (any of them: the detect consumer group shares batches) only routes: each event goes, with the names
// of the jobs that judge it there, to the partition of each entity those jobs key on (user, host or
// source address; partitionOf). Each partition is worked by one process at a time (partition leases):
// it loads the partition's state per organisation when it gains the lease, runs the jobs, raises their
// alerts, saves periodically, and saves and lets go when the partitions are shared anew. The
// organisation-wide parts of the jobs (process prevalence, peer groups) are kept per partition there.
import { createHash } from 'node:crypto';
import { orgScope, PartitionLeases, type Bus, type Db, type Logger } from '../../platform/index.ts';
import type { DetectedAlert } from '../detect/index.ts';
import { OrgEngine, orgPartOf, partitionOf, PARTITIONS, type EngineItem } from './engine.ts';
import type { GeoLookup } from './geo/geo.ts';
import { createJobs, type EventView, type Finding } from './jobs/index.ts';
import type { Policy } from './policy.ts';
import { loadState, saveState } from './store.ts';

export const OBSERVE_SUBJECT = 'anomaly.observe';

export interface ObserveMessage {
  readonly orgId: string;
  readonly part: number;
  readonly items: ReadonlyArray<{ readonly v: EventView; readonly j: readonly string[] }>;
}

export interface AnomalyPartitionOptions {
  readonly db: Db;
  readonly bus: Bus;
  readonly log: Logger;
  readonly geo: () => GeoLookup | undefined;
  readonly ready?: () => Promise<void>;
  readonly policy: (orgId: string) => Promise<Policy>;
  readonly raise: (orgId: string, alerts: DetectedAlert[]) => Promise<void>;
  readonly toAlert: (f: Finding) => DetectedAlert;
  readonly leaseTtlMs?: number;
}

interface Partition {
  readonly engines: Map<string, Promise<OrgEngine>>;
  readonly unraised: Map<string, DetectedAlert[]>;
  stop?: () => Promise<void>;
}

const router = createJobs(1);

/** Splits a batch of event views by partition, each event with the jobs that judge it there. */
export function route(views: readonly EventView[]): Map<number, Array<{ v: EventView; j: string[] }>> {
  const out = new Map<number, Array<{ v: EventView; j: string[] }>>();
  for (const v of views) {
    const byPart = new Map<number, string[]>();
    for (const job of router) {
      const key = job.keyOf(v);
      if (key === undefined) continue;
      const part = partitionOf(key);
      const jobs = byPart.get(part);
      if (jobs) jobs.push(job.info.name);
      else byPart.set(part, [job.info.name]);
    }
    for (const [part, j] of byPart) {
      let list = out.get(part);
      if (!list) out.set(part, (list = []));
      list.push({ v, j });
    }
  }
  return out;
}

export function observeMessageId(msg: ObserveMessage): string {
  const h = createHash('sha256').update(`${msg.orgId}\n${msg.part}`);
  for (const i of msg.items) h.update(`\n${i.v.eventId}`);
  return `anomaly-observe-${h.digest('hex').slice(0, 40)}`;
}

export class AnomalyPartitions {
  private readonly o: AnomalyPartitionOptions;
  private readonly parts = new Map<number, Partition>();
  readonly leases: PartitionLeases;

  constructor(o: AnomalyPartitionOptions) {
    this.o = o;
    this.leases = new PartitionLeases(o.db, {
      name: 'anomaly', partitions: PARTITIONS, log: o.log,
      ...(o.leaseTtlMs ? { ttlMs: o.leaseTtlMs } : {}),
      onGain: async (part) => this.gain(part),
      onLose: async (part) => this.lose(part),
    });
  }

  start(): Promise<void> {
    return this.leases.start();
  }

  stop(): Promise<void> {
    return this.leases.stop();
  }

  /** Sends a batch's events to their partitions (in one transaction of the organisation). */
  async publish(orgId: string, views: readonly EventView[]): Promise<void> {
    const routed = route(views);
    if (!routed.size) return;
    await this.o.db.tx(orgScope(orgId), async (tx) => {
      for (const [part, items] of routed) {
        const msg: ObserveMessage = { orgId, part, items };
        await this.o.bus.publish(tx, `${OBSERVE_SUBJECT}.${part}`, msg, observeMessageId(msg));
      }
    });
  }

  /** Saves the changed state of every partition held. */
  async flush(): Promise<void> {
    for (const [part, p] of this.parts) await this.save(part, p);
  }

  private async save(part: number, p: Partition): Promise<void> {
    for (const [orgId, e] of p.engines) {
      const engine = await e.catch(() => undefined);
      if (!engine) continue;
      const changed = engine.changed();
      try {
        await saveState(this.o.db, orgId, changed);
      } catch (err) {
        this.o.log.warn({ err, orgId, part }, 'saving anomaly partition state failed; retried with the next save');
        engine.retry(changed);
      }
    }
  }

  private async gain(part: number): Promise<void> {
    const p: Partition = { engines: new Map(), unraised: new Map() };
    this.parts.set(part, p);
    p.stop = this.o.bus.consume<ObserveMessage>(`${OBSERVE_SUBJECT}.${part}`, 'anomaly-observe', (msg) => this.handle(part, msg.data));
    this.o.log.info({ part }, 'anomaly partition taken');
  }

  private async lose(part: number): Promise<void> {
    const p = this.parts.get(part);
    if (!p) return;
    await p.stop?.().catch((err: unknown) => this.o.log.warn({ err, part }, 'stopping an anomaly partition consumer failed'));
    await this.save(part, p);
    this.parts.delete(part);
    this.o.log.info({ part }, 'anomaly partition given up');
  }

  private engine(part: number, p: Partition, orgId: string): Promise<OrgEngine> {
    let e = p.engines.get(orgId);
    if (!e) {
      e = (async () => {
        const engine = new OrgEngine({ geo: this.o.geo, orgPart: orgPartOf(part) });
        engine.restore(await loadState(this.o.db, orgId, [part, orgPartOf(part)]));
        return engine;
      })();
      e.catch(() => p.engines.delete(orgId));
      p.engines.set(orgId, e);
    }
    return e;
  }

  private async handle(part: number, msg: ObserveMessage): Promise<void> {
    const p = this.parts.get(part);
    // Not (or no longer surely) ours: fail, so that the message goes to the partition's owner.
    if (!p || !this.leases.owns(part)) throw new Error(`anomaly partition ${part} is not held by this process`);
    const [engine, policy] = await Promise.all([this.engine(part, p, msg.orgId), this.o.policy(msg.orgId), this.o.ready?.()]);
    const items: readonly EngineItem[] = msg.items;
    const found = engine.runItems(items, policy).map(this.o.toAlert);
    const pending = [...(p.unraised.get(msg.orgId) ?? []), ...found];
    p.unraised.delete(msg.orgId);
    if (!pending.length) return;
    try {
      await this.o.raise(msg.orgId, pending);
    } catch (err) {
      p.unraised.set(msg.orgId, pending); // raised with the next message (alert ids are deterministic)
      throw err;
    }
  }
}
