// `npm run bench:aiguard`: what the AI gateway adds to a request, in one run.
//
// 1. Latency added to a non-streaming chat completion with a ~2,000-token prompt (about 8,000 characters
//    of benign text: an analyst pasting a log excerpt and asking about it; questions from the benign
//    categories of ../shared/corpora/aiguard/dev.jsonl when the corpus is present). Every request is
//    sent twice, interleaved: once to the stand-in upstream directly (the baseline, same body), once
//    through the gateway; the figure is the per-pair difference, p50/p90/p99: sequential back to back,
//    sequential with 25 ms of idle time between pairs, and at concurrency 8. The gateway's own `gatewayMs` (key → actor check → limits → input scan → decision,
//    up to the upstream call) is read back from the request log as a cross-check.
// 2. Streaming: a long canned answer relayed as server-sent events, directly and through the gateway:
//    time to first chunk, chunks/s and MB/s.
// 3. The input scanner alone (scanMessages) on the same prompts, for context.
//
// The server is a real Bulwark instance in its own process (`node packages/server/src/main.ts`, every
// role, default settings such as request logging at info, HTTP on 127.0.0.1), as in production; the
// stand-in upstream runs in another child process, and this process only sends requests and measures. Database: embedded PGlite, or PostgreSQL with `--postgres [url]` (or
// BULWARK_TEST_DATABASE_URL): a scratch database, dropped afterwards.
//
// Environment (all optional):
//   BENCH_AIGUARD_REQUESTS   measured pairs per latency figure (default 2000)
//   BENCH_AIGUARD_WARMUP     warm-up pairs before each latency figure (default 200)
//   BENCH_AIGUARD_STREAMS    streamed answers per path (default 30)
//   BENCH_AIGUARD_ANSWER_KB  size of the streamed answer's text (default 64)
//   BENCH_AIGUARD_MARKS      print each measured window in the monotonic clock (µs), to cut a
//                            `node --cpu-prof` profile of the run to that window
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import type { AiguardRequest, AiguardRequestList, AiguardUpstream, IssuedAiguardKey } from '@bulwark/contracts';
import { scanMessages, scanText, type ChatMessage } from '../packages/server/src/modules/aiguard/scan/index.ts';
import { client } from '../packages/server/src/testing/app.ts';
import { startServer } from '../packages/server/src/testing/server-process.ts';
import { createPostgresDatabase } from '../packages/server/src/testing/databases.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { postgresReachable, redact } from './lib/postgres.ts';
import { percentile, table } from './lib/stats.ts';

