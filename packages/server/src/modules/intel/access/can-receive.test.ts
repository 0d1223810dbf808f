// Example-based checks of the decision, written as literal expectation matrices (independent of the
// tables in tlp.ts and distribution.ts, so a typo in either is caught here).
import { describe, expect, it } from 'vitest';
import { canReceive } from './can-receive.ts';
import type { Distribution } from './distribution.ts';
import type { ObjectScope, Viewer } from './scope.ts';
import type { TlpLevel } from './tlp.ts';

// Holder and owner: fr (ANSSI). Others on fr: minint (named org), minjus/alice (named individual),
// mindef (sharing-group member), other (just community). Peers: it (nothing), de (hosts a group
// member), nl (hosts a named recipient).
const base: ObjectScope = {
  holder: 'fr',
  ownerInstance: 'fr',
  ownerOrg: 'anssi',
  tlp: 'CLEAR',
  distribution: 'all',
  recipients: [
    { instance: 'fr', org: 'minint' },
    { instance: 'fr', org: 'minjus', user: 'alice' },
    { instance: 'nl', org: 'ncsc' },
  ],
  group: { id: 'eu-csirts', members: [{ instance: 'fr', org: 'mindef' }, { instance: 'de', org: 'bsi' }] },
};

const viewers = {
  owner: { kind: 'user', instance: 'fr', org: 'anssi', user: 'bob' },
  namedOrg: { kind: 'user', instance: 'fr', org: 'minint', user: 'carol' },
  namedUser: { kind: 'user', instance: 'fr', org: 'minjus', user: 'alice' },
  groupMember: { kind: 'user', instance: 'fr', org: 'mindef', user: 'dave' },
  community: { kind: 'user', instance: 'fr', org: 'other', user: 'erin' },
  peer: { kind: 'peer', instance: 'it' },
  peerOfGroup: { kind: 'peer', instance: 'de' },
  peerOfNamed: { kind: 'peer', instance: 'nl' },
  public: { kind: 'public' },
} as const satisfies Record<string, Viewer>;
type Who = keyof typeof viewers;

const Y = true;
const N = false;

