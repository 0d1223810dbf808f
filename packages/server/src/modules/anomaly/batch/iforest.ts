// Isolation Forest (Liu, Ting & Zhou 2008): trees grown on random subsamples by random splits; an
// anomaly is isolated in few splits. Score 2^(-E[h(x)] / c(ψ)), with h(x) = depth + c(size of the leaf)
// and c(n) = 2H(n-1) - 2(n-1)/n the mean path length of an unsuccessful BST search.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';
import { sampleIndices, seeded, type Random } from './random.ts';

export interface IsolationForestOptions {
  readonly trees?: number;
  readonly subsample?: number;
  readonly seed?: number;
}

const EULER = 0.5772156649015329;

/** Average path length of an unsuccessful search in a binary search tree of n nodes. */
export function cFactor(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

/** One tree, flat: feature −1 marks a leaf whose `value` is c(size); otherwise `value` is the split. */
interface Tree {
  feature: number[];
  value: number[];
  left: number[];
  right: number[];
}

function grow(x: readonly Float64Array[], idx: number[], maxDepth: number, rng: Random): Tree {
  const t: Tree = { feature: [], value: [], left: [], right: [] };
  const d = x[0]!.length;
  const node = (ids: number[], depth: number): number => {
    const at = t.feature.length;
    t.feature.push(-1);
    t.value.push(0);
    t.left.push(-1);
    t.right.push(-1);
    if (depth >= maxDepth || ids.length <= 1) {
      t.value[at] = cFactor(ids.length);
      return at;
    }
    // A random feature that is not constant in this node (draws first, then a scan from a random start).
    let feature = -1;
    let lo = 0;
    let hi = 0;
    const range = (f: number): boolean => {
      lo = Infinity;
      hi = -Infinity;
      for (const i of ids) {
        const v = x[i]![f]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return hi > lo;
    };
    for (let tries = 0; tries < 8 && feature < 0; tries++) {
      const f = rng.int(d);
      if (range(f)) feature = f;
    }
    if (feature < 0) {
      const start = rng.int(d);
      for (let k = 0; k < d && feature < 0; k++) if (range((start + k) % d)) feature = (start + k) % d;
    }
    if (feature < 0) {
      t.value[at] = cFactor(ids.length); // all rows equal here
      return at;
    }
    const split = lo + rng.next() * (hi - lo);
    const l: number[] = [];
    const r: number[] = [];
    for (const i of ids) (x[i]![feature]! < split ? l : r).push(i);
    if (l.length === 0) l.push(r.pop()!); // split == lo exactly (measure zero): keep both sides non-empty
    t.feature[at] = feature;
    t.value[at] = split;
    t.left[at] = node(l, depth + 1);
    t.right[at] = node(r, depth + 1);
    return at;
  };
  node(idx, 0);
  return t;
}

function pathLength(t: Tree, row: Float64Array): number {
  let n = 0;
  let depth = 0;
  for (;;) {
    const f = t.feature[n]!;
    if (f < 0) return depth + t.value[n]!;
    n = row[f]! < t.value[n]! ? t.left[n]! : t.right[n]!;
    depth++;
  }
}

/** A restored tree must be well formed: children after their parent (so every walk ends), features in range. */
function validTree(t: Tree, columns: number): void {
  const n = t?.feature?.length;
  const ok =
    Number.isInteger(n) && n > 0 && [t.value, t.left, t.right].every((a) => Array.isArray(a) && a.length === n) &&
    t.feature.every((f, i) => {
      if (f === -1) return Number.isFinite(t.value[i]);
      const l = t.left[i]!;
      const r = t.right[i]!;
      return Number.isInteger(f) && f >= 0 && f < columns && Number.isFinite(t.value[i]) && Number.isInteger(l) && Number.isInteger(r) && l > i && r > i && l < n && r < n;
    });
  if (!ok) throw new DetectorInputError('iforest snapshot: a tree is malformed');
}

export class IsolationForest implements BatchDetector {
  readonly name = 'iforest';
  readonly trees: number;
  readonly subsample: number;
  readonly seed: number;
  private forest: Tree[] | undefined;
  private psi = 0;
  private columns = 0;

  constructor(o: IsolationForestOptions = {}) {
    this.trees = o.trees ?? 100;
    this.subsample = o.subsample ?? 256;
    this.seed = o.seed ?? 1;
    if (!Number.isInteger(this.trees) || this.trees < 1 || this.trees > 10_000) throw new DetectorInputError('iforest: trees must be an integer in 1..10000');
    if (!Number.isInteger(this.subsample) || this.subsample < 2) throw new DetectorInputError('iforest: subsample must be an integer ≥ 2');
  }

  fit(rows: Rows): this {
    const x = checkRows(rows);
    const rng = seeded(this.seed);
    this.psi = Math.min(this.subsample, x.length);
    this.columns = x[0]!.length;
    const maxDepth = Math.ceil(Math.log2(Math.max(this.psi, 2)));
    this.forest = [];
    for (let k = 0; k < this.trees; k++) this.forest.push(grow(x, sampleIndices(x.length, this.psi, rng), maxDepth, rng));
    return this;
  }

  score(rows: Rows): number[] {
    if (!this.forest) throw new NotFittedError(this.name);
    const x = checkRows(rows, this.columns);
    const c = cFactor(this.psi) || 1;
    return x.map((row) => {
      let sum = 0;
      for (const t of this.forest!) sum += pathLength(t, row);
      return 2 ** (-(sum / this.forest!.length) / c);
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    if (!this.forest) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: { trees: this.trees, subsample: this.subsample, seed: this.seed, psi: this.psi, columns: this.columns, forest: this.forest } };
  }

  static restore(s: DetectorSnapshot): IsolationForest {
    const st = checkSnapshot(s, 'iforest') as { trees: number; subsample: number; seed: number; psi: number; columns: number; forest: Tree[] };
    const m = new IsolationForest({ trees: st.trees, subsample: st.subsample, seed: st.seed });
    if (!Array.isArray(st.forest) || st.forest.length !== st.trees) throw new DetectorInputError('iforest snapshot: forest does not match trees');
    for (const t of st.forest) validTree(t, st.columns);
    m.forest = st.forest;
    m.psi = st.psi;
    m.columns = st.columns;
    return m;
  }
}
