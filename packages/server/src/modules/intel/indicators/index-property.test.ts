// The index must give exactly what evaluating every pattern gives, for any patterns and events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation, ObservedObject } from '../pattern/index.ts';
import { compileLive, PatternError } from '../pattern/index.ts';
import { IndicatorIndex } from './indicator-index.ts';
import { observablesOf, type EventLike } from './observables.ts';

const IPS = ['10.0.0.1', '10.0.0.2', '10.0.1.1', '10.1.2.3', '192.168.1.1', '198.51.100.7', '2001:db8::1', '2001:DB8:0::1', '2001:db8::2', '::ffff:10.0.0.1', '::1'];
const BLOCKS = ['10.0.0.0/8', '10.0.0.0/24', '10.0.0.0/31', '10.0.0.1/32', '0.0.0.0/0', '198.51.100.0/24', '2001:db8::/32', '2001:db8::/127', '::/0', '10.0.0.5/8'];
const DOMAINS = ['evil.example', 'EVIL.example.', 'a.evil.example', 'b.A.evil.example', 'xevil.example', 'good.example', 'évil.example'];
const URLS = ['http://evil.example/x', 'HTTP://EVIL.example:80/x', 'http://evil.example/X', 'http://evil.example/x#f', 'evil.example/x', 'https://evil.example/x'];
const HASHES = ['cead3f77f6cda6ec00f57d76c9a6879f', 'CEAD3F77F6CDA6EC00F57D76C9A6879F', '79054025255fb1a26e4bc422aef54eb4'];
const EMAILS = ['m@evil.example', 'M@EVIL.example', 'a@good.example'];
const NAMES = ['cmd.exe', 'CMD.EXE', 'mimikatz.exe', 'alice', 'Alice', 'bob'];
const ALL_STRINGS = [...IPS, ...BLOCKS, ...DOMAINS, ...URLS, ...HASHES, ...EMAILS, ...NAMES, 'nope'];

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Paths with the values that make sense (and some that do not) for them. */
const PATHS: ReadonlyArray<[string, readonly string[]]> = [
  ['ipv4-addr:value', [...IPS, ...BLOCKS]],
  ['ipv6-addr:value', [...IPS, ...BLOCKS]],
  ['network-traffic:src_ref.value', [...IPS, ...BLOCKS, ...DOMAINS]],
  ['network-traffic:dst_ref.value', [...IPS, ...BLOCKS, ...DOMAINS]],
  ['domain-name:resolves_to_refs[*].value', [...IPS, ...BLOCKS]],
  ['domain-name:value', DOMAINS],
  ['url:value', URLS],
  ['file:hashes.MD5', HASHES],
  ['file:hashes.md5', HASHES],
  ["file:hashes.'SHA-256'", HASHES],
  ['process:image_ref.hashes.MD5', HASHES],
  ['email-addr:value', EMAILS],
  ['email-message:from_ref.value', EMAILS],
  ['email-message:to_refs[*].value', EMAILS],
  ['user-account:account_login', NAMES],
  ['process:name', NAMES],
  ['process:image_ref.name', NAMES],
  ['file:name', NAMES],
  ['x-other:value', ALL_STRINGS],
];

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pick(PATHS), fc.boolean()).chain(([[path, values], not]) => fc.oneof(
    { weight: 6, arbitrary: pick(values).map((v) => `${path} = ${q(v)}`) },
    pick(values).map((v) => `${path} NOT = ${q(v)}`),
    pick(values).map((v) => `${path} != ${q(v)}`),
    { weight: 2, arbitrary: fc.array(pick(values), { minLength: 1, maxLength: 3 }).map((vs) => `${path} ${not ? 'NOT ' : ''}IN (${vs.map(q).join(', ')})`) },
    pick(values).map((v) => `${path} ${not ? 'NOT ' : ''}ISSUBSET ${q(v)}`),
    pick(values).map((v) => `${path} ISSUPERSET ${q(v)}`),
    pick(['%.evil.example', '%evil.example', 'evil.example', '%.EVIL.example.', 'a._vil.example']).map((v) => `${path} ${not ? 'NOT ' : ''}LIKE ${q(v)}`),
    pick(['^evil', 'EVIL', '\\\\.example$']).map((v) => `${path} MATCHES ${q(v)}`),
    fc.constant(`${not ? 'NOT ' : ''}EXISTS ${path}`),
  )) },
  { weight: 1, arbitrary: pick(['network-traffic:dst_port = 443', "network-traffic:dst_port = '443'", 'network-traffic:dst_port > 100', "network-traffic:protocols[*] = 'tcp'"]) },
);

