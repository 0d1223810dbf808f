// Collects syslog messages and commits them in batches (at `maxBatch` messages or `flushMs` after the
// oldest arrived); a message counts as acknowledged only once its batch committed. Memory is bounded:
// inputs check `full` and hold back (pause sockets, drop datagrams) until `room()` resolves. A failed
// commit is retried with exponential back-off, so nothing received is lost while the process lives.
import type { DecodedLine } from '../decode.ts';

/** Commits the lines of one source durably; throws to have them retried. */
export type Commit = (source: string, lines: DecodedLine[], receivedAt: Date) => Promise<void>;

export interface BatcherOptions {
  readonly commit: Commit;
  readonly maxBatch?: number;
  readonly flushMs?: number;
  /** Pending (uncommitted) messages at which inputs hold back; they go on at half of it. */
  readonly maxPending?: number;
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

interface Entry {
  readonly source: string;
  readonly line: DecodedLine;
  readonly at: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Batcher {
  readonly maxBatch: number;
  readonly flushMs: number;
  readonly maxPending: number;
  /** Messages committed so far, and commits that failed (and were retried). */
  committed = 0;
  failures = 0;
  readonly #opts: BatcherOptions;
  #queue: Entry[] = [];
  #inflight = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #waiters: Array<() => void> = [];
  #closing = false;

  constructor(opts: BatcherOptions) {
    this.#opts = opts;
    this.maxBatch = opts.maxBatch ?? 500;
    this.flushMs = opts.flushMs ?? 100;
    this.maxPending = opts.maxPending ?? 10_000;
    if (!(this.maxBatch >= 1 && this.maxPending >= 1 && this.flushMs >= 0)) throw new RangeError('maxBatch and maxPending must be at least 1, flushMs at least 0');
  }

  /** Received but not yet committed. */
  get pending(): number {
    return this.#queue.length + this.#inflight;
  }

  get full(): boolean {
    return this.pending >= this.maxPending;
  }

  add(source: string, line: DecodedLine, at = Date.now()): void {
    this.#queue.push({ source, line, at });
    this.#schedule();
  }

  /** Resolves once pending is at most half the bound (at once if it already is). */
  room(): Promise<void> {
    if (this.#hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Commits everything pending, now, and waits for it (messages added meanwhile are committed too). */
  async close(): Promise<void> {
    this.#closing = true;
    this.#clearTimer();
    while (this.pending > 0 || this.#flushing) {
      if (!this.#flushing) this.#run();
      await this.#flushing;
    }
  }

  #hasRoom(): boolean {
    return this.pending <= Math.floor(this.maxPending / 2);
  }

  #due(): boolean {
    const first = this.#queue[0];
    if (!first) return false;
    return this.#closing || this.#queue.length >= this.maxBatch || this.full || Date.now() - first.at >= this.flushMs;
  }

  #schedule(): void {
    if (this.#flushing || this.#queue.length === 0) return;
    if (this.#due()) {
      this.#run();
      return;
    }
    if (!this.#timer) {
      const wait = Math.max(0, this.flushMs - (Date.now() - this.#queue[0]!.at));
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#schedule();
      }, wait);
    }
  }

  #run(): void {
    this.#clearTimer();
    this.#flushing = this.#loop().finally(() => {
      this.#flushing = undefined;
      this.#schedule();
    });
  }

  async #loop(): Promise<void> {
    while (this.#due()) {
      const batch = this.#queue.splice(0, this.maxBatch);
      this.#inflight += batch.length;
      const bySource = new Map<string, { lines: DecodedLine[]; at: number }>();
      for (const e of batch) {
        const g = bySource.get(e.source);
        if (g) g.lines.push(e.line);
        else bySource.set(e.source, { lines: [e.line], at: e.at });
      }
      for (const [source, g] of bySource) {
        await this.#commitWithRetry(source, g.lines, new Date(g.at));
        this.#inflight -= g.lines.length;
        this.committed += g.lines.length;
        this.#wake();
      }
    }
  }

  async #commitWithRetry(source: string, lines: DecodedLine[], receivedAt: Date): Promise<void> {
    const first = this.#opts.retryMs ?? 100;
    const max = this.#opts.maxRetryMs ?? 5_000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#opts.commit(source, lines, receivedAt);
        return;
      } catch (err) {
        this.failures += 1;
        const delay = Math.min(max, first * 2 ** Math.min(attempt - 1, 20));
        this.#opts.onRetry?.(err, attempt, delay);
        await sleep(delay);
      }
    }
  }

  #wake(): void {
    if (!this.#hasRoom()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
