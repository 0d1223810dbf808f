// iNNE, isolation using nearest-neighbour ensembles (Bandaragoda et al. 2018): t sets of ψ random
// training rows; each sampled row c owns a hypersphere of radius τ(c), the distance to its nearest
// neighbour in the set. A query covered by no hypersphere of a set scores 1 there; otherwise, with c the
// covering centre of smallest radius and η(c) its nearest neighbour, it scores 1 − τ(η(c)) / τ(c).
// The score is the mean over the t sets. Features are standardised first.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';
import { sampleIndices, seeded } from './random.ts';
import { fitScaler, isScaler, transform, type Scaler } from './standardize.ts';

export interface InneOptions {
  readonly ensembles?: number;
  readonly subsample?: number;
  readonly seed?: number;
}

interface Set {
  /** ψ centres, flat (ψ × d). */
  readonly centres: number[];
  /** Squared radius of each centre. */
  readonly radius2: number[];
  /** 1 − τ(η(c)) / τ(c) for each centre. */
  readonly ratio: number[];
}

export class Inne implements BatchDetector {
  readonly name = 'inne';
  readonly ensembles: number;
  readonly subsample: number;
  readonly seed: number;
  private model: { scaler: Scaler; sets: Set[]; d: number } | undefined;

  constructor(o: InneOptions = {}) {
    this.ensembles = o.ensembles ?? 200;
    this.subsample = o.subsample ?? 16;
    this.seed = o.seed ?? 1;
    if (!Number.isInteger(this.ensembles) || this.ensembles < 1 || this.ensembles > 10_000) throw new DetectorInputError('inne: ensembles must be an integer in 1..10000');
    if (!Number.isInteger(this.subsample) || this.subsample < 2 || this.subsample > 10_000) throw new DetectorInputError('inne: subsample must be an integer in 2..10000');
  }

  fit(rows: Rows): this {
    const raw = checkRows(rows);
    if (raw.length < 2) throw new DetectorInputError('inne: at least 2 rows are needed');
    const scaler = fitScaler(raw);
    const x = transform(scaler, raw);
    const d = x[0]!.length;
    const rng = seeded(this.seed);
    const sets: Set[] = [];
    for (let t = 0; t < this.ensembles; t++) {
      const ids = sampleIndices(x.length, this.subsample, rng);
      const psi = ids.length;
      const nn = new Array<number>(psi).fill(-1);
      const radius2 = new Array<number>(psi).fill(Infinity);
      for (let a = 0; a < psi; a++) {
        for (let b = 0; b < psi; b++) {
          if (a === b) continue;
          const s = dist2(x[ids[a]!]!, x[ids[b]!]!);
          if (s < radius2[a]!) {
            radius2[a] = s;
            nn[a] = b;
          }
        }
      }
      const ratio = radius2.map((r2, a) => (r2 > 0 ? 1 - Math.sqrt(radius2[nn[a]!]!) / Math.sqrt(r2) : 0));
      const centres: number[] = [];
      for (const i of ids) for (let j = 0; j < d; j++) centres.push(x[i]![j]!);
      sets.push({ centres, radius2, ratio });
    }
    this.model = { scaler, sets, d };
    return this;
  }

  score(rows: Rows): number[] {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    const x = transform(m.scaler, checkRows(rows, m.d));
    const d = m.d;
    return x.map((q) => {
      let sum = 0;
      for (const set of m.sets) {
        let bestR = Infinity;
        let score = 1;
        for (let c = 0; c < set.radius2.length; c++) {
          const r2 = set.radius2[c]!;
          if (r2 >= bestR) continue;
          let s = 0;
          const o = c * d;
          for (let j = 0; j < d && s <= r2; j++) {
            const e = q[j]! - set.centres[o + j]!;
            s += e * e;
          }
          if (s <= r2) {
            bestR = r2;
            score = set.ratio[c]!;
          }
        }
        sum += score;
      }
      return sum / m.sets.length;
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: { ensembles: this.ensembles, subsample: this.subsample, seed: this.seed, ...m } };
  }

  static restore(s: DetectorSnapshot): Inne {
    const st = checkSnapshot(s, 'inne') as { ensembles: number; subsample: number; seed: number; scaler: Scaler; sets: Set[]; d: number };
    const m = new Inne({ ensembles: st.ensembles, subsample: st.subsample, seed: st.seed });
    if (!Array.isArray(st.sets) || !Number.isInteger(st.d) || !isScaler(st.scaler, st.d) || st.sets.some((t) => t.radius2?.length !== t.ratio?.length || t.centres?.length !== t.radius2.length * st.d)) {
      throw new DetectorInputError('inne snapshot: malformed');
    }
    m.model = { scaler: st.scaler, sets: st.sets, d: st.d };
    return m;
  }
}

function dist2(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const e = a[j]! - b[j]!;
    s += e * e;
  }
  return s;
}