const comparison: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), pick(['AND', 'OR']), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
  ),
})).expr;

const T = Date.UTC(2024, 0, 15);
const qualifier = pick(['', " START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'", " START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'", ' WITHIN 60 SECONDS', ' REPEATS 1 TIMES']);
const pattern: fc.Arbitrary<string> = fc.oneof(
  leaf.map((l) => `[${l}]`),
  fc.tuple(leaf, leaf).map(([a, b]) => `[${a} OR ${b}]`),
  fc.tuple(comparison, qualifier).map(([c, qual]) => `[${c}]${qual}`),
  fc.tuple(comparison, comparison).map(([a, b]) => `[${a}] OR [${b}]`),
);

/** A random observation: addresses, names, URLs, files, processes, accounts, traffic and e-mail, with references. */
const observation: fc.Arbitrary<Observation> = fc.record({
  ips: fc.array(pick([...IPS, ...BLOCKS, 'nope']), { maxLength: 3 }),
  domains: fc.array(pick(DOMAINS), { maxLength: 2 }),
  urls: fc.array(pick(URLS), { maxLength: 1 }),
  hashes: fc.array(fc.tuple(pick(['MD5', 'md5', 'SHA-256', 'SHA-1']), pick(HASHES)), { maxLength: 2 }),
  names: fc.array(pick(NAMES), { maxLength: 3 }),
  emails: fc.array(pick(EMAILS), { maxLength: 2 }),
  port: fc.option(pick([80, 443]), { nil: undefined }),
  other: fc.option(pick(ALL_STRINGS), { nil: undefined }),
}).map((r): Observation => {
  const objects: ObservedObject[] = [];
  const add = (o: Record<string, unknown> & { type: string }) => {
    const id = `o${objects.length}`;
    objects.push({ ...o, id });
    return id;
  };
  const addrIds = r.ips.map((v) => add({ type: v.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value: v }));
  const domIds = r.domains.map((v, i) => add({ type: 'domain-name', value: v, ...(addrIds[i] ? { resolves_to_refs: [addrIds[i]] } : {}) }));
  const endpoints = [...addrIds, ...domIds];
  if (endpoints.length || r.port) {
    add({ type: 'network-traffic', ...(endpoints[0] ? { src_ref: endpoints[0] } : {}), ...(endpoints[endpoints.length - 1] ? { dst_ref: endpoints[endpoints.length - 1] } : {}),
      ...(r.port ? { dst_port: r.port, protocols: ['tcp'] } : {}) });
  }
  for (const u of r.urls) add({ type: 'url', value: u });
  const fileId = r.hashes.length || r.names[0] ? add({ type: 'file', ...(r.names[0] ? { name: r.names[0] } : {}), ...(r.hashes.length ? { hashes: Object.fromEntries(r.hashes) } : {}) }) : undefined;
  if (r.names[1] || fileId) add({ type: 'process', ...(r.names[1] ? { name: r.names[1] } : {}), ...(fileId ? { image_ref: fileId } : {}) });
  if (r.names[2]) add({ type: 'user-account', account_login: r.names[2] });
  const mailIds = r.emails.map((v) => add({ type: 'email-addr', value: v }));
  if (mailIds.length) add({ type: 'email-message', from_ref: mailIds[0], to_refs: mailIds });
  if (r.other) add({ type: 'x-other', value: r.other });
  return { objects, firstObserved: T, lastObserved: T };
});

