// What every anomaly job is: a name, the entity it keys on, a learning period, and per-entity state
// (bounded: past `maxEntities` an entity not changed recently is forgotten) that it can write out as
// JSON and read back. observe() sees one event at a time, in order, and may return findings.
import type { GeoLookup } from '../geo/geo.ts';
import type { EventView } from './event-view.ts';

export type EntityKind = 'user' | 'host' | 'source';

export interface Explanation {
  /** The features the score was computed from. */
  readonly features: Readonly<Record<string, number | string>>;
  /** What the baseline expected. */
  readonly baseline: Readonly<Record<string, unknown>>;
  /** What was observed. */
  readonly observed: Readonly<Record<string, unknown>>;
  /** The entities (accounts, addresses, processes, countries) that influenced the finding. */
  readonly influencers: ReadonlyArray<{ readonly field: string; readonly value: string }>;
}

export interface Finding {
  readonly job: string;
  readonly entityKind: EntityKind;
  readonly entity: string;
  /** The key feature: a false positive marked on this finding suppresses findings with the same job, entity and feature. */
  readonly feature: string;
  /** 0–100. */
  readonly score: number;
  readonly title: string;
  readonly eventIds: readonly string[];
  readonly time: number;
  readonly explanation: Explanation;
}

export interface JobEnv {
  readonly geo: () => GeoLookup | undefined;
  /** True when the organisation allow-listed one of the values for this job and entity (or any entity). */
  allowed(job: string, entity: string, values: readonly string[]): boolean;
}

export interface JobInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly entityKind: EntityKind;
  /** Findings scoring below this are not raised (organisations may change it). */
  readonly defaultThreshold: number;
  /** When the job starts to report, in words. */
  readonly learning: string;
  /** What allow-list values mean for this job. */
  readonly allowList: string;
}

export interface JobSnapshot {
  readonly entities: ReadonlyArray<readonly [string, unknown]>;
  readonly org?: unknown;
}

export abstract class Job<T> {
  abstract readonly info: JobInfo;
  readonly maxEntities: number;
  protected readonly entities = new Map<string, T>();
  /** Entities whose state changed since the last snapshot (the runner saves their partitions). */
  readonly touched = new Set<string>();

  constructor(maxEntities = 200_000) {
    this.maxEntities = maxEntities;
  }

  /** The entity an event would be judged under (undefined: the job ignores the event); routes events to partitions. */
  abstract keyOf(ev: EventView): string | undefined;
  abstract observe(ev: EventView, env: JobEnv): Finding[] | undefined;
  protected abstract encode(state: T): unknown;
  protected abstract decode(json: unknown): T;
  encodeOrg(): unknown {
    return undefined;
  }
  decodeOrg(json: unknown): void {
    void json;
  }

  get size(): number {
    return this.entities.size;
  }

  keys(): IterableIterator<string> {
    return this.entities.keys();
  }

  /**
   * The entity's state (created by `fresh` if new), marked as changed. At `maxEntities`, a new entity
   * replaces the oldest one not changed since the last save (second chance: changed ones move to the
   * end), so memory stays bounded without reordering the map on every event.
   */
  protected touch(key: string, fresh: () => T): T {
    this.touched.add(key);
    let s = this.entities.get(key);
    if (s !== undefined) return s;
    s = fresh();
    if (this.entities.size >= this.maxEntities) this.evictOne();
    this.entities.set(key, s);
    return s;
  }

  private evictOne(): void {
    for (let chance = 0; chance < 8; chance++) {
      const oldest = this.entities.keys().next();
      if (oldest.done) return;
      const k = oldest.value;
      const v = this.entities.get(k)!;
      this.entities.delete(k);
      if (!this.touched.has(k) || chance === 7) return;
      this.entities.set(k, v);
    }
  }

  /** Snapshot of the entities `select` picks (a partition), and the organisation-wide state if `org`. */
  snapshot(select: (key: string) => boolean, org: boolean): JobSnapshot {
    const entities: Array<[string, unknown]> = [];
    for (const [k, s] of this.entities) if (select(k)) entities.push([k, this.encode(s)]);
    const o = org ? this.encodeOrg() : undefined;
    return o === undefined ? { entities } : { entities, org: o };
  }

  restore(snap: JobSnapshot): void {
    for (const [k, j] of snap.entities) this.entities.set(k, this.decode(j));
    if (snap.org !== undefined) this.decodeOrg(snap.org);
  }
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function clampScore(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}
