// k-nearest-neighbour distance (Ramaswamy et al. 2000; Angiulli & Pizzuti 2002), exact: the distance
// from a row to its k-th nearest training row (`largest`) or the mean distance to its k nearest (`mean`),
// on standardised features. A query skips one training row at distance 0 — itself when the training rows
// are scored — so score(training rows) equals fitScore (leave-one-out).
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';
import { fitScaler, isScaler, transform, type Scaler } from './standardize.ts';

export interface KnnOptions {
  readonly k?: number;
  readonly method?: 'largest' | 'mean';
  /** Standardise features (default true). */
  readonly standardize?: boolean;
}

export class Knn implements BatchDetector {
  readonly name = 'knn';
  readonly k: number;
  readonly method: 'largest' | 'mean';
  readonly standardize: boolean;
  private model: { scaler: Scaler | null; data: Float64Array; n: number; d: number } | undefined;

  constructor(o: KnnOptions = {}) {
    this.k = o.k ?? 10;
    this.method = o.method ?? 'mean';
    this.standardize = o.standardize ?? true;
    if (!Number.isInteger(this.k) || this.k < 1 || this.k > 1000) throw new DetectorInputError('knn: k must be an integer in 1..1000');
    if (this.method !== 'largest' && this.method !== 'mean') throw new DetectorInputError('knn: method is largest or mean');
  }

  fit(rows: Rows): this {
    const raw = checkRows(rows);
    if (raw.length < 2) throw new DetectorInputError('knn: at least 2 rows are needed');
    const scaler = this.standardize ? fitScaler(raw) : null;
    const x = scaler ? transform(scaler, raw) : raw;
    const d = x[0]!.length;
    const data = new Float64Array(x.length * d);
    x.forEach((r, i) => data.set(r, i * d));
    this.model = { scaler, data, n: x.length, d };
    return this;
  }

  score(rows: Rows): number[] {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    const raw = checkRows(rows, m.d);
    const x = m.scaler ? transform(m.scaler, raw) : raw;
    const k = Math.min(this.k, m.n - 1);
    const best = new Float64Array(k + 1); // the k+1 smallest squared distances, ascending
    const { data, n, d } = m;
    return x.map((q) => {
      best.fill(Infinity);
      let worst = Infinity;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const o = i * d;
        for (let j = 0; j < d && s < worst; j++) {
          const e = q[j]! - data[o + j]!;
          s += e * e;
        }
        if (s >= worst) continue;
        let p = k;
        while (p > 0 && best[p - 1]! > s) {
          best[p] = best[p - 1]!;
          p--;
        }
        best[p] = s;
        worst = best[k]!;
      }
      const from = best[0] === 0 ? 1 : 0; // skip one row at distance 0 (the row itself)
      if (this.method === 'largest') return Math.sqrt(best[from + k - 1]!);
      let sum = 0;
      for (let t = from; t < from + k; t++) sum += Math.sqrt(best[t]!);
      return sum / k;
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: { k: this.k, method: this.method, standardize: this.standardize, scaler: m.scaler, n: m.n, d: m.d, data: Array.from(m.data) } };
  }

  static restore(s: DetectorSnapshot): Knn {
    const st = checkSnapshot(s, 'knn') as { k: number; method: 'largest' | 'mean'; standardize: boolean; scaler: Scaler | null; n: number; d: number; data: number[] };
    const m = new Knn({ k: st.k, method: st.method, standardize: st.standardize });
    if (!Number.isInteger(st.n) || !Number.isInteger(st.d) || st.n < 2 || !Array.isArray(st.data) || st.data.length !== st.n * st.d || (st.scaler !== null && !isScaler(st.scaler, st.d))) throw new DetectorInputError('knn snapshot: malformed');
    m.model = { scaler: st.scaler, data: Float64Array.from(st.data), n: st.n, d: st.d };
    return m;
  }
}
