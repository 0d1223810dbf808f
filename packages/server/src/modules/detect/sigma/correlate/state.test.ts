// Chaining, memory bounds and eviction, snapshot/restore and partitioning across workers.
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from './engine.ts';
import { correlations, m } from './test-rules.ts';
import type { BaseMatch, CorrelationAlert } from './types.ts';

describe('chaining', () => {
  const chain = () =>
    correlations(`title: Brute force then success
id: 0b6b2f4e-9a55-4c8e-9d3a-3a1e5d3c2f10
level: high
correlation:
  type: temporal_ordered
  rules: [many_fail, success]
  group-by: [User]
  timespan: 10m
---
title: Many failures
name: many_fail
correlation:
  type: event_count
  rules: [fail]
  group-by: [User]
  timespan: 10m
  condition: {gte: 3}
`);

  it('feeds an inner correlation’s alert to the outer one', () => {
    const e = new CorrelationEngine(chain());
    const out = e.pushAll([m('fail', 0, { User: 'u' }), m('success', 1, { User: 'u' }), m('fail', 2, { User: 'u' }), m('fail', 3, { User: 'u', Host: 'x' }), m('success', 4, { User: 'u' })]);
    expect(out.map((a) => [a.correlationId, a.standalone, a.level, a.eventIds, a.firstTime, a.lastTime])).toEqual([
      ['many_fail', false, undefined, ['fail@0', 'fail@2', 'fail@3'], 0, 3000],
      ['0b6b2f4e-9a55-4c8e-9d3a-3a1e5d3c2f10', true, 'high', ['fail@0', 'fail@2', 'fail@3', 'success@4'], 0, 4000],
    ]);
    expect(e.isStandalone(['many_fail'])).toBe(false);
  });

  it('does not fire when the success came before the failures reached the count', () => {
    const e = new CorrelationEngine(chain());
    expect(e.pushAll([m('fail', 0, { User: 'u' }), m('fail', 1, { User: 'u' }), m('success', 2, { User: 'u' }), m('fail', 3, { User: 'u' }), m('success', 3, { User: 'v' })]).map((a) => a.correlationId)).toEqual(['many_fail']);
  });
});

describe('chaining with generate', () => {
  it('an inner correlation referred to with generate: true is stand-alone', () => {
    const rules = correlations(`title: Outer\nname: outer\ncorrelation: {type: event_count, rules: [inner], group-by: [U], timespan: 1h, condition: {gte: 2}, generate: true}
---
title: Inner\nname: inner\ncorrelation: {type: event_count, rules: [r], group-by: [U, Host], timespan: 1m, condition: {gte: 2}}
`);
    const e = new CorrelationEngine(rules);
    const out = e.pushAll([m('r', 0, { U: 'u', Host: 'a' }), m('r', 1, { U: 'u', Host: 'a' }), m('r', 2, { U: 'u', Host: 'b' }), m('r', 3, { U: 'u', Host: 'b' })]);
    expect(out.map((a) => [a.correlationId, a.standalone, a.groupKey])).toEqual([
      ['inner', true, { U: 'u', Host: 'a' }],
      ['inner', true, { U: 'u', Host: 'b' }],
      ['outer', true, { U: 'u' }],
    ]);
    expect(out[2]?.eventIds).toEqual(['r@0', 'r@1', 'r@2', 'r@3']);
    expect(e.partitionFields).toEqual(['U']);
  });

  it('the condition field goes through aliases too', () => {
    const rules = correlations('title: V\nname: v\ncorrelation:\n  type: value_count\n  rules: [x, y]\n  group-by: [Host]\n  timespan: 1m\n  condition: {field: user, gte: 2}\n  aliases: {user: {x: TargetUserName, y: SubjectUserName}}\n');
    const e = new CorrelationEngine(rules);
    expect(e.pushAll([m('x', 0, { Host: 'h', TargetUserName: 'a', SubjectUserName: 'b' }), m('y', 1, { Host: 'h', SubjectUserName: 'a' })])).toEqual([]);
    expect(e.push(m('y', 2, { Host: 'h', SubjectUserName: 'c' }))[0]?.value).toBe(2);
  });
});

