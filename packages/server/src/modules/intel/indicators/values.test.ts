import { describe, expect, it } from 'vitest';
import { objectValues, patternValues } from './values.ts';

describe('comparable values of objects', () => {
  it('takes the values a pattern compares with, canonical for their kind', () => {
    expect(patternValues("[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'Evil.Example.']")).toEqual([
      { kind: 'ipv4-addr', value: '198.51.100.7' }, { kind: 'domain-name', value: 'evil.example' },
    ]);
    expect(patternValues("[file:hashes.sha256 = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F' AND file:name = 'x.exe']")).toEqual([
      { kind: 'hash:SHA-256', value: 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' },
    ]);
    expect(patternValues("[ipv6-addr:value ISSUBSET '2001:DB8::/32'] AND [email-addr:value IN ('A@Example.org', 'b@example.org')]")).toEqual([
      { kind: 'ipv6-addr', value: '2001:db8::/32' }, { kind: 'email-addr', value: 'a@example.org' }, { kind: 'email-addr', value: 'b@example.org' },
    ]);
    // Through a reference the kind is told by the value's form.
    expect(patternValues("[network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 443]")).toEqual([{ kind: 'ipv4-addr', value: '203.0.113.5' }]);
    expect(patternValues("[url:value = 'HTTP://Evil.Example/a#frag']")).toEqual([{ kind: 'url', value: 'http://evil.example/a' }]);
  });

  it('leaves out negations, other operators and patterns that do not parse', () => {
    expect(patternValues("[ipv4-addr:value != '198.51.100.7']")).toEqual([]);
    expect(patternValues("[domain-name:value LIKE '%.example.com']")).toEqual([]);
    expect(patternValues('[not a pattern')).toEqual([]);
  });

  it('takes observable values and hashes, deduplicated', () => {
    expect(objectValues({ type: 'domain-name', value: 'EXAMPLE.org' })).toEqual([{ kind: 'domain-name', value: 'example.org' }]);
    expect(objectValues({ type: 'file', name: 'a', hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E', 'SHA-1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709' } })).toEqual([
      { kind: 'hash:MD5', value: 'd41d8cd98f00b204e9800998ecf8427e' }, { kind: 'hash:SHA-1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
    ]);
    expect(objectValues({ type: 'indicator', pattern_type: 'stix', pattern: "[ipv4-addr:value = '192.0.2.1'] OR [ipv4-addr:value = '192.0.2.1']" })).toEqual([{ kind: 'ipv4-addr', value: '192.0.2.1' }]);
    expect(objectValues({ type: 'indicator', pattern_type: 'sigma', pattern: 'title: x' })).toEqual([]);
    expect(objectValues({ type: 'malware', name: 'x', is_family: true })).toEqual([]);
  });
});
