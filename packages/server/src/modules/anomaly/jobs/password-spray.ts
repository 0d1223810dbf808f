// Password spray: one source fails to log in to many different accounts within an hour (a few
// attempts each, so no single account's failures stand out). Keyed by source address.
import type { EventView } from './event-view.ts';
import { AUTHENTICATION } from './event-view.ts';
import { clampScore, HOUR, Job, type Finding, type JobEnv } from './job.ts';

interface SourceState { fails: Array<[string, number]>; ok: number; okHour: number; raisedAt: number; events: string[] }

export const SPRAY = { minAccounts: 10, window: HOUR, maxTracked: 300, learningEvents: 50 };

export class PasswordSprayJob extends Job<SourceState> {
  readonly info = {
    name: 'password_spray',
    title: 'Password spray',
    description: 'One source address with failed logins to many different accounts within an hour.',
    entityKind: 'source' as const,
    defaultThreshold: 50,
    learning: `after the organisation's first ${SPRAY.learningEvents} authentication events`,
    allowList: 'source addresses that legitimately try many accounts, e.g. an identity proxy (entity: an address or *)',
  };
  private seen = 0;

  keyOf(ev: EventView): string | undefined {
    return ev.classUid === AUTHENTICATION && ev.user ? ev.srcIp : undefined;
  }

  observe(ev: EventView, env: JobEnv): Finding[] | undefined {
    if (ev.classUid !== AUTHENTICATION || !ev.srcIp || !ev.user) return undefined;
    this.seen++;
    if (ev.statusId !== 2 && !this.entities.has(ev.srcIp)) return undefined;
    const s = this.touch(ev.srcIp, () => ({ fails: [], ok: 0, okHour: 0, raisedAt: 0, events: [] }));
    if (ev.statusId === 1) {
      const h = Math.floor(ev.time / HOUR);
      if (h !== s.okHour) { s.okHour = h; s.ok = 0; }
      s.ok++;
      return undefined;
    }
    if (ev.statusId !== 2) return undefined;
    const from = ev.time - SPRAY.window;
    s.fails = s.fails.filter(([, t]) => t >= from);
    s.fails.push([ev.user, ev.time]);
    if (s.fails.length > SPRAY.maxTracked) s.fails.shift();
    s.events.push(ev.eventId);
    if (s.events.length > 50) s.events.shift();
    const accounts = new Set(s.fails.map(([u]) => u));
    if (this.seen < SPRAY.learningEvents || accounts.size < SPRAY.minAccounts || ev.time - s.raisedAt < SPRAY.window) return undefined;
    if (env.allowed(this.info.name, ev.srcIp, [ev.srcIp])) return undefined;
    s.raisedAt = ev.time;
    const perAccount = s.fails.length / accounts.size;
    const score = clampScore(40 + 4 * (accounts.size - SPRAY.minAccounts) + 20 * Math.min(1, 3 / perAccount));
    const eventIds = [...s.events];
    s.events = [];
    return [{
      job: this.info.name, entityKind: 'source', entity: ev.srcIp, feature: 'accounts', score,
      title: `Password spray from ${ev.srcIp}: ${accounts.size} accounts failed within an hour`, eventIds, time: ev.time,
      explanation: {
        features: { distinct_accounts: accounts.size, failures: s.fails.length, failures_per_account: Number(perAccount.toFixed(2)), successes_this_hour: s.ok },
        baseline: { accounts_per_source_per_hour_max: SPRAY.minAccounts - 1 },
        observed: { distinct_accounts: accounts.size, window_minutes: SPRAY.window / 60_000 },
        influencers: [{ field: 'src_ip', value: ev.srcIp }, ...[...accounts].slice(0, 20).map((u) => ({ field: 'user', value: u }))],
      },
    }];
  }

  protected encode(s: SourceState): unknown {
    return { f: s.fails, o: s.ok, oh: s.okHour, r: s.raisedAt, e: s.events };
  }

  protected decode(j: unknown): SourceState {
    const o = j as { f: Array<[string, number]>; o: number; oh: number; r: number; e: string[] };
    return { fails: o.f, ok: o.o, okHour: o.oh, raisedAt: o.r, events: o.e };
  }

  override encodeOrg(): unknown {
    return { seen: this.seen };
  }

  override decodeOrg(j: unknown): void {
    this.seen = (j as { seen: number }).seen;
  }
}
