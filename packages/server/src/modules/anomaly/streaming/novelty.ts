// Our best NAB detector ("novelty"): how far the stream leaves the range it has shown so far. Three views:
// - the value itself;
// - the mean of the last k values (a level shift or a sustained drift that single values hide in noise);
// - that mean against the range seen at the same hour of the day (UTC hour of the timestamp; a normal
//   level at an unusual time), once that hour has seen `minBucket` values. Its excess is measured against
//   the width of the overall range, so a narrow hourly range does not inflate it.
// Each view's excess beyond its known [min, max], divided by the width of that range, is the raw novelty r;
// the score is 1 − exp(−r / 0.05) (a value 5 % of the range outside it scores 0.63). The known ranges forget:
// with a half-life of H updates the bounds relax towards the recent mean, so a stream that once spiked can
// alert again. A refractory period turns a burst into one detection: a score that does not exceed every
// score given in the last R points is reported as 0. NAB rewards exactly this (the earliest detection in a
// window counts, every detection outside one costs), and new levels, at all or at that time of day, are
// what most of its labelled anomalies are. O(k + R + 24) memory, O(k + R) time per value at worst.
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
  /** Weight of the hour-of-day view (0: off). */
  daily: number;
  /** Values an hour of the day must have seen before its range counts. */
  minBucket: number;
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
  hours: Array<{ lo: number; hi: number; n: number }> = Array.from({ length: 24 }, () => ({ lo: Infinity, hi: -Infinity, n: 0 }));
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

  update(x: number, ts: number): number {
    this.window.push(x);
    if (this.n % 1000 === 999) this.window.resum();
    const mean = this.window.mean();
    const full = this.window.count === this.s.smoothWindow;
    // UTC hour of the day; a timestamp that is not a finite number leaves the hourly view out.
    const hour = this.s.daily > 0 && Number.isFinite(ts) ? ((Math.floor(ts / 3_600_000) % 24) + 24) % 24 : -1;
    let r = 0;
    if (this.n >= this.s.learn) {
      r = Novelty.novelty(this.value, x);
      if (full) r = Math.max(r, Novelty.novelty(this.smooth, mean));
      if (hour >= 0 && full) {
        const h = this.hours[hour]!;
        const width = this.value.hi - this.value.lo;
        if (h.n >= this.s.minBucket && width > 0) {
          const out = mean > h.hi ? mean - h.hi : mean < h.lo ? h.lo - mean : 0;
          r = Math.max(r, (this.s.daily * out) / width);
        }
      }
    }
    if (full && hour >= 0) {
      const h = this.hours[hour]!;
      this.extend(h, mean);
      h.n++;
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
    return {
      kind: KIND,
      version: 1,
      settings: { ...this.s },
      value: range(this.value),
      smooth: range(this.smooth),
      hours: this.hours.map((h) => ({ range: range(h), n: h.n })),
      recentMean: this.recentMean,
      n: this.n,
      window: this.window.toJSON(),
      given: this.given.toJSON(),
    };
  }
}

function settings(o?: DetectorOptions): Settings {
  return {
    smoothWindow: numberOption(o, 'smoothWindow', 20, 1, 10_000),
    refractory: numberOption(o, 'refractory', 100, 0, 100_000),
    halfLife: numberOption(o, 'halfLife', 20_000, 0, 1e9),
    learn: numberOption(o, 'learn', 20, 0, 1e6),
    daily: numberOption(o, 'daily', 1, 0, 100),
    minBucket: numberOption(o, 'minBucket', 100, 0, 1e6),
  };
}

export const novelty: DetectorKind = {
  kind: KIND,
  description: 'values and moving means beyond the range seen so far, overall and at that hour of the day, with a refractory period (our best on NAB)',
  create(options?: DetectorOptions) {
    return new Novelty(settings(options));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const d = new Novelty(settings(state['settings'] as DetectorOptions));
    const range = (r: unknown): Range => (r ? { ...(r as Range) } : { lo: Infinity, hi: -Infinity });
    d.value = range(state['value']);
    d.smooth = range(state['smooth']);
    d.hours = (state['hours'] as Array<{ range: Range | null; n: number }>).map((h) => ({ ...range(h.range), n: h.n }));
    d.recentMean = state['recentMean'] as number;
    d.n = state['n'] as number;
    Object.assign(d, { window: Ring.from(state['window'] as RingState), given: Ring.from(state['given'] as RingState) });
    return d;
  },
};
