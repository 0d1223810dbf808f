// `npm run bench:intel`: threat intelligence at scale, in one run.
//
// 1. A STIX store of BENCH_INTEL_OBJECTS objects (default 1,000,000; a seeded mix of indicators with
//    IPv4, domain, URL and hash patterns, malware, relationships, identities, and later versions of
//    some objects), filled through the store's own importObjects in chunks, then read through the TAXII
//    2.1 server over real HTTP: page latency p50/p99 for the first page, a deep page (a server-issued
//    `next` far in, and `added_after` far in) and filtered pages (match[type], match[id],
//    match[version]=all); and the time to pull the whole collection with the federation TAXII client
//    (pullAll), next to bare JSON.parse of the same pages' bodies.
// 2. Federation latency: two instances (as in peers/federation.test.ts); an indicator created on A
//    (distribution connected) until an event with its value raises an alert on B, B pulling from A in
//    its background loop every second. Once with two fresh instances, once with A holding the store of
//    part 1 (B starting from A's newest object, as a peer that has caught up).
// 3. Indicator matching with 1,000,000 indicators: bench/intel-match.ts, run as a child process.
//
// Database: PostgreSQL when `--postgres [url]` or BULWARK_TEST_DATABASE_URL names a server (a scratch
// database is created and dropped), else embedded PGlite. Everything runs in this process (the servers
// are startTestApp instances on 127.0.0.1), except part 3.
//
// Environment (all optional):
//   BENCH_INTEL_OBJECTS     objects stored for part 1 (default 1000000)
//   BENCH_INTEL_REQUESTS    requests per TAXII latency figure (default 200)
//   BENCH_INTEL_PAGE        page size of the pull and of the latency requests (default 1000)
//   BENCH_INTEL_FEDERATION  creates measured in part 2 with two fresh instances (default 50)
//   BENCH_INTEL_FEDERATION_LARGE  creates measured in part 2 with A holding the store of part 1 (default 20)
//   BENCH_INTEL_PARTS       comma list of parts to run (default taxii,federation,match)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { AddedPeer, Alert, FederationStatus } from '@bulwark/contracts';
import { openDb } from '../packages/server/src/platform/db/open.ts';
import { INSTANCE, parseAllowList, rows, type Db } from '../packages/server/src/platform/index.ts';
import { createLogger } from '../packages/server/src/platform/log/log.ts';
import { createTaxiiClient, envelopeVerifier, importPublicJwk, MemoryReplayCache } from '../packages/server/src/modules/intel/federation/index.ts';
import { LiveIndicators } from '../packages/server/src/modules/intel/live-indicators.ts';
import { validateObject } from '../packages/server/src/modules/intel/stix/index.ts';
import { receiveFilter } from '../packages/server/src/modules/intel/access/receive-filter.ts';
import { importObjects, type ImportScope } from '../packages/server/src/modules/intel/store/import.ts';
import { addedAfterFloor, whereOf, type ObjectQuery } from '../packages/server/src/modules/intel/store/query.ts';
import { COLLECTIONS } from '../packages/server/src/modules/intel/taxii/collections.ts';
import { client, startTestApp, type TestApp } from '../packages/server/src/testing/app.ts';
import { createPostgresDatabase, type Tier, type TestDatabase } from '../packages/server/src/testing/databases.ts';
import { TEST_ADMIN } from '../packages/server/src/testing/server-process.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { postgresReachable, redact } from './lib/postgres.ts';
import { percentile, table } from './lib/stats.ts';

