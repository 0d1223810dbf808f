// Exponentially weighted mean and variance (West's incremental form): a baseline that forgets at a
// fixed rate, so an entity's "normal" follows slow drift while a burst still stands out.

export interface EwmaState {
  readonly mean: number;
  readonly variance: number;
  readonly n: number;
}

export class Ewma {
  mean = 0;
  variance = 0;
  /** Observations seen (not decayed): the learning period counts these. */
  n = 0;
  readonly alpha: number;

  constructor(alpha = 0.05, state?: EwmaState) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
    this.alpha = alpha;
    if (state) ({ mean: this.mean, variance: this.variance, n: this.n } = state);
  }

  update(x: number): void {
    if (this.n === 0) {
      this.mean = x;
      this.variance = 0;
    } else {
      const d = x - this.mean;
      const incr = this.alpha * d;
      this.mean += incr;
      this.variance = (1 - this.alpha) * (this.variance + d * incr);
    }
    this.n++;
  }

  get std(): number {
    return Math.sqrt(this.variance);
  }

  /** Standard score of x against the baseline; `floor` keeps a flat history from making any change infinite. */
  z(x: number, floor = 1e-9): number {
    return (x - this.mean) / Math.max(this.std, floor);
  }

  snapshot(): EwmaState {
    return { mean: this.mean, variance: this.variance, n: this.n };
  }
}
