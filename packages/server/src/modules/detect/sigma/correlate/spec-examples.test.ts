// The correlation specification's own examples (../shared/corpora/sigma-spec): the schema examples of
// every type, the "Field Name Aliases" example and the complete brute-force chain of its "Example" section,
// run through the engine with events made to satisfy (and to miss) each condition.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../compile.ts';
import { parseRuleText } from '../load.ts';
import { fieldResolver } from '../resolver.ts';
import type { CorrelationRule } from '../rule.ts';
import { CorrelationEngine } from './engine.ts';
import { correlations, m } from './test-rules.ts';
import type { BaseMatch } from './types.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../../shared/corpora', import.meta.url));
const root = join(corpora, 'sigma-spec');
const present = existsSync(join(root, 'specification', 'sigma-correlation-rules-specification.md'));
if (!present) console.log(`sigma-spec corpus not found at ${root}: skipping the correlation specification examples`);

const schemaDir = join(root, 'tests', 'schema', 'correlation');
const load = (file: string): CorrelationRule => correlations(readFileSync(join(schemaDir, file), 'utf8'))[0] as CorrelationRule;

/** Fenced YAML blocks of the correlation specification that contain `needle`. */
function specBlocks(needle: string): string[] {
  const md = readFileSync(join(root, 'specification', 'sigma-correlation-rules-specification.md'), 'utf8');
  return [...md.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((x) => x[1] as string).filter((b) => b.includes(needle));
}

/** Group values for the rule's group-by fields, distinct per `g`. */
const group = (rule: CorrelationRule, g: string) => Object.fromEntries(rule.groupBy.map((f) => [f, `${f}-${g}`]));

describe.skipIf(!present)('specification schema examples', () => {
  it('the folder holds the eight examples this suite runs', () => {
    expect(readdirSync(schemaDir).sort()).toEqual(['event_count.yml', 'event_count_ecs.yml', 'temporal.yml', 'temporal_ordered.yml', 'value_avg.yml', 'value_count.yml', 'value_percentile.yml', 'value_sum.yml']);
  });

  it.each(['event_count.yml', 'event_count_ecs.yml'])('%s: 100 failed logins in an hour on one host, not 99, not spread over more', (file) => {
    const rule = load(file);
    const ref = rule.rules[0] as string;
    const e = new CorrelationEngine([rule]);
    const g = group(rule, 'a');
    expect(e.pushAll(Array.from({ length: 99 }, (_, i) => m(ref, i * 36, g)))).toEqual([]);
    expect(e.push(m(ref, 3600 + 36, group(rule, 'b')))).toEqual([]);
    const [alert] = e.push(m(ref, 99 * 36, g));
    expect(alert).toMatchObject({ value: 100, groupKey: g, title: 'Many failed logins' });
    expect(alert?.eventIds).toHaveLength(100);
    const late = new CorrelationEngine([rule]);
    expect(late.pushAll(Array.from({ length: 100 }, (_, i) => m(ref, i * 37, g)))).toEqual([]); // 100 events over 61 min
  });

  it('value_count.yml: 100 distinct users per source and destination in a day', () => {
    const rule = load('value_count.yml');
    const e = new CorrelationEngine([rule]);
    const g = group(rule, 'a');
    const ev = (i: number, user: string) => m(rule.rules[0] as string, i, { ...g, User: user });
    expect(e.pushAll(Array.from({ length: 200 }, (_, i) => ev(i, `user${i % 99}`)))).toEqual([]);
    expect(e.push(ev(300, 'user99'))[0]).toMatchObject({ value: 100, groupKey: { ComputerName: 'ComputerName-a', WorkstationName: 'WorkstationName-a' } });
  });

  it('temporal.yml: the three recon commands in any order within 5 minutes by one user on one computer', () => {
    const rule = load('temporal.yml');
    const e = new CorrelationEngine([rule]);
    const g = group(rule, 'a');
    expect(e.pushAll([m('recon_cmd_c', 0, g), m('recon_cmd_a', 100, g), m('recon_cmd_b', 200, group(rule, 'b'))])).toEqual([]);
    expect(e.push(m('recon_cmd_b', 300, g))).toHaveLength(1);
    expect(new CorrelationEngine([rule]).pushAll([m('recon_cmd_c', 0, g), m('recon_cmd_a', 100, g), m('recon_cmd_b', 301, g)])).toEqual([]);
  });

  it('temporal_ordered.yml: the same commands, only in the listed order', () => {
    const rule = load('temporal_ordered.yml');
    const g = group(rule, 'a');
    expect(new CorrelationEngine([rule]).pushAll([m('recon_cmd_c', 0, g), m('recon_cmd_a', 100, g), m('recon_cmd_b', 200, g)])).toEqual([]);
    const [alert] = new CorrelationEngine([rule]).pushAll([m('recon_cmd_a', 0, g), m('recon_cmd_b', 100, g), m('recon_cmd_c', 200, g)]);
    expect(alert?.eventIds).toEqual(['recon_cmd_a@0', 'recon_cmd_b@100', 'recon_cmd_c@200']);
  });

  it('value_sum.yml: more than 1,000,000 bytes sent by one user and source in an hour', () => {
    const rule = load('value_sum.yml');
    const e = new CorrelationEngine([rule]);
    const g = group(rule, 'a');
    expect(e.pushAll([m('website_access', 0, { ...g, bytes_sent: 500_000 }), m('website_access', 1, { ...g, bytes_sent: 500_000 })])).toEqual([]); // exactly 1e6: not gt
    expect(e.push(m('website_access', 2, { ...g, bytes_sent: '1' }))[0]?.value).toBe(1_000_001);
  });

  it('value_avg.yml: average BytesOut above 500 over 24 hours', () => {
    const rule = load('value_avg.yml');
    const e = new CorrelationEngine([rule]);
    const g = group(rule, 'a');
    expect(e.pushAll([m('rule_a_id', 0, { ...g, BytesOut: 100 }), m('rule_a_id', 3600, { ...g, BytesOut: 900 })])).toEqual([]); // 500: not gt
    expect(e.push(m('rule_a_id', 7200, { ...g, BytesOut: 503 }))[0]?.value).toBe(501);
  });

  it('value_percentile.yml: an Image seen in at most 1% of a computer’s process creations in 24 hours', () => {
    const rule = load('value_percentile.yml');
    const g = group(rule, 'a');
    const common = (n: number) => Array.from({ length: n }, (_, i) => m('process_creation', i, { ...g, Image: 'C:\\Windows\\explorer.exe' }));
    const rare = m('process_creation', 100, { ...g, Image: 'C:\\Temp\\x.exe' });
    const e = new CorrelationEngine([rule]);
    expect(e.pushAll(common(99))).toEqual([]);
    const [alert] = e.push(rare); // 1 of 100 = 1%
    expect(alert).toMatchObject({ value: 1, eventIds: ['process_creation@100'] });
    const fewer = new CorrelationEngine([rule]);
    fewer.pushAll(common(98));
    expect(fewer.push(rare)).toEqual([]); // 1 of 99 > 1%
  });
});

describe.skipIf(!present)('specification: Field Name Aliases example', () => {
  it('correlates an internal error and a new connection with swapped addresses', () => {
    const [yaml] = specBlocks('aliases:\n        internal_ip:');
    const rule = correlations((yaml as string).replace(/^id: —\n/m, ''))[0] as CorrelationRule;
    const e = new CorrelationEngine([rule]);
    const err = { 'destination.ip': '10.0.0.5', 'source.ip': '203.0.113.9', 'http.response.status_code': 500 };
    const conn = { source: { ip: '10.0.0.5' }, destination: { ip: '203.0.113.9' } };
    const swappedWrong = { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } };
    expect(e.pushAll([m('internal_error', 0, err), m('new_network_connection', 5, swappedWrong)])).toEqual([]);
    const [alert] = e.push(m('new_network_connection', 9, conn));
    expect(alert?.groupKey).toEqual({ internal_ip: '10.0.0.5', remote_ip: '203.0.113.9' });
    expect(alert?.eventIds).toEqual(['internal_error@0', 'new_network_connection@9']);
    expect(new CorrelationEngine([rule]).pushAll([m('internal_error', 0, err), m('new_network_connection', 11, conn)])).toEqual([]); // outside 10s
  });
});

