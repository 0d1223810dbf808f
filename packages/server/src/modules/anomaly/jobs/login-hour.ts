// Unusual login hour for a user: a decayed histogram of the UTC hours of the user's successful
// logins; a login in an hour (and its neighbours) the user almost never logs in scores high.
import type { EventView } from './event-view.ts';
import { AUTHENTICATION } from './event-view.ts';
import { clampScore, DAY, Job, type Finding, type JobEnv } from './job.ts';

interface UserState { hours: number[]; n: number; days: number; lastDay: number }

export const LOGIN_HOUR = { minLogins: 30, minDays: 7, decay: 0.995 };

export class LoginHourJob extends Job<UserState> {
  readonly info = {
    name: 'login_hour',
    title: 'Unusual login hour',
    description: 'A successful login at an hour of the day (UTC) when the user almost never logs in.',
    entityKind: 'user' as const,
    defaultThreshold: 80,
    learning: `each user after ${LOGIN_HOUR.minLogins} logins on ${LOGIN_HOUR.minDays} different days`,
    allowList: 'hours 0-23 (entity: a user or *)',
  };

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === AUTHENTICATION && ev.statusId === 1 ? ev.user : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== AUTHENTICATION || ev.statusId !== 1 || !ev.user) return undefined;
    const s = this.touch(ev.user, () => ({ hours: new Array<number>(24).fill(0), n: 0, days: 0, lastDay: -1 }));
    const hour = new Date(ev.time).getUTCHours();
    const day = Math.floor(ev.time / DAY);
    const learning = s.n < LOGIN_HOUR.minLogins || s.days < LOGIN_HOUR.minDays;
    const total = s.hours.reduce((a, b) => a + b, 0);
    const near = s.hours[hour]! + 0.5 * (s.hours[(hour + 23) % 24]! + s.hours[(hour + 1) % 24]!);
    // Smoothed share of logins in this hour; 1/24 would be a user who logs in at any hour.
    const share = (near + 0.05) / (2 * total + 1.2);
    for (let h = 0; h < 24; h++) s.hours[h]! *= LOGIN_HOUR.decay;
    s.hours[hour]! += 1;
    s.n++;
    if (day !== s.lastDay) {
      s.days++;
      s.lastDay = day;
    }
    const score = clampScore(100 * (1 - Math.min(1, share * 24)));
    // Usual hours score low: no finding object for them (no threshold goes that low in practice).
    if (learning || score < 30 || env.allowed(this.info.name, ev.user, [String(hour)])) return undefined;
    const usual = s.hours.map((c, h) => [h, c] as const).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([h]) => h);
    return [{
      job: this.info.name, entityKind: 'user', entity: ev.user, feature: `hour:${hour}`, score,
      title: `Login by ${ev.user} at an unusual hour (${String(hour).padStart(2, '0')}:00 UTC)`, eventIds: [ev.eventId], time: ev.time,
      explanation: {
        features: { hour_utc: hour, share_of_logins_near_hour: Number(share.toFixed(4)) },
        baseline: { usual_hours_utc: usual, logins_learned: s.n - 1, uniform_share: Number((1 / 24).toFixed(4)) },
        observed: { hour_utc: hour },
        influencers: [{ field: 'user', value: ev.user }, ...(ev.srcIp ? [{ field: 'src_ip', value: ev.srcIp }] : []), ...(ev.host ? [{ field: 'host', value: ev.host }] : [])],
      },
    }];
  }

  protected encode(s: UserState): unknown {
    return { h: s.hours.map((x) => Number(x.toFixed(3))), n: s.n, d: s.days, l: s.lastDay };
  }

  protected decode(j: unknown): UserState {
    const o = j as { h: number[]; n: number; d: number; l: number };
    return { hours: o.h, n: o.n, days: o.d, lastDay: o.l };
  }
}
