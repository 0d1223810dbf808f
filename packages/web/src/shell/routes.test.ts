import { describe, expect, it } from 'vitest';
import { detailFromHash, detailHref, intelHref, intelIdFromHash, routeAllowed, routeFromHash, ruleHref, ruleKeyFromHash } from './routes.ts';

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

describe('intel routes and permissions', () => {
  it('round-trips a STIX id through #/intel/<id>', () => {
    const id = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
    expect(intelHref(id)).toBe(`#/intel/${id}`);
    expect(intelIdFromHash(intelHref(id))).toBe(id);
    expect(routeFromHash(intelHref(id))).toBe('intel');
    expect(intelIdFromHash('#/intel')).toBeUndefined();
    expect(intelIdFromHash(ruleHref(id))).toBeUndefined();
  });

  it('lists a page only for sessions holding its permission', () => {
    expect(routeAllowed('federation', ['intel:read'])).toBe(false);
    expect(routeAllowed('federation', ['federation:manage'])).toBe(true);
    expect(routeAllowed('intel', ['intel:read'])).toBe(true);
    expect(routeAllowed('intel', [])).toBe(false);
    expect(routeAllowed('live', [])).toBe(true);
  });
});

describe('entity routes', () => {
  it('round-trips kind/entity through #/entities/<key>', () => {
    const href = detailHref('entities', 'user/Alice <x>');
    expect(routeFromHash(href)).toBe('entities');
    expect(detailFromHash('entities', href)).toBe('user/Alice <x>');
    expect(routeAllowed('entities', ['alerts:read'])).toBe(true);
    expect(routeAllowed('entities', [])).toBe(false);
  });
});
