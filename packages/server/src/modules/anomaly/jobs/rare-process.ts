// Rare process for a host: a process name the host has not run before, weighted by how few of the
// organisation's hosts run it (count-min sketch of host×process first sightings, with decay).
import { CountMinSketch, type CountMinState, FirstSeen, type FirstSeenState } from '../baselines/index.ts';
import type { EventView } from './event-view.ts';
import { PROCESS_ACTIVITY } from './event-view.ts';
import { clampScore, DAY, Job, type Finding, type JobEnv } from './job.ts';

interface HostState { first: number; n: number; procs: FirstSeen }
interface HostJson { f: number; n: number; p: FirstSeenState }

export const RARE_PROCESS = {
  minEvents: 100,
  minDays: 2,
  /** Prevalence (share of hosts running it) at or above which a new process is not rare at all. */
  commonShare: 0.25,
};

export class RareProcessJob extends Job<HostState> {
  readonly info = {
    name: 'rare_process',
    title: 'Rare process for a host',
    description: 'A process name the host has not run before, scored by how few of the organisation\'s hosts run it.',
    entityKind: 'host' as const,
    defaultThreshold: 70,
    learning: `each host after ${RARE_PROCESS.minEvents} process events over ${RARE_PROCESS.minDays} days`,
    allowList: 'process names (entity: a host name or *)',
  };
  /** Hosts per process (each host counted once, when it first runs the process). */
  private prevalence = new CountMinSketch(4096, 4, 17);
  private hosts = 0;
  private lastDecay = 0;

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === PROCESS_ACTIVITY && ev.host && ev.process ? ev.host : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== PROCESS_ACTIVITY || !ev.host || !ev.process) return undefined;
    let created = false;
    const s = this.touch(ev.host, () => ((created = true), { first: ev.time, n: 0, procs: new FirstSeen(512, 60 * DAY) }));
    if (created) this.hosts++;
    if (ev.time - this.lastDecay > 7 * DAY) {
      if (this.lastDecay) this.prevalence.decay(0.9);
      this.lastDecay = ev.time;
    }
    const learning = s.n < RARE_PROCESS.minEvents || ev.time - s.first < RARE_PROCESS.minDays * DAY;
    s.n++;
    const isNew = s.procs.add(ev.process, ev.time);
    if (!isNew) return undefined;
    const before = this.prevalence.estimate(ev.process);
    this.prevalence.add(ev.process);
    if (learning || env.allowed(this.info.name, ev.host, [ev.process])) return undefined;
    const share = this.hosts ? before / this.hosts : 0;
    const score = clampScore(40 + 60 * (1 - Math.min(1, share / RARE_PROCESS.commonShare)));
    return [{
      job: this.info.name, entityKind: 'host', entity: ev.host, feature: `process:${ev.process}`, score,
      title: `Rare process ${ev.process} on ${ev.host}`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { process: ev.process, host_share: Number(share.toFixed(4)) },
        baseline: { processes_known_on_host: s.procs.size - 1, hosts_running_it: Math.round(before), hosts: this.hosts },
        observed: { process: ev.process, first_time_on_host: true },
        influencers: [{ field: 'host', value: ev.host }, { field: 'process', value: ev.process }],
      },
    }];
  }

  protected encode(s: HostState): HostJson {
    return { f: s.first, n: s.n, p: s.procs.snapshot() };
  }

  protected decode(j: unknown): HostState {
    const h = j as HostJson;
    return { first: h.f, n: h.n, procs: new FirstSeen(512, 60 * DAY, h.p) };
  }

  override encodeOrg(): unknown {
    return { cm: this.prevalence.snapshot(), hosts: this.hosts, lastDecay: this.lastDecay };
  }

  override decodeOrg(j: unknown): void {
    const o = j as { cm: CountMinState; hosts: number; lastDecay: number };
    this.prevalence = new CountMinSketch(1, 1, 1, o.cm);
    this.hosts = o.hosts;
    this.lastDecay = o.lastDecay;
  }
}
