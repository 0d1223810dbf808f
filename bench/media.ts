// `npm run bench:media`: the PDQ match index (packages/server/src/modules/media/match) at 1,000,000 and
// 10,000,000 hashes: build time and memory, query latency p50/p99 at distances 16, 31 and 48 next to a
// plain brute-force scan in the same run, adds and withdrawals on the full index, and a JSON.parse
// baseline. Two data sets: uniform random hashes (the easy case) and a clustered bank (groups of
// near-duplicates, as real banks hold re-encodes and crops), each queried with half near-matches
// (an entry with 0-24 bits flipped) and half unrelated hashes.
//
// Sizes: BENCH_MEDIA_SIZES=1000000,10000000 (default). Queries per distance: BENCH_MEDIA_QUERIES (1000).
import { PdqIndex } from '../packages/server/src/modules/media/match/index.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { round, summarize, table } from './lib/stats.ts';

const SIZES = (process.env['BENCH_MEDIA_SIZES'] ?? '1000000,10000000').split(',').map(Number);
const QUERIES = Number(process.env['BENCH_MEDIA_QUERIES'] ?? 1000);
const DISTANCES = [16, 31, 48];
const CLUSTER = 8; // mean entries per cluster in the clustered bank
const SPREAD = 24; // bits flipped at most, per variant and per near-match query

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  for (let i = 0; i < 3; i++) gc?.();
};
const fmt = (n: number) => n.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function flip(words: Uint32Array, at: number, bits: number, r: () => number): void {
  for (let i = 0; i < bits; i++) {
    const b = r() & 255; // may hit a bit twice: distance ≤ bits
    words[at + (b >> 5)]! ^= 1 << (b & 31);
  }
}

function dataset(n: number, clustered: boolean, seed: number): Uint32Array {
  const r = rng(seed);
  const words = new Uint32Array(n * 8);
  for (let i = 0; i < words.length; i++) words[i] = r();
  if (clustered) {
    const centres = Math.max(1, Math.floor(n / CLUSTER));
    for (let i = centres; i < n; i++) {
      const c = r() % centres;
      words.copyWithin(i * 8, c * 8, c * 8 + 8);
      flip(words, i * 8, r() % (SPREAD + 1), r);
    }
  }
  return words;
}

function queries(words: Uint32Array, n: number, count: number, seed: number): Uint32Array[] {
  const r = rng(seed);
  const out: Uint32Array[] = [];
  for (let i = 0; i < count; i++) {
    const q = new Uint32Array(8);
    if (i % 2 === 0) {
      const at = (r() % n) * 8;
      q.set(words.subarray(at, at + 8));
      flip(q, 0, r() % (SPREAD + 1), r);
    } else for (let w = 0; w < 8; w++) q[w] = r();
    out.push(q);
  }
  return out;
}

/** Brute force in plain JS, written as a caller without an index would: per entry, XOR + popcount of 8 words. */
function bruteForce(words: Uint32Array, n: number, q: Uint32Array, d: number): number {
  let hits = 0;
  for (let s = 0; s < n; s++) {
    let dist = 0;
    for (let w = 0; w < 8; w++) {
      let x = (words[s * 8 + w]! ^ q[w]!) >>> 0;
      x = x - ((x >>> 1) & 0x55555555);
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      dist += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    if (dist <= d) hits += 1;
  }
  return hits;
}

function jsonParseBaseline(): { linesPerSecond: number; microsPerLine: number } {
  const r = rng(99);
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    let hex = '';
    for (let w = 0; w < 8; w++) hex += r().toString(16).padStart(8, '0');
    lines.push(JSON.stringify({ id: i, pdq: hex, quality: 100 }));
  }
  let sink = 0;
  for (const l of lines.slice(0, 1000)) sink += (JSON.parse(l) as { id: number }).id;
  const t0 = performance.now();
  for (const l of lines) sink += (JSON.parse(l) as { id: number }).id;
  const ms = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return { linesPerSecond: Math.round(lines.length / (ms / 1000)), microsPerLine: round((ms * 1000) / lines.length, 2) };
}