describe.skipIf(!present)('specification: Failed Logins Followed by Successful Login', () => {
  const [yaml] = present ? specBlocks('multiple_failed_login') : [];
  const parsed = parseRuleText(yaml ?? '');
  const base = parsed.rules.map((rule) => {
    const c = compileRule(rule);
    if (!c.ok) throw new Error(c.errors.map((x) => x.reason).join('; '));
    return { refs: [rule.id, rule.name].filter((x): x is string => !!x), matcher: c.matcher };
  });
  /** Runs Windows events through the base rules and the base hits through the engine. */
  const run = (events: { s: number; EventID: number; User: string }[]) => {
    const engine = new CorrelationEngine(parsed.correlations);
    const matches: BaseMatch[] = [];
    events.forEach((ev, i) => {
      for (const b of base) if (b.matcher(fieldResolver(ev))) matches.push({ ruleRefs: b.refs, time: ev.s * 1000, event: ev, eventId: `ev${i}` });
    });
    return { engine, alerts: engine.pushAll(matches) };
  };
  const fails = (n: number, user = 'alice', from = 0) => Array.from({ length: n }, (_, i) => ({ s: from + i * 10, EventID: i % 2 ? 529 : 4625, User: user }));

  it('parses into two chained correlations and two base rules', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.correlations.map((c) => [c.name ?? c.id, c.type])).toEqual([
      ['b180ead8-d58f-40b2-ae54-c8940995b9b6', 'temporal_ordered'],
      ['multiple_failed_login', 'event_count'],
    ]);
    expect(base.map((b) => b.refs[1])).toEqual(['failed_login', 'successful_login']);
  });

  it('ten failed logins then a success by the same user within 10 minutes raise the high alert', () => {
    const { engine, alerts } = run([...fails(10), { s: 120, EventID: 4624, User: 'alice' }]);
    expect(alerts.map((a) => [a.title, a.level, a.standalone, a.groupKey])).toEqual([
      ['Multiple failed logons', undefined, false, { User: 'alice' }],
      ['Correlation - Multiple Failed Logins Followed by Successful Login', 'high', true, { User: 'alice' }],
    ]);
    expect(alerts[1]?.eventIds).toEqual(['ev0', 'ev1', 'ev2', 'ev3', 'ev4', 'ev5', 'ev6', 'ev7', 'ev8', 'ev9', 'ev10']);
    // generate is not set: the base rules and the inner correlation are not stand-alone alerts
    expect([engine.isStandalone(base[0]?.refs ?? []), engine.isStandalone(base[1]?.refs ?? [])]).toEqual([false, false]);
  });

  it('nine failures, a success first, another user’s success, or a success after 10 minutes raise no chain alert', () => {
    const outer = (r: { alerts: { level?: string }[] }) => r.alerts.filter((a) => a.level === 'high');
    expect(outer(run([...fails(9), { s: 100, EventID: 4624, User: 'alice' }]))).toEqual([]);
    expect(outer(run([{ s: 0, EventID: 4624, User: 'alice' }, ...fails(10, 'alice', 1)]))).toEqual([]);
    expect(outer(run([...fails(10), { s: 120, EventID: 4624, User: 'bob' }]))).toEqual([]);
    expect(outer(run([...fails(10), { s: 90 + 601, EventID: 4624, User: 'alice' }]))).toEqual([]);
  });
});
