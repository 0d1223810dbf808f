// Exact range search over 256-bit PDQ hashes by multi-index hashing (Norouzi, Punjani & Fleet 2012).
//
// Each hash is cut into m = 8 substrings: its eight 32-bit words. If two hashes are within distance
// d, the 8 word distances add up to at most d, so (pigeonhole, in the paper's refined form) writing
// d = 8·r + a with 0 ≤ a < 8, one of the first a+1 words is within r or one of the others within r−1.
// Table k is bucketed by the high 16 bits of word k (65,536 buckets), each bucket ordered by the low
// 16 bits, which are stored beside the slot number. A query visits, for i = 0..r, the buckets whose
// high half is within i bits of its own and keeps the entries whose low half is within r − i (read
// sequentially from the bucket; by binary search when r − i = 0), then verifies those few candidates
// with the full 256-bit distance. Nothing within d is missed; the result is exact.
//
// Storage is flat typed arrays: the hashes (8 × Uint32 per entry), the caller's ids (Uint32) and a
// live flag, by slot; per segment, 8 tables of 65,537 offsets + a Uint32 slot and a Uint16 low half
// per entry. New entries go to a small tail scanned directly; when the tail fills it becomes a
// segment, and segments are merged geometrically (like an LSM tree), so an add costs amortised
// O(log n) and never rebuilds the whole index. Withdrawals flip the live flag; the index compacts
// itself when more than half of its slots are dead.
import { PDQ_WORDS, hamming, parsePdqHex, pdqToHex, popcount32 } from './hex.ts';

const M = 8; // substrings: the eight 32-bit words
const KEYS = 1 << 16; // buckets per table: the high 16 bits of the word
const TAIL_LIMIT = 8192; // entries scanned directly before they become a segment
export const DEFAULT_PDQ_DISTANCE = 31;
const MAX_ID = 0xffffffff;

export interface PdqMatch {
  readonly id: number;
  readonly distance: number;
}

interface Segment {
  readonly n: number;
  readonly slots: Uint32Array; // the slots this segment covers
  readonly offsets: Uint32Array; // M × (KEYS + 1)
  readonly entries: Uint32Array; // M × n slot numbers, bucketed by the word's high 16 bits
  readonly low: Uint16Array; // M × n: the word's low 16 bits, beside each entry
}

/** All 16-bit values ordered by popcount; BY_WEIGHT_END[r] = how many have popcount ≤ r. */
const BY_WEIGHT = new Uint16Array(KEYS);
const BY_WEIGHT_END = new Uint32Array(17);
{
  const counts = new Uint32Array(17);
  for (let v = 0; v < KEYS; v++) counts[popcount32(v)]! += 1;
  const start = new Uint32Array(17);
  for (let w = 1; w <= 16; w++) start[w] = start[w - 1]! + counts[w - 1]!;
  for (let w = 0; w <= 16; w++) BY_WEIGHT_END[w] = start[w]! + counts[w]!;
  const fill = start.slice();
  for (let v = 0; v < KEYS; v++) BY_WEIGHT[fill[popcount32(v)]!++] = v;
}

/** Bits set in each 16-bit value. */
const POP16 = new Uint8Array(KEYS);
for (let v = 1; v < KEYS; v++) POP16[v] = POP16[v >> 1]! + (v & 1);

/** CUM32[r] = how many 32-bit values lie within distance r of a given one (r ≤ 32), for cost estimates. */
const CUM32 = new Float64Array(33);
{
  let c = 1;
  let sum = 0;
  for (let r = 0; r <= 32; r++) {
    sum += c;
    CUM32[r] = sum;
    c = (c * (32 - r)) / (r + 1);
  }
}

function checkDistance(d: number): void {
  if (!Number.isInteger(d) || d < 0 || d > 256) throw new Error(`PDQ match distance must be an integer from 0 to 256, got ${String(d)}`);
}

function checkId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw new Error(`PDQ index ids are integers from 0 to ${MAX_ID}, got ${String(id)}`);
}

