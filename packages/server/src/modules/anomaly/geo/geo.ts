// Offline IP geolocation for the anomaly jobs: country and ASN of an IPv4 or IPv6 address from the CSV
// databases that the @ip-location-db packages ship (or files at configured paths, same layout:
// `first,last,country` and `first,last,asn,organisation`, addresses as integers — 128-bit decimals in
// the IPv6 files), and a country's coordinates from world-countries. Country-level positions: travel
// distances are between country centres, so the travel job only judges moves between countries
// (documented in the README). An IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address is
// located as its IPv4 address. No network access.
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
  /** The IPv6 tables (same layouts, addresses as 128-bit integers in decimal). */
  readonly countryDbIpv6?: string;
  readonly asnDbIpv6?: string;
}

const require = createRequire(import.meta.url);

export function defaultGeoPaths(): Required<GeoPaths> {
  return {
    countryDb: require.resolve('@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4-num.csv'),
    asnDb: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
    countryDbIpv6: require.resolve('@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv6-num.csv'),
    asnDbIpv6: require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'),
  };
}

/** The configured paths (`config.anomaly`; unset ones: the packages' files). */
export function geoPathsOf(c: { readonly geoCountryDb?: string; readonly geoAsnDb?: string; readonly geoCountryDbIpv6?: string; readonly geoAsnDbIpv6?: string }): GeoPaths {
  return {
    ...(c.geoCountryDb ? { countryDb: c.geoCountryDb } : {}),
    ...(c.geoAsnDb ? { asnDb: c.geoAsnDb } : {}),
    ...(c.geoCountryDbIpv6 ? { countryDbIpv6: c.geoCountryDbIpv6 } : {}),
    ...(c.geoAsnDbIpv6 ? { asnDbIpv6: c.geoAsnDbIpv6 } : {}),
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

/** An IPv6 address as four 32-bit words, most significant first. */
export type Ipv6Words = readonly [number, number, number, number];

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[\w.~-]{1,64}$/;

/**
 * Parses IPv6 text: full, compressed (`::`), with an embedded IPv4 tail (`::ffff:192.0.2.1`),
 * optionally in brackets, a zone id (`%eth0`) ignored. Anything else (IPv4 text included): undefined.
 */
export function parseIpv6(text: string): Ipv6Words | undefined {
  if (typeof text !== 'string' || text.length > 120) return undefined;
  let s = text;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (!ZONE.test(s.slice(pct + 1))) return undefined;
    s = s.slice(0, pct);
  }
  if (s.length < 2 || s.length > 45) return undefined;
  const gap = s.indexOf('::');
  if (gap >= 0 && s.indexOf('::', gap + 1) >= 0) return undefined;
  const head = gap >= 0 ? s.slice(0, gap) : s;
  const tail = gap >= 0 ? s.slice(gap + 2) : '';
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups: number[] = [];
  const last = gap >= 0 ? back : front;
  // A dotted IPv4 address may end the address (two groups).
  let v4: number | undefined;
  if (last.length && last[last.length - 1]!.includes('.')) {
    v4 = ipv4ToInt(last.pop()!);
    if (v4 === undefined) return undefined;
  }
  const parts = (list: string[], out: number[]): boolean => {
    for (const g of list) {
      if (!HEX_GROUP.test(g)) return false;
      out.push(parseInt(g, 16));
    }
    return true;
  };
  const after: number[] = [];
  if (!parts(front, groups) || !parts(back, after)) return undefined;
  if (v4 !== undefined) after.push(v4 >>> 16, v4 & 0xffff);
  if (gap < 0 && v4 !== undefined) groups.push(...after.splice(0));
  const count = groups.length + after.length;
  if (gap >= 0 ? count > 7 : count !== 8) return undefined;
  while (groups.length + after.length < 8) groups.push(0);
  groups.push(...after);
  const w = (i: number) => ((groups[2 * i]! << 16) | groups[2 * i + 1]!) >>> 0;
  return [w(0), w(1), w(2), w(3)];
}

/** The IPv4 address an IPv6 one stands for: IPv4-mapped (::ffff:0:0/96) or NAT64 well-known prefix (64:ff9b::/96). */
export function embeddedIpv4(w: Ipv6Words): number | undefined {
  if (w[1] !== 0) return undefined;
  if (w[0] === 0 && w[2] === 0xffff) return w[3];
  if (w[0] === 0x0064ff9b && w[2] === 0) return w[3];
  return undefined;
}

/**
 * Global unicast IPv6 (2000::/3) that may be located: not documentation (2001:db8::/32, 3fff::/20),
 * benchmarking (2001:2::/48) or ORCHID (2001:10::/28, 2001:20::/28). Everything outside 2000::/3 —
 * unspecified, loopback, link-local fe80::/10, unique-local fc00::/7, multicast ff00::/8, the other
 * reserved blocks — is never located (nor allocated).
 */
export function isPublicIpv6(w: Ipv6Words): boolean {
  const [a, b] = w;
  if (a >>> 29 !== 1) return false;
  if (a === 0x20010db8) return false;
  if (a >>> 12 === 0x3fff0) return false;
  if (a === 0x20010002 && b >>> 16 === 0) return false;
  if ((a & 0xfffffff0) === 0x20010010 || (a & 0xfffffff0) === 0x20010020) return false;
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

interface Builder<R> {
  add(line: string): void;
  build(): R;
}

function tableBuilder<T>(value: RowValue<T>): Builder<RangeTable<T>> {
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

const TWO32 = 4294967296;
const DECIMAL = /^\d{1,39}$/;

/** A 128-bit unsigned decimal into four words at `out[o..o+3]` (no BigInt); false when not one. */
function decimal128(text: string, out: Uint32Array, o: number): boolean {
  if (!DECIMAL.test(text)) return false;
  let w0 = 0, w1 = 0, w2 = 0, w3 = 0;
  // Six digits at a time: a word times 10^6 plus a carry stays below 2^53.
  for (let i = 0; i < text.length; i += 6) {
    const chunk = text.slice(i, i + 6);
    const mul = 10 ** chunk.length;
    let x = w3 * mul + Number(chunk);
    w3 = x >>> 0;
    x = w2 * mul + Math.floor(x / TWO32);
    w2 = x >>> 0;
    x = w1 * mul + Math.floor(x / TWO32);
    w1 = x >>> 0;
    x = w0 * mul + Math.floor(x / TWO32);
    if (x >= TWO32) return false;
    w0 = x;
  }
  out[o] = w0; out[o + 1] = w1; out[o + 2] = w2; out[o + 3] = w3;
  return true;
}

/** Compares the 128-bit number at `a[i*4..]` with (w0, w1, w2, w3). */
function cmp128(a: Uint32Array, i: number, w0: number, w1: number, w2: number, w3: number): number {
  const o = i * 4;
  let x = a[o]!;
  if (x !== w0) return x < w0 ? -1 : 1;
  x = a[o + 1]!;
  if (x !== w1) return x < w1 ? -1 : 1;
  x = a[o + 2]!;
  if (x !== w2) return x < w2 ? -1 : 1;
  x = a[o + 3]!;
  return x === w3 ? 0 : x < w3 ? -1 : 1;
}

/**
 * IPv6 ranges: starts and ends as four 32-bit words each (32 bytes a row), a value index per row into
 * the distinct values, and for nested ranges (a block and, inside it, more specific ones) the enclosing
 * row, so that an address past the end of a nested range still finds its enclosing block.
 */
class Range128Table<T> {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly parent: Int32Array;
  readonly index: Uint32Array;
  readonly values: readonly T[];

  constructor(starts: Uint32Array, ends: Uint32Array, parent: Int32Array, index: Uint32Array, values: readonly T[]) {
    this.starts = starts;
    this.ends = ends;
    this.parent = parent;
    this.index = index;
    this.values = values;
  }

  get size(): number {
    return this.parent.length;
  }

  find(w: Ipv6Words): T | undefined {
    const [w0, w1, w2, w3] = w;
    let lo = 0;
    let hi = this.parent.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp128(this.starts, mid, w0, w1, w2, w3) <= 0) lo = mid + 1;
      else hi = mid - 1;
    }
    // The most specific range holding the address: the last one starting at or before it, or an enclosing one.
    let i = hi;
    while (i >= 0 && cmp128(this.ends, i, w0, w1, w2, w3) < 0) i = this.parent[i]!;
    return i >= 0 ? this.values[this.index[i]!] : undefined;
  }
}

/** Builds an IPv6 table from up to `lines` rows; `key` names a value so that equal ones are stored once. */
function table128Builder<T>(lines: number, value: RowValue<T>, key: (v: T) => string): Builder<Range128Table<T>> {
  let starts: Uint32Array = new Uint32Array(lines * 4);
  let ends: Uint32Array = new Uint32Array(lines * 4);
  let index: Uint32Array = new Uint32Array(lines);
  const values: T[] = [];
  const seen = new Map<string, number>();
  let n = 0;
  let sorted = true;
  return {
    add(line: string): void {
      if (!line || n >= lines) return;
      const cols = parseCsvLine(line);
      // A header, an IPv4-sized or malformed row is skipped.
      if (!decimal128(cols[0] ?? '', starts, n * 4) || !decimal128(cols[1] ?? '', ends, n * 4)) return;
      if (cmp128(ends, n, starts[n * 4]!, starts[n * 4 + 1]!, starts[n * 4 + 2]!, starts[n * 4 + 3]!) < 0) return;
      if (starts[n * 4]! === 0 && starts[n * 4 + 1]! === 0 && ends[n * 4]! === 0 && ends[n * 4 + 1]! === 0 && ends[n * 4 + 2]! === 0) return; // IPv4 row
      const v = value(cols);
      if (v === undefined) return;
      const k = key(v);
      let idx = seen.get(k);
      if (idx === undefined) {
        idx = values.push(v) - 1;
        seen.set(k, idx);
      }
      index[n] = idx;
      // Sorted: by start, and for equal starts the enclosing (longer) range first.
      if (n > 0 && sorted) {
        const c = cmp128(starts, n - 1, starts[n * 4]!, starts[n * 4 + 1]!, starts[n * 4 + 2]!, starts[n * 4 + 3]!);
        if (c > 0 || (c === 0 && cmp128(ends, n - 1, ends[n * 4]!, ends[n * 4 + 1]!, ends[n * 4 + 2]!, ends[n * 4 + 3]!) < 0)) sorted = false;
      }
      n++;
    },
    build() {
      starts = starts.slice(0, n * 4);
      ends = ends.slice(0, n * 4);
      index = index.slice(0, n);
      if (!sorted) [starts, ends, index] = sortRows(starts, ends, index);
      const parent = new Int32Array(n);
      const open: number[] = [];
      for (let i = 0; i < n; i++) {
        const o = i * 4;
        while (open.length && cmp128(ends, open[open.length - 1]!, starts[o]!, starts[o + 1]!, starts[o + 2]!, starts[o + 3]!) < 0) open.pop();
        parent[i] = open.length ? open[open.length - 1]! : -1;
        open.push(i);
      }
      return new Range128Table(starts, ends, parent, index, values);
    },
  };
}

/** Rows of a file not in order (a configured one): sorted by start, enclosing ranges first. */
function sortRows(starts: Uint32Array, ends: Uint32Array, index: Uint32Array): [Uint32Array, Uint32Array, Uint32Array] {
  const n = index.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => cmp128(starts, i, starts[j * 4]!, starts[j * 4 + 1]!, starts[j * 4 + 2]!, starts[j * 4 + 3]!)
    || -cmp128(ends, i, ends[j * 4]!, ends[j * 4 + 1]!, ends[j * 4 + 2]!, ends[j * 4 + 3]!));
  const s = new Uint32Array(n * 4);
  const e = new Uint32Array(n * 4);
  const x = new Uint32Array(n);
  order.forEach((from, to) => {
    s.set(starts.subarray(from * 4, from * 4 + 4), to * 4);
    e.set(ends.subarray(from * 4, from * 4 + 4), to * 4);
    x[to] = index[from]!;
  });
  return [s, e, x];
}

