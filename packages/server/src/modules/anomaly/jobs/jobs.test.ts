// Each job on hand-made event sequences: silent while learning, a finding with its explanation once the
// behaviour changes, and nothing for the usual behaviour.
import { describe, expect, it } from 'vitest';
import { openGeo } from '../geo/geo.ts';
import type { EventView } from './event-view.ts';
import { FailedLoginSpikeJob } from './failed-logins.ts';
import { FirstSeenGeoJob } from './first-seen-geo.ts';
import { DAY, HOUR, type Finding, type Job, type JobEnv } from './job.ts';
import { LoginHourJob } from './login-hour.ts';
import { PeerGroupJob } from './peer-group.ts';
import { RareProcessJob } from './rare-process.ts';
import { DataVolumeJob } from './data-volume.ts';
import { ImpossibleTravelJob } from './travel.ts';
import { allowed } from '../policy.ts';

const geo = openGeo();
const env: JobEnv = { geo: () => geo, allowed: () => false };
const T0 = Date.parse('2026-03-02T00:00:00Z');
let n = 0;
const ev = (o: Partial<EventView>): EventView => ({
  eventId: `e${++n}`, time: T0, classUid: 0, statusId: undefined, user: undefined, host: undefined, srcIp: undefined, dstIp: undefined,
  dstHost: undefined, process: undefined, bytesOut: undefined, group: undefined, ...o,
});
/** The findings the engine would raise (at or above the job's default threshold). */
const feed = (job: Job<unknown>, events: EventView[]): Finding[] => events.flatMap((e) => job.observe(e, env) ?? []).filter((f) => f.score >= job.info.defaultThreshold);
const auth = (time: number, user: string, ok: boolean, srcIp?: string, extra: Partial<EventView> = {}) =>
  ev({ time, classUid: 3002, statusId: ok ? 1 : 2, user, ...(srcIp ? { srcIp } : {}), ...extra });

