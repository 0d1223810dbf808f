// `npm run bench:intel-match`: the live indicator index with 1,000,000 STIX indicators (a seeded mix
// of addresses, CIDR blocks, domains, URLs, hashes, e-mail addresses, and patterns that need a full
// evaluation), its build time and memory, then events/s matching real Windows events (OTRF) and a
// synthetic mix where about 1% of events hit, each beside bare JSON.parse of the same events.
//
// Events are normalised first with the ingest normaliser (normalize.ts: it is not exported from the
// ingest module's index.ts, so the benchmark, which stands outside the module boundaries like
// bench/sigma.ts, imports the file); matching = observablesOf(event) + index lookups + evaluation
// of the candidates hit, as the live pipeline does for each `event.normalized`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { normalize, type NormalizedEvent } from '../packages/server/src/modules/ingest/normalize.ts';
import { IndicatorIndex, observablesOf } from '../packages/server/src/modules/intel/indicators/index.ts';
import { eventFactory } from './lib/events.ts';
import { describeMachine, machine } from './lib/machine.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const OTRF = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
const INDICATORS = Number(process.env['BENCH_INDICATORS'] ?? 1_000_000);
const OTRF_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const SYNTHETIC_EVENTS = Number(process.env['BENCH_SYNTHETIC_EVENTS'] ?? 100_000);
const SEED = 20_240_501;
const RECEIVED = new Date('2024-05-01T12:00:00Z');

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  for (let i = 0; i < 3; i++) gc?.();
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const fmt = (n: number) => n.toLocaleString('en');
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** mulberry32: small, seeded, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- 1,000,000 indicators ----

// Public /8s (RIPE region) that the synthetic events below never use, so only planted values hit.
const OCTETS = [5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 93, 94, 95, 109, 141, 176, 178, 188, 193, 194, 195, 212, 213, 217];
const TLDS = ['com', 'net', 'org', 'info', 'ru', 'xyz', 'top', 'cn', 'biz', 'io', 'eu', 'de', 'fr', 'cc', 'online', 'site'];
const WORDS = ['login', 'secure', 'update', 'cdn', 'mail', 'portal', 'account', 'verify', 'cloud', 'files', 'docs', 'auth', 'api', 'static', 'pay', 'gov'];

function indicatorSource(r: () => number) {
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T;
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += (r() * 2 ** 32 >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const ipv4 = () => `${pick(OCTETS)}.${int(256)}.${int(256)}.${1 + int(254)}`;
  const label = () => `${pick(WORDS)}${int(10_000)}${hex(4)}`;
  const domain = () => `${r() < 0.4 ? `${pick(WORDS)}.` : ''}${label()}.${pick(TLDS)}`;
  const id = () => `indicator--${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  return (i: number): { id: string; pattern: string; kind: string } => {
    // Every 100,000th is a pattern that has to be evaluated on every event (10 in a million).
    if (i % 100_000 === 99_999) return { id: id(), kind: 'always', pattern: `[process:command_line MATCHES '(?i)(invoke-${label()}|-enc [A-Za-z0-9+/]{200})']` };
    const x = r();
    if (x < 0.28) return { id: id(), kind: 'ipv4', pattern: `[ipv4-addr:value = '${ipv4()}']` };
    if (x < 0.31) return { id: id(), kind: 'ipv4-cidr', pattern: `[ipv4-addr:value = '${pick(OCTETS)}.${int(256)}.${int(256)}.0/${20 + int(9)}']` };
    if (x < 0.33) return { id: id(), kind: 'ipv6', pattern: `[ipv6-addr:value = '2a0${int(10)}:${hex(4)}:${hex(4)}::${r() < 0.5 ? `${hex(4)}'` : `/${48 + int(17)}'`}]` };
    if (x < 0.35) return { id: id(), kind: 'network-traffic (AND)', pattern: `[network-traffic:dst_ref.value = '${ipv4()}' AND network-traffic:dst_port = ${pick([443, 80, 8080, 4444])}]` };
    if (x < 0.52) return { id: id(), kind: 'domain', pattern: `[domain-name:value = '${domain()}']` };
    if (x < 0.53) return { id: id(), kind: 'domain + subdomains', pattern: `[domain-name:value = '${label()}.${pick(TLDS)}' OR domain-name:value LIKE '%.${label()}.${pick(TLDS)}']` };
    if (x < 0.68) return { id: id(), kind: 'url', pattern: `[url:value = 'http${r() < 0.7 ? 's' : ''}://${domain()}/${label()}/${hex(8)}.${pick(['php', 'exe', 'zip', 'html', 'js'])}']` };
    if (x < 0.76) return { id: id(), kind: 'md5', pattern: `[file:hashes.MD5 = '${hex(32)}']` };
    if (x < 0.82) return { id: id(), kind: 'sha1', pattern: `[file:hashes.'SHA-1' = '${hex(40)}']` };
    if (x < 0.98) return { id: id(), kind: 'sha256', pattern: `[file:hashes.'SHA-256' = '${hex(64)}']` };
    if (x < 0.99) return { id: id(), kind: 'email', pattern: `[email-message:from_ref.value = '${label()}@${domain()}']` };
    return { id: id(), kind: 'sha256 + name (AND)', pattern: `[file:hashes.'SHA-256' = '${hex(64)}' AND file:name = '${label()}.exe']` };
  };
}

// ---- events ----

function readOtrf(): string[] {
  return gunzipSync(readFileSync(OTRF)).toString('utf8').split('\n').filter((l) => l !== '').slice(0, OTRF_EVENTS);
}

/** Best of three: bare JSON.parse of every line. */
function parseBaseline(lines: readonly string[]): { ms: number; natives: Record<string, unknown>[] } {
  let ms = Infinity;
  let natives: Record<string, unknown>[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    natives = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, natives };
}

function normalizeAll(natives: readonly Record<string, unknown>[], format: 'json' | 'cef'): { ms: number; events: NormalizedEvent[] } {
  let ms = Infinity;
  let events: NormalizedEvent[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    events = natives.map((native) => normalize({ native, format, source: 'bench' }, RECEIVED));
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, events };
}

/** Best of three passes (after a warm-up): matching only, on normalised events. */
function matchAll(index: IndicatorIndex<{ confidence: number }>, events: readonly NormalizedEvent[]): { ms: number; matches: number; hitEvents: number } {
  for (const e of events.slice(0, 5000)) index.match(e);
  let best = { ms: Infinity, matches: 0, hitEvents: 0 };
  for (let pass = 0; pass < 3; pass++) {
    let matches = 0;
    let hitEvents = 0;
    const t = performance.now();
    for (const e of events) {
      const m = index.match(e);
      if (m.length) {
        matches += m.length;
        hitEvents++;
      }
    }
    const ms = performance.now() - t;
    if (ms < best.ms) best = { ms, matches, hitEvents };
  }
  return best;
}

function observablesOnly(events: readonly NormalizedEvent[]): number {
  let ms = Infinity;
  let sink = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t = performance.now();
    for (const e of events) sink += observablesOf(e).objects.length;
    ms = Math.min(ms, performance.now() - t);
  }
  if (sink < 0) console.log(sink);
  return ms;
}

