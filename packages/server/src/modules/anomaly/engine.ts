// The anomaly jobs of one organisation: every event goes through every enabled job; findings at or
// above the job's threshold that are not suppressed come out. State is written and read per job and
// partition (entity key hash mod PARTITIONS; the organisation-wide part of a job is partition -1).
import type { EventWire } from '../ingest/index.ts';
import { hash32 } from './baselines/index.ts';
import type { GeoLookup } from './geo/geo.ts';
import { createJobs, viewOf, type EventView, type Finding, type Job, type JobEnv, type JobSnapshot } from './jobs/index.ts';
import { allowed, suppressKey, type Policy } from './policy.ts';

export const PARTITIONS = 16;
export const ORG_PART = -1;

export const partitionOf = (entity: string): number => hash32(entity, 0x5eed) % PARTITIONS;

/** Where a partition's share of the organisation-wide state is kept when partitions are worked apart. */
export const orgPartOf = (part: number): number => -2 - part;

/** One event for the jobs: its view, and the jobs to run it through (all when absent). */
export interface EngineItem {
  readonly v: EventView;
  readonly j?: readonly string[];
}

export interface StateRow {
  readonly job: string;
  readonly part: number;
  readonly state: JobSnapshot;
}

export interface EngineOptions {
  readonly geo: () => GeoLookup | undefined;
  readonly maxEntities?: number;
  /** Partition number under which the organisation-wide state is written (ORG_PART when one engine has every entity). */
  readonly orgPart?: number;
}

export class OrgEngine {
  readonly jobs: Array<Job<unknown>>;
  private readonly geo: () => GeoLookup | undefined;
  private readonly orgPart: number;
  /** Rows whose saving failed, saved again with the next changes (newer rows of a partition win). */
  private readonly pending = new Map<string, StateRow>();

  constructor(opts: EngineOptions) {
    this.jobs = createJobs(opts.maxEntities);
    this.geo = opts.geo;
    this.orgPart = opts.orgPart ?? ORG_PART;
  }

  /** Findings to raise (threshold and suppressions applied), in event order. */
  run(events: readonly EventWire[], policy: Policy): Finding[] {
    return this.runItems(events.map((e) => ({ v: viewOf(e) })), policy);
  }

  runItems(items: readonly EngineItem[], policy: Policy): Finding[] {
    const env: JobEnv = { geo: this.geo, allowed: (job, entity, values) => allowed(policy, job, entity, values) };
    const active = this.jobs.filter((j) => policy.settings.get(j.info.name)?.enabled !== false);
    const out: Finding[] = [];
    for (const { v, j: only } of items) {
      for (const job of active) {
        if (only && !only.includes(job.info.name)) continue;
        const found = job.observe(v, env);
        if (!found) continue;
        const threshold = policy.settings.get(job.info.name)?.threshold ?? job.info.defaultThreshold;
        for (const f of found) {
          if (f.score >= threshold && !policy.suppressed.has(suppressKey(f.job, f.entity, f.feature))) out.push(f);
        }
      }
    }
    return out;
  }

  /** The partitions changed since the last call (all of them with `all`), as rows to store. */
  changed(all = false): StateRow[] {
    const rows: StateRow[] = [...this.pending.values()];
    this.pending.clear();
    for (const job of this.jobs) {
      const parts = new Set<number>();
      if (all) for (const k of job.keys()) parts.add(partitionOf(k));
      for (const k of job.touched) parts.add(partitionOf(k));
      const orgToo = all || job.touched.size > 0;
      job.touched.clear();
      if (!parts.size && !orgToo) continue;
      // One pass over the job's entities for all changed partitions.
      const byPart = new Map<number, Array<readonly [string, unknown]>>([...parts].map((p) => [p, []]));
      const snap = job.snapshot((k) => byPart.has(partitionOf(k)), false);
      for (const entry of snap.entities) byPart.get(partitionOf(entry[0]))!.push(entry);
      for (const [part, entities] of byPart) rows.push({ job: job.info.name, part, state: { entities } });
      if (orgToo) {
        const org = job.snapshot(() => false, true).org;
        if (org !== undefined) rows.push({ job: job.info.name, part: this.orgPart, state: { entities: [], org } });
      }
    }
    const latest = new Map<string, StateRow>();
    for (const r of rows) latest.set(`${r.job}/${r.part}`, r);
    return [...latest.values()];
  }

  /** Rows that could not be stored: they go out again with the next changes. */
  retry(rows: readonly StateRow[]): void {
    for (const r of rows) if (!this.pending.has(`${r.job}/${r.part}`)) this.pending.set(`${r.job}/${r.part}`, r);
  }

  restore(rows: readonly StateRow[]): void {
    const byName = new Map(this.jobs.map((j) => [j.info.name, j]));
    for (const r of rows) byName.get(r.job)?.restore(r.state);
  }

  get entities(): number {
    return this.jobs.reduce((n, j) => n + j.size, 0);
  }
}
