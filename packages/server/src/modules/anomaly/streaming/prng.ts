// A small seeded PRNG (mulberry32: one 32-bit word of state, so a snapshot is a single number).
export class Prng {
  state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Uniform in (0, 1): safe for logarithms. */
  open(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return u;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
