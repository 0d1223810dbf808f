// An ensemble of diverse detectors: each member's scores are put on a common scale fitted on the
// training rows — z-scores (mean and standard deviation of its training scores) or ranks (the fraction
// of training scores at or below) — and averaged.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';

export type Combine = 'zscore' | 'rank';

interface Scale {
  mean: number;
  sd: number;
  /** Sorted training scores (rank combination only). */
  sorted: number[] | null;
}

export class Ensemble implements BatchDetector {
  readonly name: string;
  readonly members: readonly BatchDetector[];
  readonly combine: Combine;
  private scales: Scale[] | undefined;

  constructor(members: readonly BatchDetector[], o: { combine?: Combine; name?: string } = {}) {
    if (members.length === 0) throw new DetectorInputError('ensemble: no members');
    this.members = members;
    this.combine = o.combine ?? 'zscore';
    this.name = o.name ?? 'ensemble';
    if (this.combine !== 'zscore' && this.combine !== 'rank') throw new DetectorInputError('ensemble: combine is zscore or rank');
  }

  fit(rows: Rows): this {
    this.fitScore(rows);
    return this;
  }

  fitScore(rows: Rows): number[] {
    const x = checkRows(rows);
    const all = this.members.map((m) => m.fitScore(x));
    this.scales = all.map((s) => scaleOf(s, this.combine));
    return this.average(all);
  }

  score(rows: Rows): number[] {
    if (!this.scales) throw new NotFittedError(this.name);
    const x = checkRows(rows);
    return this.average(this.members.map((m) => m.score(x)));
  }

  private average(all: number[][]): number[] {
    const n = all[0]!.length;
    const out = new Array<number>(n).fill(0);
    all.forEach((s, k) => {
      const sc = this.scales![k]!;
      for (let i = 0; i < n; i++) out[i]! += sc.sorted ? rankOf(sc.sorted, s[i]!) : (s[i]! - sc.mean) / sc.sd;
    });
    return out.map((v) => v / all.length);
  }

  snapshot(): DetectorSnapshot {
    if (!this.scales) throw new NotFittedError(this.name);
    return { detector: 'ensemble', version: 1, state: { name: this.name, combine: this.combine, scales: this.scales, members: this.members.map((m) => m.snapshot()) } };
  }

  static restore(s: DetectorSnapshot, restoreMember: (s: DetectorSnapshot) => BatchDetector): Ensemble {
    const st = checkSnapshot(s, 'ensemble') as { name: string; combine: Combine; scales: Scale[]; members: DetectorSnapshot[] };
    if (!Array.isArray(st.members) || !Array.isArray(st.scales) || st.members.length !== st.scales.length) throw new DetectorInputError('ensemble snapshot: malformed');
    const e = new Ensemble(st.members.map(restoreMember), { combine: st.combine, name: String(st.name) });
    e.scales = st.scales;
    return e;
  }
}

function scaleOf(s: readonly number[], combine: Combine): Scale {
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { mean, sd: sd > 1e-12 ? sd : 1, sorted: combine === 'rank' ? [...s].sort((a, b) => a - b) : null };
}

/** Fraction of the sorted training scores ≤ v. */
function rankOf(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}