function loadTable<R>(path: string, builder: (lines: number) => Builder<R>): R {
  const lines = readFileSync(path, 'utf8').split('\n');
  const b = builder(lines.length);
  for (const line of lines) b.add(line);
  return b.build();
}

/** Same, in slices of 20,000 lines with a turn of the event loop between them (a server keeps answering). */
async function loadTableAsync<R>(path: string, builder: (lines: number) => Builder<R>): Promise<R> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const b = builder(lines.length);
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

function resolvePaths(paths: GeoPaths): Required<GeoPaths> & { key: string } {
  const def = defaultGeoPaths();
  const r = {
    countryDb: paths.countryDb ?? def.countryDb,
    asnDb: paths.asnDb ?? def.asnDb,
    countryDbIpv6: paths.countryDbIpv6 ?? def.countryDbIpv6,
    asnDbIpv6: paths.asnDbIpv6 ?? def.asnDbIpv6,
  };
  return { ...r, key: `${r.countryDb}\n${r.asnDb}\n${r.countryDbIpv6}\n${r.asnDbIpv6}` };
}

type Asn = { number: number; org: string };
const countryValue = (centres: Map<string, GeoPoint>): RowValue<GeoPoint> => (c) => centres.get((c[2] ?? '').toUpperCase());
/**
 * ASN values of one table, each stored once: rows of one network share it, and its name is a copy
 * (a slice would keep the whole text of the file alive).
 */
