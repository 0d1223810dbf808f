import { describe, expect, it } from 'vitest';
import { BlocklistValueError, classify } from './values.ts';

describe('block-list values', () => {
  it('recognises and normalises addresses, networks, domains and URLs', () => {
    expect(classify(' 203.0.113.7 ')).toEqual({ kind: 'ipv4', value: '203.0.113.7' });
    expect(classify('2001:DB8:0:0::1')).toEqual({ kind: 'ipv6', value: '2001:db8::1' });
    expect(classify('198.51.100.77/24')).toEqual({ kind: 'cidr', value: '198.51.100.0/24' });
    expect(classify('2001:db8:abcd:12::5/48')).toEqual({ kind: 'cidr', value: '2001:db8:abcd::/48' });
    expect(classify('0.0.0.0/0')).toEqual({ kind: 'cidr', value: '0.0.0.0/0' });
    expect(classify('Evil.Example.')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classify('bücher.example')).toEqual({ kind: 'domain', value: 'xn--bcher-kva.example' });
    expect(classify('HTTPS://Evil.Example/login?x=1#top')).toEqual({ kind: 'url', value: 'https://evil.example/login?x=1' });
  });

  it('says what is wrong', () => {
    expect(() => classify('')).toThrow(BlocklistValueError);
    expect(() => classify('10.0.0.1/33')).toThrow(/not a CIDR network/);
    expect(() => classify('localhost')).toThrow(/not an IP address/);
    expect(() => classify('-bad-.example')).toThrow(/not an IP address/);
    expect(() => classify('https://user:pw@evil.example/')).toThrow(/credentials/);
    expect(() => classify('x'.repeat(3000))).toThrow(/longer than/);
    expect(() => classify('ftp://files.example/x')).toThrow(/not an IP address/);
  });
});
