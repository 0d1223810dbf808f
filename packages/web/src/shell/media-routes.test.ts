import { describe, expect, it } from 'vitest';
import { mediaHref, mediaTab, mediaViewFromHash } from './media-routes.ts';
import { routeAllowed, routeFromHash } from './routes.ts';

describe('media page views', () => {
  it('round-trips every view through its hash', () => {
    const id = '7f1f1e4e-0000-4000-8000-0000000000a1';
    expect(mediaViewFromHash(mediaHref.check())).toEqual({ view: 'check' });
    expect(mediaViewFromHash(mediaHref.check(id))).toEqual({ view: 'check', checkId: id });
    expect(mediaViewFromHash(mediaHref.banks())).toEqual({ view: 'banks' });
    expect(mediaViewFromHash(mediaHref.bank(id))).toEqual({ view: 'bank', bankId: id });
    expect(mediaViewFromHash(mediaHref.entry(id))).toEqual({ view: 'entry', entryId: id });
    expect(mediaViewFromHash(mediaHref.shared())).toEqual({ view: 'shared' });
    expect(mediaViewFromHash(mediaHref.incidents())).toEqual({ view: 'incidents' });
    expect(mediaViewFromHash(mediaHref.incident('a/b <c>'))).toEqual({ view: 'incident', incidentId: 'a/b <c>' });
    for (const h of [mediaHref.bank(id), mediaHref.entry(id), mediaHref.check(id)]) expect(routeFromHash(h)).toBe('media');
  });

  it('falls back to the check or the list for unknown or incomplete hashes', () => {
    expect(mediaViewFromHash('#/media/nothing')).toEqual({ view: 'check' });
    expect(mediaViewFromHash('#/media/bank')).toEqual({ view: 'banks' });
    expect(mediaViewFromHash('#/media/bank/')).toEqual({ view: 'banks' });
    expect(mediaViewFromHash('#/media/incident')).toEqual({ view: 'incidents' });
    expect(mediaViewFromHash('#/intel/x')).toEqual({ view: 'check' });
  });

  it('puts a bank and an entry under the banks tab and needs intel:read', () => {
    expect(mediaTab({ view: 'entry', entryId: 'x' })).toBe('banks');
    expect(mediaTab({ view: 'incident', incidentId: 'x' })).toBe('incidents');
    expect(mediaViewFromHash(mediaHref.tab('shared'))).toEqual({ view: 'shared' });
    expect(routeAllowed('media', ['intel:read'])).toBe(true);
    expect(routeAllowed('media', [])).toBe(false);
  });
});
