// Random Cut Forest (Guha, Mishra, Roy & Schrijvers 2016, "Robust random cut forest based anomaly
// detection on streams"): each tree is a robust random cut tree over its own sample of the (shingled)
// stream. A cut picks a dimension with probability proportional to its span and a value uniform in it;
// points are inserted and deleted without rebuilding (the paper's insertion keeps the tree distributed as
// if built from scratch). Each tree keeps a time-decayed reservoir sample (weighted sampling with keys
// λ·t − ln(−ln u): newer points are more likely to stay). The score of a point, computed before it is
// inserted, follows the path the point would take; at every node, the probability that the insertion cut
// separates it there weighs either (score 'codisp', the paper's) the largest |sibling(C)| / |C| over the
// subtrees C that would hold it, divided by the tree's mass: its expected collusive displacement; or (score
// 'depth', the default, close to the AWS implementation NAB ran) 1 / (1 + depth): its expected isolation
// depth, a copy of a sampled point counting as isolated log2(copies + 1) deeper. Averaged over the trees. Memory: trees × (2 × sample size) nodes × (2 × shingle size + 6) numbers.
import { expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { Prng } from './prng.ts';
import { Shingle } from './shingle.ts';

const KIND = 'random-cut-forest';

interface Settings {
  trees: number;
  sampleSize: number;
  shingleSize: number;
  /** λ of the time-decayed reservoir (0: plain reservoir over the whole stream). */
  decay: number;
  /** 'codisp': expected collusive displacement (the paper's score); 'depth': expected isolation depth. */
  score: 'codisp' | 'depth';
  seed: number;
}

class Tree {
  readonly dim: number;
  readonly cap: number;
  root = -1;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly parent: Int32Array;
  readonly mass: Int32Array;
  /** Cut dimension; −1 for a leaf. */
  readonly cutDim: Int32Array;
  readonly cutVal: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  free: number[];
  // Reservoir: leaf node and priority of each sampled point (a leaf holds `mass` copies of one point).
  sampleLeaf: number[] = [];
  samplePrio: number[] = [];

  constructor(dim: number, sampleSize: number) {
    this.dim = dim;
    this.cap = 2 * sampleSize;
    const n = this.cap;
    this.left = new Int32Array(n);
    this.right = new Int32Array(n);
    this.parent = new Int32Array(n).fill(-1);
    this.mass = new Int32Array(n);
    this.cutDim = new Int32Array(n).fill(-1);
    this.cutVal = new Float64Array(n);
    this.lo = new Float64Array(n * dim);
    this.hi = new Float64Array(n * dim);
    this.free = [];
    for (let i = n - 1; i >= 0; i--) this.free.push(i);
  }

  private alloc(): number {
    const id = this.free.pop();
    if (id === undefined) throw new Error('random cut tree full');
    return id;
  }

  private newLeaf(p: Float64Array): number {
    const id = this.alloc();
    this.cutDim[id] = -1;
    this.mass[id] = 1;
    this.parent[id] = -1;
    this.lo.set(p, id * this.dim);
    this.hi.set(p, id * this.dim);
    return id;
  }

  /** Inserts p; returns the leaf that holds it. */
  insert(p: Float64Array, rng: Prng): number {
    const d = this.dim;
    if (this.root < 0) return (this.root = this.newLeaf(p));
    let node = this.root;
    for (;;) {
      const o = node * d;
      let span = 0;
      for (let k = 0; k < d; k++) span += Math.max(this.hi[o + k]!, p[k]!) - Math.min(this.lo[o + k]!, p[k]!);
      if (span === 0) {
        // p equals the leaf's point: one more copy.
        for (let a = node; a >= 0; a = this.parent[a]!) if (a !== node) this.mass[a]!++;
        this.mass[node]!++;
        return node;
      }
      let r = rng.next() * span;
      let dim = 0;
      let lo = 0;
      for (; dim < d; dim++) {
        lo = Math.min(this.lo[o + dim]!, p[dim]!);
        const w = Math.max(this.hi[o + dim]!, p[dim]!) - lo;
        if (r < w || dim === d - 1) break;
        r -= w;
      }
      const cut = lo + r;
      const pd = p[dim]!;
      const separatesLeft = pd <= cut && cut < this.lo[o + dim]!;
      const separatesRight = this.hi[o + dim]! <= cut && cut < pd;
      if (separatesLeft || separatesRight || this.cutDim[node] === -1) {
        const leaf = this.newLeaf(p);
        const up = this.alloc();
        const par = this.parent[node]!;
        this.cutDim[up] = dim;
        this.cutVal[up] = cut;
        // A leaf always separates (its box is a point different from p); guard the float edge cases.
        const pLeft = separatesLeft || (!separatesRight && pd <= cut);
        this.left[up] = pLeft ? leaf : node;
        this.right[up] = pLeft ? node : leaf;
        this.mass[up] = this.mass[node]! + 1;
        const u = up * d;
        for (let k = 0; k < d; k++) {
          this.lo[u + k] = Math.min(this.lo[o + k]!, p[k]!);
          this.hi[u + k] = Math.max(this.hi[o + k]!, p[k]!);
        }
        this.parent[up] = par;
        this.parent[node] = up;
        this.parent[leaf] = up;
        if (par < 0) this.root = up;
        else if (this.left[par] === node) this.left[par] = up;
        else this.right[par] = up;
        return leaf;
      }
      // No separation here: p belongs below this node.
      this.mass[node]!++;
      for (let k = 0; k < d; k++) {
        if (p[k]! < this.lo[o + k]!) this.lo[o + k] = p[k]!;
        if (p[k]! > this.hi[o + k]!) this.hi[o + k] = p[k]!;
      }
      node = p[this.cutDim[node]!]! <= this.cutVal[node]! ? this.left[node]! : this.right[node]!;
    }
  }

  /** Removes one copy of the point held by a leaf. */
  delete(leaf: number): void {
    const d = this.dim;
    if (this.mass[leaf]! > 1) {
      for (let a = leaf; a >= 0; a = this.parent[a]!) this.mass[a]!--;
      return;
    }
    const par = this.parent[leaf]!;
    this.free.push(leaf);
    if (par < 0) {
      this.root = -1;
      return;
    }
    const sib = this.left[par] === leaf ? this.right[par]! : this.left[par]!;
    const gp = this.parent[par]!;
    this.parent[sib] = gp;
    this.free.push(par);
    if (gp < 0) {
      this.root = sib;
      return;
    }
    if (this.left[gp] === par) this.left[gp] = sib;
    else this.right[gp] = sib;
    for (let a = gp; a >= 0; a = this.parent[a]!) {
      this.mass[a]!--;
      const l = this.left[a]! * d;
      const r = this.right[a]! * d;
      const o = a * d;
      for (let k = 0; k < d; k++) {
        this.lo[o + k] = Math.min(this.lo[l + k]!, this.lo[r + k]!);
        this.hi[o + k] = Math.max(this.hi[l + k]!, this.hi[r + k]!);
      }
    }
  }

  /**
   * Expected isolation score of p (not inserted): E[1 / (1 + depth at which the insertion cut separates p)],
   * a copy of a sampled point counting as isolated at depth + log2(copies + 1). In (0, 1].
   */
  depthScore(p: Float64Array): number {
    if (this.root < 0) return 0;
    const d = this.dim;
    let node = this.root;
    let remain = 1;
    let sum = 0;
    for (let depth = 0; ; depth++) {
      const o = node * d;
      let span = 0;
      let merged = 0;
      for (let k = 0; k < d; k++) {
        const lo = this.lo[o + k]!;
        const hi = this.hi[o + k]!;
        span += hi - lo;
        merged += Math.max(hi, p[k]!) - Math.min(lo, p[k]!);
      }
      if (this.cutDim[node] === -1) {
        sum += remain * (merged === 0 ? 1 / (depth + Math.log2(this.mass[node]! + 1)) : 1 / (depth + 1));
        break;
      }
      const sep = merged > 0 ? (merged - span) / merged : 0;
      sum += (remain * sep) / (depth + 1);
      remain *= 1 - sep;
      if (remain < 1e-12) break;
      node = p[this.cutDim[node]!]! <= this.cutVal[node]! ? this.left[node]! : this.right[node]!;
    }
    return sum;
  }

  /** Expected collusive displacement of p (not inserted), divided by the tree's mass: in [0, 1]. */
  score(p: Float64Array): number {
    if (this.root < 0) return 0;
    const d = this.dim;
    const total = this.mass[this.root]!;
    let node = this.root;
    let remain = 1;
    let sum = 0;
    let ancestors = 0; // largest |sibling| / (|subtree| + 1) over the subtrees on the path so far
    for (;;) {
      const o = node * d;
      let span = 0;
      let merged = 0;
      for (let k = 0; k < d; k++) {
        const lo = this.lo[o + k]!;
        const hi = this.hi[o + k]!;
        span += hi - lo;
        merged += Math.max(hi, p[k]!) - Math.min(lo, p[k]!);
      }
      const par = this.parent[node]!;
      if (par >= 0) {
        const sib = this.left[par] === node ? this.right[par]! : this.left[par]!;
        const ratio = this.mass[sib]! / (this.mass[node]! + 1);
        if (ratio > ancestors) ancestors = ratio;
      }
      if (this.cutDim[node] === -1) {
        if (merged === 0) sum += remain * ancestors; // a copy of a sampled point: only its colluders count
        else sum += remain * Math.max(this.mass[node]!, ancestors);
        break;
      }
      const sep = merged > 0 ? (merged - span) / merged : 0;
      sum += remain * sep * Math.max(this.mass[node]!, ancestors);
      remain *= 1 - sep;
      if (remain < 1e-12) break;
      node = p[this.cutDim[node]!]! <= this.cutVal[node]! ? this.left[node]! : this.right[node]!;
    }
    return sum / total;
  }

  toJSON(): Record<string, unknown> {
    return {
      root: this.root,
      left: Array.from(this.left),
      right: Array.from(this.right),
      parent: Array.from(this.parent),
      mass: Array.from(this.mass),
      cutDim: Array.from(this.cutDim),
      cutVal: Array.from(this.cutVal),
      lo: Array.from(this.lo),
      hi: Array.from(this.hi),
      free: [...this.free],
      sampleLeaf: [...this.sampleLeaf],
      samplePrio: [...this.samplePrio],
    };
  }

  static from(j: Record<string, unknown>, dim: number, sampleSize: number): Tree {
    const t = new Tree(dim, sampleSize);
    t.root = j['root'] as number;
    t.left.set(j['left'] as number[]);
    t.right.set(j['right'] as number[]);
    t.parent.set(j['parent'] as number[]);
    t.mass.set(j['mass'] as number[]);
    t.cutDim.set(j['cutDim'] as number[]);
    t.cutVal.set(j['cutVal'] as number[]);
    t.lo.set(j['lo'] as number[]);
    t.hi.set(j['hi'] as number[]);
    t.free = [...(j['free'] as number[])];
    t.sampleLeaf = [...(j['sampleLeaf'] as number[])];
    t.samplePrio = [...(j['samplePrio'] as number[])];
    return t;
  }
}

// Min-heap on samplePrio (with sampleLeaf moved alongside).
function siftDown(t: Tree, i: number): void {
  const n = t.samplePrio.length;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && t.samplePrio[l]! < t.samplePrio[m]!) m = l;
    if (r < n && t.samplePrio[r]! < t.samplePrio[m]!) m = r;
    if (m === i) return;
    [t.samplePrio[i], t.samplePrio[m]] = [t.samplePrio[m]!, t.samplePrio[i]!];
    [t.sampleLeaf[i], t.sampleLeaf[m]] = [t.sampleLeaf[m]!, t.sampleLeaf[i]!];
    i = m;
  }
}
function siftUp(t: Tree, i: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (t.samplePrio[p]! <= t.samplePrio[i]!) return;
    [t.samplePrio[i], t.samplePrio[p]] = [t.samplePrio[p]!, t.samplePrio[i]!];
    [t.sampleLeaf[i], t.sampleLeaf[p]] = [t.sampleLeaf[p]!, t.sampleLeaf[i]!];
    i = p;
  }
}

