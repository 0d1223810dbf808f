// Properties over random streams: a naive oracle for sliding event_count, snapshot/restore at any point,
// and partitioned workers agreeing with one engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from './engine.ts';
import { correlations } from './test-rules.ts';
import type { BaseMatch } from './types.ts';

const RULES = correlations(`title: count\nname: n\ncorrelation: {type: event_count, rules: [a], group-by: [H], timespan: 10s, condition: {gte: 3}}
---
title: distinct\nname: d\ncorrelation: {type: value_count, rules: [a, b], group-by: [H], timespan: 20s, condition: {field: U, gte: 2}}
---
title: ordered\nname: o\ncorrelation: {type: temporal_ordered, rules: [n, b], group-by: [H], timespan: 30s}
---
title: rare\nname: p\ncorrelation: {type: value_percentile, rules: [b], group-by: [H], timespan: 30s, condition: {field: U, lte: 30}}
`);

const matchArb = fc.record({ ref: fc.constantFrom('a', 'b', 'c'), dt: fc.integer({ min: -15_000, max: 8_000 }), h: fc.constantFrom('x', 'y'), u: fc.constantFrom('u1', 'u2', 'u3') });
const streamArb = fc.array(matchArb, { maxLength: 120 }).map((items) => {
  let t = 0;
  return items.map((x, i): BaseMatch => {
    t = Math.max(t, t + x.dt); // dt < 0: an out-of-order event, the clock does not go back
    return { ruleRefs: [x.ref], time: x.dt < 0 ? t + x.dt : t, event: { H: x.h, U: x.u }, eventId: `e${i}` };
  });
});

describe('properties', () => {
  it('sliding event_count agrees with a naive recount (in-order streams)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ dt: fc.integer({ min: 0, max: 6_000 }), h: fc.constantFrom('x', 'y') }), { maxLength: 80 }), (items) => {
        const rules = RULES.filter((r) => r.name === 'n');
        const e = new CorrelationEngine(rules);
        let t = 0;
        const seen: { t: number; h: string }[] = [];
        const armed = new Map<string, boolean>();
        items.forEach((x, i) => {
          t += x.dt;
          seen.push({ t, h: x.h });
          const n = seen.filter((s) => s.h === x.h && s.t >= t - 10_000).length;
          const expectFire = n >= 3 && armed.get(x.h) !== false;
          armed.set(x.h, n < 3);
          expect(e.push({ ruleRefs: ['a'], time: t, event: { H: x.h }, eventId: `e${i}` }).length).toBe(expectFire ? 1 : 0);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a snapshot taken anywhere and restored through JSON continues like an uninterrupted run', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), fc.integer({ min: 1, max: 6 }), (input, cutSeed, maxGroups) => {
        const options = { maxGroups, maxEventsPerGroup: 4 };
        const expected = new CorrelationEngine(RULES, options).pushAll(input);
        const cut = input.length ? cutSeed % (input.length + 1) : 0;
        const first = new CorrelationEngine(RULES, options);
        const before = first.pushAll(input.slice(0, cut));
        const second = new CorrelationEngine(RULES, options);
        second.restore(JSON.parse(JSON.stringify(first.snapshot())));
        expect([...before, ...second.pushAll(input.slice(cut))]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('workers fed by partition key raise the same alerts as one engine', () => {
    fc.assert(
      fc.property(streamArb, (input) => {
        const one = new CorrelationEngine(RULES).pushAll(input);
        const workers = new Map<string, CorrelationEngine>();
        const many = input.flatMap((match) => {
          const key = new CorrelationEngine(RULES).partitionKey(match);
          if (!workers.has(key)) workers.set(key, new CorrelationEngine(RULES));
          return (workers.get(key) as CorrelationEngine).push(match);
        });
        expect(many.map((a) => a.alertId).sort()).toEqual(one.map((a) => a.alertId).sort());
      }),
      { numRuns: 100 },
    );
  });
});
