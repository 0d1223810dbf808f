// Deterministic STIX identifiers. SDOs and SROs: UUIDv5 in Bulwark's MISP namespace over the MISP UUID
// they come from, so importing the same feed again yields the same ids. SCOs: the STIX 2.1 rule
// (section 2.9): UUIDv5 in the STIX namespace over the canonical JSON of the type's ID contributing properties.
import { uuidv5 } from './uuid5.ts';

/** Bulwark's namespace for objects converted from MISP. Never change it: ids would change. */
export const MISP_IMPORT_NAMESPACE = '5d98e7e2-4478-4faf-b108-bae274b263ff';

/** The namespace STIX 2.1 fixes for SCO identifiers. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** `<type>--<uuidv5>` for an object derived from the MISP item `mispUuid`; `part` separates several objects from one item. */
export function stixIdFor(type: string, mispUuid: string, part?: string): string {
  return `${type}--${uuidv5(MISP_IMPORT_NAMESPACE, part === undefined ? `${type}:${mispUuid}` : `${type}:${mispUuid}:${part}`)}`;
}

/** A relationship's id from its ends and type (or from the MISP object reference UUID when there is one). */
export function relationshipId(source: string, relationshipType: string, target: string, mispUuid?: string): string {
  return `relationship--${uuidv5(MISP_IMPORT_NAMESPACE, mispUuid ? `relationship:${mispUuid}` : `relationship:${source}|${relationshipType}|${target}`)}`;
}

/** RFC 8785 (JCS) canonical JSON for the values used here (strings, finite numbers, booleans, arrays, objects). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(utf16Compare);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

function utf16Compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CONTRIBUTING: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

/** One hash stands for the dictionary: MD5, then SHA-1, SHA-256, SHA-512, then the first other key. */
function oneHash(hashes: Record<string, unknown>): Record<string, unknown> {
  const key = HASH_PREFERENCE.find((k) => hashes[k] !== undefined) ?? Object.keys(hashes).sort(utf16Compare)[0];
  return key === undefined ? {} : { [key]: hashes[key] };
}

/** The deterministic id of an SCO whose references are already ids; `fallbackName` when it has no contributing property. */
export function scoId(type: string, props: Record<string, unknown>, fallbackName: string): string {
  const picked: Record<string, unknown> = {};
  for (const k of CONTRIBUTING[type] ?? []) {
    const v = props[k];
    if (v === undefined) continue;
    picked[k] = k === 'hashes' && typeof v === 'object' && v !== null ? oneHash(v as Record<string, unknown>) : v;
  }
  if (Object.keys(picked).length === 0) return `${type}--${uuidv5(MISP_IMPORT_NAMESPACE, `sco:${type}:${fallbackName}`)}`;
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(picked))}`;
}
