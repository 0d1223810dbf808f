import { describe, expect, it } from 'vitest';
import { routeFromHash, ruleHref, ruleKeyFromHash } from './routes.ts';

describe('hash routes', () => {
  it('finds the page from the first segment', () => {
    expect(routeFromHash('#/rules')).toBe('rules');
    expect(routeFromHash('#/rules/abc')).toBe('rules');
    expect(routeFromHash('#/nowhere')).toBeUndefined();
    expect(routeFromHash('#main')).toBeUndefined();
  });

  it('round-trips any rule key through #/rules/<key>', () => {
    for (const key of ['7f1f1e4e-0000-4000-8000-0000000000a1', 'Title with / slash & <markup>', '%41']) {
      expect(ruleKeyFromHash(ruleHref(key))).toBe(key);
    }
    expect(ruleKeyFromHash('#/rules')).toBeUndefined();
    expect(ruleKeyFromHash('#/rules/')).toBeUndefined();
    expect(ruleKeyFromHash('#/alerts/x')).toBeUndefined();
    expect(ruleKeyFromHash('#/rules/%E0%A4%A')).toBeUndefined();
  });
});
