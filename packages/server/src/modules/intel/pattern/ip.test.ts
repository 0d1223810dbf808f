import { describe, expect, it } from 'vitest';
import { canonicalIp, formatIpRange, ipContains, parseIpRange } from './ip.ts';

const r = (s: string) => {
  const x = parseIpRange(s);
  if (!x) throw new Error(`not an address: ${s}`);
  return x;
};

describe('parseIpRange / canonical text', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.1.2.3/8', '10.0.0.0/8'], // host bits cleared
    ['203.0.113.33/32', '203.0.113.33'], // a /32 is the address
    ['192.168.1.1/31', '192.168.1.0/31'],
    ['2001:0db8:dead:beef:0000:0000:0000:0000/64', '2001:db8:dead:beef::/64'],
    ['2001:DB8::1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['::/0', '::/0'],
    ['1::', '1::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // RFC 5952: the first of two equal zero runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['2001:db8::ffff/127', '2001:db8::fffe/127'],
  ])('%s → %s', (input, canonical) => {
    expect(formatIpRange(r(input))).toBe(canonical);
    expect(canonicalIp(input)).toBe(canonical);
  });

  it.each(['1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4.5', '1.2.3.4/33', '1.2.3.4/', '1.2.3.4/08', '::1/129', '1::2::3', ':::',
    '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '[::1]', 'fe80::1%eth0', '', ' 1.2.3.4', 'example.com', '1.2.3.4/-1',
    '1.2.3.4.', '.1.2.3.4', '1..2.3', '1.2.3.04', '1.2.3.4 ', '1.2.3.+4', '1.2.3'])('rejects %j', (s) => {
    expect(parseIpRange(s)).toBeUndefined();
  });
});

describe('ipContains', () => {
  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['0.0.0.0/0', '255.255.255.255', true],
    ['0.0.0.0/0', '::1', false], // families never mix
    ['::/0', '1.2.3.4', false],
    ['192.168.1.0/31', '192.168.1.1', true],
    ['192.168.1.0/31', '192.168.1.2', false],
    ['1.2.3.4', '1.2.3.4', true],
    ['1.2.3.4', '1.2.3.5', false],
    ['2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:db8::/32', '2001:db9::', false],
    ['2001:db8::/33', '2001:db8:8000::', false],
    ['2001:db8::/33', '2001:db8:7fff::', true],
    ['::ffff:0:0/96', '::ffff:192.0.2.1', true],
    ['::/0', '::', true],
  ])('%s ⊇ %s is %s', (outer, inner, want) => expect(ipContains(r(outer), r(inner))).toBe(want));
});