describe('TLP × recipient (distribution all; group viewers under distribution group)', () => {
  //                                          owner namedOrg namedUser groupMember community peer peerOfGroup peerOfNamed public
  const matrix: Record<TlpLevel, boolean[]> = {
    CLEAR: /*                              */ [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    GREEN: /*                              */ [Y, Y, Y, Y, Y, Y, Y, Y, N],
    AMBER: /*                              */ [Y, Y, Y, Y, N, N, Y, Y, N],
    'AMBER+STRICT': /*                     */ [Y, Y, Y, N, N, N, N, Y, N],
    RED: /*                                */ [N, Y, Y, N, N, N, N, N, N],
  };
  const order: Who[] = ['owner', 'namedOrg', 'namedUser', 'groupMember', 'community', 'peer', 'peerOfGroup', 'peerOfNamed', 'public'];
  for (const [tlp, row] of Object.entries(matrix) as [TlpLevel, boolean[]][]) {
    order.forEach((who, i) => {
      const distribution: Distribution = who === 'groupMember' || who === 'peerOfGroup' ? 'group' : 'all';
      it(`${tlp}: ${who} ${row[i] ? 'receives' : 'does not receive'}`, () => {
        // Under distribution group the named recipients must be members too, so judge TLP alone there.
        const scope: ObjectScope = { ...base, tlp, distribution };
        expect(canReceive(viewers[who], scope)).toBe(row[i]);
      });
    });
  }
});

describe('distribution × recipient (TLP:CLEAR)', () => {
  //                                   owner community groupMember peer peerOfGroup public
  const matrix: Record<Distribution, boolean[]> = {
    organisation: /*                */ [Y, N, N, N, N, N],
    community: /*                   */ [Y, Y, Y, N, N, N],
    connected: /*                   */ [Y, Y, Y, Y, Y, N],
    all: /*                         */ [Y, Y, Y, Y, Y, Y],
    group: /*                       */ [Y, N, Y, N, Y, N],
  };
  const order: Who[] = ['owner', 'community', 'groupMember', 'peer', 'peerOfGroup', 'public'];
  for (const [distribution, row] of Object.entries(matrix) as [Distribution, boolean[]][]) {
    order.forEach((who, i) => {
      it(`${distribution}: ${who} ${row[i] ? 'receives' : 'does not receive'}`, () => {
        expect(canReceive(viewers[who], { ...base, distribution })).toBe(row[i]);
      });
    });
  }
});

describe('both must allow', () => {
  it('AMBER with distribution community reaches named recipients on the holder, not the rest of the community', () => {
    const scope: ObjectScope = { ...base, tlp: 'AMBER', distribution: 'community' };
    expect(canReceive(viewers.namedOrg, scope)).toBe(true);
    expect(canReceive(viewers.namedUser, scope)).toBe(true);
    expect(canReceive(viewers.community, scope)).toBe(false);
    expect(canReceive(viewers.peerOfNamed, scope)).toBe(false); // community never leaves the instance
  });

  it('a sharing group grants nothing unless the distribution is group', () => {
    const scope: ObjectScope = { ...base, tlp: 'AMBER', distribution: 'community' };
    expect(canReceive(viewers.groupMember, scope)).toBe(false);
    expect(canReceive(viewers.peerOfGroup, scope)).toBe(false);
  });

  it('AMBER+STRICT with a group: members only when also named', () => {
    const scope: ObjectScope = { ...base, tlp: 'AMBER+STRICT', distribution: 'group', recipients: [{ instance: 'fr', org: 'mindef' }] };
    expect(canReceive(viewers.groupMember, scope)).toBe(true);
    expect(canReceive(viewers.namedOrg, scope)).toBe(false); // named elsewhere, not a member
    expect(canReceive(viewers.peerOfGroup, scope)).toBe(false); // de hosts a member, but no named recipient
    expect(canReceive(viewers.owner, scope)).toBe(true);
  });

  it('distribution organisation keeps out named recipients of other organisations', () => {
    expect(canReceive(viewers.namedOrg, { ...base, tlp: 'RED', distribution: 'organisation' })).toBe(false);
    expect(canReceive(viewers.owner, { ...base, tlp: 'RED', distribution: 'organisation', recipients: [{ instance: 'fr', org: 'anssi' }] })).toBe(true);
  });
});

describe('TLP:RED', () => {
  const red: ObjectScope = { ...base, tlp: 'RED', distribution: 'all' };
  it('is not for the owning organisation as a whole', () => {
    expect(canReceive(viewers.owner, red)).toBe(false);
  });
  it('reaches an individual of the owner organisation when named', () => {
    const scope: ObjectScope = { ...red, recipients: [{ instance: 'fr', org: 'anssi', user: 'bob' }] };
    expect(canReceive(viewers.owner, scope)).toBe(true);
    expect(canReceive({ kind: 'user', instance: 'fr', org: 'anssi', user: 'mallory' }, scope)).toBe(false);
  });
  it('a named individual needs the viewer to be that user, in that organisation', () => {
    expect(canReceive({ kind: 'user', instance: 'fr', org: 'minjus' }, red)).toBe(false);
    expect(canReceive({ kind: 'user', instance: 'fr', org: 'minjus', user: 'zoe' }, red)).toBe(false);
    expect(canReceive({ kind: 'user', instance: 'fr', org: 'other', user: 'alice' }, red)).toBe(false);
    expect(canReceive({ kind: 'user', instance: 'fr', org: 'minjus', user: 'alice' }, red)).toBe(true);
  });
  it('never goes to a peer, not even one hosting a named recipient', () => {
    expect(canReceive(viewers.peerOfNamed, red)).toBe(false);
  });
});

describe('structure', () => {
  it('a user is served only by the instance holding the copy', () => {
    expect(canReceive({ kind: 'user', instance: 'de', org: 'bsi' }, base)).toBe(false);
    expect(canReceive({ kind: 'user', instance: 'de', org: 'bsi' }, { ...base, holder: 'de', distribution: 'all' })).toBe(true);
  });
  it('the owner organisation is the owner on its own instance only', () => {
    const held: ObjectScope = { ...base, holder: 'de', tlp: 'AMBER+STRICT', distribution: 'all', recipients: [] };
    expect(canReceive({ kind: 'user', instance: 'de', org: 'anssi' }, held)).toBe(false);
  });
  it('never back to the holder or to the owner instance', () => {
    expect(canReceive({ kind: 'peer', instance: 'fr' }, base)).toBe(false);
    expect(canReceive({ kind: 'peer', instance: 'fr' }, { ...base, holder: 'de' })).toBe(false);
    expect(canReceive({ kind: 'peer', instance: 'it' }, { ...base, holder: 'de' })).toBe(true);
  });
  it('fails closed on values outside the model', () => {
    expect(canReceive(viewers.owner, { ...base, tlp: 'WHITE' as TlpLevel })).toBe(false);
    expect(canReceive(viewers.owner, { ...base, distribution: 'everyone' as Distribution })).toBe(false);
    expect(canReceive({ kind: 'admin' } as unknown as Viewer, base)).toBe(false);
    expect(canReceive(viewers.owner, { ...base, tlp: 'toString' as TlpLevel })).toBe(false);
    expect(canReceive(viewers.owner, { ...base, distribution: 'constructor' as Distribution })).toBe(false);
  });
  it('distribution group without a group reaches the owner only', () => {
    const { group: _group, ...rest } = base;
    const scope: ObjectScope = { ...rest, distribution: 'group' };
    expect(canReceive(viewers.owner, scope)).toBe(true);
    expect(canReceive(viewers.groupMember, scope)).toBe(false);
    expect(canReceive(viewers.peerOfGroup, scope)).toBe(false);
  });
});

describe('malformed recipients and groups', () => {
  it('grant nothing and do not throw', () => {
    const scope = { ...base, tlp: 'RED', recipients: [null, { instance: 'fr' }, { instance: 'fr', org: 7 }], group: { id: 'g', members: null } } as unknown as ObjectScope;
    for (const v of Object.values(viewers)) expect(canReceive(v, scope)).toBe(false);
    const grouped = { ...base, tlp: 'AMBER', distribution: 'group', group: { id: 'g', members: [undefined, { org: 'mindef' }] } } as unknown as ObjectScope;
    expect(canReceive(viewers.groupMember, grouped)).toBe(false);
    expect(canReceive(viewers.owner, grouped)).toBe(true);
  });
});
