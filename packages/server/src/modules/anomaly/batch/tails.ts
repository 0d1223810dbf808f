// ECOD (Li et al. 2022): parameter-free, on the empirical CDF of each feature. For every feature, the left
// tail P(X ≤ x) and the right tail P(X ≥ x) are estimated from the training rows, and the skewness of the
// feature picks the tail that matters; the score is
//   max(−Σ log left, −Σ log right, −Σ log (skew < 0 ? left : right)).
// COPOD (Li et al. 2020) combines its empirical-copula tail probabilities the same way, so it is not a
// separate detector here. Tail probabilities are (count + 1) / (n + 1): a value outside the training
// range stays finite.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';

interface Model {
  /** Sorted training values per feature. */
  sorted: number[][];
  skew: number[];
}

/** Number of values ≤ v in sorted a. */
function countLe(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values < v in sorted a. */
function countLt(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function skewness(a: readonly number[]): number {
  const n = a.length;
  let m = 0;
  for (const v of a) m += v;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  for (const v of a) {
    const e = v - m;
    m2 += e * e;
    m3 += e * e * e;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

export class Ecod implements BatchDetector {
  readonly name = 'ecod';
  private model: Model | undefined;
  fit(rows: Rows): this {
    const x = checkRows(rows);
    const d = x[0]!.length;
    const sorted: number[][] = [];
    const skew: number[] = [];
    for (let j = 0; j < d; j++) {
      const col = x.map((r) => r[j]!).sort((a, b) => a - b);
      sorted.push(col);
      skew.push(skewness(col));
    }
    this.model = { sorted, skew };
    return this;
  }

  score(rows: Rows): number[] {
    const m = this.model;
    if (!m) throw new NotFittedError(this.name);
    const d = m.sorted.length;
    const x = checkRows(rows, d);
    const n1 = m.sorted[0]!.length + 1;
    return x.map((r) => {
      let left = 0;
      let right = 0;
      let auto = 0;
      for (let j = 0; j < d; j++) {
        const a = m.sorted[j]!;
        const l = -Math.log((countLe(a, r[j]!) + 1) / n1);
        const rt = -Math.log((a.length - countLt(a, r[j]!) + 1) / n1);
        left += l;
        right += rt;
        auto += m.skew[j]! < 0 ? l : rt;
      }
      return Math.max(left, right, auto);
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    if (!this.model) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: this.model };
  }

  static restore(s: DetectorSnapshot): Ecod {
    const st = checkSnapshot(s, 'ecod') as unknown as Model;
    const n = st.sorted?.[0]?.length;
    if (!Array.isArray(st.sorted) || !Array.isArray(st.skew) || st.skew.length !== st.sorted.length || !n || st.sorted.some((c) => !Array.isArray(c) || c.length !== n)) {
      throw new DetectorInputError('ecod snapshot: malformed');
    }
    const m = new Ecod();
    m.model = st;
    return m;
  }
}