const env = (k: string, d: number) => {
  const v = Number(process.env[k] ?? d);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${k} must be a positive number`);
  return Math.floor(v);
};
const OBJECTS = env('BENCH_INTEL_OBJECTS', 1_000_000);
const REQUESTS = env('BENCH_INTEL_REQUESTS', 200);
const PAGE = env('BENCH_INTEL_PAGE', 1000);
const CREATES = env('BENCH_INTEL_FEDERATION', 50);
const CREATES_LARGE = env('BENCH_INTEL_FEDERATION_LARGE', 20);
const PARTS = new Set((process.env['BENCH_INTEL_PARTS'] ?? 'taxii,federation,match').split(',').map((s) => s.trim()));
const CHUNK = 5000;
const BUDGET_MS = 120_000;
const SEED = 20_261_201;
const TAXII_MEDIA = 'application/taxii+json;version=2.1';
const SHARED_WITH_ME = COLLECTIONS.find((c) => c.alias === 'shared-with-me')!.id;
const FEDERATION = COLLECTIONS.find((c) => c.alias === 'federation')!.id;

const flag = process.argv.indexOf('--postgres');
const PG_URL = flag >= 0 ? (process.argv[flag + 1]?.startsWith('postgres') ? process.argv[flag + 1] : 'postgres://postgres@127.0.0.1:5432/test') : process.env['BULWARK_TEST_DATABASE_URL'];

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

// ---- database tier ----

async function pickTier(): Promise<{ tier: Tier; label: string }> {
  const pglite: Tier = {
    name: 'pglite',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bw-bench-intel-'));
      const db = await openDb({ dataDir });
      return { db, url: undefined, dataDir, async cleanup() { await db.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  };
  if (!PG_URL) return { tier: pglite, label: 'embedded PGlite (no --postgres and no BULWARK_TEST_DATABASE_URL)' };
  const reach = await postgresReachable(PG_URL);
  if (!reach.ok) throw new Error(`PostgreSQL at ${redact(PG_URL)} is not reachable: ${reach.reason}`);
  const tier: Tier = {
    name: 'postgres',
    async open(): Promise<TestDatabase> {
      const created = await createPostgresDatabase(PG_URL);
      const dataDir = mkdtempSync(join(tmpdir(), 'bw-bench-intel-'));
      const db = await openDb({ databaseUrl: created.url, dataDir, poolSize: 8 });
      return { db, url: created.url, dataDir, async cleanup() { await db.close(); await created.drop(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  };
  return { tier, label: `PostgreSQL ${reach.version} at ${redact(PG_URL)} (scratch databases, dropped afterwards)` };
}

// ---- a seeded STIX corpus ----

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

const TLP2 = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
};
const TLDS = ['com', 'net', 'org', 'info', 'ru', 'xyz', 'top', 'cn', 'biz', 'io', 'eu', 'de', 'fr', 'cc', 'online', 'site'];
const WORDS = ['login', 'secure', 'update', 'cdn', 'mail', 'portal', 'account', 'verify', 'cloud', 'files', 'docs', 'auth', 'api', 'static', 'pay', 'gov'];
const FAMILIES = ['Emotet', 'QakBot', 'IcedID', 'Cobalt Strike', 'AgentTesla', 'RedLine', 'Lumma', 'AsyncRAT', 'Remcos', 'njRAT', 'Formbook', 'SmokeLoader', 'Sliver', 'PlugX', 'ShadowPad'];
const START = Date.parse('2025-01-01T00:00:00.000Z');

interface Corpus {
  /** The next chunk of objects (fewer at the end). */
  chunk(size: number): Record<string, unknown>[];
  readonly kinds: Map<string, number>;
}

function corpus(total: number, seed: number): Corpus {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T;
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += ((r() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const ts = (i: number) => new Date(START + i * 1000 + int(1000)).toISOString();
  const label = () => `${pick(WORDS)}${int(10_000)}${hex(4)}`;
  const domain = () => `${r() < 0.4 ? `${pick(WORDS)}.` : ''}${label()}.${pick(TLDS)}`;
  const epoch = new Date(START).toISOString();
  const identities = Array.from({ length: 20 }, (_, i) => ({
    type: 'identity', spec_version: '2.1', id: `identity--${uuid()}`, created: epoch, modified: epoch,
    name: `CSIRT ${['FR', 'DE', 'IT', 'PL', 'ES', 'NL', 'BE', 'AT', 'SE', 'FI'][i % 10]} ${i < 10 ? 'national' : 'government'} team`, identity_class: 'organization', sectors: ['government-national'],
  }));
  const malware: Array<Record<string, unknown>> = [];
  const recent: Array<Record<string, unknown>> = []; // recent objects, some of which get a new version
  const kinds = new Map<string, number>();
  const count = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1);
  let made = 0;
  const pendingIdentities = [...identities];

  const marking = (): string[] | undefined => {
    const x = r();
    return x < 0.15 ? [TLP2.CLEAR] : x < 0.25 ? [TLP2.AMBER] : x < 0.45 ? [TLP2.GREEN] : undefined; // else the import default (GREEN)
  };
  const common = (type: string, i: number) => {
    const t = ts(i);
    const m = marking();
    return { type, spec_version: '2.1', id: `${type}--${uuid()}`, created: t, modified: t, created_by_ref: pick(identities).id, ...(m ? { object_marking_refs: m } : {}) };
  };
  const pattern = (): { kind: string; pattern: string } => {
    const x = r();
    if (x < 0.3) return { kind: 'indicator ipv4', pattern: `[ipv4-addr:value = '${pick([5, 31, 37, 46, 62, 77, 85, 91, 93, 94, 95, 109, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217])}.${int(256)}.${int(256)}.${1 + int(254)}']` };
    if (x < 0.5) return { kind: 'indicator domain', pattern: `[domain-name:value = '${domain()}']` };
    if (x < 0.65) return { kind: 'indicator url', pattern: `[url:value = 'http${r() < 0.7 ? 's' : ''}://${domain()}/${label()}/${hex(8)}.${pick(['php', 'exe', 'zip', 'html', 'js'])}']` };
    if (x < 0.73) return { kind: 'indicator md5', pattern: `[file:hashes.MD5 = '${hex(32)}']` };
    if (x < 0.8) return { kind: 'indicator sha1', pattern: `[file:hashes.'SHA-1' = '${hex(40)}']` };
    return { kind: 'indicator sha256', pattern: `[file:hashes.'SHA-256' = '${hex(64)}']` };
  };
  const indicator = (i: number) => {
    const p = pattern();
    count(p.kind);
    const c = common('indicator', i);
    return {
      ...c, name: `${pick(FAMILIES)} ${p.kind.slice(10)}`, indicator_types: [pick(['malicious-activity', 'anomalous-activity', 'attribution', 'compromised'])],
      pattern: p.pattern, pattern_type: 'stix', valid_from: c.created, confidence: 30 + int(70), labels: [pick(['c2', 'phishing', 'malware-distribution', 'botnet', 'exfiltration'])],
    };
  };
  const newVersion = (o: Record<string, unknown>, i: number): Record<string, unknown> => {
    count(`new version of ${String(o['type'])}`);
    const modified = new Date(Math.max(Date.parse(String(o['modified'])) + 1000, START + i * 1000)).toISOString();
    const next: Record<string, unknown> = { ...o, modified };
    if (o['type'] === 'indicator') {
      next['confidence'] = Math.min(100, Number(o['confidence'] ?? 50) + 10);
      if (r() < 0.1) next['revoked'] = true;
    } else next['description'] = `Updated ${modified.slice(0, 10)}`;
    return next;
  };

  const one = (i: number): Record<string, unknown> => {
    if (pendingIdentities.length) {
      count('identity');
      return pendingIdentities.shift()!;
    }
    const x = r();
    const k = int(recent.length);
    if (x < 0.03 && recent.length > 100 && recent[k]!['revoked'] !== true) {
      // A later version of an object seen recently (about 3% of all rows; some objects get several).
      const v = newVersion(recent[k]!, i);
      recent[k] = v;
      return v;
    }
    let o: Record<string, unknown>;
    if (x < 0.05 || malware.length < 10) {
      count('malware');
      o = { ...common('malware', i), name: `${pick(FAMILIES)} ${hex(4)}`, is_family: r() < 0.5, malware_types: [pick(['trojan', 'ransomware', 'remote-access-trojan', 'backdoor', 'dropper'])] };
      malware.push(o);
    } else if (x < 0.16) {
      count('relationship');
      const source = recent.length ? pick(recent) : pick(malware);
      o = { ...common('relationship', i), relationship_type: source['type'] === 'indicator' ? 'indicates' : 'related-to', source_ref: source['id'], target_ref: pick(malware)['id'] };
      if (o['source_ref'] === o['target_ref']) o['target_ref'] = malware[0]!['id'];
    } else o = indicator(i);
    if (o['type'] !== 'relationship') {
      if (recent.length < 5000) recent.push(o);
      else recent[int(recent.length)] = o;
    }
    return o;
  };

  return {
    kinds,
    chunk(size) {
      const out: Record<string, unknown>[] = [];
      while (out.length < size && made < total) out.push(one(made++));
      return out;
    },
  };
}

// ---- part 1: TAXII over a large store ----

interface Figure {
  readonly what: string;
  readonly samples: number[];
  readonly objects: number;
  readonly bytes: number;
  /** 503 answers of the overload guard (retried, not timed). */
  readonly shed: number;
}

async function timeRequests(what: string, url: string, token: string, n: number): Promise<Figure> {
  const headers = { authorization: `Bearer ${token}`, accept: TAXII_MEDIA };
  let objects = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm-up (connection, plans, caches)
  const samples: number[] = [];
  let shed = 0;
  const t0 = performance.now();
  // n requests, or fewer (at least 20) when a slow query would take longer than the budget.
  for (let i = 0; i < n && (i < 20 || performance.now() - t0 < BUDGET_MS); i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 503) {
      // The overload guard: an earlier request held the event loop (PGlite runs on it). Counted, not timed.
      if (++shed > 200) throw new Error(`${what}: the server keeps answering 503`);
      i--;
      await sleep(500);
      continue;
    }
    samples.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    if (i === 0) {
      bytes = body.length;
      const parsed = JSON.parse(body.toString('utf8')) as { objects?: unknown[]; versions?: unknown[] };
      objects = (parsed.objects ?? parsed.versions ?? []).length;
    }
  }
  return { what, samples, objects, bytes, shed };
}

/**
 * Waits until the server answers again: the fill and the index load above ran on this thread, and the
 * server's overload guard (@fastify/under-pressure) answers 503 until the event loop delay it saw has passed.
 */
async function untilServing(app: TestApp): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(`${app.url}/taxii2/`, { headers: { authorization: `Bearer ${app.adminToken}`, accept: TAXII_MEDIA } });
    await res.arrayBuffer();
    if (res.status === 200) return;
    if (res.status !== 503 || performance.now() - t0 > 60_000) throw new Error(`the TAXII server answers ${res.status}`);
    await sleep(250);
  }
}

/** ANALYZE intel_objects as the database owner (the application role may not). */
async function analyze(app: TestApp): Promise<void> {
  if (app.database.url) {
    const c = new pg.Client({ connectionString: app.database.url });
    await c.connect();
    try {
      await c.query('analyze intel_objects');
    } finally {
      await c.end();
    }
  } else {
    await app.platform.db.tx(INSTANCE, async (tx) => {
      await tx.execute(sql`set local role postgres`);
      await tx.execute(sql`analyze intel_objects`);
    });
  }
}

/**
 * Stores `total` generated objects with importObjects, ANALYZE after the first 20,000 and every 100,000
 * rows and at the end. Nothing in the product analyzes intel_objects, PGlite has no autovacuum, and this
 * machine's PostgreSQL runs with autovacuum off; without statistics the store's tombstone and is_latest
 * statements scan the whole table for every 500 objects, so a fill slows down as the table grows.
 */
async function fill(db: Db, scope: ImportScope, total: number, analyzeTable: () => Promise<void>): Promise<{ seconds: number; kinds: Map<string, number>; analyzed: number }> {
  const c = corpus(total, SEED);
  const t0 = performance.now();
  let done = 0;
  let lastReport = t0;
  let lastDone = 0;
  let checked = 0;
  let analyzed = 0;
  for (;;) {
    const objects = c.chunk(CHUNK);
    if (!objects.length) break;
    // The objects are what a real import would accept: a sample is validated (the fill itself skips it, as the API does after parsing).
    if (done === 0 || done % 100_000 < CHUNK) {
      for (const o of objects.slice(0, 200)) {
        const errs = validateObject(o).filter((d) => d.severity === 'error');
        if (errs.length) throw new Error(`generated object ${String(o['id'])} is invalid: ${errs.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        checked++;
      }
    }
    const report = await importObjects(db, objects, () => [], { scope, source: 'import' });
    if (report.rejected) throw new Error(`the store refused ${report.rejected} generated objects: ${report.defects.slice(0, 3).map((d) => d.message).join('; ')}`);
    const before = done;
    done += objects.length;
    if ((before < 20_000 && done >= 20_000) || Math.floor(before / 100_000) !== Math.floor(done / 100_000) || done === total) {
      await analyzeTable();
      analyzed++;
    }
    const now = performance.now();
    if (now - lastReport > 60_000) {
      process.stdout.write(`            ... ${fmt(done)} stored, ${fmt((done - lastDone) / ((now - lastReport) / 1000))} objects/s over the last minute\n`);
      lastReport = now;
      lastDone = done;
    }
  }
  if (checked === 0) throw new Error('no object was validated');
  return { seconds: (performance.now() - t0) / 1000, kinds: c.kinds, analyzed };
}

