import { describe, expect, it } from 'vitest';
import { allowed, entryAllows, type Policy } from './policy.ts';

const entry = (value: string) => ({ job: 'impossible_travel', entity: '*', value });

describe('allow-list entries', () => {
  it('match values exactly (case-insensitive) or anything with *', () => {
    expect(entryAllows(entry('AS64500'), ['as64500'])).toBe(true);
    expect(entryAllows(entry('DE'), ['FR', 'de'])).toBe(true);
    expect(entryAllows(entry('DE'), ['FR'])).toBe(false);
    expect(entryAllows(entry('*'), ['anything'])).toBe(true);
  });

  it('match IPv4 networks, IPv4-mapped addresses included', () => {
    expect(entryAllows(entry('198.51.100.0/24'), ['198.51.100.7'])).toBe(true);
    expect(entryAllows(entry('198.51.100.0/24'), ['198.51.101.7'])).toBe(false);
    expect(entryAllows(entry('198.51.100.0/24'), ['::ffff:198.51.100.7'])).toBe(true);
    expect(entryAllows(entry('198.51.100.7'), ['::ffff:c633:6407'])).toBe(true);
    expect(entryAllows(entry('0.0.0.0/0'), ['203.0.113.9'])).toBe(true);
    expect(entryAllows(entry('0.0.0.0/0'), ['2001:db8::1'])).toBe(false);
    expect(entryAllows(entry('198.51.100.0/33'), ['198.51.100.7'])).toBe(false);
  });

  it('match IPv6 networks and addresses however they are written', () => {
    expect(entryAllows(entry('2001:db8:1::/48'), ['2001:db8:1:2::9'])).toBe(true);
    expect(entryAllows(entry('2001:db8:1::/48'), ['2001:DB8:0001:ffff:ffff:ffff:ffff:ffff'])).toBe(true);
    expect(entryAllows(entry('2001:db8:1::/48'), ['2001:db8:2::1'])).toBe(false);
    expect(entryAllows(entry('2001:db8:1::/48'), ['198.51.100.7'])).toBe(false);
    expect(entryAllows(entry('2001:db8:1:8000::/49'), ['2001:db8:1:8000::1'])).toBe(true);
    expect(entryAllows(entry('2001:db8:1:8000::/49'), ['2001:db8:1:7fff::1'])).toBe(false);
    expect(entryAllows(entry('2001:db8::/127'), ['2001:db8::1'])).toBe(true);
    expect(entryAllows(entry('2001:db8::/127'), ['2001:db8::2'])).toBe(false);
    expect(entryAllows(entry('::/0'), ['2a00:1450::1'])).toBe(true);
    expect(entryAllows(entry('2001:db8::1'), ['2001:0db8:0:0:0:0:0:1'])).toBe(true);
    expect(entryAllows(entry('2001:db8::1'), ['fe80::1%eth0', '2001:db8::2'])).toBe(false);
    expect(entryAllows(entry('::ffff:198.51.100.0/120'), ['198.51.100.200'])).toBe(true);
    expect(entryAllows(entry('2001:db8::/129'), ['2001:db8::1'])).toBe(false);
    expect(entryAllows(entry('2001:db8::/x'), ['2001:db8::1'])).toBe(false);
    expect(entryAllows(entry('not-an-ip/8'), ['2001:db8::1', 'garbage'])).toBe(false);
  });

  it('apply by job and entity', () => {
    const policy: Policy = { settings: new Map(), allow: [{ job: 'impossible_travel', entity: 'alice', value: '2001:db8:1::/48' }], suppressed: new Set() };
    expect(allowed(policy, 'impossible_travel', 'alice', ['2001:db8:1::5'])).toBe(true);
    expect(allowed(policy, 'impossible_travel', 'bob', ['2001:db8:1::5'])).toBe(false);
    expect(allowed(policy, 'first_seen_geo', 'alice', ['2001:db8:1::5'])).toBe(false);
  });
});
