// A generator of realistic authentication, process and network logs of an organisation (ECS-shaped
// JSON, which ingest normalises to OCSF), with injected attacks and their ground truth: password spray,
// impossible travel, exfiltration and a dormant account coming back. Seeded: the same options give
// the same events. Users work office hours (UTC) on weekdays, log in from the office (private
// addresses), from home or through the corporate VPN (public addresses located by the geolocation
// database), mistype passwords now and then, run common processes, and send traffic to a few services.
import { prng } from '../baselines/index.ts';
import { intToIpv4, isPublicIpv4, type GeoLookup } from '../geo/geo.ts';

export type AttackKind = 'password_spray' | 'impossible_travel' | 'exfiltration' | 'dormant_account';

export interface TruthItem {
  readonly kind: AttackKind;
  /** The job expected to find it. */
  readonly job: string;
  readonly entity: string;
  readonly start: string;
  readonly end: string;
}

export interface Truth {
  readonly seed: number;
  readonly users: number;
  readonly days: number;
  readonly start: string;
  readonly attacks: TruthItem[];
  /** Allow-list entries an analyst would have (the corporate VPN egress). */
  readonly allow: Array<{ job: string; entity: string; value: string; note: string }>;
}

export interface GenerateOptions {
  readonly users?: number;
  readonly days?: number;
  readonly seed?: number;
  readonly start?: string;
  /** Attacks of each kind (default: about one per 50 users, at least 2). */
  readonly attacksPerKind?: number;
}

export const ATTACK_JOB: Record<AttackKind, string> = {
  password_spray: 'password_spray', impossible_travel: 'impossible_travel', exfiltration: 'data_volume', dormant_account: 'dormant_account',
};

type Event = Record<string, unknown> & { '@timestamp': string };

const DEPARTMENTS = ['finance', 'hr', 'engineering', 'it', 'sales', 'legal'] as const;
const HOME = ['DE', 'DE', 'DE', 'DE', 'AT', 'FR', 'NL'];
const FAR = ['US', 'BR', 'CN', 'AU', 'JP', 'ZA', 'IN', 'SG', 'AR', 'CA'];
const NEAR = ['FR', 'IT', 'ES', 'PL', 'BE', 'CZ', 'DK', 'SE'];
const ATTACKERS = ['RU', 'CN', 'BR', 'VN', 'NG', 'KP', 'IR'];
const PROCESSES = ['explorer.exe', 'chrome.exe', 'outlook.exe', 'teams.exe', 'excel.exe', 'winword.exe', 'onedrive.exe', 'svchost.exe', 'msedge.exe', 'acrobat.exe'];
const DEPT_PROCS: Record<string, string[]> = {
  engineering: ['code.exe', 'git.exe', 'node.exe', 'python.exe', 'docker.exe'],
  it: ['powershell.exe', 'mmc.exe', 'putty.exe', 'wireshark.exe', 'cmd.exe'],
  finance: ['sap.exe', 'sqlcmd.exe'],
};

