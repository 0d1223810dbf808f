// The PDQ match index against a plain scan: random and clustered data, distances exactly d and d+1,
// add / withdraw, snapshot / restore, malformed input, and the upstream hash lists of the PDQ corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hamming, parsePdqHex, pdqToHex } from './hex.ts';
import { PdqIndex, type PdqMatch } from './pdq-index.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const LISTS = join(CORPORA, 'pdq', 'hash-lists');

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

/** Flips exactly `bits` distinct bits of the hash at words[at..]. */
function flip(words: Uint32Array, at: number, bits: number, r: () => number): void {
  const done = new Set<number>();
  while (done.size < bits) {
    const b = r() & 255;
    if (done.has(b)) continue;
    done.add(b);
    words[at + (b >> 5)]! ^= 1 << (b & 31);
  }
}

/** n hashes: `clusters` random centres, each entry a centre with up to `spread` bits flipped. */
function data(n: number, seed: number, clusters = 0, spread = 40): Uint32Array {
  const r = rng(seed);
  const words = new Uint32Array(n * 8);
  for (let i = 0; i < words.length; i++) words[i] = r();
  if (clusters > 0) {
    for (let i = clusters; i < n; i++) {
      const c = r() % clusters;
      words.copyWithin(i * 8, c * 8, c * 8 + 8);
      flip(words, i * 8, r() % (spread + 1), r);
    }
  }
  return words;
}

const sorted = (ms: PdqMatch[]) => [...ms].sort((a, b) => a.id - b.id || a.distance - b.distance);

