import { describe, expect, it } from 'vitest';
import { incidentHref, incidentTab, incidentViewFromHash } from './incident-routes.ts';
import { routeAllowed, routeFromHash } from './routes.ts';

describe('incident routes', () => {
  it('addresses the queue, one incident, the block list and grouping', () => {
    const id = '0b8f7a52-3c1e-4c59-9a55-0d6f6e1b2c41';
    expect(incidentViewFromHash('#/incidents')).toEqual({ view: 'queue' });
    expect(incidentViewFromHash(incidentHref.incident(id))).toEqual({ view: 'incident', incidentId: id });
    expect(incidentViewFromHash(incidentHref.tab('blocklist'))).toEqual({ view: 'blocklist' });
    expect(incidentViewFromHash(incidentHref.tab('grouping'))).toEqual({ view: 'grouping' });
    expect(incidentViewFromHash('#/incidents/playbooks')).toEqual({ view: 'playbooks' });
    expect(incidentViewFromHash('#/incidents/runs')).toEqual({ view: 'runs' });
    expect(incidentViewFromHash(incidentHref.tab('nis2-profile'))).toEqual({ view: 'nis2-profile' });
    expect(incidentViewFromHash('#/incidents/toString')).toEqual({ view: 'incident', incidentId: 'toString' });
    expect(incidentHref.tab('queue')).toBe('#/incidents');
    expect(incidentTab({ view: 'incident', incidentId: id })).toBe('queue');
    expect(routeFromHash(incidentHref.incident(id))).toBe('incidents');
  });

  it('needs incidents:read', () => {
    expect(routeAllowed('incidents', ['incidents:read'])).toBe(true);
    expect(routeAllowed('incidents', ['alerts:read'])).toBe(false);
  });
});