console.log('PDQ match index benchmark\n');
console.log(describeMachine(machine()));
const base = jsonParseBaseline();
console.log(`\nJSON.parse baseline: ${fmt(base.linesPerSecond)} lines/s (${base.microsPerLine} µs per {"id","pdq","quality"} line)\n`);

const rows: string[][] = [['bank', 'entries', 'd', 'index p50 ms', 'index p99 ms', 'index mean ms', 'matches/query', 'brute p50 ms', 'brute p99 ms', 'speed-up (p50)']];
const builds: string[][] = [['bank', 'entries', 'build s', 'index memory', 'bytes/entry', 'add µs', 'withdraw µs', 'snapshot MiB']];

for (const n of SIZES) {
  for (const clustered of [false, true]) {
    const name = clustered ? 'clustered' : 'uniform';
    settle();
    const words = dataset(n, clustered, n + (clustered ? 1 : 0));
    const ids = Uint32Array.from({ length: n }, (_, i) => i);
    settle();
    const t0 = performance.now();
    const index = PdqIndex.fromWords(ids, words);
    const buildS = (performance.now() - t0) / 1000;
    const held = index.bytes; // every typed array the index holds (hashes, ids, flags, tables)

    const qs = queries(words, n, QUERIES, 7 + n);
    // Warm-up, then measured queries.
    for (const q of qs.slice(0, 50)) index.query(q, 31);
    const bruteSample = Math.min(qs.length, n >= 5_000_000 ? 20 : 100);
    for (const d of DISTANCES) {
      const lat: number[] = [];
      let matches = 0;
      for (const q of qs) {
        const t = performance.now();
        matches += index.query(q, d).length;
        lat.push(performance.now() - t);
      }
      const brute: number[] = [];
      if (d === 31) {
        for (const q of qs.slice(0, bruteSample)) {
          const t = performance.now();
          bruteForce(words, n, q, d);
          brute.push(performance.now() - t);
        }
      }
      const s = summarize(lat);
      const b = brute.length > 0 ? summarize(brute) : undefined;
      rows.push([
        name,
        fmt(n),
        String(d),
        s.p50.toFixed(2),
        s.p99.toFixed(2),
        s.mean.toFixed(2),
        (matches / qs.length).toFixed(1),
        b ? b.p50.toFixed(1) : '',
        b ? b.p99.toFixed(1) : '',
        b ? `${Math.round(b.p50 / s.p50)}×` : '',
      ]);
      console.log(rows.at(-1)!.join('  '));
    }

    // 10,000 adds then 10,000 withdrawals on the full index.
    const extra = dataset(10_000, false, 555);
    let t = performance.now();
    for (let i = 0; i < 10_000; i++) index.add(n + i, extra.subarray(i * 8, i * 8 + 8));
    const addUs = ((performance.now() - t) * 1000) / 10_000;
    t = performance.now();
    for (let i = 0; i < 10_000; i++) index.remove(i, words.subarray(i * 8, i * 8 + 8));
    const removeUs = ((performance.now() - t) * 1000) / 10_000;
    const snap = n <= 1_000_000 ? index.snapshot().length : 16 + index.size * 36;
    builds.push([name, fmt(n), buildS.toFixed(2), mib(held), (held / n).toFixed(1), addUs.toFixed(1), removeUs.toFixed(1), (snap / 2 ** 20).toFixed(0)]);
    console.log(builds.at(-1)!.join('  '));
  }
}

console.log(`\nQueries: ${fmt(QUERIES)} per distance (half near-matches with 0-${SPREAD} bits flipped, half unrelated); brute force on 100 (1M) / 20 (10M) of them, d = 31.\n`);
console.log(table(rows));
console.log('');
console.log(table(builds));
