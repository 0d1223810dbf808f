// Failed-login spike for a user: failures per hour against the user's own EWMA of failures per hour
// (hours without failures count as zeros), so a user who often mistypes is not flagged for it.
import { Ewma, type EwmaState } from '../baselines/index.ts';
import type { EventView } from './event-view.ts';
import { AUTHENTICATION } from './event-view.ts';
import { clampScore, DAY, HOUR, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { first: number; hour: number; count: number; raised: boolean; base: Ewma; sources: string[] }

export const FAILED_LOGINS = { minFailures: 10, minZ: 4, learningDays: 2, alpha: 0.02 };

export class FailedLoginSpikeJob extends Job<UserState> {
  readonly info = {
    name: 'failed_login_spike',
    title: 'Failed-login spike',
    description: 'Many more failed logins for one account in an hour than the account\'s own hourly baseline.',
    entityKind: 'user' as const,
    defaultThreshold: 60,
    learning: `each user ${FAILED_LOGINS.learningDays} days after its first authentication`,
    allowList: 'source addresses (entity: a user or *)',
  };

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === AUTHENTICATION && (ev.statusId === 1 || ev.statusId === 2) ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== AUTHENTICATION || !ev.user || (ev.statusId !== 1 && ev.statusId !== 2)) return undefined;
    const hour = Math.floor(ev.time / HOUR);
    const s = this.touch(ev.user, () => ({ first: ev.time, hour, count: 0, raised: false, base: new Ewma(FAILED_LOGINS.alpha), sources: [] }));
    if (hour > s.hour) {
      s.base.update(s.count);
      for (let h = s.hour + 1; h < Math.min(hour, s.hour + 169); h++) s.base.update(0);
      s.hour = hour;
      s.count = 0;
      s.raised = false;
      s.sources = [];
    } else if (hour < s.hour) {
      return undefined; // a late event of a closed hour: too late to count
    }
    if (ev.statusId !== 2) return undefined;
    if (ev.srcIp && env.allowed(this.info.name, ev.user, [ev.srcIp])) return undefined;
    s.count++;
    if (ev.srcIp && s.sources.length < 20 && !s.sources.includes(ev.srcIp)) s.sources.push(ev.srcIp);
    if (s.raised || ev.time - s.first < FAILED_LOGINS.learningDays * DAY || s.count < FAILED_LOGINS.minFailures) return undefined;
    const z = s.base.z(s.count, 1);
    if (z < FAILED_LOGINS.minZ) return undefined;
    s.raised = true;
    const score = clampScore(50 + 25 * Math.log2(z / FAILED_LOGINS.minZ));
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: 'failures', score,
      title: `Failed-login spike for ${ev.user}: ${s.count} failures this hour`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { failures_this_hour: s.count, z: Number(z.toFixed(2)) },
        baseline: { mean_failures_per_hour: Number(s.base.mean.toFixed(3)), std: Number(s.base.std.toFixed(3)), hours_learned: s.base.n },
        observed: { failures_this_hour: s.count, sources: s.sources },
        influencers: [{ field: 'user', value: ev.user }, ...s.sources.map((v) => ({ field: 'src_ip', value: v }))],
      },
    }];
  }

  protected encode(s: UserState): unknown {
    return { f: s.first, h: s.hour, c: s.count, r: s.raised, b: s.base.snapshot(), s: s.sources };
  }

  protected decode(j: unknown): UserState {
    const o = j as { f: number; h: number; c: number; r: boolean; b: EwmaState; s: string[] };
    return { first: o.f, hour: o.h, count: o.c, raised: o.r, base: new Ewma(FAILED_LOGINS.alpha, o.b), sources: o.s };
  }
}
