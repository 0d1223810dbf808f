// Half-Space Trees (Tan, Ting & Liu 2011, "Fast anomaly detection for streaming data"). Each tree is a
// complete binary tree of fixed depth over a random work space: for every dimension a random s in [0, 1]
// and the range s ± 2·max(s, 1 − s); each node halves its range on a random dimension. Two mass profiles
// per node: `ref` from the previous window of ψ points, `latest` counting the current window; after ψ
// points latest becomes ref. A point's mass score sums (ref[node] + 1) · 2^depth at the node where the path
// ends (a leaf, or the first node whose ref mass is below the size limit); low mass means anomalous. The
// paper has ref[node] · 2^depth; our + 1 ranks empty regions by depth (one empty near the root is further
// out). Without it every point in an empty region ties at the top score, and on NAB no threshold beats
// detecting nothing. Values
// are scaled to [0, 1] by the range seen up to the last window (the paper assumes [0, 1] data), with shingling.
// Memory: trees × 2^(depth+1) nodes × 2 counters.
import { clamp01, expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { Prng } from './prng.ts';
import { Shingle } from './shingle.ts';

const KIND = 'half-space-trees';

interface Settings {
  trees: number;
  depth: number;
  window: number;
  shingleSize: number;
  seed: number;
}

class HstDetector implements StreamingDetector {
  readonly kind = KIND;
  readonly s: Settings;
  readonly nodes: number;
  /** Per tree and internal node: split dimension and value (heap layout: children of i are 2i+1, 2i+2). */
  readonly splitDim: Int32Array;
  readonly splitVal: Float64Array;
  ref: Float64Array;
  latest: Float64Array;
  readonly shingle: Shingle;
  /** Scaling of the first window: min and max; null until the first window is complete. */
  scale: { lo: number; hi: number } | null = null;
  first: number[] = [];
  /** Range of all values seen after the first window. */
  seen = { lo: Infinity, hi: -Infinity };
  count = 0;
  windows = 0;

  constructor(s: Settings) {
    this.s = s;
    this.nodes = (1 << (s.depth + 1)) - 1;
    const internal = (1 << s.depth) - 1;
    this.splitDim = new Int32Array(s.trees * internal);
    this.splitVal = new Float64Array(s.trees * internal);
    this.ref = new Float64Array(s.trees * this.nodes);
    this.latest = new Float64Array(s.trees * this.nodes);
    this.shingle = new Shingle(s.shingleSize);
    const rng = new Prng(s.seed);
    const d = s.shingleSize;
    for (let t = 0; t < s.trees; t++) {
      const lo: number[] = [];
      const hi: number[] = [];
      for (let k = 0; k < d; k++) {
        const sk = rng.next();
        const r = 2 * Math.max(sk, 1 - sk);
        lo.push(sk - r);
        hi.push(sk + r);
      }
      const build = (node: number, lo: number[], hi: number[]): void => {
        if (node >= internal) return;
        const q = rng.int(d);
        const mid = (lo[q]! + hi[q]!) / 2;
        this.splitDim[t * internal + node] = q;
        this.splitVal[t * internal + node] = mid;
        const hl = [...hi];
        hl[q] = mid;
        const lr = [...lo];
        lr[q] = mid;
        build(2 * node + 1, lo, hl);
        build(2 * node + 2, lr, hi);
      };
      build(0, lo, hi);
    }
  }

  update(value: number): number {
    if (!this.scale) {
      this.first.push(value);
      if (this.first.length < this.s.window) return 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of this.first) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      this.scale = { lo, hi: hi > lo ? hi : lo + 1 };
      this.seen = { lo, hi };
      // The first window fills the reference profile.
      const buffered = this.first;
      this.first = [];
      for (const v of buffered) {
        const p = this.shingle.push(this.scaled(v));
        if (p) this.record(p);
      }
      if (this.windows === 0) this.rotate();
      return 0;
    }
    if (value < this.seen.lo) this.seen.lo = value;
    if (value > this.seen.hi) this.seen.hi = value;
    const p = this.shingle.push(this.scaled(value));
    if (!p) return 0;
    const score = this.score(p);
    this.record(p);
    return score;
  }

  private scaled(v: number): number {
    const { lo, hi } = this.scale!;
    return (v - lo) / (hi - lo);
  }

  private record(p: Float64Array): void {
    const internal = (1 << this.s.depth) - 1;
    for (let t = 0; t < this.s.trees; t++) {
      let node = 0;
      for (;;) {
        this.latest[t * this.nodes + node]!++;
        if (node >= internal) break;
        node = p[this.splitDim[t * internal + node]!]! < this.splitVal[t * internal + node]! ? 2 * node + 1 : 2 * node + 2;
      }
    }
    if (++this.count >= this.s.window) this.rotate();
  }

  private rotate(): void {
    // The scale follows the range seen so far, from one window to the next.
    if (this.scale && this.seen.hi > this.seen.lo) this.scale = { ...this.seen };
    this.ref = this.latest;
    this.latest = new Float64Array(this.ref.length);
    this.count = 0;
    this.windows++;
  }

  /** 1 − (mass score / its largest possible value), on a log scale: in [0, 1], high when the point is in sparse space. */
  private score(p: Float64Array): number {
    const internal = (1 << this.s.depth) - 1;
    const sizeLimit = 0.1 * this.s.window;
    let total = 0;
    for (let t = 0; t < this.s.trees; t++) {
      let node = 0;
      let depth = 0;
      for (;;) {
        const r = this.ref[t * this.nodes + node]!;
        if (node >= internal || r < sizeLimit) {
          total += (r + 1) * 2 ** depth;
          break;
        }
        node = p[this.splitDim[t * internal + node]!]! < this.splitVal[t * internal + node]! ? 2 * node + 1 : 2 * node + 2;
        depth++;
      }
    }
    const max = this.s.window * 2 ** this.s.depth;
    return clamp01(1 - Math.log1p(total / this.s.trees) / Math.log1p(max));
  }

  snapshot(): DetectorState {
    return {
      kind: KIND,
      version: 1,
      settings: { ...this.s },
      ref: Array.from(this.ref),
      latest: Array.from(this.latest),
      scale: this.scale ? { ...this.scale } : null,
      seen: this.scale ? { ...this.seen } : null,
      first: [...this.first],
      shingle: [...this.shingle.values],
      count: this.count,
      windows: this.windows,
    };
  }
}