const asnValues = (): RowValue<Asn> => {
  const byNumber = new Map<number, Asn>();
  const others = new Map<string, Asn>(); // an ASN under a second name
  const copy = (n: number, org: string): Asn => ({ number: n, org: Buffer.from(org, 'utf8').toString('utf8') });
  return (c) => {
    const n = Number(c[2]);
    if (!Number.isInteger(n)) return undefined;
    const org = (c[3] ?? '').slice(0, 200);
    const v = byNumber.get(n);
    if (!v) {
      const fresh = copy(n, org);
      byNumber.set(n, fresh);
      return fresh;
    }
    if (v.org === org) return v;
    const k = `${n}\n${org}`;
    let o = others.get(k);
    if (!o) others.set(k, (o = copy(n, org)));
    return o;
  };
};
const ipv4Rows = <T>(value: RowValue<T>) => () => tableBuilder(value);
const v6Countries = (centres: Map<string, GeoPoint>) => (lines: number) => table128Builder(lines, countryValue(centres), (p) => p.country);
const v6Asns = (lines: number) => table128Builder(lines, asnValues(), (a) => `${a.number}\n${a.org}`);

interface Ipv6Tables { countries: Range128Table<GeoPoint>; asns: Range128Table<Asn> }

/**
 * Loads (once per set of paths) the databases: the IPv4 ones now (about 2 s, ~22 MB for the default
 * ones), the IPv6 ones (~320,000 rows, about 1 s, ~18 MB) on the first IPv6 address looked up.
 */
