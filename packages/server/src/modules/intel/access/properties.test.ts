// Property tests over random federations: instances, organisations, links, sharing groups, named
// recipients, TLP levels and distributions. The oracle (`intended`) restates README.md's rules in plain
// terms, independently of the tables; the copies are produced by the real forwarding functions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canReceive } from './can-receive.ts';
import { DISTRIBUTION_AUDIENCE, DISTRIBUTIONS, distributionAfterHop, type Distribution } from './distribution.ts';
import { feedActionFor } from './feed-action.ts';
import { downgradeForHop, mayForward } from './forward.ts';
import { TLP_MARKING_IDS } from './marking-ids.ts';
import { resolveTlp } from './object-tlp.ts';
import { matchesFilter, receiveFilter } from './receive-filter.ts';
import type { ObjectScope, OrgRef, Recipient, Viewer } from './scope.ts';
import { atLeastAsRestrictive, mostRestrictive, TLP_LEVELS, type TlpLevel } from './tlp.ts';

const RUNS = { numRuns: 300 };
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

interface World {
  readonly instances: readonly string[];
  readonly orgs: readonly OrgRef[];
  readonly edges: readonly (readonly [string, string])[];
  readonly original: ObjectScope;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({ nInst: fc.integer({ min: 1, max: 4 }), nOrg: fc.integer({ min: 1, max: 3 }) })
  .chain(({ nInst, nOrg }) => {
    const instances = range(nInst).map((i) => `i${i}`);
    const orgs: OrgRef[] = instances.flatMap((instance) => range(nOrg).map((o) => ({ instance, org: `o${o}` })));
    // Group members and recipients may also name organisations of instances outside this federation.
    const refs: OrgRef[] = [...orgs, { instance: 'far', org: 'o0' }];
    const pairs = instances.flatMap((a, i) => instances.slice(i + 1).map((b) => [a, b] as const));
    const recipient: fc.Arbitrary<Recipient> = fc
      .tuple(fc.constantFrom(...refs), fc.option(fc.constantFrom('u0', 'u1'), { nil: undefined }))
      .map(([r, user]) => (user === undefined ? r : { ...r, user }));
    const original = fc
      .record({
        owner: fc.constantFrom(...orgs),
        tlp: fc.constantFrom(...TLP_LEVELS),
        distribution: fc.constantFrom(...DISTRIBUTIONS),
        group: fc.option(fc.record({ id: fc.constant('g'), members: fc.subarray(refs) }), { nil: undefined, freq: 4 }),
        recipients: fc.array(recipient, { maxLength: 4 }),
      })
      .map(({ owner, tlp, distribution, group, recipients }): ObjectScope => ({
        holder: owner.instance,
        ownerInstance: owner.instance,
        ownerOrg: owner.org,
        tlp,
        distribution,
        ...(group === undefined ? {} : { group }),
        ...(recipients.length === 0 ? {} : { recipients }),
      }));
    return fc.record({ instances: fc.constant(instances), orgs: fc.constant(orgs), edges: fc.subarray(pairs), original });
  });

const neighbours = (w: World, i: string): string[] => w.edges.flatMap(([a, b]) => (a === i ? [b] : b === i ? [a] : []));
const adjacent = (w: World, a: string, b: string): boolean => neighbours(w, a).includes(b);

/** Every copy the federation ends up holding, by holder, following links with the real egress rules. */
function propagate(w: World): Map<string, ObjectScope> {
  const held = new Map<string, ObjectScope>([[w.original.holder, w.original]]);
  const queue = [w.original];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const j of neighbours(w, s.holder)) {
      if (held.has(j)) continue;
      const copy = downgradeForHop(s, j);
      if (copy) {
        held.set(j, copy);
        queue.push(copy);
      }
    }
  }
  return held;
}

type UserViewer = Extract<Viewer, { kind: 'user' }>;
const users = (w: World): UserViewer[] =>
  w.orgs.flatMap((o) => [undefined, 'u0', 'u1'].map((user): UserViewer => ({ kind: 'user', instance: o.instance, org: o.org, ...(user === undefined ? {} : { user }) })));
