// Scan results of chat messages already seen, per conversation owner: a chat client resends the whole
// history with every turn, so without a cache the n-th turn scans all n messages again. A result is
// reused only for the same scope (the caller's organisation and account: a cache shared between
// accounts would let one learn by timing whether another sent a text), the same role and the same text
// (SHA-256), and the same model. Bounded by entries (least recently used first out); results are frozen.
import { createHash } from 'node:crypto';

export interface ScanCacheOptions {
  /** Entries kept at most (default 4096). */
  readonly maxEntries?: number;
  /** Texts shorter than this are scanned again (hashing costs about as much); default 64 characters. */
  readonly minChars?: number;
}

export class ScanCache<T> {
  readonly #entries = new Map<string, T>();
  readonly #max: number;
  readonly #min: number;
  hits = 0;
  misses = 0;

  constructor(opts: ScanCacheOptions = {}) {
    this.#max = Math.max(1, opts.maxEntries ?? 4096);
    this.#min = opts.minChars ?? 64;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached result for this scope, role and text, or `compute()`'s (then cached). */
  get(scope: string, role: string, text: string, compute: () => T): T {
    if (text.length < this.#min) return compute();
    const key = createHash('sha256').update(scope).update('\u0000').update(role).update('\u0000').update(text).digest('base64');
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const value = deepFreeze(compute());
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
