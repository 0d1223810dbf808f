// Tail-probability post-processing of a raw anomaly score, after the anomaly likelihood of Ahmad et al.
// (2017): the mean of the last few raw scores is compared with the distribution of the raw scores over a
// long window; the score is how improbable that short-term mean is, on a log scale (−ln Q(z) / 23, so
// a tail probability of 1e−10 gives 1).
import { clamp01 } from './detector.ts';
import { negLogNormalTail, Ring, type RingState } from './stats.ts';

export interface LikelihoodState {
  long: RingState;
  short: RingState;
  n: number;
}

export class Likelihood {
  readonly long: Ring;
  readonly short: Ring;
  readonly minCount: number;
  n = 0;
  constructor(longWindow: number, shortWindow: number, minCount: number) {
    this.long = new Ring(longWindow);
    this.short = new Ring(shortWindow);
    this.minCount = minCount;
  }
  /** Takes the next raw score; returns its likelihood score in [0, 1]. */
  update(raw: number): number {
    this.short.push(raw);
    let out = 0;
    if (this.long.count >= this.minCount) {
      const sd = Math.max(Math.sqrt(this.long.variance()), 1e-4);
      const z = (this.short.mean() - this.long.mean()) / sd;
      out = z > 0 ? clamp01(negLogNormalTail(z) / 23.02585) : 0;
    }
    this.long.push(raw);
    if (++this.n % 1000 === 0) {
      this.long.resum();
      this.short.resum();
    }
    return out;
  }
  toJSON(): LikelihoodState {
    return { long: this.long.toJSON(), short: this.short.toJSON(), n: this.n };
  }
  static from(s: LikelihoodState, minCount: number): Likelihood {
    const l = new Likelihood(s.long.size, s.short.size, minCount);
    Object.assign(l, { long: Ring.from(s.long), short: Ring.from(s.short), n: s.n });
    return l;
  }
}
