// Replay protection: every signature carries a random `jti`; a receiver remembers each (kid, jti) it has
// accepted until the signature would be refused as too old anyway, and refuses it a second time. The
// interface is one atomic "claim", so a database can back it (insert ... on conflict do nothing, keyed by
// the claim key, with the expiry in a column and a periodic delete of expired rows).

export type ClaimResult = 'fresh' | 'replayed' | 'full';

export interface ReplayCache {
  /**
   * Records `key` until `expiresAt` (seconds since the epoch) unless it is already recorded and not yet
   * expired. `fresh` when newly recorded, `replayed` when it was there, `full` when it cannot be recorded
   * (the caller refuses the message: forgetting a jti early would let it be replayed). Must be atomic.
   */
  claim(key: string, expiresAt: number, now: number): ClaimResult | Promise<ClaimResult>;
}

/** In-memory replay cache for one process, bounded in entries. */
export class MemoryReplayCache implements ReplayCache {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, number>();
  /** No entry expires before this time: a sweep before it would free nothing. */
  #earliestExpiry = Number.POSITIVE_INFINITY;

  constructor(opts: { maxEntries?: number } = {}) {
    this.#maxEntries = opts.maxEntries ?? 100_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, expiresAt: number, now: number): ClaimResult {
    const known = this.#entries.get(key);
    if (known !== undefined && known > now) return 'replayed';
    if (known === undefined && this.#entries.size >= this.#maxEntries) {
      this.#sweep(now);
      if (this.#entries.size >= this.#maxEntries) return 'full';
    }
    this.#entries.set(key, expiresAt);
    this.#earliestExpiry = Math.min(this.#earliestExpiry, expiresAt);
    return 'fresh';
  }

  #sweep(now: number): void {
    if (now < this.#earliestExpiry) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const [k, exp] of this.#entries) {
      if (exp <= now) this.#entries.delete(k);
      else earliest = Math.min(earliest, exp);
    }
    this.#earliestExpiry = earliest;
  }
}
