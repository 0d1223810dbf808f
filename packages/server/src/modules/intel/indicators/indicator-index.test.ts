import { describe, expect, it } from 'vitest';
import type { Observation, ObservedObject } from '../pattern/index.ts';
import { PatternError } from '../pattern/index.ts';
import { IndicatorIndex } from './indicator-index.ts';

const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

const obs = (...objects: ObservedObject[]): Observation => ({ objects, firstObserved: Date.UTC(2024, 0, 1), lastObserved: Date.UTC(2024, 0, 1) });
const ids = (index: IndicatorIndex<unknown>, o: Observation) => index.matchObservation(o).map((m) => m.indicatorId).sort();

const conn = (src: string, dst: string, port = 443, dstType = dst.includes(':') ? 'ipv6-addr' : 'ipv4-addr') => obs(
  { type: src.includes(':') ? 'ipv6-addr' : 'ipv4-addr', id: '1', value: src },
  { type: dstType, id: '2', value: dst },
  { type: 'network-traffic', id: '3', src_ref: '1', dst_ref: '2', dst_port: port },
);

describe('IndicatorIndex: exact-matchable kinds', () => {
  const index = new IndicatorIndex<{ score: number }>();
  const add = (id: string, pattern: string) => index.add(id, pattern, { score: 50 });
  add('ip', "[ipv4-addr:value = '198.51.100.7']");
  add('cidr', "[ipv4-addr:value = '203.0.113.0/24']");
  add('cidr-sub', "[ipv4-addr:value ISSUBSET '192.0.2.0/25']");
  add('v6', "[ipv6-addr:value = '2001:0db8:0000:0000:0000:0000:0000:0001']");
  add('v6-cidr', "[ipv6-addr:value = '2001:db8:bad::/48']");
  add('dst', "[network-traffic:dst_ref.value = '100.64.0.1']");
  add('domain', "[domain-name:value = 'evil.example']");
  add('subdomains', "[domain-name:value LIKE '%.evil.example']");
  add('url', "[url:value = 'http://evil.example/payload.zip']");
  add('md5', `[file:hashes.MD5 = '${MD5.toUpperCase()}']`);
  add('sha256', `[file:hashes.'SHA-256' = '${SHA256}']`);
  add('email', "[email-message:from_ref.value = 'Mallory@Evil.example']");
  add('user', "[user-account:account_login = 'svc_backup']");
  add('proc', "[process:name = 'mimikatz.exe' OR process:image_ref.name = 'mimikatz.exe']");
  add('in', "[domain-name:value IN ('a.example', 'b.example')]");

  it('indexes all of them; through a reference (dst_ref, from_ref) a hit is confirmed by evaluation', () => {
    expect(index.stats()).toMatchObject({ indicators: 15, exact: 13, candidates: 2, alwaysEvaluated: 0 });
  });

  it.each([
    ['an address', conn('10.0.0.1', '198.51.100.7'), ['ip']],
    ['an address in a block (=)', conn('10.0.0.1', '203.0.113.200'), ['cidr']],
    ['an address in a block (ISSUBSET)', conn('192.0.2.127', '10.0.0.1'), ['cidr-sub']],
    ['just outside the block', conn('192.0.2.128', '203.0.114.0'), []],
    ['IPv6 in another spelling', conn('2001:db8::1', '::1'), ['v6']],
    ['IPv6 block', conn('2001:db8:bad:ffff::1', '2001:db8:bae::'), ['v6-cidr']],
    ['the destination of network traffic', conn('100.64.0.1', '100.64.0.1'), ['dst']],
    ['the source is not the destination', conn('100.64.0.1', '10.0.0.1'), []],
  ])('%s', (_what, o, want) => expect(ids(index, o)).toEqual(want));

  it.each([
    ['EVIL.example.', ['domain']],
    ['www.evil.example', ['subdomains']],
    ['a.b.Evil.Example', ['subdomains']],
    ['notevil.example', []],
    ['evil.example.org', []],
    ['b.example', ['in']],
  ])('domain %s', (value, want) => expect(ids(index, obs({ type: 'domain-name', value }))).toEqual(want));

  it.each([
    ['HTTP://Evil.Example:80/payload.zip#top', ['url']],
    ['http://evil.example/Payload.zip', []],
    ['http://evil.example/payload.zip?x=1', []],
  ])('url %s', (value, want) => expect(ids(index, obs({ type: 'url', value }))).toEqual(want));

  it('hashes by algorithm, without case', () => {
    expect(ids(index, obs({ type: 'file', hashes: { MD5 } }))).toEqual(['md5']);
    expect(ids(index, obs({ type: 'file', hashes: { 'SHA-256': SHA256.toUpperCase() } }))).toEqual(['sha256']);
    expect(ids(index, obs({ type: 'file', hashes: { 'SHA-1': MD5 } }))).toEqual([]); // the value under another algorithm
  });

  it('e-mail, accounts, processes', () => {
    expect(ids(index, obs({ type: 'email-addr', id: 'e', value: 'mallory@evil.example' }, { type: 'email-message', from_ref: 'e' }))).toEqual(['email']);
    expect(ids(index, obs({ type: 'user-account', account_login: 'svc_backup' }))).toEqual(['user']);
    expect(ids(index, obs({ type: 'user-account', account_login: 'SVC_BACKUP' }))).toEqual([]);
    expect(ids(index, obs({ type: 'file', id: 'f', name: 'mimikatz.exe' }, { type: 'process', image_ref: 'f' }))).toEqual(['proc']);
  });

  it('reports the path, the value that matched and the meta data', () => {
    expect(index.matchObservation(conn('10.0.0.1', '203.0.113.9'))).toEqual([
      { indicatorId: 'cidr', observable: 'ipv4-addr:value', value: '203.0.113.9', meta: { score: 50 } },
    ]);
    expect(index.matchObservation(obs({ type: 'file', hashes: { sha256: SHA256 } }))).toEqual([
      { indicatorId: 'sha256', observable: "file:hashes.'SHA-256'", value: SHA256, meta: { score: 50 } },
    ]);
  });

  it('reports an indicator once even when several values hit it', () => {
    const both = obs({ type: 'domain-name', value: 'evil.example' }, { type: 'domain-name', value: 'EVIL.EXAMPLE' });
    expect(index.matchObservation(both)).toHaveLength(1);
  });
});