const everyone = (w: World): Viewer[] => [...users(w), ...w.instances.map((instance): Viewer => ({ kind: 'peer', instance })), { kind: 'public' }];

/** The oracle: may this user ever have the object, by the rules of README.md? */
function intended(w: World, o: ObjectScope, v: UserViewer): boolean {
  const recipients = o.recipients ?? [];
  const isOwner = v.instance === o.ownerInstance && v.org === o.ownerOrg;
  const named = recipients.some((r) => r.instance === v.instance && r.org === v.org && (r.user === undefined || r.user === v.user));
  const member = o.distribution === 'group' && (o.group?.members ?? []).some((m) => m.instance === v.instance && m.org === v.org);
  const where: Record<Distribution, boolean> = {
    organisation: isOwner,
    community: v.instance === o.ownerInstance,
    connected: v.instance === o.ownerInstance || adjacent(w, o.ownerInstance, v.instance),
    all: true,
    group: isOwner || member,
  };
  const who: Record<TlpLevel, boolean> = {
    CLEAR: true,
    GREEN: true,
    AMBER: isOwner || named || member,
    'AMBER+STRICT': isOwner || named,
    RED: named && v.instance === o.ownerInstance, // named individuals or organisations; never leaves
  };
  return where[o.distribution] && who[o.tlp];
}

