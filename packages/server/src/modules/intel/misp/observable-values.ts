// Value builders shared by attribute types and object templates: each turns a MISP value into
// pattern terms and SCO nodes, or says why it cannot.
import { formatIp, parseNetwork } from './ip.ts';
import type { Observable, ScoNode, Term } from './observable.ts';

export type Built = Observable | { error: string };

export const HASH_KEYS: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  'sha3-224': 'SHA3-224',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

const HEX_LENGTH: Readonly<Record<string, number>> = { MD5: 32, 'SHA-1': 40, 'SHA-224': 56, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128, 'SHA3-224': 56, 'SHA3-256': 64, 'SHA3-384': 96, 'SHA3-512': 128 };

/** A property name in a pattern path, quoted when it is not a plain identifier. */
export function pathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function hashValue(key: string, value: string): string | { error: string } {
  const v = value.trim();
  const len = HEX_LENGTH[key];
  if (len !== undefined) {
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(v)) return { error: `not a ${key} hash: ${JSON.stringify(v.slice(0, 80))}` };
    return v.toLowerCase();
  }
  // blocksize:hash:hash (what the STIX validators accept: the OASIS schema caps it at 128 characters).
  if (key === 'SSDEEP' && (v.length > 128 || !/^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]*$/.test(v))) return { error: `not an ssdeep hash: ${JSON.stringify(v.slice(0, 80))}` };
  if (key === 'TLSH' && !/^(?:T1)?[0-9a-fA-F]{70}$/.test(v)) return { error: `not a TLSH hash: ${JSON.stringify(v.slice(0, 80))}` };
  return v === '' ? { error: `empty ${key} hash` } : v;
}

/** The hash as an SCO holds it: STIX's TLSH is the 70 hex digits, without the newer "T1" version prefix. */
export function scoHash(key: string, value: string): string {
  return key === 'TLSH' && value.length === 72 ? value.slice(2) : value;
}

export function hashTerm(key: string, value: string): Term {
  return { path: `hashes.${pathKey(key)}`, op: '=', value, group: 'hashes' };
}

/**
 * An address or network in canonical text (IPv6 compressed and lower-case, RFC 5952; a network with its
 * host bits cleared): `=` for an address, `ISSUBSET` for a network shorter than a host route.
 */
export function ipNode(value: string): { node: ScoNode; term: Omit<Term, 'path'>; version: 4 | 6 } | { error: string } {
  const net = parseNetwork(value.trim().replace(/^\[(.*)\]$/, '$1'));
  if (!net) return { error: `not an IP address or network: ${JSON.stringify(value.slice(0, 80))}` };
  const type = net.version === 4 ? 'ipv4-addr' : 'ipv6-addr';
  const full = net.prefix === (net.version === 4 ? 32 : 128);
  const text = full ? formatIp(net) : `${formatIp(net)}/${net.prefix}`;
  return { node: { type, props: { value: text } }, term: { op: full ? '=' : 'ISSUBSET', value: text }, version: net.version };
}

export function ipObservable(value: string): Built {
  const ip = ipNode(value);
  if ('error' in ip) return ip;
  return { observation: { root: ip.node.type, terms: [{ path: 'value', ...ip.term }] }, sco: ip.node };
}

/** A domain or host name, lower-cased; a trailing dot is dropped. */
export function domainValue(value: string): string | { error: string } {
  const v = value.trim().replace(/\.$/, '').toLowerCase();
  if (v === '' || /[\s/@]/.test(v)) return { error: `not a domain name: ${JSON.stringify(value.slice(0, 80))}` };
  return v;
}

export function port(value: string): number | { error: string } {
  const v = value.trim();
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) return { error: `not a port number: ${JSON.stringify(v.slice(0, 20))}` };
  return Number(v);
}

/** MISP composite values are `left|right`. */
export function split2(value: string): [string, string] | { error: string } {
  const i = value.indexOf('|');
  if (i < 0) return { error: `expected "left|right", got ${JSON.stringify(value.slice(0, 80))}` };
  return [value.slice(0, i), value.slice(i + 1)];
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** STIX wants the hive spelled out (HKEY_LOCAL_MACHINE, not HKLM) and no trailing backslash. */
export function registryKey(value: string): string {
  const v = value.trim().replace(/\\+$/, '');
  const m = /^([A-Za-z]+)(\\.*)?$/.exec(v);
  const hive = m ? HIVES[(m[1] as string).toUpperCase()] : undefined;
  return hive ? `${hive}${m?.[2] ?? ''}` : v;
}

/** A MAC-48 address in STIX's form (colon-separated, lower case); undefined when the value is not one. */
export function macValue(value: string): string | undefined {
  const hex = value.trim().toLowerCase().replace(/[-:.]/g, '');
  return /^[0-9a-f]{12}$/.test(hex) ? (hex.match(/../g) as string[]).join(':') : undefined;
}

/** Loosely an e-mail address (for patterns): something@something, no spaces. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value);
}

/** Strictly an e-mail address (for SCOs, whose schema checks the format). */
export function strictEmail(value: string): boolean {
  return /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(value);
}

/** An absolute URI (scheme and something after it), as the url SCO requires. */
export function absoluteUri(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A CPE 2.3 formatted string, as software.cpe requires (a CPE 2.2 URI stays the name only). */
export function cpe23(value: string): boolean {
  return /^cpe:2\.3:[aho*-](?::(?:[^:\s]|\\:)+){10}$/.test(value);
}
