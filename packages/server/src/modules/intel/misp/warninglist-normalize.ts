// Normalising warninglist entries and looked-up values the same way, so that upper case, leading or
// trailing dots, IDN spellings, stray whitespace and trailing backslashes do not hide a match.
import { domainToASCII } from 'node:url';

/** Trims whitespace and trailing backslashes (one upstream entry ends in "\\ "). */
export function cleanEntry(text: string): string {
  return text.trim().replace(/\\+$/, '').trim();
}

const NON_ASCII = /[^ -~\t\n\r]/;
/** A host name already in normal form: lower-case letters, digits, hyphens, inner dots. */
const HOST_PLAIN = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
/** Already normal: lower-case ASCII without spaces or backslashes. */
const PLAIN = /^[a-z0-9._~:@/?#=&%+,;!$*()'[\]-]+$/;

/** Lower case; a non-ASCII domain-like text becomes its punycode (A-label) form. */
export function normaliseText(text: string): string {
  if (PLAIN.test(text)) return text;
  const t = cleanEntry(text).toLowerCase();
  if (NON_ASCII.test(t) && !/[\s/@:]/.test(t)) {
    const ascii = domainToASCII(t);
    if (ascii !== '') return ascii;
  }
  return t;
}

/** A host name for hostname matching: no wildcard or leading dots, no trailing dot, lower case, punycode. */
export function normaliseHostname(text: string): string {
  if (HOST_PLAIN.test(text)) return text;
  let t = cleanEntry(text).toLowerCase().replace(/^\*?\.+/, '').replace(/\.+$/, '');
  if (NON_ASCII.test(t)) {
    const ascii = domainToASCII(t);
    if (ascii !== '') t = ascii;
  }
  return t;
}

/**
 * The host part of a value that may be a URL (`scheme://user@host:port/path`), a `host/path`, a
 * `host:port` or a bare host; undefined when there is none. IPv6 literals are left to the caller.
 */
export function hostOf(value: string): string | undefined {
  let v = cleanEntry(value);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(v);
  if (scheme) v = v.slice(scheme[0].length);
  v = v.split(/[/?#]/, 1)[0] ?? '';
  const at = v.lastIndexOf('@');
  if (at >= 0) v = v.slice(at + 1);
  if (v.startsWith('[')) return undefined;
  const colon = v.indexOf(':');
  if (colon >= 0 && v.indexOf(':', colon + 1) < 0) v = v.slice(0, colon);
  const host = normaliseHostname(v);
  return host === '' ? undefined : host;
}

/** PCRE-style `/pattern/flags` → pattern and flags (a bare pattern has no flags). */
export function splitRegex(entry: string): { pattern: string; flags: string } {
  const m = /^\/(.*)\/([a-zA-Z]*)$/s.exec(entry.trim());
  return m ? { pattern: m[1] as string, flags: m[2] as string } : { pattern: entry, flags: '' };
}