describe('security jobs', () => {
  it('rare_process: a process new on a learned host and run nowhere else', () => {
    const job = new RareProcessJob();
    const usual = ['explorer.exe', 'chrome.exe', 'outlook.exe'];
    const events: EventView[] = [];
    for (let i = 0; i < 1200; i++) {
      const host = `ws-${i % 10}`;
      events.push(ev({ time: T0 + i * 5 * 60_000, classUid: 1007, host, process: usual[Math.floor(i / 10) % 3]! }));
    }
    expect(feed(job, events)).toEqual([]);
    const [f] = feed(job, [ev({ time: T0 + 5 * DAY, classUid: 1007, host: 'ws-3', process: 'mimikatz.exe' })]);
    expect(f).toMatchObject({ job: 'rare_process', entity: 'ws-3', feature: 'process:mimikatz.exe' });
    expect(f!.score).toBe(100);
    expect(f!.explanation.baseline).toMatchObject({ hosts_running_it: 0, hosts: 10 });
    // Now on a second host: less rare, still new there.
    const [g] = feed(job, [ev({ time: T0 + 5 * DAY + 1, classUid: 1007, host: 'ws-4', process: 'mimikatz.exe' })]);
    expect(g!.score).toBeLessThan(100);
  });

  it('login_hour: a login at 03:00 UTC by a user who logs in from 08:00 to 17:00', () => {
    const job = new LoginHourJob();
    const events: EventView[] = [];
    for (let d = 0; d < 14; d++) for (const h of [8, 10, 13, 16]) events.push(auth(T0 + d * DAY + h * HOUR, 'bob', true));
    expect(feed(job, events)).toEqual([]);
    const [f] = feed(job, [auth(T0 + 15 * DAY + 3 * HOUR, 'bob', true, '192.0.2.1')]);
    expect(f).toMatchObject({ job: 'login_hour', entity: 'bob', feature: 'hour:3' });
    expect(f!.score).toBeGreaterThanOrEqual(90);
    expect((f!.explanation.baseline['usual_hours_utc'] as number[]).every((h) => h >= 8 && h <= 16)).toBe(true);
    expect(feed(job, [auth(T0 + 15 * DAY + 10 * HOUR, 'bob', true)])).toEqual([]);
  });

  it('failed_login_spike: 30 failures in an hour for an account that fails once a day', () => {
    const job = new FailedLoginSpikeJob();
    const events: EventView[] = [];
    for (let d = 0; d < 5; d++) {
      events.push(auth(T0 + d * DAY + 9 * HOUR, 'carol', false));
      events.push(auth(T0 + d * DAY + 9 * HOUR + 60_000, 'carol', true));
    }
    expect(feed(job, events)).toEqual([]);
    const burst = Array.from({ length: 30 }, (_, i) => auth(T0 + 6 * DAY + 2 * HOUR + i * 60_000, 'carol', false, '198.51.100.7'));
    const found = feed(job, burst);
    expect(found).toHaveLength(1); // once per hour
    expect(found[0]).toMatchObject({ job: 'failed_login_spike', entity: 'carol', feature: 'failures' });
    expect(found[0]!.explanation.observed['sources']).toEqual(['198.51.100.7']);
  });

  it('first_seen_geo: a new country after the learning period, not during it', () => {
    const job = new FirstSeenGeoJob();
    const ipIn = (c: string) => { const [a] = geo.rangesOf!(c)[0]!; return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${(a & 255) + 1}`; };
    const de = ipIn('DE');
    const events = Array.from({ length: 30 }, (_, i) => auth(T0 + i * 4 * HOUR, 'dave', true, de));
    expect(feed(job, [auth(T0 - 1, 'dave', true, ipIn('FR')), ...events])).toEqual([]); // FR while learning
    const [f] = feed(job, [auth(T0 + 6 * DAY, 'dave', true, ipIn('BR'))]);
    expect(f).toMatchObject({ job: 'first_seen_geo', entity: 'dave', feature: 'source_country:BR', score: 75 });
  });

  // Addresses as the installed IPv6 tables place them: 2a01:4f8::/32 DE (Hetzner, AS24940),
  // 2001:4860::/32 US (Google, AS15169); 1.1.1.1 in AU.
  it('impossible_travel: an IPv6 login in one country and an IPv4 one in another', () => {
    const job = new ImpossibleTravelJob();
    const T = T0 + 10 * DAY;
    expect(feed(job, [auth(T, 'erin', true, '2a01:4f8:c17:1::2')])).toEqual([]);
    const [f] = feed(job, [auth(T + 2 * HOUR, 'erin', true, '1.1.1.1')]);
    expect(f).toMatchObject({ job: 'impossible_travel', entity: 'erin', feature: 'travel:AU-DE' });
    expect(f!.explanation.baseline).toMatchObject({ previous_country: 'DE', previous_ip: '2a01:4f8:c17:1::2' });
    // And back over IPv6 written another way, with a zone id; an IPv4-mapped address is its IPv4 one.
    const [back] = feed(job, [auth(T + 3 * HOUR, 'erin', true, '2a01:04f8:0c17:0001:0000:0000:0000:0002%eth0')]);
    expect(back).toMatchObject({ feature: 'travel:AU-DE' });
    const [us] = feed(job, [auth(T + 4 * HOUR, 'erin', true, '::ffff:1.1.1.1')]);
    expect(us).toMatchObject({ feature: 'travel:AU-DE' });
    // Link-local and unique-local logins locate nowhere and do not move the user.
    expect(feed(job, [auth(T + 5 * HOUR, 'erin', true, 'fe80::1%eth0'), auth(T + 5 * HOUR, 'erin', true, 'fd00::5')])).toEqual([]);
    const [next] = feed(job, [auth(T + 6 * HOUR, 'erin', true, '2001:4860:4860::8888')]);
    expect(next).toMatchObject({ feature: 'travel:AU-US' });
    expect(next!.explanation.observed).toMatchObject({ country: 'US', asn: 15169 });
  });

  it('impossible_travel: an allow-listed IPv6 network (VPN egress) is skipped', () => {
    const job = new ImpossibleTravelJob();
    const policy = { settings: new Map(), allow: [{ job: 'impossible_travel', entity: '*', value: '2a01:4f8::/32' }], suppressed: new Set<string>() };
    const vpn: JobEnv = { geo: () => geo, allowed: (j, e, values) => allowed(policy, j, e, values) };
    const T = T0 + 10 * DAY;
    const found = [auth(T, 'fred', true, '1.1.1.1'), auth(T + HOUR, 'fred', true, '2a01:4f8::9'), auth(T + 2 * HOUR, 'fred', true, '1.1.1.1')]
      .flatMap((e) => job.observe(e, vpn) ?? []);
    expect(found).toEqual([]);
  });

  it('first_seen_geo: an IPv6 destination in a new country or network', () => {
    const job = new FirstSeenGeoJob();
    const net = (time: number, dstIp: string) => ev({ time, classUid: 4001, user: 'gina', dstIp });
    const events = Array.from({ length: 30 }, (_, i) => net(T0 + i * 4 * HOUR, i % 2 ? '2a01:4f8::1' : '::ffff:1.1.1.1'));
    expect(feed(job, events)).toEqual([]);
    const [f] = feed(job, [net(T0 + 6 * DAY, '2001:4860:4860::8888')]);
    expect(f).toMatchObject({ job: 'first_seen_geo', entity: 'gina', feature: 'destination_country:US', score: 75 });
    expect(f!.explanation.observed).toMatchObject({ ip: '2001:4860:4860::8888', country: 'US', asn: 'AS15169' });
  });

  it('peer_group: a user reaching far more hosts in a day than the group does', () => {
    const job = new PeerGroupJob();
    const events: EventView[] = [];
    for (let d = 0; d < 10; d++) {
      for (const u of ['p1', 'p2', 'p3', 'p4', 'p5']) {
        for (const h of [1, 2, 3]) events.push(auth(T0 + d * DAY + h * HOUR, u, true, undefined, { host: `srv-${h}`, group: 'finance' }));
      }
    }
    expect(feed(job, events)).toEqual([]);
    const sweep = Array.from({ length: 40 }, (_, i) => auth(T0 + 11 * DAY + i * 60_000, 'p2', true, undefined, { host: `srv-${100 + i}`, group: 'finance' }));
    const found = feed(job, sweep);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ job: 'peer_group', entity: 'p2', feature: 'distinct_hosts' });
    expect(found[0]!.explanation.baseline['group']).toBe('finance');
  });

  it('data_volume: an hour far above the daily profile', () => {
    const job = new DataVolumeJob();
    const events: EventView[] = [];
    for (let h = 0; h < 24 * 5; h++) {
      const day = (h % 24) >= 8 && (h % 24) < 18;
      events.push(ev({ time: T0 + h * HOUR + 60_000, host: 'ws-9', bytesOut: day ? 20e6 : 1e6, dstIp: '192.0.2.10' }));
    }
    expect(feed(job, events)).toEqual([]);
    const out = Array.from({ length: 6 }, (_, i) => ev({ time: T0 + 5 * DAY + 22 * HOUR + i * 5 * 60_000, host: 'ws-9', bytesOut: 400e6, dstIp: '203.0.113.66' }));
    const found = feed(job, out);
    expect(found).toHaveLength(1);
    expect(found[0]!.explanation.influencers).toContainEqual({ field: 'dst_ip', value: '203.0.113.66' });
  });
});
