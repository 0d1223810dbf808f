import { describe, expect, it } from 'vitest';
import type { Distribution } from './distribution.ts';
import type { ObjectScope } from './scope.ts';
import { scopeProblems } from './scope-problems.ts';
import type { TlpLevel } from './tlp.ts';

const base: ObjectScope = { holder: 'fr', ownerInstance: 'fr', ownerOrg: 'anssi', tlp: 'GREEN', distribution: 'community' };
const codes = (s: ObjectScope): string[] => scopeProblems(s).map((p) => p.code);

describe('scopeProblems', () => {
  it('a plain GREEN community object has none', () => expect(codes(base)).toEqual([]));
  it('rejects values outside the model', () => {
    expect(codes({ ...base, tlp: 'WHITE' as TlpLevel })).toEqual(['bad-tlp']);
    expect(codes({ ...base, distribution: 'world' as Distribution })).toEqual(['bad-distribution']);
  });
  it('group without group, group ignored, empty group', () => {
    expect(codes({ ...base, distribution: 'group' })).toContain('group-missing');
    expect(codes({ ...base, group: { id: 'g', members: [{ instance: 'fr', org: 'x' }] } })).toEqual(['group-ignored']);
    expect(codes({ ...base, distribution: 'group', group: { id: 'g', members: [] } })).toContain('group-empty');
  });
  it('RED without recipients reaches nobody', () => expect(codes({ ...base, tlp: 'RED' })).toContain('red-without-recipients'));
  it('AMBER or AMBER+STRICT that only the owner can read', () => {
    expect(codes({ ...base, tlp: 'AMBER' })).toEqual(['owner-only']);
    expect(codes({ ...base, tlp: 'AMBER+STRICT', distribution: 'group', group: { id: 'g', members: [{ instance: 'fr', org: 'x' }] } })).toEqual(['owner-only']);
    expect(codes({ ...base, tlp: 'AMBER', distribution: 'group', group: { id: 'g', members: [{ instance: 'fr', org: 'x' }] } })).toEqual([]);
  });
  it('a recipient that can never receive it', () => {
    const far = { instance: 'nl', org: 'ncsc' };
    expect(codes({ ...base, tlp: 'AMBER', recipients: [far] })).toEqual(['unreachable-recipient']); // community stays home
    expect(codes({ ...base, tlp: 'AMBER', distribution: 'connected', recipients: [far] })).toEqual([]);
    expect(codes({ ...base, tlp: 'RED', distribution: 'all', recipients: [far] })).toEqual(['unreachable-recipient']); // RED never hops
    expect(codes({ ...base, tlp: 'RED', distribution: 'organisation', recipients: [{ instance: 'fr', org: 'other' }] })).toEqual(['unreachable-recipient']);
    expect(codes({ ...base, tlp: 'RED', distribution: 'organisation', recipients: [{ instance: 'fr', org: 'anssi', user: 'bob' }] })).toEqual([]);
  });
  it('organisation held away from its owner', () => {
    expect(codes({ ...base, holder: 'de', distribution: 'organisation' })).toEqual(['held-away-from-owner']);
  });
});
