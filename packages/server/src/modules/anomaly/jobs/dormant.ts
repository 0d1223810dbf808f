// Dormant account suddenly active: an account that was active, then silent for `dormantDays`, logs in
// (or acts) again. The longer the silence, the higher the score.
import type { EventView } from './event-view.ts';
import { AUTHENTICATION } from './event-view.ts';
import { clampScore, DAY, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { first: number; last: number; n: number }

export const DORMANT = { dormantDays: 30, minEvents: 5 };

export class DormantAccountJob extends Job<UserState> {
  readonly info = {
    name: 'dormant_account',
    title: 'Dormant account active again',
    description: `An account with earlier activity, silent for ${DORMANT.dormantDays} days or more, logs in successfully again.`,
    entityKind: 'user' as const,
    defaultThreshold: 50,
    learning: `each user after ${DORMANT.minEvents} successful logins`,
    allowList: 'users expected back, e.g. after leave (entity: the user; value: *)',
  };

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === AUTHENTICATION && ev.statusId === 1 ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== AUTHENTICATION || ev.statusId !== 1 || !ev.user) return undefined;
    const s = this.touch(ev.user, () => ({ first: ev.time, last: ev.time, n: 0 }));
    const gap = ev.time - s.last;
    const prior = s.n;
    const last = s.last;
    s.n++;
    s.last = Math.max(s.last, ev.time);
    if (prior < DORMANT.minEvents || gap < DORMANT.dormantDays * DAY) return undefined;
    if (env.allowed(this.info.name, ev.user, ['*', ...(ev.srcIp ? [ev.srcIp] : [])])) return undefined;
    const days = gap / DAY;
    const score = clampScore(50 + 30 * Math.log2(days / DORMANT.dormantDays) + 10);
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: 'dormant', score,
      title: `Dormant account ${ev.user} active again after ${Math.floor(days)} days`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { days_silent: Number(days.toFixed(1)) },
        baseline: { dormant_after_days: DORMANT.dormantDays, last_activity: new Date(last).toISOString(), first_seen: new Date(s.first).toISOString(), earlier_logins: prior },
        observed: { login_time: new Date(ev.time).toISOString(), ...(ev.srcIp ? { src_ip: ev.srcIp } : {}) },
        influencers: [{ field: 'user', value: ev.user }, ...(ev.srcIp ? [{ field: 'src_ip', value: ev.srcIp }] : []), ...(ev.host ? [{ field: 'host', value: ev.host }] : [])],
      },
    }];
  }

  protected encode(s: UserState): unknown {
    return [s.first, s.last, s.n];
  }

  protected decode(j: unknown): UserState {
    const [first, last, n] = j as [number, number, number];
    return { first, last, n };
  }
}
