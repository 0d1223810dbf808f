// A light NAB detector ("novelty", the first part of novelty-forest): how far the stream leaves the range it has shown so far. Two views:
// the value itself, and the mean of the last k values (a level shift or a sustained drift that single
// values hide in the noise). Each view's excess beyond its known [min, max], divided by the width of that
// range, is the raw novelty r; the score is 1 − exp(−r / 0.05) (a value 5 % of the range outside it scores
// 0.63). The known range can forget: with a half-life of H points the bounds relax towards the recent mean,
// so a stream that once spiked can alert again. A refractory period turns a burst into one detection:
// a score that does not exceed every score given in the last R points is reported as 0. NAB rewards exactly
// this (the earliest detection in a window counts, every detection outside one costs), and new levels are
// what most of its labelled anomalies are. O(k + R) memory and time per value.
import { expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { Ring, type RingState } from './stats.ts';

const KIND = 'novelty';

interface Settings {
  /** k: points in the moving mean. */
  smoothWindow: number;
  /** R: refractory period in points. */
  refractory: number;
  /** H: half-life of the known range in points (0: never forgets). */
  halfLife: number;
  /** Points before the first score. */
  learn: number;
}

interface Range {
  lo: number;
  hi: number;
}

const SCALE = 0.05;

class Novelty implements StreamingDetector {
  readonly kind = KIND;
  readonly s: Settings;
  readonly forget: number;
  value: Range = { lo: Infinity, hi: -Infinity };
  smooth: Range = { lo: Infinity, hi: -Infinity };
  recentMean = 0;
  n = 0;
  readonly window: Ring;
  /** Scores given in the last R points (a ring; its own running sums are unused). */
  readonly given: Ring;

  constructor(s: Settings) {
    this.s = s;
    this.forget = s.halfLife > 0 ? 1 - Math.pow(0.5, 1 / s.halfLife) : 0;
    this.window = new Ring(s.smoothWindow);
    this.given = new Ring(Math.max(1, s.refractory));
  }

  private static novelty(r: Range, x: number): number {
    const width = r.hi - r.lo;
    const out = x > r.hi ? x - r.hi : x < r.lo ? r.lo - x : 0;
    if (out === 0 || !Number.isFinite(width)) return 0;
    return width > 0 ? out / width : Infinity;
  }

  private extend(r: Range, x: number): void {
    if (x < r.lo) r.lo = x;
    if (x > r.hi) r.hi = x;
    if (this.forget > 0) {
      // Bounds relax towards the recent mean (never past it).
      r.lo += Math.max(0, Math.min(this.recentMean, r.hi) - r.lo) * this.forget;
      r.hi -= Math.max(0, r.hi - Math.max(this.recentMean, r.lo)) * this.forget;
    }
  }

  update(x: number): number {
    this.window.push(x);
    if (this.n % 1000 === 999) this.window.resum();
    const mean = this.window.mean();
    const full = this.window.count === this.s.smoothWindow;
    let r = 0;
    if (this.n >= this.s.learn) {
      r = Novelty.novelty(this.value, x);
      if (full) r = Math.max(r, Novelty.novelty(this.smooth, mean));
    }
    this.recentMean = mean;
    this.extend(this.value, x);
    if (full) this.extend(this.smooth, mean);
    this.n++;
    const score = 1 - Math.exp(-r / SCALE);
    let peak = 0;
    for (let k = 0; k < this.given.count && k < this.s.refractory; k++) peak = Math.max(peak, this.given.back(k));
    const out = score > peak ? score : 0;
    this.given.push(out);
    return out;
  }

  snapshot(): DetectorState {
    const range = (r: Range): Range | null => (Number.isFinite(r.lo) ? { ...r } : null);
    return { kind: KIND, version: 1, settings: { ...this.s }, value: range(this.value), smooth: range(this.smooth), recentMean: this.recentMean, n: this.n, window: this.window.toJSON(), given: this.given.toJSON() };
  }
}

function settings(o?: DetectorOptions): Settings {
  return {
    smoothWindow: numberOption(o, 'smoothWindow', 20, 1, 10_000),
    refractory: numberOption(o, 'refractory', 100, 0, 100_000),
    halfLife: numberOption(o, 'halfLife', 20_000, 0, 1e9),
    learn: numberOption(o, 'learn', 20, 0, 1e6),
  };
}

export const novelty: DetectorKind = {
  kind: KIND,
  description: 'values and moving means beyond the range seen so far, with a refractory period (light; second on NAB)',
  create(options?: DetectorOptions) {
    return new Novelty(settings(options));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const d = new Novelty(settings(state['settings'] as DetectorOptions));
    const range = (r: unknown): Range => (r ? { ...(r as Range) } : { lo: Infinity, hi: -Infinity });
    d.value = range(state['value']);
    d.smooth = range(state['smooth']);
    d.recentMean = state['recentMean'] as number;
    d.n = state['n'] as number;
    Object.assign(d, { window: Ring.from(state['window'] as RingState), given: Ring.from(state['given'] as RingState) });
    return d;
  },
};