export class RandomCutForest {
  readonly s: Settings;
  readonly rng: Prng;
  readonly trees: Tree[];
  t = 0;
  constructor(s: Settings, rng = new Prng(s.seed), trees?: Tree[]) {
    this.s = s;
    this.rng = rng;
    this.trees = trees ?? Array.from({ length: s.trees }, () => new Tree(s.shingleSize, s.sampleSize));
  }
  /** Mean CoDisp / mass of p over the trees, in [0, 1] (0 while the forest is empty). */
  score(p: Float64Array): number {
    let s = 0;
    for (const tree of this.trees) s += this.s.score === 'depth' ? tree.depthScore(p) : tree.score(p);
    return s / this.trees.length;
  }
  /** Offers p to every tree's reservoir sample. */
  update(p: Float64Array): void {
    const t = this.t++;
    for (const tree of this.trees) {
      const prio = this.s.decay * t - Math.log(-Math.log(this.rng.open()));
      const heap = tree.samplePrio;
      if (heap.length < this.s.sampleSize) {
        tree.sampleLeaf.push(tree.insert(p, this.rng));
        heap.push(prio);
        siftUp(tree, heap.length - 1);
      } else if (prio > heap[0]!) {
        tree.delete(tree.sampleLeaf[0]!);
        tree.sampleLeaf[0] = tree.insert(p, this.rng);
        heap[0] = prio;
        siftDown(tree, 0);
      }
    }
  }
}