const env = (k: string, d: number) => {
  const v = Number(process.env[k] ?? d);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${k} must be a non-negative number`);
  return Math.floor(v);
};
const REQUESTS = env('BENCH_AIGUARD_REQUESTS', 2000);
const WARMUP = env('BENCH_AIGUARD_WARMUP', 200);
const STREAMS = env('BENCH_AIGUARD_STREAMS', 30);
const ANSWER_KB = env('BENCH_AIGUARD_ANSWER_KB', 64);
const CONCURRENCY = 8;
/** The idle time between pairs in the paced run: the previous request's log row is written by then. */
const GAP_MS = 25;
const PROMPT_CHARS = 8000;
const UPSTREAM_KEY = 'sk-bench-upstream';
const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../shared/corpora');

const flag = process.argv.indexOf('--postgres');
const PG_URL = flag >= 0 ? (process.argv[flag + 1]?.startsWith('postgres') ? process.argv[flag + 1] : 'postgres://postgres@127.0.0.1:5432/test') : process.env['BULWARK_TEST_DATABASE_URL'];

const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const fmt = (n: number) => Math.round(n).toLocaleString('en');

// ---- database ----

/** Where the server keeps its data: embedded PGlite under its data directory, or a scratch PostgreSQL database. */
async function pickDatabase(): Promise<{ env: Record<string, string>; label: string; drop(): Promise<void> }> {
  if (!PG_URL) return { env: {}, label: 'embedded PGlite (no --postgres and no BULWARK_TEST_DATABASE_URL)', drop: async () => {} };
  const reach = await postgresReachable(PG_URL);
  if (!reach.ok) throw new Error(`PostgreSQL at ${redact(PG_URL)} is not reachable: ${reach.reason}`);
  const created = await createPostgresDatabase(PG_URL);
  return { env: { BULWARK_DATABASE_URL: created.url }, label: `PostgreSQL ${reach.version} at ${redact(PG_URL)} (scratch database, dropped afterwards)`, drop: () => created.drop() };
}

// ---- prompts: an analyst pastes a log excerpt and asks about it ----

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

const HOSTS = ['web-frontend-01', 'web-frontend-02', 'mail-gw', 'dc01.ministry.local', 'vpn-edge', 'fileserver-3', 'hr-app', 'print-srv', 'jump-host', 'db-replica-2'];
const USERS = ['j.dupont', 'm.novak', 'a.silva', 'k.berg', 'svc_backup', 'e.rossi', 'l.virtanen', 'p.kowalski', 'n.horvat', 's.murphy'];
const PATHS = ['/portal/login', '/api/v2/documents?page=3', '/static/css/site.css', '/services/forms/submit', '/intranet/news', '/api/v2/users/me', '/healthz', '/downloads/annual-report-2025.pdf', '/search?q=procurement+rules', '/assets/logo.svg'];
const AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Version/17.2 Safari/605.1.15', 'curl/8.5.0', 'python-requests/2.32.3', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'];
const DOMAINS = ['update.microsoft.com', 'ocsp.digicert.com', 'intranet.ministry.local', 'cdn.jsdelivr.net', 'login.microsoftonline.com', 'time.windows.com', 'europa.eu', 'github.com', 'pypi.org', 'weather-service.example'];
const EVENTS = [
  [4624, 'An account was successfully logged on', 'Logon Type: 3'],
  [4634, 'An account was logged off', 'Logon Type: 3'],
  [4672, 'Special privileges assigned to new logon', 'Privileges: SeSecurityPrivilege'],
  [4768, 'A Kerberos authentication ticket (TGT) was requested', 'Result Code: 0x0'],
  [4740, 'A user account was locked out', 'Caller Computer Name: WS-0412'],
  [5156, 'The Windows Filtering Platform has permitted a connection', 'Direction: Outbound'],
] as const;
const QUESTIONS = [
  'Can you summarise what happened in this excerpt and tell me whether anything looks unusual enough to escalate to the on-call analyst?',
  'Which of these entries should I look at first, and what other logs would help me confirm whether this is normal activity?',
  'Please group these lines by host and user and point out any pattern in the timing that I should mention in the shift handover.',
  'Our change calendar says a patch window ran last night. Is what you see here consistent with that, or is there something that does not fit?',
  'Draft a short note for the service owner explaining these lines in plain language, without jargon, and suggest one improvement to our logging.',
  'Is the account lockout here more likely a user with a stale password on a phone, or something else? What would you check next?',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function logLine(r: () => number, t: Date): string {
  const host = pick(r, HOSTS);
  const user = pick(r, USERS);
  const ip = `10.${20 + Math.floor(r() * 30)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 250)}`;
  const iso = t.toISOString();
  switch (Math.floor(r() * 5)) {
    case 0:
      return `${iso} ${host} sshd[${1000 + Math.floor(r() * 60000)}]: Accepted publickey for ${user} from ${ip} port ${30000 + Math.floor(r() * 30000)} ssh2: ED25519 SHA256:${Math.floor(r() * 1e12).toString(36)}`;
    case 1:
      return `${ip} - ${r() < 0.7 ? user : '-'} [${iso}] "GET ${pick(r, PATHS)} HTTP/1.1" ${pick(r, [200, 200, 200, 304, 302, 404])} ${Math.floor(r() * 90000)} "-" "${pick(r, AGENTS)}"`;
    case 2: {
      const [id, what, extra] = pick(r, EVENTS);
      return `${iso} ${host} Microsoft-Windows-Security-Auditing EventID=${id} "${what}" Account Name: ${user} Source Network Address: ${ip} ${extra}`;
    }
    case 3:
      return `${iso} ${host} named[${300 + Math.floor(r() * 900)}]: client ${ip}#${40000 + Math.floor(r() * 20000)}: query: ${pick(r, DOMAINS)} IN ${pick(r, ['A', 'AAAA', 'HTTPS', 'A'])} +E(0)`;
    default:
      return `${iso} fw-core-01 kernel: ${pick(r, ['ALLOW', 'ALLOW', 'DROP'])} IN=eth1 OUT=eth0 SRC=${ip} DST=10.0.${Math.floor(r() * 8)}.${Math.floor(r() * 250)} PROTO=${pick(r, ['TCP', 'UDP'])} DPT=${pick(r, [443, 53, 123, 3389, 445, 8443])} LEN=${40 + Math.floor(r() * 1400)}`;
  }
}

