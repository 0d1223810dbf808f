import { describe, expect, it } from 'vitest';
import { compileLive } from './live.ts';
import type { Observation, ObservedObject } from './observation.ts';

const obs = (...objects: ObservedObject[]): Observation => ({ objects, firstObserved: 1_000, lastObserved: 1_000 });
const holds = (pattern: string, o: Observation): boolean => compileLive(pattern).match(o) !== undefined;

const file: ObservedObject = {
  type: 'file', id: 'f', name: 'Report.PDF', size: 371712, created: '2014-01-13T07:03:17Z', magic_number_hex: 'FFD8',
  hashes: { MD5: 'CEAD3F77F6CDA6EC00F57D76C9A6879F', 'SHA-256': 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' },
  tags: ['a', 'b'], is_encrypted: false,
};
const one = obs(file);

describe('comparison operators over one object (truth table)', () => {
  it.each([
    // equality: strings exact and case-sensitive for plain properties
    ["[file:name = 'Report.PDF']", true],
    ["[file:name = 'report.pdf']", false],
    ["[file:name != 'report.pdf']", true],
    ["[file:name NOT = 'Report.PDF']", false],
    ["[file:name != 'Report.PDF']", false],
    // numbers, booleans, no coercion between strings and numbers
    ['[file:size = 371712]', true],
    ['[file:size = 371712.0]', true],
    ["[file:size = '371712']", false],
    ["[file:size != '371712']", false], // not comparable: false whatever the operator
    ['[file:is_encrypted = false]', true],
    ['[file:is_encrypted != true]', true],
    // ordering
    ['[file:size > 371711]', true],
    ['[file:size >= 371712]', true],
    ['[file:size < 371712]', false],
    ['[file:size <= 371712]', true],
    ['[file:size NOT < 371712]', true],
    ["[file:name > 'Q']", true],
    ["[file:name < 'Q']", false],
    ["[file:created > t'2014-01-01T00:00:00Z']", true],
    ["[file:created = t'2014-01-13T07:03:17.000Z']", true],
    ["[file:created < t'2014-01-13T07:03:17Z']", false],
    // IN
    ["[file:name IN ('a', 'Report.PDF')]", true],
    ["[file:name IN ('a', 'b')]", false],
    ["[file:name NOT IN ('a', 'b')]", true],
    ['[file:size IN (1, 371712)]', true],
    ["[file:size IN ('371712')]", false],
    ["[file:size NOT IN ('371712')]", false],
    // LIKE and MATCHES
    ["[file:name LIKE 'Report.%']", true],
    ["[file:name LIKE 'report.%']", false],
    ["[file:name LIKE 'R_port.PDF']", true],
    ["[file:name LIKE 'R_port']", false],
    ["[file:name NOT LIKE '%.exe']", true],
    ["[file:name MATCHES '^Rep.*PDF$']", true],
    ["[file:name MATCHES 'port']", true], // a search, not a full match
    ["[file:name MATCHES '^port']", false],
    ["[file:name NOT MATCHES '\\\\.exe$']", true],
    ['[file:size MATCHES \'^3\']', false], // a number is not text
    // hashes: keys by algorithm name, values without case
    ["[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']", true],
    ["[file:hashes.md5 = 'CEAD3F77F6CDA6EC00F57D76C9A6879F']", true],
    ["[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F']", true],
    ["[file:hashes.SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']", true],
    ["[file:hashes.'SHA-1' = 'aec070645fe53ee3b3763059376134f058cc3372']", false],
    ["[file:hashes.MD5 LIKE 'cead%']", true],
    ["[file:hashes.MD5 MATCHES '^cead']", true],
    // hex and binary
    ["[file:magic_number_hex = h'ffd8']", true],
    ["[file:magic_number_hex = h'ffd9']", false],
    ["[file:magic_number_hex > h'ff']", true],
    // lists
    ["[file:tags[*] = 'b']", true],
    ["[file:tags[0] = 'b']", false],
    ["[file:tags[1] = 'b']", true],
    ["[file:tags[-1] = 'b']", true],
    ["[file:tags[5] = 'b']", false],
    ["[file:tags = 'a']", false], // a list is not a string
    ["[file:tags[*] != 'a']", true], // one element differs
    // EXISTS
    ['[EXISTS file:name]', true],
    ['[EXISTS file:mime_type]', false],
    ['[NOT EXISTS file:mime_type]', true],
    ['[EXISTS file:hashes.md5]', true],
    // missing properties never match, negated or not
    ["[file:mime_type = 'x']", false],
    ["[file:mime_type != 'x']", false],
    ["[file:mime_type NOT = 'x']", false],
    // other object types
    ["[process:name = 'Report.PDF']", false],
  ])('%s → %s', (pattern, want) => expect(holds(pattern, one)).toBe(want));
});

describe('AND, OR and the object they bind to', () => {
  const two = obs(
    { type: 'file', id: 'a', name: 'a.exe', size: 1 },
    { type: 'file', id: 'b', name: 'b.exe', size: 2 },
  );
  it.each([
    ["[file:name = 'a.exe' AND file:size = 1]", true],
    ["[file:name = 'a.exe' AND file:size = 2]", false], // the tests hold for different files
    ["[file:name = 'a.exe' OR file:size = 2]", true],
    ["[(file:name = 'x' OR file:name = 'b.exe') AND file:size = 2]", true],
    ["[file:name = 'a.exe' AND process:pid = 1]", false], // AND across types never holds for one object
    ["[file:name = 'zzz' OR process:pid = 1]", false],
  ])('%s → %s', (pattern, want) => expect(holds(pattern, two)).toBe(want));

  it('reports the first test that held and its value', () => {
    expect(compileLive("[file:size = 2 AND file:name LIKE '%.exe']").match(two)).toEqual({ observable: 'file:size', value: '2' });
    expect(compileLive("[file:name = 'x' OR file:name = 'b.exe']").match(two)).toEqual({ observable: 'file:name', value: 'b.exe' });
  });
});

describe('references', () => {
  const traffic = obs(
    { type: 'ipv4-addr', id: '1', value: '10.0.0.5' },
    { type: 'domain-name', id: '2', value: 'Evil.Example.com', resolves_to_refs: ['1'] },
    { type: 'network-traffic', id: '3', src_ref: '1', dst_ref: '2', dst_port: 443, protocols: ['tcp'] },
    { type: 'email-addr', id: '4', value: 'Mallory@Example.COM' },
    { type: 'email-message', id: '5', from_ref: '4', to_refs: ['4'], subject: 'hi' },
  );
  it.each([
    ["[network-traffic:src_ref.value = '10.0.0.5']", true],
    ["[network-traffic:src_ref.value ISSUBSET '10.0.0.0/8']", true],
    ["[network-traffic:dst_ref.value = 'evil.example.com']", true], // the target is a domain-name: no case
    ["[network-traffic:dst_ref.type = 'domain-name']", true],
    ["[network-traffic:src_ref = '1']", true], // the reference itself is the id
    ["[network-traffic:dst_port = 443 AND network-traffic:protocols[*] = 'tcp']", true],
    ["[domain-name:resolves_to_refs[*].value = '10.0.0.5']", true],
    ["[domain-name:resolves_to_refs[0].value = '10.0.0.0/24']", true],
    ["[email-message:from_ref.value = 'mallory@example.com']", true],
    ["[email-message:to_refs[*].value MATCHES '^mallory@']", true], // e-mail addresses without case
    ["[email-message:subject = 'HI']", false],
    ['[network-traffic:missing_ref.value = 1]', false],
  ])('%s → %s', (pattern, want) => expect(holds(pattern, traffic)).toBe(want));
});

describe('observable kinds', () => {
  const o = obs(
    { type: 'ipv4-addr', id: '1', value: '198.51.100.7' },
    { type: 'ipv6-addr', id: '2', value: '2001:db8:0:0::1' },
    { type: 'domain-name', id: '3', value: 'WWW.Example.COM.' },
    { type: 'url', id: '4', value: 'HTTP://Example.COM:80/a/../Path?q=1#frag' },
    { type: 'user-account', id: '5', account_login: 'Administrator' },
  );
  it.each([
    // IPv4: = with an address or a block holding it; ISSUBSET / ISSUPERSET
    ["[ipv4-addr:value = '198.51.100.7']", true],
    ["[ipv4-addr:value = '198.51.100.7/32']", true],
    ["[ipv4-addr:value = '198.51.100.0/24']", true],
    ["[ipv4-addr:value = '198.51.101.0/24']", false],
    ["[ipv4-addr:value != '198.51.101.0/24']", true],
    ["[ipv4-addr:value ISSUBSET '198.51.0.0/16']", true],
    ["[ipv4-addr:value NOT ISSUBSET '198.51.0.0/16']", false],
    ["[ipv4-addr:value ISSUPERSET '198.51.100.7']", true],
    ["[ipv4-addr:value ISSUPERSET '198.51.100.0/24']", false],
    ["[ipv4-addr:value = '0.0.0.0/0']", true],
    ["[ipv4-addr:value = 'not an address']", false],
    ["[ipv4-addr:value != 'not an address']", false],
    // IPv6: textual forms do not matter
    ["[ipv6-addr:value = '2001:0db8:0000:0000:0000:0000:0000:0001']", true],
    ["[ipv6-addr:value = '2001:db8::/32']", true],
    ["[ipv6-addr:value ISSUBSET '2001:db8::/127']", true],
    ["[ipv6-addr:value ISSUBSET '2001:db8::2/127']", false],
    ["[ipv6-addr:value ISSUBSET '198.51.100.0/24']", false],
    // domain names: no case, one trailing dot, no subdomains unless the pattern says so
    ["[domain-name:value = 'www.example.com']", true],
    ["[domain-name:value = 'example.com']", false],
    ["[domain-name:value LIKE '%.example.com.']", true],
    ["[domain-name:value MATCHES '(^|\\\\.)example\\\\.com\\\\.?$']", true],
    // URLs: normalised for equality
    ["[url:value = 'http://example.com/Path?q=1']", true],
    ["[url:value = 'http://example.com/path?q=1']", false],
    ["[url:value LIKE 'HTTP://Example.COM:80/%']", true], // LIKE sees the value as written
    // accounts: exact
    ["[user-account:account_login = 'Administrator']", true],
    ["[user-account:account_login = 'administrator']", false],
  ])('%s → %s', (pattern, want) => expect(holds(pattern, o)).toBe(want));
});

describe('MATCHES is linear-time and refuses what RE2 cannot do', () => {
  it('refuses back-references with the offset of the expression', () => {
    expect(() => compileLive("[file:name MATCHES '(a)\\\\1']")).toThrow(expect.objectContaining({ code: 'PATTERN_UNSUPPORTED', offset: 19 }));
  });
  it('evaluates a catastrophic pattern quickly', () => {
    const m = compileLive("[file:name MATCHES '^(a+)+$']");
    const t = performance.now();
    expect(m.match(obs({ type: 'file', name: `${'a'.repeat(50_000)}!` }))).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(2000);
  });
  it('applies to binary properties byte by byte', () => {
    const pcap = Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00]).toString('base64');
    expect(holds("[artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1']", obs({ type: 'artifact', payload_bin: pcap }))).toBe(true);
    expect(holds("[artifact:payload_bin = b'1MOyoQIABAA=']", obs({ type: 'artifact', payload_bin: pcap }))).toBe(true);
  });
});