describe('IndicatorIndex: candidates and always-evaluated patterns', () => {
  it('a pattern with AND is evaluated in full once an atom is hit', () => {
    const index = new IndicatorIndex();
    expect(index.add('c2', "[network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]", undefined)).toEqual({ indexedAs: 'candidate', atoms: 1 });
    expect(ids(index, conn('10.0.0.1', '198.51.100.7', 443))).toEqual(['c2']);
    expect(ids(index, conn('10.0.0.1', '198.51.100.7', 80))).toEqual([]);
    expect(index.matchObservation(conn('10.0.0.1', '198.51.100.7', 443))[0]).toMatchObject({ observable: 'network-traffic:dst_ref.value', value: '198.51.100.7' });
  });

  it('picks the most selective operand of AND', () => {
    const index = new IndicatorIndex();
    expect(index.add('x', "[process:name = 'cmd.exe' AND process:image_ref.hashes.MD5 = '" + MD5 + "']", undefined)).toEqual({ indexedAs: 'candidate', atoms: 1 });
    // MISP writes addresses as a type test AND a value test: the type is everywhere, the value is not.
    index.add('misp', "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.7']", undefined);
    expect(index.stats()).toMatchObject({ paths: 2 });
    expect(ids(index, conn('10.0.0.1', '198.51.100.7'))).toEqual(['misp']);
    expect(ids(index, conn('10.0.0.1', '198.51.100.8'))).toEqual([]);
  });

  it('START/STOP is checked on the event time', () => {
    const index = new IndicatorIndex();
    index.add('w', "[domain-name:value = 'evil.example'] START t'2023-12-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'", undefined);
    index.add('old', "[domain-name:value = 'evil.example'] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'", undefined);
    expect(ids(index, obs({ type: 'domain-name', value: 'evil.example' }))).toEqual(['w']);
  });

  it('patterns without atoms are evaluated on every event, up to a limit', () => {
    const index = new IndicatorIndex({ maxAlwaysEvaluated: 2 });
    expect(index.add('re', "[process:command_line MATCHES 'sekurlsa::']", undefined)).toEqual({ indexedAs: 'always', atoms: 0 });
    expect(index.add('not', "[domain-name:value != 'good.example']", undefined).indexedAs).toBe('always');
    expect(() => index.add('third', '[file:size > 1000000]', undefined)).toThrow(expect.objectContaining({ code: 'PATTERN_LIMIT' }));
    // Replacing one of them is not a third.
    expect(index.add('re', "[process:command_line MATCHES 'lsadump::']", undefined).indexedAs).toBe('always');
    expect(ids(index, obs({ type: 'process', command_line: 'mimikatz lsadump::sam' }))).toEqual(['re']);
    expect(ids(index, obs({ type: 'domain-name', value: 'x.example' }))).toEqual(['not']);
  });

  it('recompiles candidates evicted from a small cache', () => {
    const index = new IndicatorIndex({ compiledCacheSize: 1 });
    for (let i = 0; i < 5; i++) index.add(`c${i}`, `[ipv4-addr:value = '10.0.0.${i}' AND ipv4-addr:value != '10.0.0.99']`, undefined);
    for (let round = 0; round < 2; round++) for (let i = 0; i < 5; i++) expect(ids(index, obs({ type: 'ipv4-addr', value: `10.0.0.${i}` }))).toEqual([`c${i}`]);
  });
});