class RcfDetector implements StreamingDetector {
  readonly kind = KIND;
  readonly forest: RandomCutForest;
  readonly shingle: Shingle;
  constructor(forest: RandomCutForest, shingle: Shingle) {
    this.forest = forest;
    this.shingle = shingle;
  }
  update(value: number): number {
    const p = this.shingle.push(value);
    if (!p) return 0;
    const score = this.forest.score(p);
    this.forest.update(p);
    return score;
  }
  snapshot(): DetectorState {
    const f = this.forest;
    return { kind: KIND, version: 1, settings: { ...f.s }, rng: f.rng.state, t: f.t, shingle: [...this.shingle.values], trees: f.trees.map((t) => t.toJSON()) };
  }
}

function scoreOption(o?: DetectorOptions): 'codisp' | 'depth' {
  const v = o?.['score'] ?? 'depth';
  if (v !== 'codisp' && v !== 'depth') throw new Error("option score must be 'depth' or 'codisp'");
  return v;
}

// Defaults after the AWS implementation NAB ran (100 trees, samples of 256, time decay 100,000, shingle 1).
function settings(o?: DetectorOptions): Settings {
  const sampleSize = numberOption(o, 'sampleSize', 256, 4, 1 << 16);
  return {
    trees: numberOption(o, 'trees', 100, 1, 1000),
    sampleSize,
    shingleSize: numberOption(o, 'shingleSize', 1, 1, 64),
    decay: numberOption(o, 'decay', 1e-5, 0, 1),
    score: scoreOption(o),
    seed: numberOption(o, 'seed', 1, 0, 2 ** 32 - 1),
  };
}

export const randomCutForest: DetectorKind = {
  kind: KIND,
  description: 'Random Cut Forest over shingles, expected collusive displacement (Guha et al. 2016)',
  create(options?: DetectorOptions) {
    const s = settings(options);
    return new RcfDetector(new RandomCutForest(s), new Shingle(s.shingleSize));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const s = settings(state['settings'] as DetectorOptions);
    const trees = (state['trees'] as Array<Record<string, unknown>>).map((j) => Tree.from(j, s.shingleSize, s.sampleSize));
    const forest = new RandomCutForest(s, new Prng(0), trees);
    forest.rng.state = state['rng'] as number;
    forest.t = state['t'] as number;
    const shingle = new Shingle(s.shingleSize);
    shingle.values = [...(state['shingle'] as number[])];
    return new RcfDetector(forest, shingle);
  },
};
