import { describe, expect, it } from 'vitest';
import { canReceive } from './access/can-receive.ts';
import { tlpMarkingId } from './access/marking-ids.ts';
import type { ObjectScope, Viewer } from './access/scope.ts';
import { sightingScope } from './sighting-scope.ts';

const me = { instance: 'here', org: 'me' };
const object = (extra: Partial<ObjectScope> = {}): Omit<ObjectScope, 'holder'> => ({ ownerInstance: 'here', ownerOrg: 'author', tlp: 'GREEN', distribution: 'connected', recipients: [], ...extra });

describe('the scope of a sighting', () => {
  it('stays in the organisation by default, at AMBER or the object\'s stricter TLP', () => {
    expect(sightingScope('organisation', object(), me)).toEqual({ tlp: 'AMBER', distribution: 'organisation', recipients: [], marking: tlpMarkingId('AMBER') });
    expect(sightingScope('organisation', object({ tlp: 'RED' }), me).tlp).toBe('RED');
  });

  it('follows the object, or takes a ceiling, never wider', () => {
    expect(sightingScope('follow', object(), me)).toMatchObject({ tlp: 'GREEN', distribution: 'connected', marking: tlpMarkingId('GREEN') });
    expect(sightingScope('all', object({ distribution: 'community' }), me).distribution).toBe('community');
    expect(sightingScope('community', object({ distribution: 'all' }), me).distribution).toBe('community');
    const group = { id: 'g', members: [{ instance: 'here', org: 'me' }] };
    expect(sightingScope('follow', object({ distribution: 'group', group }), me)).toMatchObject({ distribution: 'group', group });
    expect(sightingScope('all', object({ distribution: 'group', group }), me).distribution).toBe('organisation');
  });

  it('names the owner of an AMBER object, who may receive it anyway: nobody else gains', () => {
    const amber = object({ tlp: 'AMBER', distribution: 'community', recipients: [{ instance: 'here', org: 'me' }] });
    const s = sightingScope('follow', amber, me);
    expect(s.recipients).toEqual([{ instance: 'here', org: 'me' }, { instance: 'here', org: 'author' }]);
    const sighting: ObjectScope = { holder: 'here', ownerInstance: 'here', ownerOrg: 'me', tlp: s.tlp, distribution: s.distribution, recipients: s.recipients };
    for (const org of ['me', 'author', 'other']) {
      const v: Viewer = { kind: 'user', instance: 'here', org };
      if (canReceive(v, sighting)) expect(canReceive(v, { holder: 'here', ...amber }), org).toBe(true);
    }
    expect(canReceive({ kind: 'user', instance: 'here', org: 'author' }, sighting)).toBe(true);
  });

  it('sends a sighting of an object from another instance back to its owner only', () => {
    // A GREEN object shared with connected communities by `there` arrives here as community.
    const received = object({ ownerInstance: 'there', ownerOrg: 'author', distribution: 'community' });
    const s = sightingScope('follow', received, me);
    expect(s).toMatchObject({ tlp: 'AMBER', distribution: 'connected', recipients: [{ instance: 'there', org: 'author' }] });
    const sighting: ObjectScope = { holder: 'here', ownerInstance: 'here', ownerOrg: 'me', tlp: s.tlp, distribution: s.distribution, recipients: s.recipients };
    expect(canReceive({ kind: 'peer', instance: 'there' }, sighting)).toBe(true);
    expect(canReceive({ kind: 'peer', instance: 'elsewhere' }, sighting)).toBe(false);
    expect(canReceive({ kind: 'user', instance: 'here', org: 'me' }, sighting)).toBe(true);
    // Kept home when the policy says so.
    expect(sightingScope('organisation', received, me).distribution).toBe('organisation');
  });
});
