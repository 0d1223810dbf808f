import { describe, expect, it } from 'vitest';
import { cidrMatcher, parseIp } from './cidr.ts';

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', [1, 2, 3, 4]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['::1', [...Array(15).fill(0), 1]],
    ['2001:db8::', [0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0)]],
    ['::ffff:1.2.3.4', [...Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]],
    ['fe80::1%eth0', [0xfe, 0x80, ...Array(13).fill(0), 1]],
  ])('%s', (text, bytes) => expect([...(parseIp(text) ?? [])]).toEqual(bytes));
  it.each(['1.2.3', '1.2.3.256', '1.2.3.4.5', 'a.b.c.d', '1::2::3', '12345::', ':::', '1:2:3:4:5:6:7:8:9', ''])('rejects %s', (text) => expect(parseIp(text)).toBeUndefined());
});

describe('cidrMatcher', () => {
  it.each(['10.0.0.0/33', '10.0.0.0/x', '::/129', 'nope/8', '10.0.0.0/8/8'])('rejects %s', (n) => expect(cidrMatcher(n)).toBeUndefined());
  it('a bare address is a /32', () => {
    const m = cidrMatcher('192.168.0.1')!;
    expect(m('192.168.0.1')).toBe(true);
    expect(m('192.168.0.2')).toBe(false);
  });
  it('full IPv6 form equals the short one', () => expect(cidrMatcher('2001:db8::/48')!('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true));
});