async function partTaxii(tier: Tier): Promise<{ app: TestApp; peerToken: string }> {
  console.log(`\n== 1. TAXII 2.1 over a store of ${fmt(OBJECTS)} STIX objects ==\n`);
  const app = await startTestApp(tier, { env: { BULWARK_INSTANCE_ID: 'bench-store', BULWARK_ROLES: 'api' } });
  try {
    const db = app.platform.db;
    const [home] = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`select id from organisations where is_home`));
    // Most objects for connected communities; loose relationships (related-to) kept to this instance's community.
    const scope: ImportScope = {
      ownerInstance: 'bench-store', ownerOrg: home!.id, tlp: 'GREEN', distribution: 'connected',
      distributionOf: (o) => (o['relationship_type'] === 'related-to' ? 'community' : undefined),
    };
    const filled = await fill(db, scope, OBJECTS, () => analyze(app));
    const [stats] = await db.tx(INSTANCE, (tx) => rows<{ n: string; latest: string; bytes: string }>(tx,
      sql`select count(*) as n, count(*) filter (where is_latest) as latest, pg_total_relation_size('intel_objects') as bytes from intel_objects`));
    const byScope = await db.tx(INSTANCE, (tx) => rows<{ tlp: string; distribution: string; n: string }>(tx, sql`select tlp, distribution, count(*) as n from intel_objects group by 1, 2 order by 3 desc`));
    const latest = Number(stats!.latest);
    console.log(`store       ${fmt(Number(stats!.n))} rows (${fmt(latest)} objects at their latest version) stored in ${filled.seconds.toFixed(0)} s ` +
      `(${fmt(Number(stats!.n) / filled.seconds)} objects/s, importObjects in chunks of ${fmt(CHUNK)}, ANALYZE ${filled.analyzed} times in between); table with indexes ${mib(Number(stats!.bytes))}`);
    console.log(`            ${[...filled.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
    console.log(`            scope (TLP/distribution): ${byScope.map((x) => `${x.tlp}/${x.distribution} ${fmt(Number(x.n))}`).join(', ')}`);

    const token = app.adminToken;
    const collection = `${app.url}/taxii2/api/collections/${SHARED_WITH_ME}/`;
    const federation = `${app.url}/taxii2/api/collections/${FEDERATION}/`;
    const figures: Figure[] = [];
    const run = async (what: string, url: string) => void figures.push(await timeRequests(what, url, token, REQUESTS));

    // What a worker restart costs: the live indicator index built from this store.
    {
      const live = new LiveIndicators(db, createLogger('silent'), () => Promise.resolve('bench-store'));
      const t = performance.now();
      await live.load();
      console.log(`live index  ${fmt(live.size)} indicators loaded from the store in ${((performance.now() - t) / 1000).toFixed(1)} s (what a worker does at start)`);
    }

    const call = client(app.url, { token: app.adminToken });
    await untilServing(app);
    // A federated peer's key (the peer of part 2), to pull as a peer does: signed pages, scope per object.
    const added = await call<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: 'http://127.0.0.1:9/taxii2/', token: 'set-when-beta-exists', direction: 'pull' });
    if (added.status !== 201) throw new Error(`adding a peer: HTTP ${added.status} ${JSON.stringify(added.body)}`);
    const peerToken = added.body.inboundToken;
    const self = (await call<FederationStatus>('GET', '/api/v1/federation')).body;

    const allow = parseAllowList('127.0.0.0/8');
    const pullOpts = { pageSize: PAGE, maxObjects: Number.MAX_SAFE_INTEGER, maxPages: Number.MAX_SAFE_INTEGER, maxDurationMs: 6 * 3600_000 };

    // The whole collection with the federation TAXII client (egress guard, limits scan, checks), page by page.
    const cursors: Array<{ at: number; next: string }> = [];
    let pulled = 0;
    let t = performance.now();
    const pull = await createTaxiiClient({ auth: { type: 'bearer', token }, allow }).pullAll(collection, {
      ...pullOpts,
      onPage: (p) => {
        pulled += p.objects.length;
        if (p.state.next) cursors.push({ at: pulled, next: p.state.next });
      },
    });
    const pullMs = performance.now() - t;
    if (!pull.complete) throw new Error(`the pull stopped early (${pull.stoppedBy ?? 'unknown'})`);

    // As a federated peer pulls the federation collection: every page signed by the server and verified here.
    const key = importPublicJwk(self.publicKey);
    const verifyResponses = envelopeVerifier({ publicKeyOf: (kid) => (kid === 'bench-store' ? key : undefined), seen: new MemoryReplayCache(), audience: 'beta', expectKid: 'bench-store' });
    t = performance.now();
    const peerPull = await createTaxiiClient({ auth: { type: 'bearer', token: peerToken }, allow, verifyResponses }).pullAll(federation, { ...pullOpts, onPage: () => undefined });
    const peerMs = performance.now() - t;
    if (!peerPull.complete) throw new Error(`the peer pull stopped early (${peerPull.stoppedBy ?? 'unknown'})`);

    // The same pages as the first pull fetched bare (fetch, bodies kept), then parsed with JSON.parse: the floor of any client.
    const bodies: Buffer[] = [];
    let next: string | undefined;
    t = performance.now();
    do {
      const res = await fetch(`${collection}objects/?limit=${PAGE}${next ? `&next=${encodeURIComponent(next)}` : ''}`, { headers: { authorization: `Bearer ${token}`, accept: TAXII_MEDIA } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`bare fetch: HTTP ${res.status} ${body.toString('utf8').slice(0, 300)}`);
      bodies.push(body);
      // Only the cursor is read here (the body begins {"more":…,"next":"…"); the parse is timed below.
      next = /"next":"([^"]+)"/.exec(body.subarray(0, 200).toString('latin1'))?.[1];
    } while (next);
    const fetchMs = performance.now() - t;
    const totalBytes = bodies.reduce((n, b) => n + b.length, 0);
    let parseMs = Infinity;
    let parsedObjects = 0;
    for (let pass = 0; pass < 3; pass++) {
      let spent = 0;
      parsedObjects = 0;
      for (const b of bodies) {
        const text = b.toString('utf8');
        const t1 = performance.now();
        const v = JSON.parse(text) as { objects?: unknown[] };
        spent += performance.now() - t1;
        parsedObjects += v.objects?.length ?? 0;
      }
      parseMs = Math.min(parseMs, spent);
    }
    bodies.length = 0;
    const rate = (n: number, m: number) => fmt(n / (m / 1000));
    const secs = (m: number) => (m / 1000).toFixed(m < 10_000 ? 2 : 1);
    console.log(`\nwhole collection, pages of ${fmt(PAGE)} ("shared-with-me": ${fmt(parsedObjects)} objects, ${mib(totalBytes)} of JSON; bodies parsed best of 3):`);
    console.log(table([
      ['what', 'objects', 'requests', 'seconds', 'objects/s', 'x JSON.parse'],
      ['JSON.parse of the page bodies (baseline)', fmt(parsedObjects), '', secs(parseMs), rate(parsedObjects, parseMs), '1'],
      ['bare fetch of the same pages', fmt(parsedObjects), fmt(Math.ceil(parsedObjects / PAGE)), secs(fetchMs), rate(parsedObjects, fetchMs), (parseMs / fetchMs).toFixed(4)],
      ['TAXII client pullAll, as a user', fmt(pull.objects), fmt(pull.pages), secs(pullMs), rate(pull.objects, pullMs), (parseMs / pullMs).toFixed(4)],
      ['pullAll as a federated peer (signed, verified)', fmt(peerPull.objects), fmt(peerPull.pages), secs(peerMs), rate(peerPull.objects, peerMs), ((parseMs / parsedObjects) * peerPull.objects / peerMs).toFixed(4)],
    ]));
    console.log('            the peer pulls the "federation" collection (distribution connected/all; the few community relationships stay home)');
    for (const w of [...pull.warnings, ...peerPull.warnings]) console.log(`            warning: ${w}`);
    if (pull.objects !== parsedObjects) console.log(`            NOTE: pullAll delivered ${fmt(pull.objects)} objects, the bare pages held ${fmt(parsedObjects)}`);

    // Page latencies. A cursor the server issued at ~90% of the collection; added_after at the same depth and at the end.
    const deep = cursors.find((c) => c.at >= pulled * 0.9) ?? cursors.at(-1);
    const stamp = sql.raw(`to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
    const [at90] = await db.tx(INSTANCE, (tx) => rows<{ after: string }>(tx, sql`select ${stamp} as after from intel_objects where is_latest order by seq offset ${Math.floor(latest * 0.9)} limit 1`));
    const [newest] = await db.tx(INSTANCE, (tx) => rows<{ after: string }>(tx, sql`select ${stamp} as after from intel_objects order by seq desc limit 1`));
    const [versioned] = await db.tx(INSTANCE, (tx) => rows<{ id: string; n: string }>(tx,
      sql`select id, count(*) as n from intel_objects where type = 'indicator' group by id having count(*) > 1 order by count(*) desc, id limit 1`));
    const [someIndicator] = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`select id from intel_objects where type = 'indicator' and is_latest order by seq offset ${Math.floor(latest * 0.5)} limit 1`));
    const base = `${collection}objects/?limit=${PAGE}`;
    await run('first page', base);
    if (deep) await run(`deep page: next cursor issued at ${fmt(deep.at)}`, `${base}&next=${encodeURIComponent(deep.next)}`);
    await run('deep page: added_after at 90%', `${base}&added_after=${at90!.after}`);
    await run('added_after = newest (empty; each incremental pull)', `${base}&added_after=${newest!.after}`);
    await run('match[type]=indicator', `${base}&match[type]=indicator`);
    await run('match[type]=malware', `${base}&match[type]=malware`);
    await run('match[type]=indicator, added_after at 90%', `${base}&match[type]=indicator&added_after=${at90!.after}`);
    await run('match[id]=one indicator', `${base}&match[id]=${someIndicator!.id}`);
    if (versioned) await run(`match[id], match[version]=all (${versioned.n} versions)`, `${base}&match[id]=${versioned.id}&match[version]=all`);
    if (versioned) await run('versions endpoint of that object', `${collection}objects/${versioned.id}/versions/`);
    await run('manifest, first page', `${collection}manifest/?limit=${PAGE}`);
    await run('federation collection as a peer (signed)', `${federation}objects/?limit=${PAGE}`);
    console.log(`\nTAXII page latency, ${REQUESTS} sequential requests each (fewer, at least 20, when they take over ${BUDGET_MS / 1000} s) after 3 warm-up requests;`);
    console.log('one client, keep-alive; collection "shared-with-me" unless said:');
    console.log(table([
      ['request', 'objects', 'KiB', 'requests', 'p50 ms', 'p99 ms', 'max ms', '503s'],
      ...figures.map((f) => [f.what, fmt(f.objects), fmt(f.bytes / 1024), String(f.samples.length), ms(percentile(f.samples, 50)), ms(percentile(f.samples, 99)), ms(Math.max(...f.samples)), String(f.shed)]),
    ]));

    // Where the time goes: the store's query for some of these pages, as the database runs it (one EXPLAIN ANALYZE each).
    const [admin] = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`select id from users where lower(email) = lower(${TEST_ADMIN.email})`));
    const access = receiveFilter({ kind: 'user', instance: 'bench-store', org: home!.id, user: admin!.id }, 'bench-store');
    const plans: Array<[string, ObjectQuery]> = [
      ['first page', { access, limit: PAGE }],
      ['deep page: next cursor', { access, limit: PAGE, afterSeq: Number(JSON.parse(Buffer.from(deep?.next ?? 'e30', 'base64url').toString('utf8')).s ?? 0) }],
      ['added_after at 90%', { access, limit: PAGE, addedAfter: at90!.after }],
      ['added_after = newest', { access, limit: PAGE, addedAfter: newest!.after }],
      ['match[type]=indicator', { access, limit: PAGE, types: ['indicator'] }],
    ];
    console.log('\nquery plans (EXPLAIN ANALYZE of the store\'s query for the page, scan lines only):');
    for (const [what, q] of plans) {
      // As queryObjects runs it: added_after first becomes a seq floor (one index probe), then the page query.
      const plan = await db.tx(INSTANCE, async (tx) => {
        const floor = Math.max(q.afterSeq ?? 0, q.addedAfter ? await addedAfterFloor(tx, q.addedAfter) : 0);
        const after = floor > 0 ? sql` and seq > ${floor}` : sql``;
        return rows<Record<string, string>>(tx, sql`explain (analyze, costs off, timing off, summary on) select id, version, object from intel_objects where ${whereOf(q)}${after} order by seq limit ${q.limit + 1}`);
      });
      const lines = plan.map((r) => Object.values(r)[0]!).filter((l) => /Scan|Sort|Rows Removed|Execution Time|JIT:|Timing: Generation/.test(l) && !/Function Scan/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
      console.log(`  ${what}: ${lines.join(' | ')}`);
    }
    return { app, peerToken };
  } catch (err) {
    await app.close();
    throw err;
  }
}