describe('properties over random federations', () => {
  it('no user ever receives an object outside its scope, on any instance holding a copy', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        for (const [holder, copy] of propagate(w)) {
          for (const v of users(w)) {
            if (canReceive(v, copy)) {
              expect(v.instance).toBe(holder);
              expect(intended(w, w.original, v)).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('every intended user on the owner instance or a directly federated one receives it', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const held = propagate(w);
        for (const v of users(w)) {
          if (!intended(w, w.original, v)) continue;
          if (v.instance !== w.original.ownerInstance && !adjacent(w, w.original.ownerInstance, v.instance)) continue;
          const copy = held.get(v.instance);
          expect(copy !== undefined && canReceive(v, copy)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('CLEAR and GREEN with distribution all reach every user of every reachable instance', () => {
    const open = worldArb.map((w) => ({ ...w, original: { ...w.original, distribution: 'all' as const } })).filter((w) => w.original.tlp === 'CLEAR' || w.original.tlp === 'GREEN');
    fc.assert(
      fc.property(open, (w) => {
        const held = propagate(w);
        const reachable = new Set([w.original.holder]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const [a, b] of w.edges) {
            if (reachable.has(a) !== reachable.has(b)) {
              reachable.add(a);
              reachable.add(b);
              grew = true;
            }
          }
        }
        expect(new Set(held.keys())).toEqual(reachable);
        for (const v of users(w)) if (reachable.has(v.instance)) expect(canReceive(v, held.get(v.instance) as ObjectScope)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a hop never adds destinations, and the distribution never widens', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        for (const [holder, copy] of propagate(w)) {
          for (const j of w.instances) {
            const next = downgradeForHop(copy, j);
            if (!next) continue;
            const after = distributionAfterHop(copy.distribution);
            expect(next.distribution).toBe(after);
            for (const c of DISTRIBUTION_AUDIENCE[next.distribution]) expect(DISTRIBUTION_AUDIENCE[copy.distribution].has(c)).toBe(true);
            expect(next.tlp).toBe(copy.tlp);
            for (const k of w.instances) if (k !== holder && mayForward(next, k)) expect(mayForward(copy, k)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('TLP:RED never leaves its named recipients', () => {
    const red = worldArb.map((w) => ({ ...w, original: { ...w.original, tlp: 'RED' as const } }));
    fc.assert(
      fc.property(red, (w) => {
        const held = propagate(w);
        expect([...held.keys()]).toEqual([w.original.ownerInstance]);
        for (const j of w.instances) expect(mayForward(w.original, j)).toBe(false);
        for (const v of everyone(w)) {
          if (!canReceive(v, w.original)) continue;
          expect(v.kind).toBe('user');
          const u = v as UserViewer;
          expect((w.original.recipients ?? []).some((r) => r.instance === u.instance && r.org === u.org && (r.user === undefined || r.user === u.user))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('the public sees exactly CLEAR with distribution all, wherever the copy is held', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom('i0', 'i1', 'i2', 'far'), (w, holder) => {
        const s = { ...w.original, holder };
        expect(canReceive({ kind: 'public' }, s)).toBe(s.tlp === 'CLEAR' && s.distribution === 'all');
      }),
      RUNS,
    );
  });

  it('a more restrictive TLP level never lets more viewers in', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...TLP_LEVELS), fc.constantFrom(...TLP_LEVELS), (w, a, b) => {
        fc.pre(atLeastAsRestrictive(a, b));
        for (const v of everyone(w)) if (canReceive(v, { ...w.original, tlp: a })) expect(canReceive(v, { ...w.original, tlp: b })).toBe(true);
      }),
      RUNS,
    );
  });

  it('a narrower distribution (organisation ⊆ community ⊆ connected ⊆ all) never lets more viewers in', () => {
    const chain: Distribution[] = ['organisation', 'community', 'connected', 'all'];
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 0, max: 2 }), (w, i) => {
        const narrow = { ...w.original, distribution: chain[i] as Distribution };
        const wide = { ...w.original, distribution: chain[i + 1] as Distribution };
        for (const v of everyone(w)) if (canReceive(v, narrow)) expect(canReceive(v, wide)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the SQL-friendly filter admits exactly the rows canReceive admits', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom('i0', 'i1', 'i2'), fc.constantFrom('i0', 'i1', 'i2'), (w, holder, filterHolder) => {
        const s = { ...w.original, holder };
        for (const v of [...everyone(w), { kind: 'peer', instance: 'far' } as const]) {
          expect(matchesFilter(receiveFilter(v, holder), s)).toBe(canReceive(v, s));
          if (filterHolder !== holder) expect(matchesFilter(receiveFilter(v, filterHolder), s)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('the change feed never sends to a viewer who may not receive, and tombstones only what was visible', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...TLP_LEVELS), fc.constantFrom(...DISTRIBUTIONS), fc.boolean(), (w, tlp, distribution, deleted) => {
        const before = w.original;
        const after = deleted ? undefined : { ...before, tlp, distribution };
        for (const v of everyone(w)) {
          const action = feedActionFor(v, before, after);
          if (action === 'send') expect(after !== undefined && canReceive(v, after)).toBe(true);
          if (action === 'tombstone') expect(canReceive(v, before) && (after === undefined || !canReceive(v, after))).toBe(true);
          if (action === 'skip') expect(canReceive(v, before) || (after !== undefined && canReceive(v, after))).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('properties of markings', () => {
  const known = [...TLP_MARKING_IDS.keys()];
  const stranger = fc.uuid({ version: 4 }).map((u) => `marking-definition--${u}`).filter((id) => !TLP_MARKING_IDS.has(id));

  it('the most restrictive known TLP marking wins; every other ref is reported as unknown, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...known), stranger), { maxLength: 8 }), (refs) => {
        const r = resolveTlp(refs);
        const levels = refs.flatMap((id) => {
          const level = TLP_MARKING_IDS.get(id);
          return level ? [level] : [];
        });
        expect(r.level).toBe(mostRestrictive(levels));
        expect(r.unknown).toEqual(refs.filter((id) => !TLP_MARKING_IDS.has(id)));
        if (r.level) for (const l of levels) expect(atLeastAsRestrictive(r.level, l)).toBe(true);
      }),
      RUNS,
    );
  });

  it('mostRestrictive is one of its inputs and does not depend on their order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TLP_LEVELS), { minLength: 1, maxLength: 6 }), (levels) => {
        const m = mostRestrictive(levels);
        expect(levels).toContain(m);
        expect(mostRestrictive([...levels].reverse())).toBe(m);
      }),
      RUNS,
    );
  });
});