describe('PdqIndex', () => {
  it('finds exactly what a plain scan finds on 100,000 random and clustered hashes', () => {
    const n = 100_000;
    for (const [seed, clusters] of [[1, 0], [2, 2000]] as const) {
      const words = data(n, seed, clusters);
      const index = PdqIndex.fromWords(Uint32Array.from({ length: n }, (_, i) => i), words);
      expect(index.size).toBe(n);
      const r = rng(seed + 100);
      for (let i = 0; i < 30; i++) {
        // Half near-matches of an entry, half unrelated hashes.
        const q = new Uint32Array(8);
        const at = (r() % n) * 8;
        if (i % 2 === 0) {
          q.set(words.subarray(at, at + 8));
          flip(q, 0, r() % 50, r);
        } else for (let w = 0; w < 8; w++) q[w] = r();
        for (const d of [0, 16, 31, 32, 48, 63, 100]) expect(sorted(index.query(q, d))).toEqual(sorted(index.bruteForce(q, d)));
      }
    }
  });

  it('includes entries at distance exactly d and excludes d+1, for every d from 0 to 70', () => {
    const r = rng(7);
    const centre = data(1, 7);
    for (let d = 0; d <= 70; d++) {
      const words = data(2000, 1000 + d);
      const ids = Uint32Array.from({ length: 2000 }, (_, i) => i);
      // Entry 0 at exactly d, entry 1 at d+1, the rest random.
      words.set(centre, 0);
      flip(words, 0, d, r);
      words.set(centre, 8);
      flip(words, 8, d + 1, r);
      const index = PdqIndex.fromWords(ids, words);
      const got = index.query(centre, d);
      expect(got).toContainEqual({ id: 0, distance: d });
      expect(got.some((m) => m.id === 1)).toBe(false);
      expect(sorted(got)).toEqual(sorted(index.bruteForce(centre, d)));
    }
  });

  it('matches a plain scan for arbitrary bit flips (property)', () => {
    const base = data(5000, 11, 50, 20);
    const index = PdqIndex.fromWords(Uint32Array.from({ length: 5000 }, (_, i) => i), base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4999 }), fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 70 }), fc.integer({ min: 0, max: 80 }), (pick, bits, d) => {
        const q = base.slice(pick * 8, pick * 8 + 8);
        for (const b of bits) q[b >> 5]! ^= 1 << (b & 31);
        const got = index.query(q, d);
        expect(sorted(got)).toEqual(sorted(index.bruteForce(q, d)));
        expect(got.some((m) => m.id === pick)).toBe(bits.length <= d);
      }),
      { numRuns: 200 },
    );
  });

  it('adds and withdraws entries one by one, across tail, segments and compaction', () => {
    const n = 40_000;
    const words = data(n, 21, 500, 30);
    const index = new PdqIndex();
    for (let i = 0; i < n; i++) index.add(i, words.subarray(i * 8, i * 8 + 8));
    expect(index.size).toBe(n);
    const r = rng(22);
    const check = () => {
      for (let i = 0; i < 20; i++) {
        const at = (r() % n) * 8;
        const q = words.slice(at, at + 8);
        flip(q, 0, r() % 20, r);
        expect(sorted(index.query(q, 31))).toEqual(sorted(index.bruteForce(q, 31)));
      }
    };
    check();
    // Withdraw two thirds (forces a compaction), checking that each is gone.
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) continue;
      const h = words.subarray(i * 8, i * 8 + 8);
      expect(index.remove(i, h)).toBe(true);
      expect(index.remove(i, h)).toBe(false);
    }
    expect(index.size).toBe(Math.ceil(n / 3));
    check();
    const h5 = pdqToHex(words, 5 * 8);
    expect(index.has(5, h5)).toBe(false);
    expect(index.query(h5, 0).some((m) => m.id === 5)).toBe(false);
    index.add(5, h5);
    expect(index.query(h5, 0)).toContainEqual({ id: 5, distance: 0 });
    // One id, several hashes (dihedral variants): removeId withdraws them all.
    const other = data(3, 23);
    for (let v = 0; v < 3; v++) index.add(999_999, other.subarray(v * 8, v * 8 + 8));
    expect(index.removeId(999_999)).toBe(3);
    expect(index.query(other.subarray(0, 8), 0)).toEqual([]);
    check();
  });

  it('snapshots to 36 bytes per entry and restores the same answers', () => {
    const words = data(20_000, 31, 300, 25);
    const index = PdqIndex.fromWords(Uint32Array.from({ length: 20_000 }, (_, i) => i * 7), words);
    index.remove(0, words.subarray(0, 8));
    const bytes = index.snapshot();
    expect(bytes.length).toBe(16 + 19_999 * 36);
    const back = PdqIndex.restore(bytes);
    expect(back.size).toBe(19_999);
    for (let i = 1; i < 50; i++) {
      const q = words.subarray(i * 8 * 13, i * 8 * 13 + 8);
      expect(sorted(back.query(q))).toEqual(sorted(index.query(q)));
    }
    expect([...back.entries()].length).toBe(19_999);
    expect(() => PdqIndex.restore(bytes.subarray(0, bytes.length - 1))).toThrow(/need/);
    expect(() => PdqIndex.restore(new Uint8Array(20))).toThrow(/bad header/);
  });

  it('rejects malformed hashes, ids and distances with clear errors', () => {
    const index = new PdqIndex();
    expect(() => index.add(1, 'abc')).toThrow(/64 hexadecimal characters, got "abc" \(3 characters\)/);
    expect(() => index.add(1, 'g'.repeat(64))).toThrow(/64 hexadecimal/);
    expect(() => index.add(1, `${'0'.repeat(64)} `)).toThrow(/64 hexadecimal/);
    expect(() => index.add(-1, '0'.repeat(64))).toThrow(/ids are integers/);
    expect(() => index.add(2 ** 32, '0'.repeat(64))).toThrow(/ids are integers/);
    expect(() => index.add(1.5, '0'.repeat(64))).toThrow(/ids are integers/);
    expect(() => index.query('0'.repeat(64), 257)).toThrow(/distance must be an integer from 0 to 256/);
    expect(() => index.query('0'.repeat(64), -1)).toThrow(/distance/);
    expect(() => index.query(new Uint32Array(7))).toThrow(/8 32-bit words/);
    expect(() => PdqIndex.fromWords([1, 2], new Uint32Array(8))).toThrow(/need 16 hash words/);
    index.add(1, 'F'.repeat(64));
    expect(index.query('f'.repeat(64))).toEqual([{ id: 1, distance: 0 }]);
    expect(index.query('0'.repeat(64), 256)).toEqual([{ id: 1, distance: 256 }]);
    expect(pdqToHex(parsePdqHex('0123456789ABCDEFabcdef0123456789'.repeat(2)))).toBe('0123456789abcdefabcdef0123456789'.repeat(2));
  });
});

const present = existsSync(join(LISTS, 'haystack.txt'));
if (!present) console.log(`PDQ hash-list test skipped: ${LISTS} is absent (set BULWARK_CORPORA).`);

describe.skipIf(!present)('PdqIndex on the corpus hash lists (pdq/hash-lists)', () => {
  const read = (name: string) =>
    readFileSync(join(LISTS, name), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');

  it('finds for every needle and list hash what a plain scan finds in the haystack', () => {
    const haystack = read('haystack.txt');
    const index = PdqIndex.fromHex(haystack.map((h, i) => [i, h] as const));
    expect(index.size).toBe(haystack.length);
    const queries = ['needles.txt', 'long256.dat', 'short256.dat', 'order256.dat'].flatMap(read);
    let near = 0;
    for (const q of queries) {
      const qw = parsePdqHex(q);
      for (const d of [0, 10, 31, 63]) {
        const got = index.query(qw, d);
        expect(sorted(got)).toEqual(sorted(index.bruteForce(qw, d)));
        for (const m of got) expect(hamming(parsePdqHex(haystack[m.id]!), 0, qw, 0)).toBe(m.distance);
        if (d === 31) near += got.length;
      }
    }
    // The lists are near-duplicate chains: the haystack is dense in neighbours within 31 bits.
    expect(near).toBeGreaterThan(0);
  });
});