describe('IndicatorIndex: updates without rebuilding', () => {
  it('add replaces, remove removes, and both take effect at once', () => {
    const index = new IndicatorIndex<number>();
    index.add('a', "[ipv4-addr:value = '10.0.0.1']", 1);
    index.add('b', "[ipv4-addr:value = '10.0.0.1']", 2);
    index.add('a', "[ipv4-addr:value = '10.9.0.0/16']", 3);
    expect(index.size).toBe(2);
    expect(index.matchObservation(obs({ type: 'ipv4-addr', value: '10.0.0.1' })).map((m) => [m.indicatorId, m.meta])).toEqual([['b', 2]]);
    expect(index.matchObservation(obs({ type: 'ipv4-addr', value: '10.9.8.7' })).map((m) => [m.indicatorId, m.meta])).toEqual([['a', 3]]);
    expect(index.remove('b')).toBe(true);
    expect(index.remove('b')).toBe(false);
    expect(ids(index, obs({ type: 'ipv4-addr', value: '10.0.0.1' }))).toEqual([]);
    expect(index.remove('a')).toBe(true);
    expect(index.stats()).toMatchObject({ indicators: 0, paths: 0, atoms: 0 });
    expect(index.has('a')).toBe(false);
  });

  it('a pattern that does not parse or cannot be matched live changes nothing', () => {
    const index = new IndicatorIndex();
    index.add('a', "[ipv4-addr:value = '10.0.0.1']", undefined);
    expect(() => index.add('a', "[ipv4-addr:value = '10.0.0.2'", undefined)).toThrow(PatternError);
    expect(() => index.add('a', "[ipv4-addr:value = '10.0.0.2'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.3']", undefined))
      .toThrow(expect.objectContaining({ code: 'PATTERN_UNSUPPORTED' }));
    expect(ids(index, obs({ type: 'ipv4-addr', value: '10.0.0.1' }))).toEqual(['a']);
  });

  it('reuses freed slots', () => {
    const index = new IndicatorIndex();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2000; i++) index.add(`i${i}`, `[domain-name:value = 'd${i}.example']`, undefined);
      expect(ids(index, obs({ type: 'domain-name', value: 'd1999.example' }))).toEqual(['i1999']);
      for (let i = 0; i < 2000; i++) index.remove(`i${i}`);
    }
    expect(index.size).toBe(0);
  });

  it('matches events through observablesOf', () => {
    const index = new IndicatorIndex();
    index.add('x', "[domain-name:value = 'c2.evil.example']", undefined);
    const ocsf = { class_uid: 4001, class_name: 'Network Activity', category_uid: 4, activity_id: 0, type_uid: 400100, time: 0, severity_id: 1, severity: 'Informational', metadata: { version: '1.3.0', product: {} }, dst_endpoint: { hostname: 'c2.evil.example', port: 443 } };
    expect(index.match({ ocsf }).map((m) => m.indicatorId)).toEqual(['x']);
    expect(new IndicatorIndex().match({ ocsf })).toEqual([]);
  });
});
