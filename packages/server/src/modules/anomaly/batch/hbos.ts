// HBOS (Goldstein & Dengel 2012): one equal-width histogram per feature, heights normalised so the
// highest bin is 1; score Σ log(1 / height). Features are treated as independent.
import { type BatchDetector, type DetectorSnapshot, type Rows, checkRows, checkSnapshot, NotFittedError, DetectorInputError } from './detector.ts';
import { countAt, histogram, type Histogram } from './histogram.ts';

export interface HbosOptions {
  /** Bins per feature (default 10). */
  readonly bins?: number;
  /** Added to every bin count so an empty bin scores finitely (default 0.5). */
  readonly alpha?: number;
}

export class Hbos implements BatchDetector {
  readonly name = 'hbos';
  readonly bins: number;
  readonly alpha: number;
  private hists: Histogram[] | undefined;

  constructor(o: HbosOptions = {}) {
    this.bins = o.bins ?? 10;
    this.alpha = o.alpha ?? 0.5;
    if (!Number.isInteger(this.bins) || this.bins < 2 || this.bins > 10_000) throw new DetectorInputError('hbos: bins must be an integer in 2..10000');
    if (!(this.alpha > 0)) throw new DetectorInputError('hbos: alpha must be > 0');
  }

  fit(rows: Rows): this {
    const x = checkRows(rows);
    const d = x[0]!.length;
    this.hists = [];
    const col = new Float64Array(x.length);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < x.length; i++) col[i] = x[i]![j]!;
      this.hists.push(histogram(col, this.bins));
    }
    return this;
  }

  score(rows: Rows): number[] {
    const hs = this.hists;
    if (!hs) throw new NotFittedError(this.name);
    const x = checkRows(rows, hs.length);
    const max = hs.map((h) => Math.max(...h.counts) + this.alpha);
    return x.map((r) => {
      let s = 0;
      for (let j = 0; j < hs.length; j++) s -= Math.log((countAt(hs[j]!, r[j]!) + this.alpha) / max[j]!);
      return s;
    });
  }

  fitScore(rows: Rows): number[] {
    return this.fit(rows).score(rows);
  }

  snapshot(): DetectorSnapshot {
    if (!this.hists) throw new NotFittedError(this.name);
    return { detector: this.name, version: 1, state: { bins: this.bins, alpha: this.alpha, hists: this.hists } };
  }

  static restore(s: DetectorSnapshot): Hbos {
    const st = checkSnapshot(s, 'hbos') as { bins: number; alpha: number; hists: Histogram[] };
    const m = new Hbos({ bins: st.bins, alpha: st.alpha });
    if (!Array.isArray(st.hists) || st.hists.some((h) => !Array.isArray(h?.counts) || h.counts.length !== st.bins || !Number.isFinite(h.lo) || !(h.width > 0))) {
      throw new DetectorInputError('hbos snapshot: malformed histograms');
    }
    m.hists = st.hists;
    return m;
  }
}
