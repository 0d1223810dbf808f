// Hand-written cases for each correlation type: windows, sliding, group-by, conditions, re-triggering.
import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from './engine.ts';
import { correlations, m } from './test-rules.ts';

const rule = (type: string, body: string, extra = '') =>
  correlations(`title: T ${type}\nname: c_${type}\n${extra}correlation:\n  type: ${type}\n${body}`);

const count = (cond: string, span = '10s', groupBy = '[User]') => rule('event_count', `  rules: [r1]\n  group-by: ${groupBy}\n  timespan: ${span}\n  condition: ${cond}\n`);

describe('event_count', () => {
  it('fires when the count is reached within the timespan, window bounds inclusive', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    expect(e.push(m('r1', 0, { User: 'a' }))).toEqual([]);
    expect(e.push(m('r1', 5, { User: 'a' }))).toEqual([]);
    const [alert, ...rest] = e.push(m('r1', 10, { User: 'a' }));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ correlationId: 'c_event_count', title: 'T event_count', type: 'event_count', groupKey: { User: 'a' }, eventIds: ['r1@0', 'r1@5', 'r1@10'], firstTime: 0, lastTime: 10_000, value: 3, standalone: true });
    expect(alert?.alertId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not fire when the first event is 1 ms outside the timespan', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    const out = e.pushAll([m('r1', 0, { User: 'a' }), m('r1', 5, { User: 'a' }), { ...m('r1', 10, { User: 'a' }), time: 10_001 }]);
    expect(out).toEqual([]);
  });

  it('slides: three events within 10 s straddling fixed buckets are found', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    const out = e.pushAll([0, 6, 12, 14].map((s) => m('r1', s, { User: 'a' })));
    expect(out).toHaveLength(1);
    expect(out[0]?.eventIds).toEqual(['r1@6', 'r1@12', 'r1@14']);
  });

  it('counts each group separately', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    const out = e.pushAll([m('r1', 0, { User: 'a' }), m('r1', 1, { User: 'b' }), m('r1', 2, { User: 'a' }), m('r1', 3, { User: 'b' }), m('r1', 4, { User: 'a', x: 1 })]);
    expect(out.map((a) => [a.groupKey, a.eventIds])).toEqual([[{ User: 'a' }, ['r1@0', 'r1@2', 'r1@4']]]);
  });

  it('groups by several fields (AND) and skips matches lacking a group-by field', () => {
    const e = new CorrelationEngine(count('{gte: 2}', '10s', '[User, Host]'));
    const out = e.pushAll([m('r1', 0, { User: 'a', Host: 'h1' }), m('r1', 1, { User: 'a', Host: 'h2' }), m('r1', 2, { User: 'a' }), m('r1', 3, { User: 'a', Host: 'h1' })]);
    expect(out.map((a) => a.groupKey)).toEqual([{ User: 'a', Host: 'h1' }]);
    expect(e.stats().missingField).toBe(1);
  });

  it('without group-by, all matches form one group', () => {
    const e = new CorrelationEngine(count('{gte: 2}', '10s', '[]'));
    expect(e.pushAll([m('r1', 0, { User: 'a' }), m('r1', 1, {})]).map((a) => a.groupKey)).toEqual([{}]);
  });

  it('does not repeat while the condition keeps holding, and re-arms once it stops holding', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    const times = [0, 1, 2, 3, 11, 13, 14, 30, 31, 32];
    const fired = times.map((s) => e.push(m('r1', s, { User: 'a' })).length);
    // 0,1,2 fire; 3 and 11 (window 1..11 = 1,2,3,11) still hold; 13 (3,11,13) holds; at 14 → 11,13,14 holds;
    // 30 → only 30: re-armed; 30,31,32 fire again.
    expect(fired).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('re-arms when the window falls below the threshold and fires on the next crossing', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    const fired = [0, 1, 2, 12, 13, 14].map((s) => e.push(m('r1', s, { User: 'a' })).length);
    expect(fired).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it.each([
    ['{gt: 2}', [0, 0, 1]],
    ['{eq: 2}', [0, 1, 0]],
    ['{neq: 2}', [1, 0, 1]],
    ['{lt: 2}', [1, 0, 0]],
    ['{lte: 2}', [1, 0, 0]],
    ['{gt: 1, lte: 2}', [0, 1, 0]],
  ])('condition %s', (cond, expected) => {
    const e = new CorrelationEngine(count(cond));
    expect([0, 1, 2].map((s) => e.push(m('r1', s, { User: 'a' })).length)).toEqual(expected);
  });

  it('keeps out-of-order events within the window and drops late ones', () => {
    const e = new CorrelationEngine(count('{gte: 3}'));
    expect(e.push(m('r1', 20, { User: 'a' }))).toEqual([]);
    expect(e.push(m('r1', 5, { User: 'a' }))).toEqual([]); // 15 s older than the newest: late
    expect(e.stats().late).toBe(1);
    expect(e.push(m('r1', 12, { User: 'a' }))).toEqual([]);
    const out = e.push(m('r1', 15, { User: 'a' }));
    expect(out[0]?.eventIds).toEqual(['r1@12', 'r1@15', 'r1@20']);
    expect([out[0]?.firstTime, out[0]?.lastTime]).toEqual([12_000, 20_000]);
  });

  it('ignores matches with a non-finite time and counts matches nothing refers to', () => {
    const e = new CorrelationEngine(count('{gte: 1}'));
    expect(e.push({ ...m('r1', 0, { User: 'a' }), time: NaN })).toEqual([]);
    expect(e.push(m('other', 0, { User: 'a' }))).toEqual([]);
    expect(e.stats()).toMatchObject({ invalid: 1, unreferenced: 1, matches: 1 });
  });

  it('accepts an accessor function as the event', () => {
    const e = new CorrelationEngine(count('{gte: 1}'));
    const out = e.push({ ruleRefs: ['r1'], time: 0, eventId: 'x', event: (f: string) => (f === 'User' ? 'acc' : undefined) });
    expect(out[0]?.groupKey).toEqual({ User: 'acc' });
  });

  it('reads nested, dotted and Windows EventData fields through fieldResolver', () => {
    const e = new CorrelationEngine(count('{gte: 2}', '10s', '[TargetUserName, source.ip]'));
    const win = { Event: { EventData: { Data: [{ '#text': 'bob', '#attributes': { Name: 'TargetUserName' } }] } }, source: { ip: '10.0.0.1' } };
    const out = e.pushAll([m('r1', 0, win), m('r1', 1, { TargetUserName: 'bob', 'source.ip': '10.0.0.1' })]);
    expect(out.map((a) => a.groupKey)).toEqual([{ TargetUserName: 'bob', 'source.ip': '10.0.0.1' }]);
  });
});

