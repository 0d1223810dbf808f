// `npm run bench:ingest`: HTTP ingest throughput and acknowledgement latency of the real server process,
// on embedded PGlite and (when reachable) PostgreSQL, beside a JSON.parse baseline of the same payload.
// Traffic goes to 127.0.0.1 only; the run is bounded in time (about 2 minutes at the defaults) and in events.
//
// Environment (all optional):
//   BULWARK_BENCH_DATABASE_URL  PostgreSQL server to create a scratch database on
//                               (default postgres://postgres@127.0.0.1:5432/test; unreachable → tier skipped)
//   BENCH_SECONDS               measured seconds per tier (default 20)
//   BENCH_WARMUP_SECONDS        unmeasured warm-up per tier (default 3)
//   BENCH_CLIENTS               concurrent HTTP clients (default 4)
//   BENCH_BATCH                 events per request (default 1000)
//   BENCH_MAX_EVENTS            events prepared (per tier upper bound; default 400000)
//   BENCH_TIERS                 comma list of tiers to run (default pglite,postgres)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startServer } from '../packages/server/src/testing/server-process.ts';
import { createPostgresDatabase } from '../packages/server/src/testing/databases.ts';
import { jsonParseBaseline, type BaselineResult } from './lib/baseline.ts';
import { busyShare, cpuSecondsByName, machineCpu, processCpuSeconds, type MachineCpu } from './lib/cpu.ts';
import { eventFactory, ndjson } from './lib/events.ts';
import { runLoad, type Batch, type LoadResult } from './lib/load.ts';
import { describeMachine, machine, type Machine } from './lib/machine.ts';
import { postgresReachable, redact } from './lib/postgres.ts';
import { round, summarize, table, type LatencySummary } from './lib/stats.ts';

const env = (k: string, d: number) => {
  const v = Number(process.env[k] ?? d);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${k} must be a positive number`);
  return v;
};
const SECONDS = env('BENCH_SECONDS', 20);
const WARMUP = env('BENCH_WARMUP_SECONDS', 3);
const CLIENTS = Math.floor(env('BENCH_CLIENTS', 4));
const BATCH = Math.floor(env('BENCH_BATCH', 1000));
const MAX_EVENTS = Math.floor(env('BENCH_MAX_EVENTS', 400_000));
const TIERS = (process.env['BENCH_TIERS'] ?? 'pglite,postgres').split(',').map((s) => s.trim());
const PG_URL = process.env['BULWARK_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface TierResult {
  readonly tier: 'pglite' | 'postgres';
  readonly detail: string;
  readonly events: number;
  readonly requests: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly requestLatencyMs: LatencySummary;
  readonly perEventLatencyUs: LatencySummary;
  readonly ratioToJsonParse: number;
  readonly retries: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly exhausted: boolean;
  readonly retryReasons: Record<string, number>;
  /** Cores used on average during the measured window: the server process, PostgreSQL's processes, this benchmark's clients. */
  readonly cpuCores: { readonly server?: number; readonly postgres?: number; readonly clients?: number; readonly other?: number };
  readonly machineBusyShare: number | undefined;
  readonly acknowledged: number;
  readonly storedAfterRun: number | undefined;
}

function prepare(): Batch[] {
  const factory = eventFactory(Date.now() % 2_147_483_647);
  const batches: Batch[] = [];
  for (let from = 0; from < MAX_EVENTS; from += BATCH) {
    const n = Math.min(BATCH, MAX_EVENTS - from);
    batches.push({ body: Buffer.from(ndjson(factory, from, n)), events: n });
  }
  return batches;
}

async function countStored(url: string, token: string, limitMs: number): Promise<number | undefined> {
  // A bounded check that the store holds what was acknowledged: page through at most limitMs.
  const t0 = performance.now();
  let n = 0;
  let cursor: string | null = null;
  do {
    if (performance.now() - t0 > limitMs) return undefined;
    const res = await fetch(`${url}/api/v1/events?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`search answered ${res.status}`);
    const page = (await res.json()) as { events: unknown[]; next: string | null };
    n += page.events.length;
    cursor = page.next;
  } while (cursor);
  return n;
}

