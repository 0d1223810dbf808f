import { describe, expect, it } from 'vitest';
import { blocklistKindLabel, fetchUrls, ttlMinutes } from './blocklist.ts';

describe('block list words', () => {
  it('gives the fetch addresses on this origin', () => {
    expect(fetchUrls('https://bulwark.example/').map((u) => u.url)).toEqual([
      'https://bulwark.example/api/v1/blocklist.txt',
      'https://bulwark.example/api/v1/blocklist.txt?kind=ipv4,cidr',
      'https://bulwark.example/api/v1/blocklist.stix',
    ]);
  });

  it('turns a time to live into minutes within the server limit', () => {
    expect(ttlMinutes('', 'days')).toBeUndefined();
    expect(ttlMinutes(0, 'hours')).toBeUndefined();
    expect(ttlMinutes(90, 'minutes')).toBe(90);
    expect(ttlMinutes('2', 'hours')).toBe(120);
    expect(ttlMinutes(7, 'days')).toBe(10_080);
    expect(ttlMinutes(3650, 'days')).toBe(5_256_000);
    expect(ttlMinutes(3651, 'days')).toEqual({ error: 'Time to live is at most ten years' });
    expect(ttlMinutes(1.5, 'hours')).toEqual({ error: 'Time to live must be a whole number' });
    expect(ttlMinutes('x', 'hours')).toEqual({ error: 'Time to live must be a whole number' });
  });

  it('labels kinds, and leaves unknown ones as they are', () => {
    expect(blocklistKindLabel('cidr')).toBe('Network (CIDR)');
    expect(blocklistKindLabel('constructor')).toBe('constructor');
  });
});