/** Benign questions from the evaluation corpus, when it is present. */
function corpusQuestions(): string[] {
  const file = join(CORPORA, 'aiguard/dev.jsonl');
  if (!existsSync(file)) return [];
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; category?: unknown };
    if (row.label === 'benign' && (row.category === 'benign_cyber' || row.category === 'benign_general') && typeof row.text === 'string' && row.text.length > 40 && row.text.length < 600) out.push(row.text);
  }
  return out;
}

function makePrompts(count: number, extra: readonly string[]): string[] {
  const r = rng(20_261_128);
  const prompts: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = new Date(Date.UTC(2026, 10, 1 + Math.floor(r() * 25), Math.floor(r() * 24), Math.floor(r() * 60)));
    const question = extra.length && i % 2 === 1 ? pick(r, extra) : pick(r, QUESTIONS);
    const intro = pick(r, ['Here is an excerpt from our central log store for the last hour.', 'I pulled these lines from the SIEM after a user reported a slow portal.', 'Below is a log extract from the night shift, copied as it is.', 'These are the lines around the time of the ticket we received this morning.']);
    let body = `${intro}\n\n`;
    const lines: string[] = [];
    while (body.length + lines.join('\n').length < PROMPT_CHARS - question.length - 20) {
      t = new Date(t.getTime() + Math.floor(r() * 9000));
      lines.push(logLine(r, t));
    }
    body += `${lines.join('\n')}\n\n${question}`;
    prompts.push(body);
  }
  return prompts;
}

/** Long messages made of benign corpus texts: a colleague's notes and questions pasted in one go. */
function documentPrompts(count: number, texts: readonly string[]): string[] {
  if (!texts.length) return [];
  const r = rng(11);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let body = pick(r, ['I am collecting questions from the team for tomorrow\'s briefing. Please answer each one briefly.', 'Notes from our weekly meeting, pasted as they are; can you turn them into a clean list of answers?', 'Below are the open questions from the help desk queue. Please suggest an answer for each.']);
    let n = 1;
    while (body.length < PROMPT_CHARS - 200) body += `\n\n${n++}. ${pick(r, texts)}`;
    out.push(body);
  }
  return out;
}

// ---- the stand-in upstream, in a child process ----

interface ChildStandIn {
  readonly url: string;
  answer(prompt: string, text: string): Promise<void>;
  close(): Promise<void>;
}

async function startChildStandIn(): Promise<ChildStandIn> {
  const module = pathToFileURL(join(import.meta.dirname, '../packages/server/src/modules/aiguard/testing/stand-in-upstream.ts')).href;
  const code = `import { startStandIn } from ${JSON.stringify(module)};
const s = await startStandIn();
process.on('message', (m) => { if (m.answer) { s.answers.set(m.answer[0], m.answer[1]); process.send({ ok: true }); } else if (m.close) { void s.close().then(() => process.exit(0)); } });
process.send({ url: s.url });`;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    const exited = (c: number | null) => reject(new Error(`the stand-in exited (${c})`));
    child.once('exit', exited);
    child.once('message', (m) => {
      child.off('exit', exited);
      resolve(m as Record<string, unknown>);
    });
  });
  const first = await next();
  return {
    url: String(first['url']),
    async answer(prompt, text) {
      const ack = next();
      child.send({ answer: [prompt, text] });
      await ack;
    },
    async close() {
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ close: true });
      await done;
    },
  };
}

// ---- HTTP with keep-alive, one request at a time per socket ----

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Sent { status: number; ms: number; bytes: number; firstMs: number; events: number; error?: string }

