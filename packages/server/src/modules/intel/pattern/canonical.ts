// How values of each observable kind compare. Equality (=, !=, IN) uses the canonical form of both
// sides; ordering, LIKE and MATCHES use the value as written, lower-cased for the case-insensitive
// kinds. The kind of a value comes from the object holding it (see kindOf).
import { domainToASCII } from 'node:url';
import { canonicalIp } from './ip.ts';

/**
 * - ip: ipv4-addr/ipv6-addr `value` — addresses and CIDR blocks (see compare.ts for `=`/ISSUBSET);
 * - domain: domain-name `value` — case-insensitive, one trailing dot ignored, IDN in ASCII (punycode);
 * - email: email-addr `value` — case-insensitive;
 * - url: url `value` — WHATWG-normalised (scheme and host lower case, default port and fragment dropped);
 * - hash: any value in a `hashes` dictionary — case-insensitive hex;
 * - plain: everything else — exact, case-sensitive (STIX strings).
 */
export type ValueKind = 'ip' | 'domain' | 'email' | 'url' | 'hash' | 'plain';

export const FOLDED_KINDS: ReadonlySet<ValueKind> = new Set(['domain', 'email', 'hash']);

export function kindOf(holderType: string | undefined, key: string, previousKey: string | undefined): ValueKind {
  if (previousKey === 'hashes') return 'hash';
  if (key !== 'value' || holderType === undefined) return 'plain';
  switch (holderType) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return 'ip';
    case 'domain-name':
      return 'domain';
    case 'email-addr':
      return 'email';
    case 'url':
      return 'url';
    default:
      return 'plain';
  }
}

export function canonicalDomain(s: string): string {
  let d = s.toLowerCase();
  if (d.endsWith('.')) d = d.slice(0, -1);
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(d)) d = domainToASCII(d) || d;
  return d;
}

export function canonicalUrl(s: string): string {
  const t = s.trim();
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(t) || t.length > 8192) return t;
  try {
    const u = new URL(t);
    u.hash = '';
    return u.href;
  } catch {
    return t;
  }
}

/** The canonical form used for equality; undefined when the value cannot be of this kind (an ip that is not an address). */
export function canonicalValue(kind: ValueKind, s: string): string | undefined {
  switch (kind) {
    case 'ip':
      return canonicalIp(s);
    case 'domain':
      return canonicalDomain(s);
    case 'email':
    case 'hash':
      return s.toLowerCase();
    case 'url':
      return canonicalUrl(s);
    case 'plain':
      return s;
  }
}

/** Hash dictionary keys compare without case, '-' or '_': SHA256 = 'SHA-256' = sha_256. */
export function hashKey(k: string): string {
  return k.toUpperCase().replace(/[-_\s]/g, '');
}

const HASH_NAMES: Record<string, string> = {
  MD5: 'MD5', SHA1: 'SHA-1', SHA224: 'SHA-224', SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512',
  SHA3224: 'SHA3-224', SHA3256: 'SHA3-256', SHA3384: 'SHA3-384', SHA3512: 'SHA3-512', SSDEEP: 'SSDEEP', TLSH: 'TLSH',
};

/** The STIX hash-algorithm-ov spelling of an algorithm name ('sha256' → 'SHA-256'); others upper-cased. */
export function hashName(k: string): string {
  const key = hashKey(k);
  return HASH_NAMES[key] ?? key;
}