// ---- part 2: federation latency ----

/** Creates an indicator on A, then sends B an event with its value until B lists an alert for it. */
async function createUntilAlert(a: TestApp, b: TestApp, i: number): Promise<{ ms: number; events: number }> {
  const callA = client(a.url, { token: a.adminToken });
  const callB = client(b.url, { token: b.adminToken });
  const id = `indicator--${randomUUID()}`;
  const ip = `203.0.${113 + (i >> 8)}.${(i % 254) + 1}`;
  const now = new Date().toISOString();
  const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [{ type: 'indicator', spec_version: '2.1', id, created: now, modified: now, name: `C2 ${ip}`, pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: now }] };
  const t0 = performance.now();
  const created = await callA<{ stored: number }>('POST', '/api/v1/intel/import?tlp=GREEN&distribution=connected', JSON.stringify(bundle), { 'content-type': 'application/json' });
  if (created.status !== 200 || created.body.stored !== 1) throw new Error(`create on A: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  for (let round = 1; ; round++) {
    if (performance.now() - t0 > 300_000) throw new Error(`no alert on B 300 s after creating ${id} on A`);
    const sent = await callB('POST', '/api/v1/events', [{ '@timestamp': new Date().toISOString(), SourceIp: ip, Computer: 'fw-beta', RecordNumber: `${id}-${round}` }]);
    if (sent.status !== 200 && sent.status !== 503) throw new Error(`event to B: HTTP ${sent.status} ${JSON.stringify(sent.body)}`);
    const alerts = await callB<{ alerts?: Alert[] }>('GET', '/api/v1/alerts?detector=indicators&limit=20');
    if (alerts.body.alerts?.some((x) => x.ruleId === id)) return { ms: performance.now() - t0, events: round };
    await sleep(50);
  }
}

async function measureFederation(what: string, a: TestApp, b: TestApp, creates: number): Promise<string[]> {
  const latencies: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < creates + 2; i++) {
    const r = await createUntilAlert(a, b, i);
    if (i < 2) continue; // the first two warm up both instances
    latencies.push(r.ms);
    events.push(r.events);
  }
  const s = (v: number) => (v / 1000).toFixed(2);
  return [what, String(latencies.length), s(percentile(latencies, 50)), s(percentile(latencies, 90)), s(percentile(latencies, 99)), s(Math.max(...latencies)), s(Math.min(...latencies)), String(percentile(events, 50))];
}

const fedEnv = (id: string, syncSeconds: string) => ({ BULWARK_INSTANCE_ID: id, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_FEDERATION_SYNC_SECONDS: syncSeconds });

async function partFederation(tier: Tier, big?: { app: TestApp; peerToken: string }): Promise<void> {
  console.log('\n== 2. Federation latency: a create on A until an event on B matches it ==\n');
  const rowsOut: string[][] = [];
  // (a) Two fresh instances, as in peers/federation.test.ts.
  {
    const apps: TestApp[] = [];
    try {
      const a = await startTestApp(tier, { env: fedEnv('alpha', '3600') });
      apps.push(a);
      const b = await startTestApp(tier, { env: fedEnv('beta', '1') });
      apps.push(b);
      const callA = client(a.url, { token: a.adminToken });
      const callB = client(b.url, { token: b.adminToken });
      const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
      const idB = (await callB<FederationStatus>('GET', '/api/v1/federation')).body;
      // A knows B (and issues the key B calls it with); B pulls from A.
      const addA = await callA<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: `${b.url}/taxii2/`, token: 'unused-alpha-does-not-call-beta', publicKey: idB.publicKey, direction: 'pull' });
      if (addA.status !== 201) throw new Error(`adding beta on alpha: HTTP ${addA.status} ${JSON.stringify(addA.body)}`);
      const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'alpha', url: `${a.url}/taxii2/`, token: addA.body.inboundToken, publicKey: idA.publicKey, direction: 'pull' });
      if (addB.status !== 201) throw new Error(`adding alpha on beta: HTTP ${addB.status} ${JSON.stringify(addB.body)}`);
      rowsOut.push(await measureFederation('A and B fresh (as in federation.test.ts)', a, b, CREATES));
    } finally {
      for (const x of apps.reverse()) await x.close();
    }
  }
  // (b) A is the store of part 1; B has caught up with it (its pull state starts at A's newest object).
  if (big) {
    const a = big.app;
    const b = await startTestApp(tier, { env: fedEnv('beta', '1') });
    try {
      const callA = client(a.url, { token: a.adminToken });
      const callB = client(b.url, { token: b.adminToken });
      const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
      const [newest] = await a.platform.db.tx(INSTANCE, (tx) => rows<{ after: string }>(tx,
        sql`select to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as after from intel_objects order by seq desc limit 1`));
      // Added with no collection, its pull state set, then given the collection: no round sees it half set up.
      const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'bench-store', url: `${a.url}/taxii2/`, token: big.peerToken, publicKey: idA.publicKey, direction: 'pull', collections: [] });
      if (addB.status !== 201) throw new Error(`adding the store on beta: HTTP ${addB.status} ${JSON.stringify(addB.body)}`);
      const state = JSON.stringify({ [FEDERATION]: { addedAfter: newest!.after } });
      await b.platform.db.tx(INSTANCE, (tx) => tx.execute(sql`update federation_peers set pull_state = ${state}::jsonb where id = ${addB.body.peer.id}`));
      const patched = await callB('PATCH', `/api/v1/federation/peers/${addB.body.peer.id}`, { collections: [FEDERATION] });
      if (patched.status !== 200) throw new Error(`giving the peer its collection: HTTP ${patched.status} ${JSON.stringify(patched.body)}`);
      rowsOut.push(await measureFederation(`A holds the ${fmt(OBJECTS)} objects of part 1`, a, b, CREATES_LARGE));
    } finally {
      await b.close();
    }
  }
  console.log('B pulls from A in its background loop (BULWARK_FEDERATION_SYNC_SECONDS=1; signed pages, verified). After each create on A');
  console.log('(POST /api/v1/intel/import, distribution connected), an event with the value is sent to B every ~50 ms plus request time');
  console.log('until B lists an alert for the new indicator; the time is from before the create until that alert is seen.');
  console.log(table([['A', 'creates', 'median s', 'p90 s', 'p99 s', 'max s', 'min s', 'events per create (median)'], ...rowsOut]));
  console.log('target: p99 under 5 s');
}

// ---- part 3: indicator matching (bench/intel-match.ts) ----

async function partMatch(): Promise<void> {
  console.log('\n== 3. Indicator matching with 1,000,000 indicators (bench/intel-match.ts, child process) ==\n');
  const script = fileURLToPath(new URL('./intel-match.ts', import.meta.url));
  let out = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => void (out += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  // The machine was printed above already.
  console.log(out.split('\n').filter((l) => !/^(Bulwark indicator matching benchmark$|(CPU|node|os|load) {2,}|memory +[\d.]+ GiB$)/.test(l)).join('\n').trim());
  if (code !== 0) throw new Error(`bench/intel-match.ts exited with ${code}`);
}

// ---- run ----

console.log('Bulwark threat intelligence benchmark\n');
console.log(describeMachine(machine()));
const { tier, label } = await pickTier();
console.log(`database ${label}`);
const started = performance.now();
const big = PARTS.has('taxii') ? await partTaxii(tier) : undefined;
try {
  if (PARTS.has('federation')) await partFederation(tier, big);
} finally {
  await big?.app.close();
}
if (PARTS.has('match')) await partMatch();
console.log(`\nwhole run ${((performance.now() - started) / 1000 / 60).toFixed(1)} min; load ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min, after the run)`);
