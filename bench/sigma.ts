// `npm run bench:sigma`: every SigmaHQ rule over real Windows events (OTRF), on one core and on all
// cores (worker threads), beside bare JSON.parse of the same events; and EVTX records/s of the native
// reader beside Debian's evtxexport when it is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { compilePack } from '../packages/server/src/modules/detect/sigma/compile.ts';
import { RuleRouter } from '../packages/server/src/modules/detect/sigma/logsources.ts';
import { fieldResolver } from '../packages/server/src/modules/detect/sigma/resolver.ts';
import { readEvtx } from '../packages/server/src/modules/ingest/evtx/index.ts';
import { describeMachine, machine } from './lib/machine.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const SIGMA = join(CORPORA, 'sigma');
const OTRF = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
const EVTX = join(CORPORA, 'evtx');
const COUNT = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const RULE_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((d) => join(SIGMA, d));

if (!existsSync(OTRF) || !existsSync(SIGMA)) {
  console.log(`bench:sigma skipped: corpora not found under ${CORPORA} (set BULWARK_CORPORA)`);
  process.exit(0);
}

console.log(describeMachine(machine()));
const lines = gunzipSync(readFileSync(OTRF)).toString('utf8').split('\n').filter((l) => l !== '').slice(0, COUNT);
console.log(`events   ${lines.length} OTRF Windows events (${(lines.reduce((n, l) => n + l.length, 0) / 2 ** 20).toFixed(0)} MiB of JSON)`);

// Baseline: bare JSON.parse of the same lines, best of three.
let parseMs = Infinity;
let events: Record<string, unknown>[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  parseMs = Math.min(parseMs, performance.now() - t);
}

let t = performance.now();
const pack = await compilePack(RULE_DIRS);
const compileMs = performance.now() - t;
const router = new RuleRouter(pack.rules);
console.log(`rules    ${pack.rules.length} compiled in ${(compileMs / 1000).toFixed(1)} s (${pack.errors.length} not compiled)`);

// One core: matching only (events already parsed), best of two after a warm-up pass.
for (const e of events.slice(0, 5000)) router.match(fieldResolver(e));
let oneMs = Infinity;
let matches = 0;
for (let i = 0; i < 2; i++) {
  matches = 0;
  t = performance.now();
  for (const e of events) matches += router.match(fieldResolver(e)).length;
  oneMs = Math.min(oneMs, performance.now() - t);
}

// All cores: one worker per core, each with its share.
const n = cpus().length;
const shares = Array.from({ length: n }, (_, i) => lines.filter((_, j) => j % n === i));
const results = await Promise.all(shares.map((share) => new Promise<{ events: number; matches: number; ms: number }>((resolve, reject) => {
  const w = new Worker(new URL('./sigma-worker.ts', import.meta.url), { workerData: { rules: RULE_DIRS, lines: share } });
  w.once('message', resolve);
  w.once('error', reject);
})));
const allMs = Math.max(...results.map((r) => r.ms));

// EVTX: the native reader (JSON rendering) over the corpus, beside evtxexport when installed.
const evtxFiles: string[] = [];
const walk = (d: string) => { for (const e of readdirSync(d)) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.evtx')) evtxFiles.push(p); } };
walk(EVTX);
const buffers = evtxFiles.map((f) => readFileSync(f));
let records = 0;
let evtxMs = Infinity;
for (let pass = 0; pass < 4; pass++) {
  records = 0;
  t = performance.now();
  for (const b of buffers) for (const item of readEvtx(b, { json: true })) if (item.kind === 'record') records += 1;
  if (pass > 0) evtxMs = Math.min(evtxMs, performance.now() - t); // the first pass warms the JIT
}
let oracle = 'evtxexport not installed (apt-get install libevtx-utils)';
try {
  t = performance.now();
  for (const f of evtxFiles) execFileSync('evtxexport', ['-f', 'xml', f], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  oracle = `evtxexport -f xml: ${Math.round(records / ((performance.now() - t) / 1000))} records/s (one process per file, as it is run)`;
} catch {
  /* not installed */
}

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
const rows = [
  ['JSON.parse (baseline)', rate(lines.length, parseMs), '1'],
  ['Sigma, 1 core', rate(events.length, oneMs), (rate(events.length, oneMs) / rate(lines.length, parseMs)).toFixed(3)],
  [`Sigma, ${n} cores (workers)`, rate(lines.length, allMs), (rate(lines.length, allMs) / rate(lines.length, parseMs)).toFixed(3)],
];
console.log('\nwhat                          events/s   x JSON.parse');
for (const [what, r, x] of rows) console.log(`${String(what).padEnd(28)} ${String(r).padStart(9)}   ${x}`);
console.log(`\nmatches: ${matches} (one core), ${results.reduce((s, r) => s + r.matches, 0)} (workers)`);
console.log(`EVTX native reader: ${records} records from ${evtxFiles.length} files, ${rate(records, evtxMs)} records/s (JSON rendering, one core)`);
console.log(oracle);
