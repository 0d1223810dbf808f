// First-seen set: which values an entity has used, and when last. Bounded: values unseen for `ttlMs`
// age out, and past `max` entries the least recently seen one goes (Map keeps insertion order, and a
// value seen again is moved to the end).

export type FirstSeenState = ReadonlyArray<readonly [string, number]>;

export class FirstSeen {
  readonly max: number;
  readonly ttlMs: number;
  private readonly seen = new Map<string, number>();

  constructor(max = 256, ttlMs = 90 * 86_400_000, state?: FirstSeenState) {
    this.max = max;
    this.ttlMs = ttlMs;
    if (state) for (const [k, t] of state) this.seen.set(k, t);
  }

  has(value: string, now: number): boolean {
    const t = this.seen.get(value);
    return t !== undefined && now - t <= this.ttlMs;
  }

  lastSeen(value: string): number | undefined {
    return this.seen.get(value);
  }

  /** Records a use; returns true when the value was new (or had aged out). */
  add(value: string, now: number): boolean {
    const fresh = !this.has(value, now);
    this.seen.delete(value);
    this.seen.set(value, now);
    if (this.seen.size > this.max) {
      for (const k of this.seen.keys()) {
        if (this.seen.size <= this.max) break;
        this.seen.delete(k);
      }
    }
    return fresh;
  }

  /** Drops values unseen for longer than the TTL. */
  age(now: number): void {
    for (const [k, t] of this.seen) if (now - t > this.ttlMs) this.seen.delete(k);
  }

  get size(): number {
    return this.seen.size;
  }

  values(): string[] {
    return [...this.seen.keys()];
  }

  snapshot(): FirstSeenState {
    return [...this.seen];
  }
}