describe('bounds and eviction', () => {
  const count = (cond: string) => correlations(`title: C\nname: c\ncorrelation: {type: event_count, rules: [r], group-by: [U], timespan: 1h, condition: ${cond}}\n`);

  it('evicts the least recently updated group beyond maxGroups and counts it', () => {
    const e = new CorrelationEngine(count('{gte: 3}'), { maxGroups: 2 });
    e.pushAll([m('r', 0, { U: 'a' }), m('r', 1, { U: 'a' }), m('r', 2, { U: 'b' }), m('r', 3, { U: 'c' })]);
    expect(e.stats()).toMatchObject({ groups: 2, evictedGroups: 1 });
    expect(e.push(m('r', 4, { U: 'a' }))).toEqual([]); // a's earlier events were evicted with its group
    expect(e.pushAll([m('r', 5, { U: 'a' }), m('r', 6, { U: 'a' })])).toHaveLength(1);
  });

  it('expires idle groups by the clock before evicting live ones', () => {
    let now = 0;
    const e = new CorrelationEngine(count('{gte: 2}'), { maxGroups: 2, clock: () => now });
    e.pushAll([m('r', 0, { U: 'a' }), m('r', 4000, { U: 'b' })]);
    now = 4000 * 1000;
    e.push(m('r', 4001, { U: 'c' }));
    expect(e.stats()).toMatchObject({ groups: 2, expiredGroups: 1, evictedGroups: 0 });
    expect(e.push(m('r', 4002, { U: 'b' }))).toHaveLength(1);
    expect(e.sweep(10_000 * 1000)).toBe(2);
  });

  it('keeps at most maxEventsPerGroup events, oldest evicted and counted, and warns about unreachable conditions', () => {
    const e = new CorrelationEngine(count('{gte: 5}'), { maxEventsPerGroup: 3 });
    expect(e.problems).toEqual([{ correlationId: 'c', reason: 'the condition needs 5 events but a group keeps at most 3', fatal: false }]);
    expect(e.pushAll([0, 1, 2, 3, 4, 5].map((s) => m('r', s, { U: 'a' })))).toEqual([]);
    expect(e.stats()).toMatchObject({ events: 3, evictedEvents: 3 });
  });

  it('caps the event ids of one alert, keeping the newest', () => {
    const e = new CorrelationEngine(count('{gte: 4}'), { maxAlertEventIds: 2 });
    const [a] = e.pushAll([0, 1, 2, 3].map((s) => m('r', s, { U: 'a' })));
    expect([a?.eventIds, a?.eventIdsOmitted, a?.firstTime]).toEqual([['r@2', 'r@3'], 2, 0]);
  });
});

// A deterministic mixed stream over every type, a chain and aliases.
const MIXED = correlations(`title: c1\nname: c1\ncorrelation: {type: event_count, rules: [r1], group-by: [Host, User], timespan: 1m, condition: {gte: 4}}
---
title: c2\nname: c2\ncorrelation: {type: value_count, rules: [r1, r2], group-by: [Host], timespan: 2m, condition: {field: User, gte: 3}}
---
title: c3\nname: c3\ncorrelation: {type: temporal, rules: [r2, r3], group-by: [Host], timespan: 1m}
---
title: c4\nname: c4\nlevel: critical\ncorrelation: {type: temporal_ordered, rules: [c1, r4], group-by: [Host, User], timespan: 5m}
---
title: c5\nname: c5\ncorrelation: {type: value_sum, rules: [r3], group-by: [Host], timespan: 1m, condition: {field: bytes, gt: 3000}}
---
title: c6\nname: c6\ncorrelation: {type: value_avg, rules: [r4], group-by: [Host], timespan: 1m, condition: {field: bytes, gte: 800}}
---
title: c7\nname: c7\ncorrelation: {type: value_percentile, rules: [r1, r2, r3, r4], group-by: [Host], timespan: 10m, condition: {field: Image, lte: 5}}
---
title: c8\nname: c8\ncorrelation:\n  type: temporal\n  rules: [r2, r4]\n  group-by: [Host, peer]\n  timespan: 1m\n  aliases: {peer: {r2: src, r4: dst}}
`);

function stream(n: number): BaseMatch[] {
  let x = 12345; // mulberry32
  const rnd = (k: number) => {
    x = (x + 0x6d2b79f5) | 0;
    let y = Math.imul(x ^ (x >>> 15), 1 | x);
    y = (y + Math.imul(y ^ (y >>> 7), 61 | y)) ^ y;
    return ((y ^ (y >>> 14)) >>> 0) % k;
  };
  const out: BaseMatch[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += rnd(2_000);
    const time = rnd(10) === 0 ? t - rnd(90_000) : t; // some out of order, some late
    const images = ['svchost.exe', 'svchost.exe', 'svchost.exe', 'explorer.exe', 'explorer.exe', `rare${rnd(50)}.exe`];
    out.push({
      ruleRefs: [`r${1 + rnd(4)}`],
      time,
      eventId: `e${i}`,
      event: { Host: `h${rnd(3)}`, User: `u${rnd(4)}`, bytes: rnd(1500), Image: images[rnd(images.length)], src: `10.0.0.${rnd(3)}`, dst: `10.0.0.${rnd(3)}` },
    });
  }
  return out;
}

