import { describe, expect, it } from 'vitest';
import { distributionAfterHop, DISTRIBUTIONS, type Distribution } from './distribution.ts';
import { downgradeForHop, mayForward } from './forward.ts';
import type { ObjectScope } from './scope.ts';
import { TLP_LEVELS } from './tlp.ts';

const original: ObjectScope = { holder: 'fr', ownerInstance: 'fr', ownerOrg: 'anssi', tlp: 'GREEN', distribution: 'connected' };

describe('distributionAfterHop', () => {
  const expected: Record<Distribution, Distribution | undefined> = {
    organisation: undefined,
    community: undefined,
    connected: 'community',
    all: 'all',
    group: 'group',
  };
  for (const d of DISTRIBUTIONS) it(`${d} → ${expected[d] ?? 'not sent'}`, () => expect(distributionAfterHop(d)).toBe(expected[d]));
});

describe('downgradeForHop', () => {
  it('connected arrives as the receiver\'s community and goes no further', () => {
    const copy = downgradeForHop(original, 'de');
    expect(copy).toEqual({ ...original, holder: 'de', distribution: 'community' });
    expect(copy && downgradeForHop(copy, 'it')).toBeUndefined();
  });

  it('all stays all across hops, never back to the owner', () => {
    const a = downgradeForHop({ ...original, distribution: 'all' }, 'de');
    const b = a && downgradeForHop(a, 'it');
    expect(b).toEqual({ ...original, distribution: 'all', holder: 'it' });
    expect(b && downgradeForHop(b, 'fr')).toBeUndefined();
  });

  it('organisation and community are never sent', () => {
    for (const tlp of TLP_LEVELS) {
      expect(mayForward({ ...original, tlp, distribution: 'organisation' }, 'de')).toBe(false);
      expect(mayForward({ ...original, tlp, distribution: 'community' }, 'de')).toBe(false);
    }
  });

  it('group goes to member instances only, keeping group and members', () => {
    const scope: ObjectScope = { ...original, distribution: 'group', group: { id: 'g', members: [{ instance: 'de', org: 'bsi' }, { instance: 'nl', org: 'ncsc' }] } };
    expect(downgradeForHop(scope, 'it')).toBeUndefined();
    const atDe = downgradeForHop(scope, 'de');
    expect(atDe).toEqual({ ...scope, holder: 'de' });
    expect(atDe && mayForward(atDe, 'nl')).toBe(true);
    expect(atDe && mayForward(atDe, 'it')).toBe(false);
  });

  it('AMBER travels only to instances hosting a named recipient or (with group) a member', () => {
    const scope: ObjectScope = { ...original, tlp: 'AMBER', distribution: 'all', recipients: [{ instance: 'nl', org: 'ncsc' }] };
    expect(mayForward(scope, 'de')).toBe(false);
    expect(mayForward(scope, 'nl')).toBe(true);
    const grouped: ObjectScope = { ...scope, distribution: 'group', recipients: [], group: { id: 'g', members: [{ instance: 'de', org: 'bsi' }] } };
    expect(mayForward(grouped, 'de')).toBe(true);
    expect(mayForward({ ...grouped, tlp: 'AMBER+STRICT' }, 'de')).toBe(false);
  });

  it('AMBER+STRICT travels only to instances hosting a named recipient', () => {
    const scope: ObjectScope = { ...original, tlp: 'AMBER+STRICT', distribution: 'connected', recipients: [{ instance: 'nl', org: 'ncsc' }] };
    expect(mayForward(scope, 'de')).toBe(false);
    expect(downgradeForHop(scope, 'nl')).toEqual({ ...scope, holder: 'nl', distribution: 'community' });
  });

  it('RED never crosses a hop', () => {
    const scope: ObjectScope = { ...original, tlp: 'RED', distribution: 'all', recipients: [{ instance: 'nl', org: 'ncsc' }, { instance: 'nl', org: 'ncsc', user: 'x' }] };
    expect(mayForward(scope, 'nl')).toBe(false);
    expect(downgradeForHop(scope, 'nl')).toBeUndefined();
  });

  it('never to the holder itself', () => {
    expect(mayForward(original, 'fr')).toBe(false);
  });
});
