// Count-min sketch (Cormode & Muthukrishnan 2005): approximate counts of many keys in fixed memory
// (depth × width counters); an estimate never undercounts, and overcounts by at most e/width of the
// total with probability 1 − e^−depth. `decay` multiplies every counter, so old popularity fades.
import { hash32 } from './hash.ts';

export interface CountMinState {
  readonly width: number;
  readonly depth: number;
  readonly seed: number;
  readonly total: number;
  /** Counters row by row, base64 of a Float32Array. */
  readonly counts: string;
}

export class CountMinSketch {
  readonly width: number;
  readonly depth: number;
  readonly seed: number;
  total = 0;
  private readonly counts: Float32Array;

  constructor(width = 1024, depth = 4, seed = 1, state?: CountMinState) {
    this.width = state?.width ?? width;
    this.depth = state?.depth ?? depth;
    this.seed = state?.seed ?? seed;
    this.counts = new Float32Array(this.width * this.depth);
    if (state) {
      const buf = Buffer.from(state.counts, 'base64');
      if (buf.byteLength !== this.counts.byteLength) throw new RangeError('count-min state has the wrong size');
      new Uint8Array(this.counts.buffer).set(buf);
      this.total = state.total;
    }
  }

  add(key: string, by = 1): void {
    for (let r = 0; r < this.depth; r++) this.counts[r * this.width + (hash32(key, this.seed + r) % this.width)]! += by;
    this.total += by;
  }

  estimate(key: string): number {
    let min = Infinity;
    for (let r = 0; r < this.depth; r++) min = Math.min(min, this.counts[r * this.width + (hash32(key, this.seed + r) % this.width)]!);
    return min;
  }

  /** Multiplies every count by `factor` (0 < factor ≤ 1): ageing. */
  decay(factor: number): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! *= factor;
    this.total *= factor;
  }

  get bytes(): number {
    return this.counts.byteLength;
  }

  snapshot(): CountMinState {
    return { width: this.width, depth: this.depth, seed: this.seed, total: this.total, counts: Buffer.from(this.counts.buffer, this.counts.byteOffset, this.counts.byteLength).toString('base64') };
  }
}
