import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.ts';

describe('LoginThrottle', () => {
  it('blocks an account after repeated failures, growing the wait, and forgets after success', () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ perAccount: 3, perAddress: 100 }, () => now);
    for (let i = 0; i < 2; i++) t.failure('a@x', '1.1.1.1');
    expect(t.retryAfter('a@x', '1.1.1.1')).toBe(0);
    t.failure('a@x', '1.1.1.1');
    expect(t.retryAfter('a@x', '1.1.1.1')).toBe(1);
    t.failure('a@x', '1.1.1.1');
    expect(t.retryAfter('a@x', '1.1.1.1')).toBe(2);
    expect(t.retryAfter('b@x', '2.2.2.2')).toBe(0);
    now += 5000;
    expect(t.retryAfter('a@x', '1.1.1.1')).toBe(0);
    t.success('a@x');
    t.failure('a@x', '1.1.1.1');
    expect(t.retryAfter('a@x', '1.1.1.1')).toBe(0);
  });

  it('blocks one address spraying many accounts', () => {
    const t = new LoginThrottle({ perAccount: 100, perAddress: 5 });
    for (let i = 0; i < 5; i++) t.failure(`user${i}@x`, '9.9.9.9');
    expect(t.retryAfter('new@x', '9.9.9.9')).toBeGreaterThan(0);
    expect(t.retryAfter('new@x', '8.8.8.8')).toBe(0);
  });
});