export function openGeo(paths: GeoPaths = {}): GeoLookup {
  const r = resolvePaths(paths);
  const hit = cache.get(r.key);
  if (hit) return hit;
  const centres = countryCentres();
  let v6: Ipv6Tables | undefined;
  const ipv6 = () => (v6 ??= { countries: loadTable(r.countryDbIpv6, v6Countries(centres)), asns: loadTable(r.asnDbIpv6, v6Asns) });
  const geo = lookupOf(centres, loadTable(r.countryDb, ipv4Rows(countryValue(centres))), loadTable(r.asnDb, ipv4Rows(asnValues())), ipv6);
  cache.set(r.key, geo);
  // loadGeo handing out this lookup first loads the IPv6 tables the same way it loads everything.
  let finishing: Promise<void> | undefined;
  finishLoading.set(geo, () => (finishing ??= (async () => {
    if (v6) return;
    const countries = await loadTableAsync(r.countryDbIpv6, v6Countries(centres));
    const asns = await loadTableAsync(r.asnDbIpv6, v6Asns);
    v6 ??= { countries, asns };
  })()));
  return geo;
}

/** Lookups made by openGeo whose IPv6 tables may not be loaded yet. */
const finishLoading = new WeakMap<GeoLookup, () => Promise<void>>();

/** The same without blocking the event loop for long (the server's worker loads it this way), IPv6 tables included. */
const loading = new Map<string, Promise<GeoLookup>>();

export async function loadGeo(paths: GeoPaths = {}): Promise<GeoLookup> {
  const { key } = resolvePaths(paths);
  const hit = cache.get(key);
  if (hit) {
    await finishLoading.get(hit)?.();
    return hit;
  }
  // Several modules of one process may ask at once (anomaly jobs, the AI gateway): the tables load once.
  let p = loading.get(key);
  if (!p) {
    p = loadGeoNow(paths).finally(() => loading.delete(key));
    loading.set(key, p);
  }
  return p;
}

async function loadGeoNow(paths: GeoPaths): Promise<GeoLookup> {
  const r = resolvePaths(paths);
  const hit = cache.get(r.key);
  if (hit) return hit;
  const centres = countryCentres();
  const countries = await loadTableAsync(r.countryDb, ipv4Rows(countryValue(centres)));
  const asns = await loadTableAsync(r.asnDb, ipv4Rows(asnValues()));
  const v6: Ipv6Tables = { countries: await loadTableAsync(r.countryDbIpv6, v6Countries(centres)), asns: await loadTableAsync(r.asnDbIpv6, v6Asns) };
  const geo = lookupOf(centres, countries, asns, () => v6);
  cache.set(r.key, geo);
  return geo;
}

function lookupOf(centres: Map<string, GeoPoint>, countries: RangeTable<GeoPoint>, asns: RangeTable<Asn>, ipv6: () => Ipv6Tables): GeoLookup {
  let byCountry: Map<string, Array<[number, number]>> | undefined;
  const located = (country: GeoPoint | undefined, asn: Asn | undefined): GeoInfo => ({ ...(country ? { country } : {}), ...(asn ? { asn } : {}) });
  const lookup4 = (n: number): GeoInfo => (isPublicIpv4(n) ? located(countries.find(n), asns.find(n)) : {});
  return {
    lookup(ip) {
      if (typeof ip !== 'string') return {};
      const n = ipv4ToInt(ip);
      if (n !== undefined) return lookup4(n);
      if (!ip.includes(':')) return {};
      const w = parseIpv6(ip);
      if (!w) return {};
      const mapped = embeddedIpv4(w);
      if (mapped !== undefined) return lookup4(mapped);
      if (!isPublicIpv6(w)) return {};
      const t = ipv6();
      return located(t.countries.find(w), t.asns.find(w));
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