async function runTier(tier: 'pglite' | 'postgres', detail: string, batches: Batch[], baseline: BaselineResult, m: Machine, databaseUrl?: string): Promise<TierResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-bench-'));
  let server;
  try {
    server = await startServer({ dataDir, env: { BULWARK_DATABASE_URL: databaseUrl } });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  try {
    const pid = server.child.pid!;
    const sample = (): CpuSample => ({
      server: processCpuSeconds(pid),
      postgres: tier === 'postgres' ? cpuSecondsByName('postgres') : undefined,
      clients: (() => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      })(),
      machine: machineCpu(),
    });
    const cpu: { start?: CpuSample; end?: CpuSample } = {};
    const load: LoadResult = await runLoad({
      url: server.url,
      token: server.adminToken,
      batches,
      clients: CLIENTS,
      warmupMs: WARMUP * 1000,
      durationMs: SECONDS * 1000,
      onWindow: (edge) => void (cpu[edge] = sample()),
    });
    const cores = (k: 'server' | 'postgres' | 'clients') => {
      const a = cpu.start?.[k];
      const b = cpu.end?.[k];
      return a === undefined || b === undefined ? undefined : round((b - a) / load.seconds, 2);
    };
    const busy = busyShare(cpu.start?.machine, cpu.end?.machine);
    // What else kept the machine busy meanwhile (other tenants of a shared machine, the kernel's own work).
    const otherCores = busy === undefined ? undefined : round(Math.max(0, busy * m.cores - (cores('server') ?? 0) - (cores('postgres') ?? 0) - (cores('clients') ?? 0)), 2);
    const storedAfterRun = await countStored(server.url, server.adminToken, 60_000);
    const eventsPerSecond = load.events / load.seconds;
    return {
      tier,
      detail,
      events: load.events,
      requests: load.requests,
      seconds: round(load.seconds, 2),
      eventsPerSecond: Math.round(eventsPerSecond),
      requestLatencyMs: roundSummary(summarize(load.latenciesMs), 1),
      perEventLatencyUs: roundSummary(summarize(load.perEventUs), 1),
      ratioToJsonParse: round(eventsPerSecond / baseline.eventsPerSecond, 4),
      retries: load.retries,
      duplicates: load.duplicates,
      rejected: load.rejected,
      exhausted: load.exhausted,
      retryReasons: load.retryReasons,
      cpuCores: { server: cores('server'), postgres: cores('postgres'), clients: cores('clients'), other: otherCores },
      machineBusyShare: busy === undefined ? undefined : round(busy, 2),
      acknowledged: load.acknowledged,
      storedAfterRun,
    };
  } finally {
    const code = await server.stop('SIGTERM');
    if (code !== 0) process.stderr.write(`server (${tier}) exited with ${code}:\n${server.output().slice(-2000)}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface CpuSample {
  readonly server: number | undefined;
  readonly postgres: number | undefined;
  readonly clients: number;
  readonly machine: MachineCpu | undefined;
}

function roundSummary(s: LatencySummary, digits: number): LatencySummary {
  return { p50: round(s.p50, digits), p95: round(s.p95, digits), p99: round(s.p99, digits), max: round(s.max, digits), mean: round(s.mean, digits) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const m = machine();
  console.log('Bulwark ingest benchmark\n');
  console.log(describeMachine(m));
  console.log(`\nsettings  ${CLIENTS} clients × ${BATCH} events/request (NDJSON, uncompressed), ${WARMUP} s warm-up + ${SECONDS} s measured per tier, at most ${MAX_EVENTS} events`);

  const t0 = performance.now();
  const batches = prepare();
  const bytes = batches.reduce((a, b) => a + b.body.length, 0);
  console.log(`payload   ${batches.length} batches, mean ${round(bytes / MAX_EVENTS, 0)} bytes/event (Windows Security, Sysmon, firewall, web proxy in turn), prepared in ${round((performance.now() - t0) / 1000, 1)} s`);

  const baseline = jsonParseBaseline(batches, 3000);
  console.log(`baseline  JSON.parse per NDJSON line: ${Math.round(baseline.eventsPerSecond)} events/s (${round(baseline.megabytesPerSecond, 0)} MiB/s, one core)\n`);

  const results: TierResult[] = [];
  const skipped: { tier: string; reason: string }[] = [];
  if (TIERS.includes('pglite')) {
    console.log('pglite    running…');
    results.push(await runTier('pglite', 'embedded PGlite (default)', batches, baseline, m));
  }
  if (TIERS.includes('postgres')) {
    const reach = await postgresReachable(PG_URL);
    if (!reach.ok) {
      const reason = `PostgreSQL not reachable at ${redact(PG_URL)} (${reach.reason}); set BULWARK_BENCH_DATABASE_URL`;
      console.log(`postgres  skipped: ${reason}`);
      skipped.push({ tier: 'postgres', reason });
    } else {
      console.log(`postgres  running… (server ${reach.version}, scratch database on ${redact(PG_URL)})`);
      const db = await createPostgresDatabase(PG_URL);
      try {
        results.push(await runTier('postgres', `PostgreSQL ${reach.version.split(' ')[0]}`, batches, baseline, m, db.url));
      } finally {
        await db.drop();
      }
    }
  }

  const rows: string[][] = [['tier', 'events/s', 'x JSON.parse', 'req p50 ms', 'req p95 ms', 'req p99 ms', 'µs/event p50', 'µs/event p99', 'events', 'requests', 'CPU cores srv/pg/cli/other', 'machine busy']];
  rows.push(['JSON.parse (baseline)', String(Math.round(baseline.eventsPerSecond)), '1', '', '', '', round(1e6 / baseline.eventsPerSecond, 2).toString(), '', String(baseline.events), '', '1 (one thread)', '']);
  for (const r of results) {
    rows.push([
      r.detail, String(r.eventsPerSecond), r.ratioToJsonParse.toFixed(4), String(r.requestLatencyMs.p50), String(r.requestLatencyMs.p95), String(r.requestLatencyMs.p99),
      String(r.perEventLatencyUs.p50), String(r.perEventLatencyUs.p99), String(r.events), String(r.requests),
      [r.cpuCores.server, r.cpuCores.postgres, r.cpuCores.clients, r.cpuCores.other].map((c) => (c === undefined ? '-' : c.toFixed(2))).join('/'), r.machineBusyShare === undefined ? '?' : `${Math.round(r.machineBusyShare * 100)}%`,
    ]);
  }
  console.log(`\n${table(rows)}\n`);
  for (const r of results) {
    const reasons = Object.entries(r.retryReasons).map(([k, v]) => `${k}×${v}`).join(' ');
    const notes = [`retries ${r.retries}${reasons ? ` (${reasons})` : ''}`, `duplicates ${r.duplicates}`, `rejected ${r.rejected}`, `acknowledged in all ${r.acknowledged} (warm-up and tail included)`, `stored after run ${r.storedAfterRun ?? '(count skipped: too slow)'}`];
    if (r.exhausted) notes.push(`ran out of prepared events before the time was up (raise BENCH_MAX_EVENTS)`);
    console.log(`${r.tier.padEnd(9)} ${notes.join(', ')}`);
  }
  for (const s of skipped) console.log(`${s.tier.padEnd(9)} skipped: ${s.reason}`);

  const out = {
    when: new Date().toISOString(),
    machine: m,
    settings: { clients: CLIENTS, batch: BATCH, warmupSeconds: WARMUP, measuredSeconds: SECONDS, maxEvents: MAX_EVENTS, meanEventBytes: round(bytes / MAX_EVENTS, 0), encoding: 'ndjson, identity' },
    baseline: { ...baseline, eventsPerSecond: Math.round(baseline.eventsPerSecond), megabytesPerSecond: round(baseline.megabytesPerSecond, 1), seconds: round(baseline.seconds, 2) },
    tiers: results,
    skipped,
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  const dir = join(REPO_ROOT, '.bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ingest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nresults written to .bench/ingest.json (whole run ${out.totalSeconds} s)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
