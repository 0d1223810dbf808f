// The block list's words: kinds, the addresses firewalls fetch it from, and a time to live typed as a
// number with a unit.
import type { BlocklistKind } from '@bulwark/contracts';
import { API } from '@bulwark/contracts';

export const BLOCKLIST_KIND_LABEL: Readonly<Record<BlocklistKind, string>> = {
  ipv4: 'IPv4 address', ipv6: 'IPv6 address', cidr: 'Network (CIDR)', domain: 'Domain', url: 'URL',
};

export function blocklistKindLabel(k: string): string {
  return Object.hasOwn(BLOCKLIST_KIND_LABEL, k) ? BLOCKLIST_KIND_LABEL[k as BlocklistKind] : k;
}

export interface FetchUrl {
  readonly label: string;
  readonly url: string;
}

/** Where firewalls and proxies fetch the list, on this server's origin. */
export function fetchUrls(origin: string): FetchUrl[] {
  const base = origin.replace(/\/+$/, '');
  return [
    { label: 'Plain text, one value per line (every kind)', url: `${base}${API.blocklistText}` },
    { label: 'Plain text, addresses and networks only (IP-based firewalls)', url: `${base}${API.blocklistText}?kind=ipv4,cidr` },
    { label: 'STIX 2.1 bundle of indicators', url: `${base}${API.blocklistStix}` },
  ];
}

export const TTL_UNITS = [
  { value: 'minutes', label: 'minutes', minutes: 1 },
  { value: 'hours', label: 'hours', minutes: 60 },
  { value: 'days', label: 'days', minutes: 1440 },
] as const;
export type TtlUnit = (typeof TTL_UNITS)[number]['value'];

/** The server's ceiling for a time to live (ten years in minutes). */
export const MAX_TTL_MINUTES = 5_256_000;

/** Minutes for "<amount> <unit>"; undefined for no expiry (empty or 0); an error text when out of range. */
export function ttlMinutes(amount: string | number, unit: TtlUnit): number | undefined | { error: string } {
  if (amount === '' || amount === 0) return undefined;
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) return { error: 'Time to live must be a whole number' };
  const m = n * TTL_UNITS.find((u) => u.value === unit)!.minutes;
  if (m > MAX_TTL_MINUTES) return { error: 'Time to live is at most ten years' };
  return m;
}
