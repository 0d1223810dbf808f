import { describe, expect, it } from 'vitest';
import { ConnectionError, ProblemError } from './problem.ts';
import { backoffMs, parseRetryAfter, retryDelay, withRetry } from './retry.ts';

const problem = (status: number, code: string) => ({ type: 'about:blank', title: 't', status, code });

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-05-01T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 May 2025 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Thu, 01 May 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter up to 30 s', () => {
    expect(backoffMs(0, () => 0)).toBe(250);
    expect(backoffMs(0, () => 1)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(4000);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });

  it('retries network errors, 429 and 503 (honouring Retry-After), and nothing else', () => {
    expect(retryDelay(new ConnectionError('http://x', new Error('boom')), 0, () => 1)).toBe(500);
    expect(retryDelay(new ProblemError(problem(429, 'INGEST_BUSY'), '1'), 5)).toBe(1000);
    expect(retryDelay(new ProblemError(problem(503, 'OVERLOADED'), null), 1, () => 1)).toBe(1000);
    expect(retryDelay(new ProblemError(problem(400, 'INVALID_INPUT'), '1'), 0)).toBeUndefined();
    expect(retryDelay(new ProblemError(problem(401, 'UNAUTHENTICATED')), 0)).toBeUndefined();
    expect(retryDelay(new Error('bug'), 0)).toBeUndefined();
  });

  it('gives up after maxRetries and reports each retry', async () => {
    let calls = 0;
    const seen: number[] = [];
    const err = await withRetry(
      async () => {
        calls++;
        throw new ProblemError(problem(429, 'INGEST_BUSY'), '0');
      },
      { maxRetries: 2, onRetry: (_e, _d, attempt) => seen.push(attempt) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(calls).toBe(3);
    expect(seen).toEqual([1, 2]);
    let n = 0;
    expect(await withRetry(async () => (++n < 2 ? Promise.reject(new ProblemError(problem(503, 'X'), '0')) : 'ok'), { maxRetries: 3 })).toBe('ok');
  });
});
