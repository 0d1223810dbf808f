// Login throttling: failures per account and per source address within a window; past the allowance
// each further attempt waits twice as long (capped), answered with 429 and Retry-After.
interface Entry {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

export interface ThrottleOptions {
  readonly windowMs: number;
  readonly perAccount: number;
  readonly perAddress: number;
  readonly maxBlockMs: number;
}

const DEFAULTS: ThrottleOptions = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20, maxBlockMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: ThrottleOptions;
  private readonly now: () => number;

  constructor(opts: Partial<ThrottleOptions> = {}, now: () => number = Date.now) {
    this.opts = { ...DEFAULTS, ...opts };
    this.now = now;
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(account: string, address: string): number {
    const t = this.now();
    const wait = Math.max(this.get(`a:${account}`, t).blockedUntil, this.get(`i:${address}`, t).blockedUntil) - t;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failure(account: string, address: string): void {
    const t = this.now();
    this.bump(`a:${account}`, this.opts.perAccount, t);
    this.bump(`i:${address}`, this.opts.perAddress, t);
    if (this.entries.size > 100_000) this.prune(t);
  }

  success(account: string): void {
    this.entries.delete(`a:${account}`);
  }

  private get(key: string, t: number): Entry {
    const e = this.entries.get(key);
    if (!e || t - e.windowStart > this.opts.windowMs) return { failures: 0, windowStart: t, blockedUntil: 0 };
    return e;
  }

  private bump(key: string, allowance: number, t: number): void {
    const e = this.get(key, t);
    e.failures += 1;
    if (e.failures >= allowance) e.blockedUntil = t + Math.min(this.opts.maxBlockMs, 1000 * 2 ** (e.failures - allowance));
    this.entries.set(key, e);
  }

  private prune(t: number): void {
    for (const [k, e] of this.entries) if (t - e.windowStart > this.opts.windowMs && e.blockedUntil < t) this.entries.delete(k);
  }
}
