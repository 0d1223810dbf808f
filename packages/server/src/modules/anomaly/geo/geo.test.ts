import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distanceKm, embeddedIpv4, isPublicIpv6, loadGeo, openGeo, parseIpv6 } from './geo.ts';

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

  // Expected values as the installed @ip-location-db tables have them.
  it('locates public IPv6 addresses by country and ASN from the shipped IPv6 tables', () => {
    expect(geo.lookup('2001:4860:4860::8888')).toMatchObject({ country: { country: 'US' }, asn: { number: 15169, org: 'Google LLC' } });
    expect(geo.lookup('2a00:1450:4001::1')).toMatchObject({ country: { country: 'IE' }, asn: { number: 15169 } }); // Google's European block
    expect(geo.lookup('2001:67c:2e8::1')).toMatchObject({ country: { country: 'NL' }, asn: { number: 3333, org: 'Reseaux IP Europeens Network Coordination Centre (RIPE NCC)' } });
    expect(geo.lookup('2001:7fd::1')).toMatchObject({ country: { country: 'NL' }, asn: { number: 25152 } }); // k.root-servers.net
    expect(geo.lookup('2620:fe::fe')).toMatchObject({ country: { country: 'US' }, asn: { number: 19281, org: 'Quad9' } });
    expect(geo.lookup('2a01:4f8::1')).toMatchObject({ country: { country: 'DE' }, asn: { number: 24940, org: 'Hetzner Online GmbH' } });
    // Any spelling of the address, a zone id or brackets: the same answer.
    const google = geo.lookup('2001:4860:4860::8888');
    for (const ip of ['2001:4860:4860:0:0:0:0:8888', '2001:4860:4860:0000:0000:0000:0000:8888', '2001:4860:4860::8888%eth0', '[2001:4860:4860::8888]', '2001:4860:4860::0.0.136.136']) {
      expect(geo.lookup(ip)).toEqual(google);
    }
  });

  it('locates an IPv4-mapped or NAT64 address as its IPv4 address', () => {
    const cf = geo.lookup('1.1.1.1');
    expect(cf.country?.country).toBeDefined();
    for (const ip of ['::ffff:1.1.1.1', '::FFFF:1.1.1.1', '::ffff:101:101', '0:0:0:0:0:ffff:1.1.1.1', '64:ff9b::1.1.1.1', '64:ff9b::101:101']) expect(geo.lookup(ip)).toEqual(cf);
    expect(geo.lookup('::ffff:10.1.2.3')).toEqual({});
    expect(geo.lookup('::ffff:127.0.0.1')).toEqual({});
    expect(geo.lookup('64:ff9b::192.168.0.1')).toEqual({});
  });

  it('never locates unspecified, loopback, link-local, unique-local, multicast, documentation or reserved IPv6', () => {
    // The shipped country table does place 2001:db8::/32 (in JP): the documentation range is excluded here.
    for (const ip of ['::', '::1', 'fe80::1', 'fe80::1%eth0', 'febf:ffff::1', 'fc00::1', 'fd12:3456:789a::1', 'ff02::1', 'ff0e::101',
      '2001:db8::1', '2001:db8:ffff::1', '3fff::1', '2001:2::1', '2001:10::1', '2001:20::1', '::1.2.3.4', '100::1', '4000::1', 'fec0::1']) {
      expect(geo.lookup(ip), ip).toEqual({});
    }
    expect(isPublicIpv6(parseIpv6('2001:db9::1')!)).toBe(true);
    expect(isPublicIpv6(parseIpv6('2001:db7:ffff::1')!)).toBe(true);
    expect(isPublicIpv6(parseIpv6('3ffe:ffff::1')!)).toBe(true);
  });

  it('parses IPv6 text: full, compressed, embedded IPv4, zone ids; malformed input gives nothing and never throws', () => {
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0]);
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 1]);
    expect(parseIpv6('2001:db8::1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIpv6('2001:0DB8:0000:0000:0000:0000:0000:0001')).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    expect(parseIpv6('1:2:3:4:5:6:7::')).toEqual([0x10002, 0x30004, 0x50006, 0x70000]);
    expect(parseIpv6('::2:3:4:5:6:7:8')).toEqual([0x2, 0x30004, 0x50006, 0x70008]);
    expect(parseIpv6('1::8')).toEqual([0x10000, 0, 0, 8]);
    expect(parseIpv6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    expect(parseIpv6('::ffff:192.0.2.1')).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect(parseIpv6('1:2:3:4:5:6:192.0.2.1')).toEqual([0x10002, 0x30004, 0x50006, 0xc0000201]);
    expect(parseIpv6('fe80::1%eth0')).toEqual([0xfe800000, 0, 0, 1]);
    expect(parseIpv6('fe80::1%12')).toEqual([0xfe800000, 0, 0, 1]);
    expect(parseIpv6('[::1]')).toEqual([0, 0, 0, 1]);
    expect(embeddedIpv4(parseIpv6('::ffff:192.0.2.1')!)).toBe(0xc0000201);
    expect(embeddedIpv4(parseIpv6('2001:db8::192.0.2.1')!)).toBeUndefined();
    const bad = ['', ':', ':::', '::::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7:8',
      ':1::', '1::2:', ':1:2:3:4:5:6:7:8', '::ffff:256.1.1.1', '::ffff:1.2.3', '::ffff:01.2.3.4', '1.2.3.4::', '1.2.3.4:1::', '::1.2.3.4:1',
      '1:2:3:4:5:6:7:1.2.3.4', 'fe80::1%', 'fe80::1%a b', 'fe80::1%a%b', 'localhost', ' ::1', '::1 ', '[::1', '::1]', '2001:db8::/32',
      'x'.repeat(10_000), `${'1:'.repeat(5000)}1`];
    for (const s of bad) {
      expect(parseIpv6(s), s).toBeUndefined();
      expect(geo.lookup(s), s).toEqual({});
    }
    expect(parseIpv6('1.2.3.4')).toBeUndefined(); // IPv4 text is not IPv6
    for (const v of [undefined, null, 42, {}] as unknown as string[]) {
      expect(parseIpv6(v)).toBeUndefined();
      expect(geo.lookup(v)).toEqual({});
    }
    // Agrees with Node's own validation on every form above (brackets aside, which Node does not take).
    for (const s of [...bad, '::', '::1', '2001:db8::1', '1:2:3:4:5:6:7::', '::ffff:192.0.2.1', 'fe80::1%eth0', '1:2:3:4:5:6:192.0.2.1']) {
      expect(parseIpv6(s) !== undefined, s).toBe(isIPv6(s));
    }
  });
});