function settings(o?: DetectorOptions): Settings {
  return {
    trees: numberOption(o, 'trees', 25, 1, 1000),
    depth: numberOption(o, 'depth', 10, 1, 20),
    window: numberOption(o, 'window', 250, 2, 1e6),
    shingleSize: numberOption(o, 'shingleSize', 1, 1, 64),
    seed: numberOption(o, 'seed', 1, 0, 2 ** 32 - 1),
  };
}

export const halfSpaceTrees: DetectorKind = {
  kind: KIND,
  description: 'Half-Space Trees: mass in random half-spaces, reference and latest windows (Tan, Ting & Liu 2011)',
  create(options?: DetectorOptions) {
    return new HstDetector(settings(options));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    // The tree structure is rebuilt from the seed; the masses and the stream position come from the snapshot.
    const d = new HstDetector(settings(state['settings'] as DetectorOptions));
    d.ref = Float64Array.from(state['ref'] as number[]);
    d.latest = Float64Array.from(state['latest'] as number[]);
    d.scale = state['scale'] as { lo: number; hi: number } | null;
    if (d.scale) d.seen = { ...(state['seen'] as { lo: number; hi: number }) };
    d.first = [...(state['first'] as number[])];
    d.shingle.values = [...(state['shingle'] as number[])];
    d.count = state['count'] as number;
    d.windows = state['windows'] as number;
    return d;
  },
};
