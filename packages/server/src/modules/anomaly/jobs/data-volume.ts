// Data-volume spike per host (exfiltration): bytes the host sent per hour against a Holt-Winters
// forecast with a daily season; the finding is raised as soon as the running hour exceeds the forecast
// by `k` standard deviations and `minBytes`.
import { HoltWinters, type HoltWintersState } from '../baselines/index.ts';
import type { EventView } from './event-view.ts';
import { clampScore, DAY, HOUR, Job, type Finding, type JobEnv } from './job.ts';

interface HostState { first: number; hour: number; sum: number; raised: boolean; hw: HoltWinters; top: Record<string, number> }

export const DATA_VOLUME = { k: 6, minBytes: 100 * 1024 * 1024, learningDays: 3 };

const mb = (b: number) => Number((b / 1048576).toFixed(1));

export class DataVolumeJob extends Job<HostState> {
  readonly info = {
    name: 'data_volume',
    title: 'Data-volume spike (exfiltration)',
    description: 'A host sending far more bytes in an hour than its seasonal (hour-of-day) forecast.',
    entityKind: 'host' as const,
    defaultThreshold: 60,
    learning: `each host after ${DATA_VOLUME.learningDays} days of traffic`,
    allowList: 'destination addresses (entity: a host or *), e.g. the backup server',
  };

  keyOf(ev: EventView): string | undefined {
    return ev.bytesOut !== undefined ? ev.host : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    const host = ev.host;
    if (!host || ev.bytesOut === undefined) return undefined;
    if (ev.dstIp && env.allowed(this.info.name, host, [ev.dstIp])) return undefined;
    const hour = Math.floor(ev.time / HOUR);
    const s = this.touch(host, () => ({ first: ev.time, hour, sum: 0, raised: false, hw: new HoltWinters({ period: 24 }), top: {} }));
    if (hour > s.hour) {
      s.hw.update(s.sum);
      for (let h = s.hour + 1; h < Math.min(hour, s.hour + 169); h++) s.hw.update(0);
      s.hour = hour;
      s.sum = 0;
      s.raised = false;
      s.top = {};
    } else if (hour < s.hour) {
      return undefined;
    }
    s.sum += ev.bytesOut;
    if (ev.dstIp) {
      s.top[ev.dstIp] = (s.top[ev.dstIp] ?? 0) + ev.bytesOut;
      const keys = Object.keys(s.top);
      if (keys.length > 16) {
        const smallest = keys.reduce((a, b) => (s.top[a]! <= s.top[b]! ? a : b));
        delete s.top[smallest];
      }
    }
    if (s.raised || !s.hw.ready || ev.time - s.first < DATA_VOLUME.learningDays * DAY) return undefined;
    const expected = Math.max(0, s.hw.forecast());
    const spread = Math.max(s.hw.std, 1024 * 1024);
    const limit = Math.max(expected + DATA_VOLUME.k * spread, DATA_VOLUME.minBytes);
    if (s.sum <= limit) return undefined;
    s.raised = true;
    const z = (s.sum - expected) / spread;
    const score = clampScore(55 + 15 * Math.log2(s.sum / limit) + Math.min(15, z / 10));
    const top = Object.entries(s.top).sort((a, b) => b[1] - a[1]).slice(0, 5);
    return [{
      job: this.info.name, entityKind: 'host', entity: host, feature: 'bytes_out', score,
      title: `Data-volume spike from ${host}: ${mb(s.sum)} MiB this hour (expected ${mb(expected)} MiB)`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { bytes_out_this_hour: s.sum, z: Number(z.toFixed(1)) },
        baseline: { expected_bytes: Math.round(expected), std_bytes: Math.round(spread), hour_utc: new Date(ev.time).getUTCHours(), hours_learned: s.hw.n },
        observed: { bytes_out_this_hour: s.sum, top_destinations: top.map(([ip, b]) => ({ ip, bytes: b })) },
        influencers: [{ field: 'host', value: host }, ...top.map(([ip]) => ({ field: 'dst_ip', value: ip })), ...(ev.user ? [{ field: 'user', value: ev.user }] : [])],
      },
    }];
  }

  protected encode(s: HostState): unknown {
    return { f: s.first, h: s.hour, s: s.sum, r: s.raised, w: s.hw.snapshot(), t: s.top };
  }

  protected decode(j: unknown): HostState {
    const o = j as { f: number; h: number; s: number; r: boolean; w: HoltWintersState; t: Record<string, number> };
    return { first: o.f, hour: o.h, sum: o.s, raised: o.r, hw: new HoltWinters({ period: 24 }, o.w), top: o.t };
  }
}
