// LODA (Pevný 2016): k sparse random projections (about √d non-zero N(0,1) weights each), a
// one-dimensional histogram of each, score −(1/k) Σ log p̂ᵢ(wᵢᵀx). Features are standardised first.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';
import { countAt, histogram, type Histogram } from './histogram.ts';
import { sampleIndices, seeded } from './random.ts';
import { fitScaler, isScaler, transform, type Scaler } from './standardize.ts';

export interface LodaOptions {
  readonly projections?: number;
  /** Bins per histogram; default max(10, ⌈√rows⌉ / 2) capped at 50. */
  readonly bins?: number;
  readonly seed?: number;
}

interface Projection {
  readonly features: number[];
  readonly weights: number[];
  readonly hist: Histogram;
}

export class Loda implements BatchDetector {
  readonly name = 'loda';
  readonly projections: number;
  readonly bins: number | undefined;
  readonly seed: number;
  private model: { scaler: Scaler; proj: Projection[]; rows: number } | undefined;

  constructor(o: LodaOptions = {}) {
    this.projections = o.projections ?? 100;
    this.bins = o.bins;
    this.seed = o.seed ?? 1;
    if (!Number.isInteger(this.projections) || this.projections < 1 || this.projections > 10_000) throw new DetectorInputError('loda: projections must be an integer in 1..10000');
    if (this.bins !== undefined && (!Number.isInteger(this.bins) || this.bins < 2 || this.bins > 10_000)) throw new DetectorInputError('loda: bins must be an integer in 2..10000');
  }

  fit(rows: Rows): this {
    const raw = checkRows(rows);
    const scaler = fitScaler(raw);
    const x = transform(scaler, raw);
    const d = x[0]!.length;
    const nonZero = Math.max(1, Math.round(Math.sqrt(d)));
    const bins = this.bins ?? Math.min(50, Math.max(10, Math.ceil(Math.sqrt(x.length) / 2)));
    const rng = seeded(this.seed);
    const proj: Projection[] = [];
    const z = new Float64Array(x.length);
    for (let k = 0; k < this.projections; k++) {
      const features = sampleIndices(d, nonZero, rng).sort((a, b) => a - b);
      const weights = features.map(() => rng.normal());
      for (let i = 0; i < x.length; i++) z[i] = dot(x[i]!, features, weights);
      proj.push({ features, weights, hist: histogram(z, bins) });
    }
    this.model = { scaler, proj, rows: x.length };
    return this;
  }

  score(rows: Rows): number[] {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    const x = transform(m.scaler, checkRows(rows, m.scaler.mean.length));
    return x.map((r) => {
      let s = 0;
      for (const p of m.proj) {
        const density = (countAt(p.hist, dot(r, p.features, p.weights)) + 0.5) / ((m.rows + 0.5) * p.hist.width);
        s -= Math.log(density);
      }
      return s / m.proj.length;
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    if (!this.model) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: { projections: this.projections, bins: this.bins ?? null, seed: this.seed, ...this.model } };
  }

  static restore(s: DetectorSnapshot): Loda {
    const st = checkSnapshot(s, 'loda') as { projections: number; bins: number | null; seed: number; scaler: Scaler; proj: Projection[]; rows: number };
    const m = new Loda({ projections: st.projections, seed: st.seed, ...(st.bins === null ? {} : { bins: st.bins }) });
    const d = st.scaler?.mean?.length;
    if (!isScaler(st.scaler, d) || !Number.isInteger(st.rows) || st.rows < 1 || !Array.isArray(st.proj) || !Number.isInteger(d) || st.proj.some((p) => !Array.isArray(p.features) || p.features.some((f) => !Number.isInteger(f) || f < 0 || f >= d) || p.weights?.length !== p.features.length || !(p.hist?.width > 0))) {
      throw new DetectorInputError('loda snapshot: malformed projections');
    }
    m.model = { scaler: st.scaler, proj: st.proj, rows: st.rows };
    return m;
  }
}

function dot(r: Float64Array, features: readonly number[], weights: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < features.length; k++) s += r[features[k]!]! * weights[k]!;
  return s;
}
