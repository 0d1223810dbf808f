// String formats the specification requires: language tags (RFC 5646), URLs (RFC 3986), IP addresses
// with optional CIDR suffix, MAC-48, e-mail addresses, hex, base64 and hash values.
import { isIPv4, isIPv6 } from 'node:net';
import type { StringFormat } from './props.ts';

const GRANDFATHERED =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|' +
  'art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang';
const LANGTAG =
  '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\\d{3}))?' +
  '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*(?:-[a-wyz\\d](?:-[a-z\\d]{2,8})+)*(?:-x(?:-[a-z\\d]{1,8})+)?';
const LANG = new RegExp(`^(?:${LANGTAG}|x(?:-[a-z\\d]{1,8})+|${GRANDFATHERED})$`, 'i');

const URL_SHAPE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const MAC48 = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const RELATIONSHIP_TYPE = /^[a-z0-9-]+$/;
const HEX = /^(?:[0-9a-f]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isLanguageTag(value: string): boolean {
  return value.length <= 255 && LANG.test(value);
}

function isCidr(value: string, family: 4 | 6): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  if (!(family === 4 ? isIPv4(address) : isIPv6(address))) return false;
  if (slash < 0) return true;
  const bits = value.slice(slash + 1);
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Why a string does not have the format, or `undefined` when it has it. */
export function formatProblem(value: string, format: StringFormat): string | undefined {
  switch (format) {
    case 'lang':
      return isLanguageTag(value) ? undefined : 'not an RFC 5646 language tag';
    case 'url':
      return URL_SHAPE.test(value) ? undefined : 'not an absolute URL (RFC 3986)';
    case 'ipv4':
      return isCidr(value, 4) ? undefined : 'not an IPv4 address or CIDR block';
    case 'ipv6':
      return isCidr(value, 6) ? undefined : 'not an IPv6 address or CIDR block';
    case 'mac':
      return MAC48.test(value) ? undefined : 'not a colon-delimited, lowercase MAC-48 address with leading zeros';
    case 'email':
      return EMAIL.test(value) ? undefined : 'not an e-mail address (addr-spec)';
    case 'relationship-type':
      return RELATIONSHIP_TYPE.test(value) ? undefined : 'relationship types are limited to a-z, 0-9 and hyphen';
  }
}

export function isHex(value: string): boolean {
  return HEX.test(value);
}

export function isBase64(value: string): boolean {
  return BASE64.test(value);
}

const HEX_DIGEST: Readonly<Record<string, number>> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-512': 128, 'SHA3-256': 64, 'SHA3-512': 128 };

/** Checks a hash value against its algorithm from hash-algorithm-ov; other algorithms are not checked. */
export function hashValueProblem(algorithm: string, value: string): string | undefined {
  const length = HEX_DIGEST[algorithm];
  if (length !== undefined) {
    return value.length === length && /^[0-9a-fA-F]+$/.test(value) ? undefined : `not a ${algorithm} digest (${length} hex digits)`;
  }
  if (algorithm === 'SSDEEP') return /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]*(?:,.*)?$/.test(value) ? undefined : 'not an ssdeep piecewise hash';
  if (algorithm === 'TLSH') return /^(?:T1)?[0-9a-fA-F]{70}$/.test(value) ? undefined : 'not a TLSH digest (35 bytes in hex)';
  return undefined;
}
