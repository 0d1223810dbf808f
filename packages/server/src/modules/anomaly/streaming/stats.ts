// Streaming statistics with bounded memory: a ring buffer with running moments, and the normal tail.

export interface RingState {
  size: number;
  values: number[];
  sum: number;
  sumSq: number;
}

/** A fixed-size window of the last values with their running sum and sum of squares. */
export class Ring {
  readonly size: number;
  readonly buf: Float64Array;
  count = 0;
  head = 0;
  sum = 0;
  sumSq = 0;
  constructor(size: number) {
    this.size = size;
    this.buf = new Float64Array(size);
  }
  push(x: number): void {
    if (this.count === this.size) {
      const old = this.buf[this.head]!;
      this.sum -= old;
      this.sumSq -= old * old;
    } else this.count++;
    this.buf[this.head] = x;
    this.sum += x;
    this.sumSq += x * x;
    this.head = (this.head + 1) % this.size;
  }
  /** The k-th most recent value (0 = last pushed). */
  back(k: number): number {
    return this.buf[(this.head - 1 - k + this.size * 2) % this.size]!;
  }
  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }
  variance(): number {
    if (this.count < 2) return 0;
    const m = this.sum / this.count;
    return Math.max(0, this.sumSq / this.count - m * m);
  }
  /** Recomputes the running sums from the buffer (kills float drift; call now and then). */
  resum(): void {
    let s = 0;
    let q = 0;
    for (let k = 0; k < this.count; k++) {
      const v = this.back(k);
      s += v;
      q += v * v;
    }
    this.sum = s;
    this.sumSq = q;
  }
  toJSON(): RingState {
    const values: number[] = [];
    for (let k = this.count - 1; k >= 0; k--) values.push(this.back(k));
    return { size: this.size, values, sum: this.sum, sumSq: this.sumSq };
  }
  static from(j: RingState): Ring {
    const r = new Ring(j.size);
    for (const v of j.values) r.push(v);
    r.sum = j.sum;
    r.sumSq = j.sumSq;
    return r;
  }
}

/** Upper tail of the standard normal, Q(z) = P(Z > z) (Abramowitz & Stegun 7.1.26 through erfc, |error| < 1.5e−7). */
export function normalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** −ln Q(z), accurate far into the tail (asymptotic series beyond z = 5). */
export function negLogNormalTail(z: number): number {
  if (z < 5) return -Math.log(Math.max(normalTail(z), 1e-300));
  const z2 = z * z;
  return z2 / 2 + Math.log(z * Math.sqrt(2 * Math.PI)) - Math.log(1 - 1 / z2 + 3 / (z2 * z2));
}