// ---- run ----

console.log('Bulwark indicator matching benchmark\n');
console.log(describeMachine(machine()));
if (!gc) console.log('note     run with --expose-gc (as npm run bench:intel-match does) for steadier memory figures');

settle();
const before = process.memoryUsage();
const index = new IndicatorIndex<{ confidence: number }>();
const next = indicatorSource(rng(SEED));
const kinds = new Map<string, number>();
const alwaysIds: string[] = [];
let t = performance.now();
for (let i = 0; i < INDICATORS; i++) {
  const ind = next(i);
  index.add(ind.id, ind.pattern, { confidence: 50 + (i % 50) });
  kinds.set(ind.kind, (kinds.get(ind.kind) ?? 0) + 1);
  if (ind.kind === 'always') alwaysIds.push(ind.id);
}
const buildMs = performance.now() - t;
settle();
const after = process.memoryUsage();
const stats = index.stats();
console.log(`\nindicators  ${fmt(stats.indicators)} built in ${(buildMs / 1000).toFixed(1)} s (${fmt(rate(stats.indicators, buildMs))} adds/s)`);
console.log(`            ${[...kinds].map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
console.log(`            indexed: ${fmt(stats.exact)} exact, ${fmt(stats.candidates)} candidates (evaluated when an atom is hit), ${stats.alwaysEvaluated} evaluated on every event; ${fmt(stats.atoms)} atoms at ${stats.paths} paths`);
console.log(`memory      heap used ${mib(after.heapUsed)} (+${mib(after.heapUsed - before.heapUsed)} for the index, ${Math.round((after.heapUsed - before.heapUsed) / stats.indicators)} bytes/indicator), RSS ${mib(after.rss)} (+${mib(after.rss - before.rss)})`);

// Incremental updates on the full index: replace 10,000 indicators, then remove and re-add 10,000.
const upd = indicatorSource(rng(SEED + 1));
const fresh = Array.from({ length: 10_000 }, (_, i) => upd(i + 1));
t = performance.now();
for (const ind of fresh) index.add(ind.id, ind.pattern, { confidence: 60 });
const addMs = performance.now() - t;
t = performance.now();
for (const ind of fresh) index.remove(ind.id);
const removeMs = performance.now() - t;
console.log(`updates     add ${((addMs * 1000) / fresh.length).toFixed(1)} µs, remove ${((removeMs * 1000) / fresh.length).toFixed(1)} µs per indicator (on the full index, no rebuild)`);

const rows: Array<[string, number, number]> = [];

if (existsSync(OTRF)) {
  const lines = readOtrf();
  const mb = lines.reduce((n, l) => n + l.length, 0) / 2 ** 20;
  const base = parseBaseline(lines);
  const norm = normalizeAll(base.natives, 'json');
  const obsMs = observablesOnly(norm.events);
  const m = matchAll(index, norm.events);
  console.log(`\nOTRF        ${fmt(lines.length)} Windows events (${mb.toFixed(0)} MiB of JSON): ${m.hitEvents} events hit (${m.matches} matches; the random indicators are not about this lab's hosts)`);
  rows.push(['OTRF: JSON.parse (baseline)', rate(lines.length, base.ms), 1]);
  rows.push(['OTRF: normalise (ingest)', rate(lines.length, norm.ms), 0]);
  rows.push(['OTRF: observablesOf only', rate(lines.length, obsMs), 0]);
  rows.push(['OTRF: match (normalised)', rate(lines.length, m.ms), 0]);
  rows.push(['OTRF: normalise + match', rate(lines.length, norm.ms + m.ms), 0]);
  // The same without the few regex-only indicators that have to be evaluated on every event.
  const removed = alwaysIds.map((id) => [id, index.has(id)] as const).filter(([, had]) => had);
  for (const [id] of removed) index.remove(id);
  const exactOnly = matchAll(index, norm.events);
  rows.push([`OTRF: match, ${removed.length} regex-only removed`, rate(lines.length, exactOnly.ms), 0]);
  for (const [i, [id]] of removed.entries()) index.add(id, `[process:command_line MATCHES '(?i)(invoke-restored${i}|-enc [A-Za-z0-9+/]{200})']`, { confidence: 50 });
} else {
  console.log(`\nOTRF        skipped: ${OTRF} not found (set BULWARK_CORPORA)`);
}

// Synthetic: Windows Security, Sysmon, firewall (CEF fields) and proxy (ECS) events; every 100th
// event gets an indicator for one of its values, added to the full index.
const factory = eventFactory(SEED, RECEIVED.getTime());
const natives = Array.from({ length: SYNTHETIC_EVENTS }, (_, i) => factory.event(i));
const synthLines = natives.map((n) => JSON.stringify(n));
const synthBase = parseBaseline(synthLines);
const synthNorm = normalizeAll(synthBase.natives, 'json');
let planted = 0;
for (let k = 0; k * 100 + 50 < synthNorm.events.length; k++) {
  const i = k * 100 + 50 + (k % 4); // each of the four event kinds in turn
  const e = synthNorm.events[i] as NormalizedEvent;
  const o = e.ocsf;
  const sha = o.process?.file?.hashes?.find((h) => h.algorithm === 'SHA-256')?.value;
  const pattern = o.url?.url_string ? `[url:value = '${o.url.url_string}']`
    : sha ? `[file:hashes.'SHA-256' = '${sha}']`
    : o.dst_endpoint?.ip ? `[ipv4-addr:value = '${o.dst_endpoint.ip}']`
    : o.src_endpoint?.ip ? `[network-traffic:src_ref.value = '${o.src_endpoint.ip}']`
    : o.user?.name ? `[user-account:account_login = '${o.user.name}' AND user-account:user_id = '${o.user.uid ?? ''}']`
    : undefined;
  if (pattern) {
    index.add(`indicator--planted-${i}`, pattern, { confidence: 90 });
    planted++;
  }
}
const sm = matchAll(index, synthNorm.events);
const smb = synthLines.reduce((n, l) => n + l.length, 0) / 2 ** 20;
console.log(`synthetic   ${fmt(synthLines.length)} events (${smb.toFixed(0)} MiB of JSON; Windows Security, Sysmon, firewall, proxy), ${planted} indicators planted: ` +
  `${sm.hitEvents} events hit (${((sm.hitEvents / synthLines.length) * 100).toFixed(2)}%), ${sm.matches} matches`);
rows.push(['synthetic: JSON.parse (baseline)', rate(synthLines.length, synthBase.ms), 1]);
rows.push(['synthetic: normalise (ingest)', rate(synthLines.length, synthNorm.ms), 0]);
rows.push(['synthetic: match (normalised)', rate(synthLines.length, sm.ms), 0]);
rows.push(['synthetic: normalise + match', rate(synthLines.length, synthNorm.ms + sm.ms), 0]);

console.log(`\n${`what (one core, ${fmt(stats.indicators)} indicators)`.padEnd(44)} events/s   x JSON.parse`);
let baseline = 1;
for (const [what, r, isBase] of rows) {
  if (isBase) baseline = r;
  console.log(`${what.padEnd(44)} ${String(r).padStart(8)}   ${(r / baseline).toFixed(2)}`);
}
