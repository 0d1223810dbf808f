import { describe, expect, it } from 'vitest';
import { distanceKm, openGeo } from './geo.ts';

describe('offline geolocation', () => {
  const geo = openGeo();
  it('locates public IPv4 addresses by country and ASN from the shipped databases, never private ones', () => {
    const cf = geo.lookup('1.1.1.1');
    expect(cf.asn?.number).toBe(13335);
    expect(geo.lookup('10.1.2.3')).toEqual({});
    expect(geo.lookup('192.168.1.1')).toEqual({});
    expect(geo.lookup('not an ip')).toEqual({});
    const de = geo.rangesOf!('DE')[0]!;
    expect(geo.lookup(`${de[0] >>> 24}.${(de[0] >>> 16) & 255}.${(de[0] >>> 8) & 255}.${de[0] & 255}`).country?.country).toBe('DE');
  });
  it('measures distances between country centres', () => {
    const km = distanceKm(geo.country('FR')!, geo.country('AU')!);
    expect(km).toBeGreaterThan(14_000);
    expect(km).toBeLessThan(17_500);
  });
});