export function generate(geo: GeoLookup, opts: GenerateOptions = {}): { events: Event[]; truth: Truth } {
  const nUsers = opts.users ?? 100;
  const days = opts.days ?? 45;
  const seed = opts.seed ?? 1;
  const t0 = Date.parse(opts.start ?? '2026-01-05T00:00:00Z');
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  /** A day from `lo` (or the last day, for short runs) to the last. */
  const dayFrom = (lo: number) => int(Math.min(lo, days - 1), days - 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const ipIn = (country: string): string => {
    const ranges = geo.rangesOf?.(country) ?? [];
    for (let i = 0; i < 50 && ranges.length; i++) {
      const [a, b] = pick(ranges);
      const n = a + Math.floor(rnd() * (b - a + 1));
      if (isPublicIpv4(n) && geo.lookup(intToIpv4(n)).country?.country === country) return intToIpv4(n);
    }
    throw new Error(`the geolocation database has no address range for ${country}`);
  };
  const events: Event[] = [];
  let seq = 0;
  const at = (t: number) => new Date(t).toISOString();
  const auth = (t: number, user: string, ok: boolean, src: string, host: string, group: string | undefined) => events.push({
    '@timestamp': at(t), event: { id: `g${++seq}`, category: 'authentication', type: 'start', outcome: ok ? 'success' : 'failure' },
    user: { name: user, ...(group ? { group: { name: group } } : {}) }, source: { ip: src }, host: { name: host },
  });
  const proc = (t: number, host: string, user: string, name: string) => events.push({
    '@timestamp': at(t), event: { id: `g${++seq}`, category: 'process', type: 'start' }, host: { name: host }, user: { name: user },
    process: { name, executable: `C:\\Program Files\\${name}` },
  });
  const flow = (t: number, host: string, user: string, group: string, src: string, dst: string, bytes: number, dstHost?: string) => events.push({
    '@timestamp': at(t), event: { id: `g${++seq}`, category: 'network', type: 'connection' }, host: { name: host },
    user: { name: user, group: { name: group } }, source: { ip: src, bytes: Math.round(bytes) }, destination: { ip: dst, port: 443, ...(dstHost ? { domain: dstHost } : {}) },
  });

  const vpn = ipIn('US');
  const services = [ipIn('IE'), ipIn('US'), ipIn('DE'), ipIn('NL'), ipIn('US')];
  const servers = Array.from({ length: 24 }, (_, i) => `srv-${String(i + 1).padStart(2, '0')}`);
  const users = Array.from({ length: nUsers }, (_, i) => {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const home = pick(HOME);
    return {
      name: `user${String(i + 1).padStart(4, '0')}`, dept, home, homeIps: [ipIn(home), ipIn(home)],
      ws: `ws-${String(i + 1).padStart(4, '0')}`, wsIp: `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
      startHour: Math.max(5, Math.min(10, Math.round(7.5 + normal()))), servers: Array.from({ length: dept === 'it' ? 8 : 3 }, () => pick(servers)),
      remote: rnd() * 0.5, volume: Math.exp(14 + normal() * 0.7), active: [0, days] as [number, number],
    };
  });

  const attacks: TruthItem[] = [];
  const perKind = opts.attacksPerKind ?? Math.max(2, Math.round(nUsers / 50));
  // Dormant accounts: active in the first ten days, back near the end (≥ 30 days later).
  const dormant = new Set<number>();
  if (days >= 42) {
    while (dormant.size < Math.min(perKind, nUsers)) dormant.add(int(0, nUsers - 1));
    for (const i of dormant) users[i]!.active = [0, 10];
  }

  for (let d = 0; d < days; d++) {
    const dayStart = t0 + d * 86_400_000;
    const weekday = new Date(dayStart).getUTCDay();
    const workday = weekday >= 1 && weekday <= 5;
    for (const u of users) {
      if (d < u.active[0] || d >= u.active[1]) continue;
      if (!workday && rnd() > 0.04) continue;
      const begin = dayStart + (u.startHour + rnd()) * 3_600_000;
      const hours = workday ? int(7, 10) : 1;
      const remoteToday = rnd() < u.remote;
      const home = pick(u.homeIps);
      const usesVpn = remoteToday && rnd() < 0.3;
      const src = remoteToday ? home : u.wsIp;
      const logins = int(2, 5);
      for (let k = 0; k < logins; k++) {
        const t = begin + (k / logins) * hours * 3_600_000 + rnd() * 600_000;
        // Remote days: some logins go through the corporate VPN (its egress is abroad), some not.
        const from = usesVpn && rnd() < 0.5 ? vpn : remoteToday ? home : u.wsIp;
        if (rnd() < 0.05) auth(t - 20_000, u.name, false, from, k === 0 ? u.ws : pick(u.servers), u.dept);
        auth(t, u.name, true, from, k === 0 ? u.ws : pick(u.servers), u.dept);
      }
      if (rnd() < 0.01) auth(dayStart + int(19, 22) * 3_600_000 + rnd() * 3_600_000, u.name, true, src, u.ws, u.dept); // late work
      const procs = [...PROCESSES, ...(DEPT_PROCS[u.dept] ?? [])];
      for (let k = 0, n = int(4, 10); k < n; k++) proc(begin + rnd() * hours * 3_600_000, u.ws, u.name, pick(procs));
      if (rnd() < 0.003) proc(begin + rnd() * hours * 3_600_000, u.ws, u.name, `setup-${int(1, 500)}.exe`);
      for (let h = 0; h < hours; h++) {
        const t = begin + h * 3_600_000 + rnd() * 3_000_000;
        flow(t, u.ws, u.name, u.dept, src === u.wsIp ? u.wsIp : src, pick(services), u.volume * Math.exp(normal() * 0.5));
        if (rnd() < 0.5) flow(t + 60_000, u.ws, u.name, u.dept, u.wsIp, `10.200.0.${1 + servers.indexOf(pick(u.servers))}`, u.volume * 0.2, pick(u.servers));
      }
    }
  }

  const hasLoginAt = (user: (typeof users)[number], from: number) => events.find((e) => {
    const ev = e['event'] as { category: string; outcome?: string };
    const t = Date.parse(e['@timestamp']);
    if (ev.category !== 'authentication' || ev.outcome !== 'success' || (e['user'] as { name: string }).name !== user.name) return false;
    const ip = (e['source'] as { ip: string }).ip;
    return t >= from && t < from + 86_400_000 && ip !== vpn && !ip.startsWith('10.');
  });

  for (let a = 0; a < perKind; a++) {
    // Password spray: one foreign source, many accounts, one or two attempts each, within 10–40 minutes.
    const src = ipIn(pick(ATTACKERS));
    const start = t0 + dayFrom(2) * 86_400_000 + int(0, 23) * 3_600_000;
    const span = int(10, 40) * 60_000;
    const targets = int(25, 60);
    let last = start;
    for (let k = 0; k < targets; k++) {
      const user = rnd() < 0.8 ? pick(users).name : `admin${int(1, 99)}`;
      for (let r = 0, n = int(1, 2); r < n; r++) {
        last = start + (k / targets) * span + r * 5_000;
        auth(last, user, false, src, 'vpn-gw', undefined);
      }
    }
    attacks.push({ kind: 'password_spray', job: ATTACK_JOB.password_spray, entity: src, start: at(start), end: at(last) });

    // Impossible travel: a normal login, then a login from a far country one to three hours later.
    for (let tries = 0; tries < 20; tries++) {
      const u = pick(users);
      const day = dayFrom(8);
      const first = hasLoginAt(u, t0 + day * 86_400_000);
      if (!first || dormant.has(users.indexOf(u))) continue;
      const t = Date.parse(first['@timestamp']) + int(60, 180) * 60_000;
      auth(t, u.name, true, ipIn(pick(FAR)), u.ws, u.dept);
      attacks.push({ kind: 'impossible_travel', job: ATTACK_JOB.impossible_travel, entity: u.name, start: at(t), end: at(t) });
      break;
    }

    // Exfiltration: a workstation sends 1–4 GB to a foreign address within an hour, in the evening.
    const victim = pick(users.filter((_, i) => !dormant.has(i)));
    const ex = t0 + dayFrom(7) * 86_400_000 + int(19, 23) * 3_600_000;
    const dst = ipIn(pick(ATTACKERS));
    const total = (1 + rnd() * 3) * 1024 ** 3;
    for (let k = 0; k < 8; k++) flow(ex + k * 5 * 60_000, victim.ws, victim.name, victim.dept, victim.wsIp, dst, total / 8);
    attacks.push({ kind: 'exfiltration', job: ATTACK_JOB.exfiltration, entity: victim.ws, start: at(ex), end: at(ex + 40 * 60_000) });
  }

  // Benign travel: a user works from another European country for a day (a first-seen country, not impossible).
  for (let k = 0; k < Math.max(1, nUsers / 40); k++) {
    const u = pick(users);
    const t = t0 + dayFrom(10) * 86_400_000 + 12 * 3_600_000;
    auth(t, u.name, true, ipIn(pick(NEAR)), u.ws, u.dept);
  }

  // Dormant accounts come back.
  for (const i of dormant) {
    const u = users[i]!;
    const t = t0 + int(days - 4, days - 1) * 86_400_000 + int(9, 16) * 3_600_000;
    auth(t, u.name, true, pick(u.homeIps), u.ws, u.dept);
    attacks.push({ kind: 'dormant_account', job: ATTACK_JOB.dormant_account, entity: u.name, start: at(t), end: at(t) });
  }

  events.sort((a, b) => (a['@timestamp'] < b['@timestamp'] ? -1 : a['@timestamp'] > b['@timestamp'] ? 1 : 0));
  return {
    events,
    truth: { seed, users: nUsers, days, start: at(t0), attacks, allow: [{ job: '*', entity: '*', value: vpn, note: 'corporate VPN egress' }] },
  };
}
