import { describe, expect, it } from 'vitest';
import { detailFromHash, detailHref, ROUTES, routeAllowed, routeFromHash } from './routes.ts';

describe('AI gateway page', () => {
  it('is listed for sessions that may read the gateway, and keeps its tab in the hash', () => {
    expect(ROUTES.find((r) => r.id === 'aiguard')?.label).toBe('AI gateway');
    expect(routeAllowed('aiguard', ['aiguard:read'])).toBe(true);
    expect(routeAllowed('aiguard', ['intel:read'])).toBe(false);
    const href = detailHref('aiguard', 'review');
    expect(href).toBe('#/aiguard/review');
    expect(routeFromHash(href)).toBe('aiguard');
    expect(detailFromHash('aiguard', href)).toBe('review');
  });
});