function post(url: string, token: string, body: string, stream = false): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let bytes = 0;
      let firstMs = Number.NaN;
      let events = 0;
      let tail = '';
      let error = '';
      res.on('data', (c: Buffer) => {
        if (res.statusCode !== 200 && error.length < 300) error += c.toString('utf8');
        if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
        bytes += c.length;
        if (stream) {
          // Count "data:" events across chunk boundaries.
          const s = tail + c.toString('latin1');
          let at = 0;
          for (;;) {
            const i = s.indexOf('\ndata:', at);
            if (i < 0) break;
            events += 1;
            at = i + 6;
          }
          tail = s.slice(-6);
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes, firstMs, events: stream ? events + 1 : 0, ...(error ? { error: error.slice(0, 200) } : {}) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- measurements ----

interface Pairs { direct: number[]; gateway: number[]; diff: number[]; seconds: number; failed: Record<string, number> }

async function pairs(count: number, concurrency: number, bodies: readonly { gateway: string; direct: string }[], urls: { gateway: string; direct: string }, token: string, gapMs = 0): Promise<Pairs> {
  const out: Pairs = { direct: [], gateway: [], diff: [], seconds: 0, failed: {} };
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const b = bodies[i % bodies.length]!;
      // Alternate which goes first, so neither path always meets a warmer (or busier) process.
      const first = i % 2 === 0;
      const d1 = first ? await post(urls.direct, UPSTREAM_KEY, b.direct) : undefined;
      const g = await post(urls.gateway, token, b.gateway);
      const d = d1 ?? (await post(urls.direct, UPSTREAM_KEY, b.direct));
      if (g.status !== 200 || d.status !== 200) {
        const why = `gateway ${g.status}${g.error ? ` ${g.error}` : ''} / direct ${d.status}`;
        out.failed[why] = (out.failed[why] ?? 0) + 1;
        continue;
      }
      out.direct.push(d.ms);
      out.gateway.push(g.ms);
      out.diff.push(g.ms - d.ms);
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

async function requestLog(root: ReturnType<typeof client>, account: string, since: number): Promise<AiguardRequest[]> {
  const all: AiguardRequest[] = [];
  let before: string | null = null;
  for (let page = 0; page < 200; page++) {
    const q: URLSearchParams = new URLSearchParams({ account, limit: '500', ...(before ? { before } : {}) });
    const r: { status: number; body: AiguardRequestList } = await root<AiguardRequestList>('GET', `/api/v1/aiguard/requests?${q.toString()}`);
    if (r.status !== 200) throw new Error(`request log: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    let older = false;
    for (const x of r.body.requests) {
      if (Date.parse(x.createdAt) < since) older = true;
      else all.push(x);
    }
    if (older || !r.body.next) break;
    before = r.body.next;
  }
  return all;
}

async function waitRecorded(root: ReturnType<typeof client>, account: string, since: number, n: number): Promise<AiguardRequest[]> {
  let got: AiguardRequest[] = [];
  for (let i = 0; i < 120; i++) {
    got = await requestLog(root, account, since);
    if (got.length >= n) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
  return got;
}

function scannerTimes(prompts: readonly string[], rounds: number): number[] {
  const t: number[] = [];
  let sink = 0;
  for (let k = 0; k < rounds; k++) {
    for (const p of prompts) {
      const msgs: ChatMessage[] = [{ role: 'user', content: p }];
      const s = performance.now();
      sink += scanMessages(msgs).score;
      t.push(performance.now() - s);
    }
  }
  if (sink < 0) console.log(sink);
  return t;
}

function jsonFloor(bodies: readonly string[], rounds: number): number[] {
  const t: number[] = [];
  let sink = 0;
  for (let k = 0; k < rounds; k++) {
    for (const b of bodies) {
      const s = performance.now();
      const v = JSON.parse(b) as Record<string, unknown>;
      sink += JSON.stringify({ ...v, model: 'x' }).length;
      t.push(performance.now() - s);
    }
  }
  if (sink < 0) console.log(sink);
  return t;
}

// ---- the run ----

const m = machine();
console.log('AI gateway benchmark\n');
console.log(describeMachine(m));
const database = await pickDatabase();
const label = database.label;
console.log(`database ${label}`);
console.log(`requests ${fmt(REQUESTS)} measured pairs per figure after ${fmt(WARMUP)} warm-up pairs; ${STREAMS} streams of a ${ANSWER_KB} KiB answer per path\n`);

const questions = corpusQuestions();
if (!questions.length) console.log(`(no corpus at ${CORPORA}: the prompts use built-in questions only)`);
const families = { 'log excerpt + question': makePrompts(200, questions), 'pasted list of corpus questions': documentPrompts(200, questions) };
const prompts: string[] = [];
for (const [family, list] of Object.entries(families)) {
  if (!list.length) continue;
  const verdicts: Record<string, number> = {};
  const sources: Record<string, number> = {};
  for (const p of list) {
    const r = scanMessages([{ role: 'user', content: p }]);
    const v = r.verdict === 'allow' && r.score >= 0.3 ? 'allow with score ≥ 0.3' : r.verdict;
    verdicts[v] = (verdicts[v] ?? 0) + 1;
    if (v === 'allow') prompts.push(p);
    else for (const f of r.findings) sources[f.source] = (sources[f.source] ?? 0) + 1;
  }
  console.log(`prompts  ${family}: ${list.length} generated, input scan ${Object.entries(verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}${Object.keys(sources).length ? ` (findings by ${Object.entries(sources).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
}
const avgChars = prompts.reduce((a, p) => a + p.length, 0) / Math.max(1, prompts.length);
console.log(`         measured with the ${prompts.length} prompts allowed with a score below 0.3 (anything scored higher raises the account's risk, which over thousands of requests would hold or block the benchmark's account); ${fmt(avgChars)} characters ≈ ${fmt(avgChars / 4)} tokens on average`);
if (!prompts.length) throw new Error('no prompt passed the input scan');

const standIn = await startChildStandIn();
const t = await startServer({ env: { ...database.env, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_AIGUARD_DEFAULT_RPM: '100000', BULWARK_AIGUARD_DEFAULT_DAILY_TOKENS: '2000000000' } });
const root = client(t.url, { token: t.adminToken });
try {
  const up = await root<AiguardUpstream>('POST', '/api/v1/aiguard/upstreams', { name: 'stand-in', baseUrl: `${standIn.url}/v1`, apiKey: UPSTREAM_KEY, models: { 'gpt-guarded': 'stand-in-small' }, isDefault: true });
  if (up.status !== 201) throw new Error(`upstream: ${up.status} ${JSON.stringify(up.body)}`);
  const issued = await root<IssuedAiguardKey>('POST', '/api/v1/aiguard/keys', { subject: 'bench.analyst@ministry.example', purpose: 'benchmark', rpm: 100_000, dailyTokens: 10_000_000_000 });
  if (issued.status !== 201) throw new Error(`key: ${issued.status} ${JSON.stringify(issued.body)}`);
  const token = issued.body.token;
  const account = issued.body.key.account;

  // A check with the official client first: the gateway answers as an OpenAI-compatible server.
  const ai = new OpenAI({ apiKey: token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  const check = await ai.chat.completions.create({ model: 'gpt-guarded', messages: [{ role: 'user', content: prompts[0]! }] });
  if (!check.choices[0]?.message.content) throw new Error(`unexpected answer: ${JSON.stringify(check).slice(0, 300)}`);

  // Each prompt gets a plain answer of a few hundred characters (the stand-in's default echo of the
  // prompt reads like an instruction to the output scanner).
  const ANSWERS = [
    'Here is a short summary. Most of the entries are routine: scheduled logons, name lookups for update services and normal web traffic. Nothing stands out as urgent, but it would help to confirm the maintenance window with the service owner and to keep an eye on the account that appears most often.',
    'Thanks, here are brief answers. First, keep the explanation simple and tie it to the service the reader knows. Second, write down what was checked and when. Third, agree on who follows up, and set a date for the next review so the list does not grow stale.',
    'In short: the activity looks consistent with normal office hours. I would group the items by team, note the two that need a decision from management, and share the rest in the weekly update. Let me know if you want a version for the help desk wiki.',
  ];
  for (const [i, p] of prompts.entries()) await standIn.answer(p.trim(), ANSWERS[i % ANSWERS.length]!);
  for (const a of ANSWERS) if (scanText(a, { role: 'output' }).verdict !== 'allow') console.log(`(an answer is not allowed by the output scan: ${a.slice(0, 60)}…)`);

  const bodies = prompts.map((p) => {
    const messages = [{ role: 'user', content: p }];
    return { gateway: JSON.stringify({ model: 'gpt-guarded', messages, temperature: 0.2 }), direct: JSON.stringify({ model: 'stand-in-small', messages, temperature: 0.2 }) };
  });
  const urls = { gateway: `${t.url}/v1/chat/completions`, direct: `${standIn.url}/v1/chat/completions` };

  // 1. Latency added.
  const results: Array<{ name: string; p: Pairs; log: AiguardRequest[] }> = [];
  const runs = [
    { name: 'sequential, back to back', concurrency: 1, gapMs: 0 },
    { name: `sequential, ${GAP_MS} ms apart`, concurrency: 1, gapMs: GAP_MS },
    { name: `concurrency ${CONCURRENCY}`, concurrency: CONCURRENCY, gapMs: 0 },
  ];
  for (const { name, concurrency, gapMs } of runs) {
    await pairs(WARMUP, concurrency, bodies, urls, token, gapMs);
    await new Promise((r) => setTimeout(r, 500));
    const since = Date.now() - 1;
    // With BENCH_AIGUARD_MARKS, the measured window in the monotonic clock of a --cpu-prof profile (µs).
    const mark = () => process.env['BENCH_AIGUARD_MARKS'] && console.log(`  mark ${name} ${process.hrtime.bigint() / 1000n}`);
    mark();
    const p = await pairs(REQUESTS, concurrency, bodies, urls, token, gapMs);
    mark();
    const log = await waitRecorded(root, account, since, p.gateway.length);
    if (process.env['BENCH_AIGUARD_DEBUG']) console.log(JSON.stringify(log.filter((x) => x.action !== 'allow').slice(-3).map((x) => [x.action, x.reason, x.findings, x.inputScore, x.outputScore])));
    results.push({ name, p, log });
    console.log(`  ${name}: ${fmt(p.gateway.length)} pairs in ${p.seconds.toFixed(1)} s${Object.keys(p.failed).length ? `, failed: ${JSON.stringify(p.failed)}` : ''}`);
  }
  const rows: string[][] = [['run', 'pairs', 'direct p50', 'direct p99', 'gateway p50', 'gateway p99', 'added p50', 'added p90', 'added p99', 'gatewayMs p50', 'gatewayMs p99', 'gateway req/s']];
  for (const r of results) {
    const g = r.log.map((x) => x.gatewayMs ?? Number.NaN).filter(Number.isFinite);
    rows.push([r.name, fmt(r.p.diff.length), f2(percentile(r.p.direct, 50)), f2(percentile(r.p.direct, 99)), f2(percentile(r.p.gateway, 50)), f2(percentile(r.p.gateway, 99)),
      f2(percentile(r.p.diff, 50)), f2(percentile(r.p.diff, 90)), f2(percentile(r.p.diff, 99)), f2(percentile(g, 50)), f2(percentile(g, 99)), f1(r.p.gateway.length / r.p.seconds)]);
  }
  console.log('\n1. Latency of a non-streaming chat completion with a ~2,000-token prompt (ms; added = gateway − direct, per interleaved pair)\n');
  console.log(table(rows));
  const actions = results.flatMap((r) => r.log).reduce<Record<string, number>>((a, x) => ((a[x.action] = (a[x.action] ?? 0) + 1), a), {});
  console.log(`\n   request log: ${Object.entries(actions).map(([k, v]) => `${k} ${v}`).join(', ')}; gatewayMs is the gateway's own time before the upstream call (key, actor check, limits, quota, input scan, decision)`);

  // 2. Streaming.
  const words = ['The', 'analyst', 'reviewed', 'the', 'firewall', 'rules', 'and', 'found', 'that', 'the', 'backup', 'window', 'overlaps', 'with', 'the', 'patch', 'schedule;', 'moving', 'it', 'one', 'hour', 'later', 'avoids', 'the', 'contention.', 'Next,', 'document', 'the', 'change', 'in', 'the', 'ticket', 'and', 'notify', 'the', 'service', 'owner.'];
  const r2 = rng(7);
  let longText = '';
  while (longText.length < ANSWER_KB * 1024) longText += `${pick(r2, words)} `;
  const streamPrompt = 'Write the full maintenance report for last week, section by section.';
  await standIn.answer(streamPrompt, longText.trim());
  const sbody = (model: string) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: streamPrompt }] });
  const sres: Record<'direct' | 'gateway', Sent[]> = { direct: [], gateway: [] };
  for (let i = 0; i < STREAMS + 3; i++) {
    const d = await post(urls.direct, UPSTREAM_KEY, sbody('stand-in-small'), true);
    const g = await post(urls.gateway, token, sbody('gpt-guarded'), true);
    if (d.status !== 200 || g.status !== 200) throw new Error(`stream: direct ${d.status}, gateway ${g.status}`);
    if (i >= 3) {
      sres.direct.push(d);
      sres.gateway.push(g);
    }
  }
  const srows: string[][] = [['path', 'streams', 'chunks/stream', 'MB/stream', 'first chunk p50 ms', 'first chunk p99 ms', 'total p50 ms', 'chunks/s (p50)', 'MB/s (p50)']];
  for (const k of ['direct', 'gateway'] as const) {
    const s = sres[k];
    srows.push([k, String(s.length), fmt(percentile(s.map((x) => x.events), 50)), f2(percentile(s.map((x) => x.bytes), 50) / 1e6), f2(percentile(s.map((x) => x.firstMs), 50)), f2(percentile(s.map((x) => x.firstMs), 99)), f1(percentile(s.map((x) => x.ms), 50)),
      fmt(percentile(s.map((x) => x.events / (x.ms / 1000)), 50)), f1(percentile(s.map((x) => x.bytes / 1e6 / (x.ms / 1000)), 50))]);
  }
  const firstDiff = sres.gateway.map((g, i) => g.firstMs - sres.direct[i]!.firstMs);
  console.log(`\n2. Streaming a ${ANSWER_KB} KiB answer as server-sent events (one stream at a time; output scanned every 400 characters as it grows)\n`);
  console.log(table(srows));
  console.log(`\n   time to first chunk added by the gateway: p50 ${f2(percentile(firstDiff, 50))} ms, p99 ${f2(percentile(firstDiff, 99))} ms`);

  // 3. Scanner alone, and a JSON floor.
  const scan = scannerTimes(prompts, 5);
  const json = jsonFloor(bodies.map((b) => b.gateway), 5);
  console.log('\n3. In-process figures on the same prompts (ms per prompt)\n');
  console.log(table([
    ['what', 'runs', 'p50', 'p90', 'p99', 'mean'],
    ['input scan (scanMessages, one user message)', fmt(scan.length), f2(percentile(scan, 50)), f2(percentile(scan, 90)), f2(percentile(scan, 99)), f2(scan.reduce((a, b) => a + b, 0) / scan.length)],
    ['JSON.parse + JSON.stringify of the request body (floor)', fmt(json.length), f2(percentile(json, 50)), f2(percentile(json, 90)), f2(percentile(json, 99)), f2(json.reduce((a, b) => a + b, 0) / json.length)],
  ]));
  console.log('\nTarget (issue 7): the gateway adds at most 5 ms at p99 to a ~2,000-token request.');
  for (const r of results.slice(0, 2)) {
    const p99 = percentile(r.p.diff, 99);
    console.log(`  ${r.name}: p99 added ${f2(p99)} ms → ${p99 <= 5 ? 'met' : 'missed'}`);
  }
} finally {
  const code = await t.stop('SIGTERM');
  if (code !== 0) console.log(`(the server exited with ${code}:\n${t.output().slice(-2000)})`);
  rmSync(t.dataDir, { recursive: true, force: true });
  await database.drop();
  await standIn.close();
  agent.destroy();
}
