// Additive Holt-Winters (triple exponential smoothing): level + trend + a seasonal profile of `period`
// slots (24 for hourly data with a daily cycle, 168 for a weekly one). The forecast for the next slot
// and an exponentially weighted variance of the one-step errors give "expected ± spread" for a series
// such as bytes sent per hour by a host.

export interface HoltWintersOptions {
  readonly period: number;
  readonly alpha?: number;
  readonly beta?: number;
  readonly gamma?: number;
  /** Smoothing of the squared one-step error. */
  readonly errorAlpha?: number;
}

export interface HoltWintersState {
  readonly level: number;
  readonly trend: number;
  readonly season: number[];
  readonly errVar: number;
  /** Observations so far; the first period only initialises the seasonal profile. */
  readonly n: number;
  readonly first: number[];
}

export class HoltWinters {
  readonly period: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly errorAlpha: number;
  level = 0;
  trend = 0;
  season: number[];
  errVar = 0;
  n = 0;
  private first: number[] = [];

  constructor(opts: HoltWintersOptions, state?: HoltWintersState) {
    if (!Number.isInteger(opts.period) || opts.period < 2) throw new RangeError('period must be an integer ≥ 2');
    this.period = opts.period;
    this.alpha = opts.alpha ?? 0.2;
    this.beta = opts.beta ?? 0.01;
    this.gamma = opts.gamma ?? 0.15;
    this.errorAlpha = opts.errorAlpha ?? 0.05;
    this.season = new Array<number>(this.period).fill(0);
    if (state) {
      if (state.season.length !== this.period) throw new RangeError('state has another period');
      this.level = state.level;
      this.trend = state.trend;
      this.season = [...state.season];
      this.errVar = state.errVar;
      this.n = state.n;
      this.first = [...state.first];
    }
  }

  /** True once a whole season has been seen (forecasts before that are the running mean). */
  get ready(): boolean {
    return this.n >= this.period;
  }

  /** Forecast for the next observation. */
  forecast(): number {
    if (!this.ready) return this.first.length ? this.first.reduce((a, b) => a + b, 0) / this.first.length : 0;
    return this.level + this.trend + (this.season[this.n % this.period] ?? 0);
  }

  get std(): number {
    return Math.sqrt(this.errVar);
  }

  update(x: number): void {
    const slot = this.n % this.period;
    if (!this.ready) {
      this.first.push(x);
      this.n++;
      if (this.n === this.period) {
        const mean = this.first.reduce((a, b) => a + b, 0) / this.period;
        this.level = mean;
        this.trend = 0;
        this.season = this.first.map((v) => v - mean);
        let sq = 0;
        for (const v of this.first) sq += (v - mean) ** 2;
        this.errVar = sq / this.period;
        this.first = [];
      }
      return;
    }
    const err = x - this.forecast();
    this.errVar = (1 - this.errorAlpha) * this.errVar + this.errorAlpha * err * err;
    const s = this.season[slot] ?? 0;
    const prevLevel = this.level;
    this.level = this.alpha * (x - s) + (1 - this.alpha) * (this.level + this.trend);
    this.trend = this.beta * (this.level - prevLevel) + (1 - this.beta) * this.trend;
    this.season[slot] = this.gamma * (x - this.level) + (1 - this.gamma) * s;
    this.n++;
  }

  snapshot(): HoltWintersState {
    return { level: this.level, trend: this.trend, season: [...this.season], errVar: this.errVar, n: this.n, first: [...this.first] };
  }
}
