// `npm run bench:respond`: how long from an event arriving to the first automated response, under a
// sustained alert rate, in one run.
//
// A real Bulwark server runs in its own process (every role, embedded PGlite, or PostgreSQL with
// `--postgres [url]` / BULWARK_TEST_DATABASE_URL: a scratch database, dropped afterwards) with one Sigma
// rule written by the benchmark (a logon failure from an internal address, level high) and one playbook
// saved through the API: on every high alert, put the event's source address on the block list. This
// process sends one matching event per wanted alert at a fixed rate (each with its own source address,
// in small ingest requests), then reads back each alert's creation time (GET /api/v1/alerts) and each
// block-list entry's (GET /api/v1/blocklist), and reports per rate:
//
//   event → alert         the detection pipeline (ingest commit, bus, Sigma, alert stored)
//   alert → first action  grouping aside, the playbook: trigger match, run stored, action committed
//   event → first action  what a responder would measure
//
// p50/p90/p99 in milliseconds; the times are the server's (database now()) and this process's clock on
// the same machine. Environment (optional): BENCH_RESPOND_RATES (alerts/s, comma-separated, default
// 5,20,50), BENCH_RESPOND_SECONDS (per rate, default 20).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertPage, BlocklistList } from '@bulwark/contracts';
import { client } from '../packages/server/src/testing/app.ts';
import { createPostgresDatabase } from '../packages/server/src/testing/databases.ts';
import { startServer } from '../packages/server/src/testing/server-process.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { postgresReachable, redact } from './lib/postgres.ts';
import { percentile, table } from './lib/stats.ts';

const RATES = (process.env['BENCH_RESPOND_RATES'] ?? '5,20,50').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env['BENCH_RESPOND_SECONDS'] ?? 20);
const flag = process.argv.indexOf('--postgres');
const PG_URL = flag >= 0 ? (process.argv[flag + 1]?.startsWith('postgres') ? process.argv[flag + 1] : 'postgres://postgres@127.0.0.1:5432/test') : process.env['BULWARK_TEST_DATABASE_URL'];

const RULE = `title: Bench logon failure from a listed source
id: 7c1b5e0a-2f1e-4d6b-9c55-3c1f2f0b9a11
status: experimental
description: A logon failure carrying the benchmark's marker.
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
    BenchMarker: respond
    IpAddress|cidr: 10.0.0.0/8
  condition: selection
level: high
tags:
  - attack.credential_access
  - attack.t1110
`;

const PLAYBOOK = `id: bench-block-source
name: Block the source of high alerts
version: 1
on:
  alert:
    when: "alert.severity >= 'high' and exists(alert.fields.IpAddress)"
steps:
  - id: block
    uses: contain.blocklist
    with: { value: "{{ alert.fields.IpAddress }}", ttl: 1h, reason: "{{ alert.title }}" }
`;

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