/** Radius searched in table k for distance d (−1: the table is not searched). */
function radius(d: number, k: number): number {
  const r = Math.floor(d / M);
  const a = d - r * M;
  return Math.min(32, k <= a ? r : r - 1);
}

export class PdqIndex {
  private words: Uint32Array;
  private ids: Uint32Array;
  private live: Uint8Array;
  private used = 0; // slots handed out
  private liveCount = 0;
  private segmented = 0; // slots [0, segmented) are in segments, [segmented, used) are the tail
  private segments: Segment[] = [];

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.words = new Uint32Array(c * PDQ_WORDS);
    this.ids = new Uint32Array(c);
    this.live = new Uint8Array(c);
  }

  /** Builds an index from parallel arrays in one pass (counting sort per table). */
  static fromWords(ids: ArrayLike<number>, words: Uint32Array): PdqIndex {
    const n = ids.length;
    if (words.length !== n * PDQ_WORDS) throw new Error(`PDQ index: ${n} ids need ${n * PDQ_WORDS} hash words, got ${words.length}`);
    const index = new PdqIndex(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      checkId(id);
      index.ids[i] = id;
    }
    index.words.set(words);
    index.live.fill(1, 0, n);
    index.used = n;
    index.liveCount = n;
    index.sealTail(true);
    return index;
  }

  /** Builds an index from (id, 64-hex PDQ hash) pairs. */
  static fromHex(entries: Iterable<readonly [number, string]>): PdqIndex {
    const list = Array.isArray(entries) ? (entries as readonly (readonly [number, string])[]) : [...entries];
    const ids = new Uint32Array(list.length);
    const words = new Uint32Array(list.length * PDQ_WORDS);
    list.forEach(([id, hex], i) => {
      checkId(id);
      ids[i] = id;
      parsePdqHex(hex, words, i * PDQ_WORDS);
    });
    return PdqIndex.fromWords(ids, words);
  }

  /** Live entries. */
  get size(): number {
    return this.liveCount;
  }

  /** Bytes held by the typed arrays (hashes, ids, flags, tables), capacity included. */
  get bytes(): number {
    let b = this.words.byteLength + this.ids.byteLength + this.live.byteLength;
    for (const s of this.segments) b += s.slots.byteLength + s.offsets.byteLength + s.entries.byteLength + s.low.byteLength;
    return b;
  }

  /** Adds one entry; the same id may carry several hashes (e.g. the dihedral variants of an image). */
  add(id: number, hash: string | Uint32Array): void {
    checkId(id);
    if (this.used === this.ids.length) this.grow(this.used * 2);
    const slot = this.used;
    if (typeof hash === 'string') parsePdqHex(hash, this.words, slot * PDQ_WORDS);
    else {
      if (hash.length !== PDQ_WORDS) throw new Error(`a PDQ hash is ${PDQ_WORDS} 32-bit words, got ${hash.length}`);
      this.words.set(hash, slot * PDQ_WORDS);
    }
    this.ids[slot] = id;
    this.live[slot] = 1;
    this.used += 1;
    this.liveCount += 1;
    if (this.used - this.segmented >= TAIL_LIMIT) this.sealTail(false);
  }

  /** Withdraws one entry with this id and exactly this hash; false when there is none. */
  remove(id: number, hash: string | Uint32Array): boolean {
    const q = typeof hash === 'string' ? parsePdqHex(hash) : hash;
    const slot = this.find(id, q);
    if (slot < 0) return false;
    this.kill(slot);
    return true;
  }

  /** Withdraws every entry with this id (a scan of the id array); returns how many. */
  removeId(id: number): number {
    let n = 0;
    const { ids, live } = this;
    for (let s = 0; s < this.used; s++) {
      if (ids[s] === id && live[s] === 1) {
        live[s] = 0;
        this.liveCount -= 1;
        n += 1;
      }
    }
    if (n > 0) this.maybeCompact();
    return n;
  }

  /** True when an entry with this id and hash is present. */
  has(id: number, hash: string | Uint32Array): boolean {
    return this.find(id, typeof hash === 'string' ? parsePdqHex(hash) : hash) >= 0;
  }

  /**
   * Every live entry within Hamming distance `d` (default 31) of `hash`, with its distance, in no
   * particular order. Exact: multi-index lookups, or a plain scan when that would touch fewer entries.
   */
  query(hash: string | Uint32Array, d = DEFAULT_PDQ_DISTANCE): PdqMatch[] {
    checkDistance(d);
    const q = typeof hash === 'string' ? parsePdqHex(hash) : hash;
    if (q.length !== PDQ_WORDS) throw new Error(`a PDQ hash is ${PDQ_WORDS} 32-bit words, got ${q.length}`);
    const out: PdqMatch[] = [];
    this.scan(q, d, this.segmented, this.used, out);
    // Cost per segment, in units of one random hash read: the bucket entries filtered by their low
    // bits (sequential, about 1/16 of a unit each) plus the survivors verified. A segment dearer to
    // search than to scan is scanned.
    let bucketShare = 0;
    let survivorShare = 0;
    for (let k = 0; k < M; k++) {
      const r = radius(d, k);
      if (r < 0) continue;
      bucketShare += BY_WEIGHT_END[Math.min(16, r)]! / KEYS;
      survivorShare += CUM32[r]! / 2 ** 32;
    }
    for (const seg of this.segments) {
      if (seg.n * (bucketShare / 16 + survivorShare) >= seg.n) this.scanSlots(q, d, seg.slots, out);
      else this.lookup(q, d, seg, out);
    }
    return out;
  }

  /** Plain scan of every live entry: the reference the index is tested against. */
  bruteForce(hash: string | Uint32Array, d = DEFAULT_PDQ_DISTANCE): PdqMatch[] {
    checkDistance(d);
    const q = typeof hash === 'string' ? parsePdqHex(hash) : hash;
    const out: PdqMatch[] = [];
    this.scan(q, d, 0, this.used, out);
    return out;
  }

  /** Every live entry, as (id, hex). */
  *entries(): IterableIterator<[number, string]> {
    for (let s = 0; s < this.used; s++) if (this.live[s] === 1) yield [this.ids[s]!, pdqToHex(this.words, s * PDQ_WORDS)];
  }

  /**
   * Compact binary snapshot of the live entries: "BWPDQIX1", uint32 count, uint32 0, then per entry
   * a uint32 id and eight uint32 hash words, all little-endian (36 bytes per entry).
   */
  snapshot(): Uint8Array {
    const out = new Uint8Array(16 + this.liveCount * 36);
    const view = new DataView(out.buffer);
    out.set(MAGIC, 0);
    view.setUint32(8, this.liveCount, true);
    let p = 16;
    for (let s = 0; s < this.used; s++) {
      if (this.live[s] !== 1) continue;
      view.setUint32(p, this.ids[s]!, true);
      p += 4;
      for (let w = 0; w < PDQ_WORDS; w++, p += 4) view.setUint32(p, this.words[s * PDQ_WORDS + w]!, true);
    }
    return out;
  }

  /** Rebuilds an index from `snapshot()` bytes; throws on anything malformed. */
  static restore(bytes: Uint8Array): PdqIndex {
    if (bytes.length < 16 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a PDQ index snapshot (bad header)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(8, true);
    if (view.getUint32(12, true) !== 0) throw new Error('PDQ index snapshot: unknown flags');
    if (bytes.length !== 16 + n * 36) throw new Error(`PDQ index snapshot: ${n} entries need ${16 + n * 36} bytes, got ${bytes.length}`);
    const ids = new Uint32Array(n);
    const words = new Uint32Array(n * PDQ_WORDS);
    let p = 16;
    for (let i = 0; i < n; i++) {
      ids[i] = view.getUint32(p, true);
      p += 4;
      for (let w = 0; w < PDQ_WORDS; w++, p += 4) words[i * PDQ_WORDS + w] = view.getUint32(p, true);
    }
    return PdqIndex.fromWords(ids, words);
  }

  // ---- internals ----

  private scan(q: Uint32Array, d: number, from: number, to: number, out: PdqMatch[]): void {
    for (let s = from; s < to; s++) this.check(q, d, s, out);
  }

  private scanSlots(q: Uint32Array, d: number, slots: Uint32Array, out: PdqMatch[]): void {
    for (let i = 0; i < slots.length; i++) this.check(q, d, slots[i]!, out);
  }

  private check(q: Uint32Array, d: number, s: number, out: PdqMatch[]): void {
    const { words } = this;
    const b = s * PDQ_WORDS;
    let dist =
      popcount32((words[b]! ^ q[0]!) >>> 0) +
      popcount32((words[b + 1]! ^ q[1]!) >>> 0) +
      popcount32((words[b + 2]! ^ q[2]!) >>> 0) +
      popcount32((words[b + 3]! ^ q[3]!) >>> 0);
    if (dist > d) return;
    dist +=
      popcount32((words[b + 4]! ^ q[4]!) >>> 0) +
      popcount32((words[b + 5]! ^ q[5]!) >>> 0) +
      popcount32((words[b + 6]! ^ q[6]!) >>> 0) +
      popcount32((words[b + 7]! ^ q[7]!) >>> 0);
    if (dist <= d && this.live[s] === 1) out.push({ id: this.ids[s]!, distance: dist });
  }

  private lookup(q: Uint32Array, d: number, seg: Segment, out: PdqMatch[]): void {
    const { words, live, ids } = this;
    const { offsets, entries, low, n } = seg;
    for (let k = 0; k < M; k++) {
      const r = radius(d, k);
      if (r < 0) continue;
      const qw = q[k]!;
      const qhi = qw >>> 16;
      const qlo = qw & 0xffff;
      const obase = k * (KEYS + 1);
      const ebase = k * n;
      // High halves within i bits, low halves within r − i.
      for (let i = 0; i <= Math.min(16, r); i++) {
        const lowRadius = r - i;
        const from = i === 0 ? 0 : BY_WEIGHT_END[i - 1]!;
        const to = BY_WEIGHT_END[i]!;
        for (let j = from; j < to; j++) {
          const key = qhi ^ BY_WEIGHT[j]!;
          let e = ebase + offsets[obase + key]!;
          const last = ebase + offsets[obase + key + 1]!;
          if (lowRadius === 0) {
            // Only an equal low half will do: binary search the bucket (ordered by low halves).
            let h = last;
            while (e < h) {
              const mid = (e + h) >>> 1;
              if (low[mid]! < qlo) e = mid + 1;
              else h = mid;
            }
          }
          for (; e < last; e++) {
            const diff = POP16[low[e]! ^ qlo]!;
            if (diff > lowRadius) {
              if (lowRadius === 0 && low[e]! > qlo) break;
              continue;
            }
            const s = entries[e]!;
            const b = s * PDQ_WORDS;
            let dist = 0;
            for (let w = 0; w < PDQ_WORDS; w++) dist += popcount32((words[b + w]! ^ q[w]!) >>> 0);
            if (dist > d || live[s] !== 1) continue;
            // Report each match once: from the first table whose search radius covers it.
            let seen = false;
            for (let j2 = 0; j2 < k; j2++) {
              const r2 = radius(d, j2);
              if (r2 >= 0 && popcount32((words[b + j2]! ^ q[j2]!) >>> 0) <= r2) {
                seen = true;
                break;
              }
            }
            if (!seen) out.push({ id: ids[s]!, distance: dist });
          }
        }
      }
    }
  }

  private find(id: number, q: Uint32Array): number {
    const { words, live, ids } = this;
    const same = (s: number) => live[s] === 1 && ids[s] === id && hamming(words, s * PDQ_WORDS, q, 0) === 0;
    for (let s = this.segmented; s < this.used; s++) if (same(s)) return s;
    const key = q[0]! >>> 16;
    for (const seg of this.segments) {
      for (let e = seg.offsets[key]!; e < seg.offsets[key + 1]!; e++) {
        const s = seg.entries[e]!;
        if (same(s)) return s;
      }
    }
    return -1;
  }

  private kill(slot: number): void {
    this.live[slot] = 0;
    this.liveCount -= 1;
    this.maybeCompact();
  }

  private maybeCompact(): void {
    if (this.used >= 4 * TAIL_LIMIT && this.liveCount * 2 < this.used) this.compact();
  }

  /** Drops dead slots and rebuilds the tables as one segment. */
  compact(): void {
    let to = 0;
    for (let s = 0; s < this.used; s++) {
      if (this.live[s] !== 1) continue;
      if (to !== s) {
        this.words.copyWithin(to * PDQ_WORDS, s * PDQ_WORDS, (s + 1) * PDQ_WORDS);
        this.ids[to] = this.ids[s]!;
        this.live[to] = 1;
      }
      to += 1;
    }
    this.live.fill(0, to, this.used);
    this.used = to;
    this.segments = [];
    this.segmented = 0;
    this.sealTail(true);
  }

  private grow(capacity: number): void {
    const words = new Uint32Array(capacity * PDQ_WORDS);
    words.set(this.words.subarray(0, this.used * PDQ_WORDS));
    const ids = new Uint32Array(capacity);
    ids.set(this.ids.subarray(0, this.used));
    const live = new Uint8Array(capacity);
    live.set(this.live.subarray(0, this.used));
    this.words = words;
    this.ids = ids;
    this.live = live;
  }

  /** Turns the tail into a segment, then merges segments while the newest is at least half the one before. */
  private sealTail(all: boolean): void {
    if (this.used > this.segmented) {
      const slots = new Uint32Array(this.used - this.segmented);
      for (let i = 0; i < slots.length; i++) slots[i] = this.segmented + i;
      this.segments.push(this.buildSegment(slots));
      this.segmented = this.used;
    }
    while (this.segments.length >= 2) {
      const last = this.segments[this.segments.length - 1]!;
      const prev = this.segments[this.segments.length - 2]!;
      if (!all && last.n * 2 < prev.n) break;
      this.segments.splice(this.segments.length - 2, 2, this.merge(prev, last));
    }
  }

  private merge(a: Segment, b: Segment): Segment {
    const slots = new Uint32Array(a.n + b.n);
    let n = 0;
    for (const seg of [a, b]) for (let i = 0; i < seg.n; i++) if (this.live[seg.slots[i]!] === 1) slots[n++] = seg.slots[i]!;
    return this.buildSegment(slots.subarray(0, n).slice());
  }

  private buildSegment(slots: Uint32Array): Segment {
    const n = slots.length;
    const offsets = new Uint32Array(M * (KEYS + 1));
    const entries = new Uint32Array(M * n);
    const low = new Uint16Array(M * n);
    const { words } = this;
    // Radix sort per table: by the low half, then (stably) by the high half, so each bucket is
    // ordered by its low halves and an exact low half is found by binary search.
    const byLow = new Uint32Array(n);
    const lowCount = new Uint32Array(KEYS + 1);
    for (let k = 0; k < M; k++) {
      lowCount.fill(0);
      for (let i = 0; i < n; i++) lowCount[1 + (words[slots[i]! * PDQ_WORDS + k]! & 0xffff)]! += 1;
      for (let key = 0; key < KEYS; key++) lowCount[key + 1]! += lowCount[key]!;
      for (let i = 0; i < n; i++) {
        const s = slots[i]!;
        byLow[lowCount[words[s * PDQ_WORDS + k]! & 0xffff]!++] = s;
      }
      const obase = k * (KEYS + 1);
      for (let i = 0; i < n; i++) offsets[obase + 1 + (words[slots[i]! * PDQ_WORDS + k]! >>> 16)]! += 1;
      for (let key = 0; key < KEYS; key++) offsets[obase + key + 1]! += offsets[obase + key]!;
      const fill = offsets.slice(obase, obase + KEYS);
      const ebase = k * n;
      for (let i = 0; i < n; i++) {
        const s = byLow[i]!;
        const w = words[s * PDQ_WORDS + k]!;
        const at = ebase + fill[w >>> 16]!++;
        entries[at] = s;
        low[at] = w & 0xffff;
      }
    }
    return { n, slots, offsets, entries, low };
  }
}

const MAGIC = new Uint8Array([0x42, 0x57, 0x50, 0x44, 0x51, 0x49, 0x58, 0x31]); // "BWPDQIX1"