describe('value_count', () => {
  const vc = () => rule('value_count', '  rules: [r1]\n  group-by: [Host]\n  timespan: 1m\n  condition: {field: User, gte: 3}\n');
  it('counts distinct values of the field per group', () => {
    const e = new CorrelationEngine(vc());
    const users = ['a', 'a', 'b', 'a', 'b', 'c'];
    const fired = users.map((u, i) => e.push(m('r1', i, { Host: 'h', User: u })));
    expect(fired.map((x) => x.length)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(fired[5]?.[0]).toMatchObject({ value: 3, groupKey: { Host: 'h' }, eventIds: ['r1@0', 'r1@1', 'r1@2', 'r1@3', 'r1@4', 'r1@5'] });
  });
  it('skips matches without the value field and slides distinct values out', () => {
    const e = new CorrelationEngine(vc());
    const out = e.pushAll([m('r1', 0, { Host: 'h', User: 'a' }), m('r1', 1, { Host: 'h' }), m('r1', 5, { Host: 'h', User: 'b' }), m('r1', 70, { Host: 'h', User: 'c' }), m('r1', 71, { Host: 'h', User: 'd' })]);
    expect(out).toEqual([]); // a and b left the window before c and d arrived
    expect(e.stats().missingField).toBe(1);
    expect(e.push(m('r1', 72, { Host: 'h', User: 'b' }))).toHaveLength(1);
  });
});

describe('temporal', () => {
  const t = (cond = '') => rule('temporal', `  rules: [a, b, c]\n  group-by: [Host]\n  timespan: 5m\n${cond}`);
  it('fires when every referenced rule matched in the window, in any order', () => {
    const e = new CorrelationEngine(t());
    const out = e.pushAll([m('c', 0, { Host: 'h' }), m('a', 60, { Host: 'h' }), m('a', 61, { Host: 'h' }), m('b', 300, { Host: 'h' })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ value: 3, eventIds: ['c@0', 'a@60', 'a@61', 'b@300'], firstTime: 0, lastTime: 300_000 });
  });
  it('does not fire when a rule is missing or outside the timespan, or in another group', () => {
    const e = new CorrelationEngine(t());
    expect(e.pushAll([m('a', 0, { Host: 'h' }), m('b', 1, { Host: 'h' }), m('c', 2, { Host: 'other' }), m('c', 301, { Host: 'h' })])).toEqual([]);
  });
  it('with a condition, counts distinct rules', () => {
    const e = new CorrelationEngine(t('  condition: {gte: 2}\n'));
    expect(e.pushAll([m('a', 0, { Host: 'h' }), m('a', 1, { Host: 'h' })])).toEqual([]);
    expect(e.push(m('c', 2, { Host: 'h' }))[0]?.value).toBe(2);
  });
});

describe('temporal_ordered', () => {
  const t = () => rule('temporal_ordered', '  rules: [a, b, c]\n  group-by: [Host]\n  timespan: 5m\n');
  it('fires when the rules matched in the listed order', () => {
    const e = new CorrelationEngine(t());
    const out = e.pushAll([m('a', 0, { Host: 'h' }), m('b', 10, { Host: 'h' }), m('c', 20, { Host: 'h' })]);
    expect(out.map((a) => a.eventIds)).toEqual([['a@0', 'b@10', 'c@20']]);
  });
  it('does not fire for another order', () => {
    const e = new CorrelationEngine(t());
    expect(e.pushAll([m('c', 0, { Host: 'h' }), m('b', 10, { Host: 'h' }), m('a', 20, { Host: 'h' }), m('c', 21, { Host: 'x' })])).toEqual([]);
    expect(e.pushAll([m('b', 22, { Host: 'h' })])).toEqual([]);
    expect(e.push(m('c', 23, { Host: 'h' }))).toHaveLength(1); // a@20, b@22, c@23
  });
  it('finds an ordered subsequence among interleaved events', () => {
    const e = new CorrelationEngine(t());
    const out = e.pushAll([m('a', 0, { Host: 'h' }), m('c', 1, { Host: 'h' }), m('b', 2, { Host: 'h' }), m('a', 3, { Host: 'h' }), m('c', 4, { Host: 'h' })]);
    expect(out).toHaveLength(1);
    expect(out[0]?.lastTime).toBe(4000);
  });
  it('uses event time, not arrival order', () => {
    const e = new CorrelationEngine(t());
    expect(e.pushAll([m('c', 20, { Host: 'h' }), m('a', 0, { Host: 'h' }), m('b', 10, { Host: 'h' })])).toHaveLength(1);
  });
  it('requires the whole sequence within the timespan', () => {
    const e = new CorrelationEngine(t());
    expect(e.pushAll([m('a', 0, { Host: 'h' }), m('b', 200, { Host: 'h' }), m('c', 301, { Host: 'h' })])).toEqual([]);
  });
});

describe('value_sum, value_avg, value_percentile', () => {
  it('value_sum adds the numeric field over the window', () => {
    const e = new CorrelationEngine(rule('value_sum', '  rules: [r1]\n  group-by: [User]\n  timespan: 1h\n  condition: {field: bytes, gt: 1000}\n'));
    const out = e.pushAll([m('r1', 0, { User: 'a', bytes: 600 }), m('r1', 1, { User: 'a', bytes: 'n/a' }), m('r1', 2, { User: 'b', bytes: 600 }), m('r1', 3, { User: 'a', bytes: '401' })]);
    expect(out.map((a) => [a.groupKey, a.value, a.eventIds])).toEqual([[{ User: 'a' }, 1001, ['r1@0', 'r1@3']]]);
    expect(e.stats().missingField).toBe(1);
  });
  it('value_sum slides old values out', () => {
    const e = new CorrelationEngine(rule('value_sum', '  rules: [r1]\n  group-by: [User]\n  timespan: 10s\n  condition: {field: bytes, gte: 10}\n'));
    expect(e.pushAll([m('r1', 0, { User: 'a', bytes: 5 }), m('r1', 11, { User: 'a', bytes: 5 })])).toEqual([]);
    expect(e.push(m('r1', 12, { User: 'a', bytes: 5 }))[0]?.value).toBe(10);
  });
  it('value_avg averages the numeric field', () => {
    const e = new CorrelationEngine(rule('value_avg', '  rules: [r1]\n  group-by: [User]\n  timespan: 1h\n  condition: {field: BytesOut, gt: 500}\n'));
    expect(e.push(m('r1', 0, { User: 'a', BytesOut: 400 }))).toEqual([]);
    expect(e.push(m('r1', 1, { User: 'a', BytesOut: 700 }))[0]?.value).toBe(550);
  });
  it('value_percentile: fires for a value seen in at most 1% of the group window, once per value', () => {
    const e = new CorrelationEngine(rule('value_percentile', '  rules: [r1]\n  group-by: [Host]\n  timespan: 1d\n  condition: {field: Image, lte: 1}\n'));
    const common = Array.from({ length: 100 }, (_, i) => m('r1', i, { Host: 'h', Image: 'svchost.exe' }));
    expect(e.pushAll(common)).toEqual([]);
    const [rare] = e.push(m('r1', 200, { Host: 'h', Image: 'evil.exe' }));
    expect(rare).toMatchObject({ eventIds: ['r1@200'], firstTime: 200_000 });
    expect(rare?.value).toBeCloseTo(100 / 101);
    expect(e.push(m('r1', 201, { Host: 'h', Image: 'other.exe' }))).toHaveLength(1); // another rare value
    expect(e.push(m('r1', 202, { Host: 'h', Image: 'svchost.exe' }))).toEqual([]);
    expect(e.push(m('r1', 203, { Host: 'h', Image: 'evil.exe' }))).toEqual([]); // 2/104: no longer ≤ 1%
  });
});

describe('references, aliases, generate', () => {
  it('refers to rules by id or by name and counts a match carrying both once', () => {
    const id = '5638f7c0-ac70-491d-8465-2a65075e0d86';
    const e = new CorrelationEngine(rule('event_count', `  rules: [${id}, other_rule]\n  group-by: [User]\n  timespan: 10s\n  condition: {gte: 3}\n`));
    const out = e.pushAll([
      { ruleRefs: [id, 'first_rule'], time: 0, event: { User: 'a' }, eventId: 'e1' },
      { ruleRefs: ['other_rule'], time: 1, event: { User: 'a' }, eventId: 'e2' },
      { ruleRefs: ['x', id], time: 2, event: { User: 'a' }, eventId: 'e3' },
    ]);
    expect(out.map((a) => a.eventIds)).toEqual([['e1', 'e2', 'e3']]);
  });

  it('maps alias names to each rule’s field', () => {
    const e = new CorrelationEngine(
      rule('temporal', '  rules: [login, proc]\n  group-by: [user]\n  timespan: 1m\n  aliases:\n    user:\n      login: TargetUserName\n      proc: SubjectUserName\n'),
    );
    const out = e.pushAll([m('login', 0, { TargetUserName: 'eve', SubjectUserName: 'SYSTEM' }), m('proc', 1, { SubjectUserName: 'SYSTEM', TargetUserName: 'eve' }), m('proc', 2, { SubjectUserName: 'eve' })]);
    expect(out.map((a) => [a.groupKey, a.eventIds])).toEqual([[{ user: 'eve' }, ['login@0', 'proc@2']]]);
  });

  it('reports generate: referenced base rules are not stand-alone unless a referrer says generate: true', () => {
    const quiet = new CorrelationEngine(count('{gte: 2}'));
    expect([quiet.isStandalone(['r1']), quiet.isStandalone(['r2']), quiet.consumes(['r1'])]).toEqual([false, true, true]);
    const loud = new CorrelationEngine(rule('event_count', '  rules: [r1]\n  group-by: [User]\n  timespan: 10s\n  condition: {gte: 2}\n  generate: true\n'));
    expect(loud.isStandalone(['r1'])).toBe(true);
  });
});

describe('problems', () => {
  it('rejects correlations on a reference cycle and duplicate ids', () => {
    const rules = correlations(`title: A\nname: ca\ncorrelation: {type: temporal, rules: [cb, x], group-by: [U], timespan: 1m}
---
title: B\nname: cb\ncorrelation: {type: temporal, rules: [ca, y], group-by: [U], timespan: 1m}
---
title: C\nname: cc\ncorrelation: {type: event_count, rules: [x], group-by: [U], timespan: 1m, condition: {gte: 1}}
---
title: C again\nname: cc\ncorrelation: {type: event_count, rules: [y], group-by: [U], timespan: 1m, condition: {gte: 1}}
`);
    const e = new CorrelationEngine(rules);
    expect(e.problems.filter((p) => p.fatal).map((p) => p.correlationId)).toEqual(['cc', 'ca', 'cb']);
    expect(e.pushAll([m('x', 0, { U: 'u' }), m('y', 1, { U: 'u' })]).map((a) => a.correlationId)).toEqual(['cc']);
  });
});