describe('snapshot and restore', () => {
  const input = stream(3000);
  const options = { maxGroups: 40, maxEventsPerGroup: 25 };
  const whole = new CorrelationEngine(MIXED, options);
  const expected = whole.pushAll(input);

  it('the mixed stream exercises every type, the chain and eviction', () => {
    expect(new Set(expected.map((a) => a.correlationId))).toEqual(new Set(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']));
    expect(whole.stats()).toMatchObject({ matches: 3000 });
    expect(whole.stats().late).toBeGreaterThan(0);
    expect(whole.stats().evictedGroups).toBeGreaterThan(0);
    expect(whole.stats().evictedEvents).toBeGreaterThan(0);
  });

  it('is deterministic: the same input gives the same alerts', () => {
    expect(new CorrelationEngine(MIXED, options).pushAll(input)).toEqual(expected);
  });

  it.each([1, 137, 1500, 2999])('restoring a JSON snapshot taken after %i matches gives the uninterrupted result', (cut) => {
    const first = new CorrelationEngine(MIXED, options);
    const before = first.pushAll(input.slice(0, cut));
    const saved = JSON.stringify(first.snapshot());
    const second = new CorrelationEngine(MIXED, options);
    expect(second.restore(JSON.parse(saved))).toEqual({ groups: first.stats().groups, dropped: 0 });
    const after = second.pushAll(input.slice(cut));
    expect([...before, ...after]).toEqual(expected);
    expect(second.snapshot()).toEqual(whole.snapshot());
  });

  it('drops state of correlations that changed or disappeared, and rejects what is not a snapshot', () => {
    const first = new CorrelationEngine(MIXED, options);
    first.pushAll(input.slice(0, 500));
    const snap = first.snapshot();
    const changed = MIXED.map((r) => (r.name === 'c1' ? { ...r, timespanMs: 1 } : r)).filter((r) => r.name !== 'c2');
    const second = new CorrelationEngine(changed, options);
    const counts = snap.groups.reduce((acc, g) => ({ ...acc, [g.correlation]: (acc[g.correlation] ?? 0) + 1 }), {} as Record<string, number>);
    expect(second.restore(snap).dropped).toBe((counts.c1 ?? 0) + (counts.c2 ?? 0));
    expect(() => second.restore({ groups: [] })).toThrow(/not a correlation snapshot/);
    const damaged = { ...snap, groups: [{ ...snap.groups[0], entries: [['x']] }] };
    expect(new CorrelationEngine(MIXED, options).restore(damaged)).toEqual({ groups: 0, dropped: 1 });
  });
});

describe('partitioning', () => {
  it('the partition key is made of the group-by fields every correlation shares', () => {
    const e = new CorrelationEngine(MIXED);
    expect(e.partitionFields).toEqual(['Host']);
    expect(e.partitionKey(m('r1', 0, { Host: 'h1', User: 'u' }))).toBe('["h1"]');
  });

  it('three workers sharing matches by partition key raise the same alerts as one', () => {
    const input = stream(3000);
    const single = new CorrelationEngine(MIXED).pushAll(input);
    const workers = [0, 1, 2].map(() => new CorrelationEngine(MIXED));
    const hash = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
    const sharded: CorrelationAlert[] = [];
    for (const match of input) {
      const w = workers[hash(workers[0]!.partitionKey(match)) % 3]!;
      sharded.push(...w.push(match));
    }
    const ids = (alerts: CorrelationAlert[]) => alerts.map((a) => a.alertId).sort();
    expect(ids(sharded)).toEqual(ids(single));
    expect(workers.every((w) => w.stats().matches > 500)).toBe(true);
  });

  it('applies aliases to the partition fields', () => {
    const rules = correlations('title: A\nname: a\ncorrelation:\n  type: temporal\n  rules: [x, y]\n  group-by: [ip]\n  timespan: 1m\n  aliases: {ip: {x: src, y: dst}}\n');
    const e = new CorrelationEngine(rules);
    expect([e.partitionKey(m('x', 0, { src: '1.1.1.1', dst: '2' })), e.partitionKey(m('y', 0, { src: '2', dst: '1.1.1.1' }))]).toEqual(['["1.1.1.1"]', '["1.1.1.1"]']);
  });
});
