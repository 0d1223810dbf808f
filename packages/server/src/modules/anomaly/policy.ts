// An organisation's tuning of the anomaly jobs: which run, the score from which a finding becomes an
// alert, allow-listed values, and the (job, entity, feature) triples marked as false positives.
import { embeddedIpv4, ipv4ToInt, parseIpv6, type Ipv6Words } from './geo/geo.ts';

export interface AllowEntry {
  readonly job: string;
  readonly entity: string;
  readonly value: string;
}

export interface JobSetting {
  readonly enabled: boolean;
  readonly threshold: number | null;
}

export interface Policy {
  readonly settings: ReadonlyMap<string, JobSetting>;
  readonly allow: readonly AllowEntry[];
  readonly suppressed: ReadonlySet<string>;
}

export const EMPTY_POLICY: Policy = { settings: new Map(), allow: [], suppressed: new Set() };

export const suppressKey = (job: string, entity: string, feature: string) => `${job}\n${entity}\n${feature}`;

type Net = { readonly v: 4; readonly base: number; readonly mask: number } | { readonly v: 6; readonly words: Ipv6Words; readonly bits: number };

/** An IPv4 address, IPv4-mapped IPv6 included. */
function ipv4Of(value: string): number | undefined {
  const n = ipv4ToInt(value);
  if (n !== undefined || !value.includes(':')) return n;
  const w = parseIpv6(value);
  return w && embeddedIpv4(w);
}

/** An IPv4 or IPv6 CIDR network, or a single address (a full-length network). */
function network(value: string): Net | undefined {
  if (value.length > 140) return undefined;
  const slash = value.indexOf('/');
  const addr = slash < 0 ? value : value.slice(0, slash);
  const bitsText = slash < 0 ? undefined : value.slice(slash + 1);
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const base = ipv4ToInt(addr);
  if (base !== undefined) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (bits > 32) return undefined;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return { v: 4, base: (base & mask) >>> 0, mask };
  }
  const w = addr.includes(':') ? parseIpv6(addr) : undefined;
  if (!w) return undefined;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (bits > 128) return undefined;
  // An IPv4-mapped address (or network within ::ffff:0:0/96) is its IPv4 one.
  const mapped = embeddedIpv4(w);
  if (mapped !== undefined && w[0] === 0 && bits >= 96) {
    const b4 = bits - 96;
    const mask = b4 === 0 ? 0 : (~0 << (32 - b4)) >>> 0;
    return { v: 4, base: (mapped & mask) >>> 0, mask };
  }
  return { v: 6, words: maskWords(w, bits), bits };
}

function maskWords(w: Ipv6Words, bits: number): Ipv6Words {
  const m = (i: number) => {
    const b = Math.min(32, Math.max(0, bits - 32 * i));
    return b === 0 ? 0 : (~0 << (32 - b)) >>> 0;
  };
  return [(w[0] & m(0)) >>> 0, (w[1] & m(1)) >>> 0, (w[2] & m(2)) >>> 0, (w[3] & m(3)) >>> 0];
}

function inNetwork(net: Net, value: string): boolean {
  if (net.v === 4) {
    const n = ipv4Of(value);
    return n !== undefined && ((n & net.mask) >>> 0) === net.base;
  }
  const w = value.includes(':') ? parseIpv6(value) : undefined;
  if (!w) return false;
  const m = maskWords(w, net.bits);
  return m[0] === net.words[0] && m[1] === net.words[1] && m[2] === net.words[2] && m[3] === net.words[3];
}

/**
 * Whether an entry allows one of `values`: exact (case-insensitive), an address written any way
 * (`2001:DB8:0::1` is `2001:db8::1`; `::ffff:192.0.2.1` is `192.0.2.1`), an IPv4 or IPv6 CIDR network,
 * or '*' (anything).
 */
export function entryAllows(entry: AllowEntry, values: readonly string[]): boolean {
  if (entry.value === '*') return true;
  const v = entry.value.toLowerCase();
  const net = network(entry.value);
  for (const x of values) {
    if (x.toLowerCase() === v) return true;
    if (net && inNetwork(net, x)) return true;
  }
  return false;
}

export function allowed(policy: Policy, job: string, entity: string, values: readonly string[]): boolean {
  for (const e of policy.allow) {
    if ((e.job === job || e.job === '*') && (e.entity === '*' || e.entity.toLowerCase() === entity) && entryAllows(e, values)) return true;
  }
  return false;
}
