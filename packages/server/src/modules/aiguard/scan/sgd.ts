// Training of the linear models by stochastic gradient descent with L2 regularisation (Bottou's
// schedule, lr_t = lr0 / (1 + lr0·λ·t), with the weight vector kept as scale × v so the decay costs
// O(1) per step). Deterministic: the row order of each epoch comes from a seeded generator.
import type { Features } from './features.ts';

export interface Row {
  readonly x: Features;
  /** 1 malicious, 0 benign (binary), or the class index (multinomial). */
  readonly y: number;
  /** Sample weight (class balancing). */
  readonly w: number;
}

export interface SgdOptions {
  readonly epochs: number;
  readonly lambda: number;
  readonly lr0: number;
  readonly seed: number;
}

/** mulberry32: a small seeded generator, enough for shuffling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, next: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Binary logistic regression; returns the weights (length dim) and the bias. */
export function trainBinary(rows: readonly Row[], dim: number, o: SgdOptions): { w: Float64Array; b: number } {
  const v = new Float64Array(dim);
  let scale = 1;
  let b = 0;
  let t = 0;
  const next = rng(o.seed);
  for (let e = 0; e < o.epochs; e++) {
    const order = shuffled(rows.length, next);
    for (const r of order) {
      const row = rows[r]!;
      const lr = o.lr0 / (1 + o.lr0 * o.lambda * t++);
      const { idx, val, n } = row.x;
      let s = 0;
      for (let k = 0; k < n; k++) s += v[idx[k]!]! * val[k]!;
      const p = sigmoid(s * scale + b);
      const g = (p - row.y) * row.w;
      scale *= 1 - lr * o.lambda;
      if (scale < 1e-9) {
        for (let j = 0; j < dim; j++) v[j] = v[j]! * scale;
        scale = 1;
      }
      const step = (lr * g) / scale;
      for (let k = 0; k < n; k++) v[idx[k]!] = v[idx[k]!]! - step * val[k]!;
      b -= lr * g * 0.1;
    }
  }
  for (let j = 0; j < dim; j++) v[j] = v[j]! * scale;
  return { w: v, b };
}

/** Multinomial logistic regression over `classes` classes; weights laid out class-major (class·dim + j). */
export function trainMultinomial(rows: readonly Row[], dim: number, classes: number, o: SgdOptions): { w: Float64Array; b: Float64Array } {
  const v = new Float64Array(dim * classes);
  const b = new Float64Array(classes);
  const z = new Float64Array(classes);
  let scale = 1;
  let t = 0;
  const mask = dim - 1;
  const next = rng(o.seed);
  for (let e = 0; e < o.epochs; e++) {
    const order = shuffled(rows.length, next);
    for (const r of order) {
      const row = rows[r]!;
      const lr = o.lr0 / (1 + o.lr0 * o.lambda * t++);
      const { idx, val, n } = row.x;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = 0;
        const base = c * dim;
        for (let k = 0; k < n; k++) s += v[base + (idx[k]! & mask)]! * val[k]!;
        z[c] = s * scale + b[c]!;
        if (z[c]! > max) max = z[c]!;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      scale *= 1 - lr * o.lambda;
      if (scale < 1e-9) {
        for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale;
        scale = 1;
      }
      for (let c = 0; c < classes; c++) {
        const g = (z[c]! / sum - (c === row.y ? 1 : 0)) * row.w;
        if (g === 0) continue;
        const step = (lr * g) / scale;
        const base = c * dim;
        for (let k = 0; k < n; k++) v[base + (idx[k]! & mask)] = v[base + (idx[k]! & mask)]! - step * val[k]!;
        b[c] = b[c]! - lr * g * 0.1;
      }
    }
  }
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale;
  return { w: v, b };
}
