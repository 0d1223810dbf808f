import { describe, expect, it } from 'vitest';
import { canReceive } from './can-receive.ts';
import { matchesFilter, receiveFilter } from './receive-filter.ts';
import type { ObjectScope } from './scope.ts';

describe('receiveFilter', () => {
  it('public: CLEAR with distribution all, nothing else', () => {
    expect(receiveFilter({ kind: 'public' }, 'fr')).toEqual({ holder: 'fr', anyOf: [{ tlp: ['CLEAR'], distribution: ['all'], where: [] }] });
  });

  it('a user of another instance receives nothing here', () => {
    expect(receiveFilter({ kind: 'user', instance: 'de', org: 'bsi' }, 'fr')).toEqual({ holder: 'fr', anyOf: [] });
  });

  it('a peer asking for itself receives nothing', () => {
    expect(receiveFilter({ kind: 'peer', instance: 'fr' }, 'fr').anyOf).toEqual([]);
  });

  it('a peer never receives objects its own instance owns', () => {
    const f = receiveFilter({ kind: 'peer', instance: 'de' }, 'fr');
    expect(f.anyOf.length).toBeGreaterThan(0);
    for (const clause of f.anyOf) expect(clause.where).toContainEqual({ kind: 'owner-instance-not', instance: 'de' });
    expect(f.anyOf.flatMap((c) => c.tlp)).not.toContain('RED');
  });

  it('a user: the community clause needs no condition; the others name the org', () => {
    const f = receiveFilter({ kind: 'user', instance: 'fr', org: 'minint', user: 'carol' }, 'fr');
    expect(f.anyOf).toContainEqual({ tlp: ['CLEAR', 'GREEN'], distribution: ['community', 'connected', 'all'], where: [] });
    expect(f.anyOf.flatMap((c) => c.where.map((w) => w.kind))).toEqual(expect.arrayContaining(['owner', 'named-org', 'named-user', 'group-member']));
    // Clauses that need the group member condition only ever admit distribution group.
    for (const c of f.anyOf) if (c.where.some((w) => w.kind === 'group-member')) expect(c.distribution).toEqual(['group']);
  });

  it('matches canReceive on examples', () => {
    const scope: ObjectScope = { holder: 'fr', ownerInstance: 'fr', ownerOrg: 'anssi', tlp: 'AMBER', distribution: 'community', recipients: [{ instance: 'fr', org: 'minint' }] };
    for (const org of ['anssi', 'minint', 'other']) {
      const viewer = { kind: 'user', instance: 'fr', org } as const;
      expect(matchesFilter(receiveFilter(viewer, 'fr'), scope)).toBe(canReceive(viewer, scope));
    }
    expect(matchesFilter(receiveFilter({ kind: 'user', instance: 'fr', org: 'anssi' }, 'fr'), { ...scope, holder: 'de' })).toBe(false);
  });
});