describe('offline geolocation from configured files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** The 128-bit number of an address, in decimal (as the ip-location-db `*-ipv6-num.csv` files write it). */
  const num = (ip: string) => {
    const w = parseIpv6(ip)!;
    return ((BigInt(w[0]) << 96n) | (BigInt(w[1]) << 64n) | (BigInt(w[2]) << 32n) | BigInt(w[3])).toString();
  };
  const file = (name: string, lines: string[]) => {
    const p = join(dir, name);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
  const paths = {
    countryDb: file('v4-country.csv', ['16777216,16777471,AU']),
    asnDb: file('v4-asn.csv', ['16777216,16777471,13335,Cloudflare']),
    countryDbIpv6: file('v6-country.csv', [
      'start,end,country',
      // Out of order, nested: the most specific range answers, its enclosing one around it.
      `${num('2a00:1:2::')},${num('2a00:1:2:ffff:ffff:ffff:ffff:ffff')},IT`,
      `${num('2a00::')},${num('2a00:ffff:ffff:ffff:ffff:ffff:ffff:ffff')},FR`,
      `${num('2a00:1::')},${num('2a00:1:ffff:ffff:ffff:ffff:ffff:ffff')},DE`,
      `${num('3000::')},340282366920938463463374607431768211455,JP`,
      '340282366920938463463374607431768211456,340282366920938463463374607431768211456,US', // past 128 bits: skipped
      '16777216,16777471,AU', // an IPv4 row: skipped
      `${num('2c00::')},${num('2b00::')},BR`, // end before start: skipped
      'not,a,row',
    ]),
    asnDbIpv6: file('v6-asn.csv', [
      `${num('2a00:1::')},${num('2a00:1:ffff:ffff:ffff:ffff:ffff:ffff')},64500,"Example, ""Quoted"" Org"`,
      `${num('2a00:2::')},${num('2a00:2:ffff:ffff:ffff:ffff:ffff:ffff')},64501,Other`,
    ]),
  };

  it('reads IPv6 tables at configured paths: nested and unordered ranges, quoted names, bad rows skipped', () => {
    const geo = openGeo(paths);
    expect(geo.lookup('2a00:1:2::5')).toEqual({ country: expect.objectContaining({ country: 'IT' }), asn: { number: 64500, org: 'Example, "Quoted" Org' } });
    expect(geo.lookup('2a00:1:3::1')).toMatchObject({ country: { country: 'DE' }, asn: { number: 64500 } });
    expect(geo.lookup('2a00:1::1')).toMatchObject({ country: { country: 'DE' } });
    expect(geo.lookup('2a00:2::1')).toMatchObject({ country: { country: 'FR' }, asn: { number: 64501, org: 'Other' } });
    expect(geo.lookup('2a00::')).toMatchObject({ country: { country: 'FR' } });
    expect(geo.lookup('2a00:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ country: expect.objectContaining({ country: 'FR' }) });
    expect(geo.lookup('2a01::1')).toEqual({});
    expect(geo.lookup('29ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({});
    expect(geo.lookup('3abc::1')).toMatchObject({ country: { country: 'JP' } });
    expect(geo.lookup('3fff::1')).toEqual({}); // documentation, inside the JP row
    expect(geo.lookup('::ffff:1.0.0.1')).toMatchObject({ country: { country: 'AU' }, asn: { number: 13335 } });
  });

  it('loadGeo hands out the same lookup with its IPv6 tables loaded', async () => {
    const geo = await loadGeo(paths);
    expect(geo).toBe(openGeo(paths));
    expect(geo.lookup('2a00:1:3::1').country?.country).toBe('DE');
  });
});