async function main(): Promise<void> {
  const m = machine();
  console.log('Respond benchmark: event → alert → first playbook action\n');
  console.log(describeMachine(m));
  let dbEnv: Record<string, string> = {};
  let drop = async () => {};
  let label = 'embedded PGlite';
  if (PG_URL) {
    const reach = await postgresReachable(PG_URL);
    if (!reach.ok) throw new Error(`PostgreSQL at ${redact(PG_URL)} is not reachable: ${reach.reason}`);
    const created = await createPostgresDatabase(PG_URL);
    dbEnv = { BULWARK_DATABASE_URL: created.url };
    drop = () => created.drop();
    label = `PostgreSQL ${reach.version} (scratch database)`;
  }
  console.log(`database ${label}\nrates    ${RATES.join(', ')} alerts/s for ${SECONDS} s each\n`);

  const rules = mkdtempSync(join(tmpdir(), 'bw-bench-respond-rules-'));
  writeFileSync(join(rules, 'bench.yml'), RULE);
  const server = await startServer({ env: { ...dbEnv, BULWARK_SIGMA_RULES: rules } });
  const call = client(server.url, { token: server.adminToken });
  try {
    const saved = await call('PUT', '/api/v1/playbooks/bench-block-source', { source: PLAYBOOK });
    if (saved.status !== 201) throw new Error(`playbook: ${saved.status} ${JSON.stringify(saved.body)}`);
    const rows: string[][] = [['rate /s', 'alerts', 'event→alert p50', 'p90', 'p99', 'alert→action p50', 'p90', 'p99', 'event→action p50', 'p90', 'p99', 'missing']];
    let block = 0;
    for (const rate of RATES) {
      const total = Math.round(rate * SECONDS);
      const sent = new Map<string, number>();
      const batch = Math.max(1, Math.round(rate / 10)); // ten ingest requests a second
      const started = performance.now();
      const t0 = Date.now();
      for (let i = 0; i < total; i += batch) {
        const due = started + (i / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const events = [];
        for (let k = i; k < Math.min(total, i + batch); k++) {
          const n = block * 100_000 + k;
          const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
          sent.set(ip, Date.now());
          events.push(JSON.stringify({ Channel: 'Security', EventID: 4625, BenchMarker: 'respond', Computer: `host-${k % 50}.bench.example`, IpAddress: ip, TargetUserName: `user${k % 200}`, time: new Date().toISOString() }));
        }
        const res = await call('POST', '/api/v1/events', events.join('\n'), { 'content-type': 'application/x-ndjson' });
        if (res.status !== 200) throw new Error(`ingest: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      // Wait until the block list holds every address of this rate (or 60 s pass).
      let entries: BlocklistList['entries'] = [];
      const deadline = Date.now() + 60_000;
      for (;;) {
        entries = (await call<BlocklistList>('GET', '/api/v1/blocklist')).body.entries.filter((e) => sent.has(e.value));
        if (entries.length >= sent.size || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const alerts: AlertPage['alerts'] = [];
      for (let before: string | null = null, page = 0; page < 1000; page++) {
        const r: { body: AlertPage } = await call<AlertPage>('GET', `/api/v1/alerts?limit=500${before ? `&cursor=${encodeURIComponent(before)}` : ''}`);
        alerts.push(...r.body.alerts);
        before = r.body.next ?? null;
        if (!before || r.body.alerts.every((a) => Date.parse(a.createdAt) < t0)) break;
      }
      const alertAt = new Map<string, number>();
      for (const a of alerts) {
        const ip = String((a.fields as { IpAddress?: unknown }).IpAddress ?? '');
        if (sent.has(ip)) alertAt.set(ip, Date.parse(a.createdAt));
      }
      const e2a: number[] = [];
      const a2x: number[] = [];
      const e2x: number[] = [];
      for (const e of entries) {
        const s = sent.get(e.value)!;
        const x = Date.parse(e.createdAt);
        const a = alertAt.get(e.value);
        e2x.push(x - s);
        if (a !== undefined) {
          e2a.push(a - s);
          a2x.push(x - a);
        }
      }
      rows.push([String(rate), String(total), f1(percentile(e2a, 50)), f1(percentile(e2a, 90)), f1(percentile(e2a, 99)), f1(percentile(a2x, 50)), f1(percentile(a2x, 90)), f1(percentile(a2x, 99)),
        f1(percentile(e2x, 50)), f1(percentile(e2x, 90)), f1(percentile(e2x, 99)), String(sent.size - entries.length)]);
      console.log(`  ${rate}/s: ${total} events sent, ${alertAt.size} alerts, ${entries.length} block-list entries`);
      block++;
    }
    console.log('\nLatency in milliseconds (one alert per event; the first action is the block-list entry committed)\n');
    console.log(table(rows));
    console.log(`\nload average after the run: ${machine().loadAverage.join(' ')}`);
  } finally {
    await server.stop('SIGTERM');
    rmSync(server.dataDir, { recursive: true, force: true });
    rmSync(rules, { recursive: true, force: true });
    await drop();
  }
}

await main();