/** Events as the pipeline has them (OCSF core), turned into observations by observablesOf. */
const event: fc.Arbitrary<EventLike> = fc.record({
  src: fc.option(pick(IPS), { nil: undefined }),
  dst: fc.option(pick(IPS), { nil: undefined }),
  host: fc.option(pick(DOMAINS), { nil: undefined }),
  url: fc.option(pick(URLS), { nil: undefined }),
  user: fc.option(pick(NAMES), { nil: undefined }),
  proc: fc.option(pick(NAMES), { nil: undefined }),
  md5: fc.option(pick(HASHES), { nil: undefined }),
}).map((r): EventLike => ({
  ocsf: {
    class_uid: 0, class_name: 'Base Event', category_uid: 0, activity_id: 0, type_uid: 0, time: T, severity_id: 1, severity: 'Informational', metadata: { version: '1.3.0', product: {} },
    ...(r.src ? { src_endpoint: { ip: r.src } } : {}),
    ...(r.dst || r.host ? { dst_endpoint: { ...(r.dst ? { ip: r.dst } : {}), ...(r.host ? { hostname: r.host } : {}), port: 443 } } : {}),
    ...(r.url ? { url: { url_string: r.url } } : {}),
    ...(r.user ? { actor: { user: { name: r.user } } } : {}),
    ...(r.proc || r.md5 ? { process: { ...(r.proc ? { name: r.proc } : {}), file: { name: r.proc ?? 'x.exe', ...(r.md5 ? { hashes: [{ algorithm_id: 1, algorithm: 'MD5', value: r.md5 }] } : {}) } } } : {}),
  },
}));

function bruteForce(patterns: Map<string, string>, o: Observation): string[] {
  const out: string[] = [];
  for (const [id, p] of patterns) if (compileLive(p).match(o)) out.push(id);
  return out.sort();
}

function build(list: readonly string[]): { index: IndicatorIndex; patterns: Map<string, string> } {
  const index = new IndicatorIndex({ maxAlwaysEvaluated: 10_000 });
  const patterns = new Map<string, string>();
  list.forEach((p, i) => {
    try {
      index.add(`i${i}`, p, undefined);
      patterns.set(`i${i}`, p);
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
    }
  });
  return { index, patterns };
}

const matched = (index: IndicatorIndex, o: Observation) => index.matchObservation(o).map((m) => m.indicatorId).sort();

describe('IndicatorIndex ≡ evaluating every pattern', () => {
  it('over random observations', () => {
    fc.assert(fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(observation, { minLength: 1, maxLength: 6 }), (list, observations) => {
      const { index, patterns } = build(list);
      for (const o of observations) expect(matched(index, o)).toEqual(bruteForce(patterns, o));
    }), { numRuns: 300 });
  });

  it('over random events (through observablesOf)', () => {
    fc.assert(fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(event, { minLength: 1, maxLength: 6 }), (list, events) => {
      const { index, patterns } = build(list);
      for (const e of events) {
        const o = observablesOf(e);
        expect(index.match(e).map((m) => m.indicatorId).sort()).toEqual(bruteForce(patterns, o));
      }
    }), { numRuns: 200 });
  });

  it('after random removals and replacements', () => {
    fc.assert(fc.property(fc.array(pattern, { minLength: 2, maxLength: 20 }), fc.array(fc.nat(19), { maxLength: 10 }), fc.array(pattern, { maxLength: 5 }),
      fc.array(observation, { minLength: 1, maxLength: 4 }), (list, removals, replacements, observations) => {
        const { index, patterns } = build(list);
        for (const r of removals) {
          const id = `i${r}`;
          expect(index.remove(id)).toBe(patterns.delete(id));
        }
        replacements.forEach((p, i) => {
          const id = `i${i}`;
          try {
            index.add(id, p, undefined);
            patterns.set(id, p);
          } catch (e) {
            if (!(e instanceof PatternError)) throw e;
          }
        });
        expect(index.size).toBe(patterns.size);
        for (const o of observations) expect(matched(index, o)).toEqual(bruteForce(patterns, o));
        for (const id of [...patterns.keys()]) index.remove(id);
        expect(index.stats()).toMatchObject({ indicators: 0, paths: 0, atoms: 0 });
      }), { numRuns: 200 });
  });

  it('the generated patterns exercise exact, candidate and always-evaluated indicators', () => {
    const sample = fc.sample(pattern, { numRuns: 500, seed: 42 });
    const s = build(sample).index.stats();
    expect(s.exact).toBeGreaterThan(20);
    expect(s.candidates).toBeGreaterThan(20);
    expect(s.alwaysEvaluated).toBeGreaterThan(20);
  });
});
