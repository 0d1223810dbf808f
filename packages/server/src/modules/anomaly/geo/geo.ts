// Offline IP geolocation for the anomaly jobs: country and ASN of an IPv4 address from the CSV
// databases that the @ip-location-db packages ship (or files at configured paths, same layout:
// `first,last,country` and `first,last,asn,organisation`, addresses as integers), and a country's
// coordinates from world-countries. Country-level positions: travel distances are between country
// centres, so the travel job only judges moves between countries (documented in the README).
// No network access; IPv6 addresses are not located yet.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { isIPv4 } from 'node:net';

export interface GeoPoint {
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
}

export interface GeoInfo {
  readonly country?: GeoPoint;
  readonly asn?: { readonly number: number; readonly org: string };
}

export interface GeoLookup {
  lookup(ip: string): GeoInfo;
  /** A country's centre, by ISO 3166-1 alpha-2 code. */
  country(code: string): GeoPoint | undefined;
  /** IPv4 ranges located in a country (for the log generator). */
  rangesOf?(code: string): ReadonlyArray<readonly [number, number]>;
}

export interface GeoPaths {
  readonly countryDb?: string;
  readonly asnDb?: string;
}

const require = createRequire(import.meta.url);

export function defaultGeoPaths(): Required<GeoPaths> {
  return {
    countryDb: require.resolve('@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4-num.csv'),
    asnDb: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
  };
}

export function ipv4ToInt(ip: string): number | undefined {
  if (!isIPv4(ip)) return undefined;
  const p = ip.split('.');
  return ((Number(p[0]) << 24) >>> 0) + (Number(p[1]) << 16) + (Number(p[2]) << 8) + Number(p[3]);
}

export function intToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Private, loopback, link-local, CGNAT, multicast and reserved IPv4: never located. */
export function isPublicIpv4(n: number): boolean {
  const a = n >>> 24;
  const b = (n >>> 16) & 255;
  if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
  if (a === 172 && b >= 16 && b < 32) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  if (a === 100 && b >= 64 && b < 128) return false;
  return true;
}

class RangeTable<T> {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly values: T[];

  constructor(starts: number[], ends: number[], values: T[]) {
    this.starts = Uint32Array.from(starts);
    this.ends = Uint32Array.from(ends);
    this.values = values;
  }

  find(n: number): T | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && n <= this.ends[hi]! ? this.values[hi] : undefined;
  }
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      let v = '';
      while (j < line.length) {
        if (line[j] === '"' && line[j + 1] === '"') { v += '"'; j += 2; continue; }
        if (line[j] === '"') break;
        v += line[j++];
      }
      out.push(v);
      i = j + 2;
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

type RowValue<T> = (cols: string[]) => T | undefined;

function tableBuilder<T>(value: RowValue<T>) {
  const starts: number[] = [];
  const ends: number[] = [];
  const values: T[] = [];
  return {
    add(line: string): void {
      if (!line) return;
      const cols = parseCsvLine(line);
      const a = Number(cols[0]);
      const b = Number(cols[1]);
      if (!Number.isInteger(a) || !Number.isInteger(b) || a > 0xffffffff) return; // a header or an IPv6 row
      const v = value(cols);
      if (v === undefined) return;
      starts.push(a);
      ends.push(b);
      values.push(v);
    },
    build: () => new RangeTable(starts, ends, values),
  };
}

function loadTable<T>(path: string, value: RowValue<T>): RangeTable<T> {
  const b = tableBuilder(value);
  for (const line of readFileSync(path, 'utf8').split('\n')) b.add(line);
  return b.build();
}

/** Same, in slices of 20,000 lines with a turn of the event loop between them (a server keeps answering). */
async function loadTableAsync<T>(path: string, value: RowValue<T>): Promise<RangeTable<T>> {
  const b = tableBuilder(value);
  const lines = (await readFile(path, 'utf8')).split('\n');
  for (let i = 0; i < lines.length; i++) {
    b.add(lines[i]!);
    if (i % 20_000 === 19_999) await yieldToLoop();
  }
  return b.build();
}

interface CountryRow { cca2: string; latlng: [number, number] }

function countryCentres(): Map<string, GeoPoint> {
  const rows = require('world-countries/countries.json') as CountryRow[];
  return new Map(rows.map((r) => [r.cca2, { country: r.cca2, lat: r.latlng[0], lon: r.latlng[1] }]));
}

const cache = new Map<string, GeoLookup>();

function resolvePaths(paths: GeoPaths): { countryDb: string; asnDb: string; key: string } {
  const def = defaultGeoPaths();
  const countryDb = paths.countryDb ?? def.countryDb;
  const asnDb = paths.asnDb ?? def.asnDb;
  return { countryDb, asnDb, key: `${countryDb}\n${asnDb}` };
}

const countryValue = (centres: Map<string, GeoPoint>): RowValue<GeoPoint> => (c) => centres.get((c[2] ?? '').toUpperCase());
const asnValue: RowValue<{ number: number; org: string }> = (c) => {
  const n = Number(c[2]);
  return Number.isInteger(n) ? { number: n, org: (c[3] ?? '').slice(0, 200) } : undefined;
};

/** Loads (once per pair of paths) the databases; about a second and ~30 MB for the default ones. */
export function openGeo(paths: GeoPaths = {}): GeoLookup {
  const { countryDb, asnDb, key } = resolvePaths(paths);
  const hit = cache.get(key);
  if (hit) return hit;
  const centres = countryCentres();
  const geo = lookupOf(centres, loadTable(countryDb, countryValue(centres)), loadTable(asnDb, asnValue));
  cache.set(key, geo);
  return geo;
}

/** The same without blocking the event loop for long (the server's worker loads it this way). */
const loading = new Map<string, Promise<GeoLookup>>();

export async function loadGeo(paths: GeoPaths = {}): Promise<GeoLookup> {
  const { key } = resolvePaths(paths);
  const hit = cache.get(key);
  if (hit) return hit;
  // Several modules of one process may ask at once (anomaly jobs, the AI gateway): the tables load once.
  let p = loading.get(key);
  if (!p) {
    p = loadGeoNow(paths).finally(() => loading.delete(key));
    loading.set(key, p);
  }
  return p;
}

async function loadGeoNow(paths: GeoPaths): Promise<GeoLookup> {
  const { countryDb, asnDb, key } = resolvePaths(paths);
  const hit = cache.get(key);
  if (hit) return hit;
  const centres = countryCentres();
  const geo = lookupOf(centres, await loadTableAsync(countryDb, countryValue(centres)), await loadTableAsync(asnDb, asnValue));
  cache.set(key, geo);
  return geo;
}

function lookupOf(centres: Map<string, GeoPoint>, countries: RangeTable<GeoPoint>, asns: RangeTable<{ number: number; org: string }>): GeoLookup {
  let byCountry: Map<string, Array<[number, number]>> | undefined;
  return {
    lookup(ip) {
      const n = ipv4ToInt(ip);
      if (n === undefined || !isPublicIpv4(n)) return {};
      const country = countries.find(n);
      const asn = asns.find(n);
      return { ...(country ? { country } : {}), ...(asn ? { asn } : {}) };
    },
    country: (code) => centres.get(code.toUpperCase()),
    rangesOf(code) {
      if (!byCountry) {
        byCountry = new Map();
        for (let i = 0; i < countries.values.length; i++) {
          const c = countries.values[i]!.country;
          let list = byCountry.get(c);
          if (!list) byCountry.set(c, (list = []));
          list.push([countries.starts[i]!, countries.ends[i]!]);
        }
      }
      return byCountry.get(code.toUpperCase()) ?? [];
    },
  };
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
