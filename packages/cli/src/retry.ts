// When and how long to wait before trying a request again: network failures, 429 and 503 (with Retry-After).
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionError, ProblemError } from './problem.ts';

const RETRY_STATUSES = new Set([429, 503]);
const MAX_DELAY_MS = 60_000;

/** Retry-After as delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_DELAY_MS * 5);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_DELAY_MS * 5);
}

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 30_000);
  return Math.round(base / 2 + (random() * base) / 2);
}

/** How long to wait before retrying after `err`, or undefined when retrying would not help. */
export function retryDelay(err: unknown, attempt: number, random: () => number = Math.random): number | undefined {
  if (err instanceof ConnectionError) return backoffMs(attempt, random);
  if (err instanceof ProblemError && RETRY_STATUSES.has(err.status)) {
    return parseRetryAfter(err.retryAfter) ?? backoffMs(attempt, random);
  }
  return undefined;
}

export interface RetryOptions {
  readonly maxRetries: number;
  readonly signal?: AbortSignal;
  readonly onRetry?: (err: unknown, delayMs: number, attempt: number) => void;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = attempt < opts.maxRetries ? retryDelay(err, attempt) : undefined;
      if (delay === undefined || opts.signal?.aborted) throw err;
      opts.onRetry?.(err, delay, attempt + 1);
      await sleep(delay, undefined, opts.signal ? { signal: opts.signal } : undefined);
    }
  }
}
