// Remembers, per idempotency key, the outcome of an action that changed something outside, so a
// second call with the same key (a retry after a lost step record, a concurrent duplicate) returns
// the first outcome instead of acting again. In memory and bounded: across a restart the protocols'
// own identifiers take over (the e-mail's Message-ID), as the README explains.
export class SentLog<T> {
  private readonly done = new Map<string, T>();
  private readonly inflight = new Map<string, Promise<T>>();

  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  /** Runs `work` once per key; later calls with a key that succeeded get its result. */
  async once(key: string, work: () => Promise<T>): Promise<T> {
    if (this.done.has(key)) return this.done.get(key)!;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = work();
    this.inflight.set(key, p);
    try {
      const value = await p;
      this.done.set(key, value);
      if (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value!);
      return value;
    } finally {
      this.inflight.delete(key);
    }
  }
}
