// Deterministic SCO identifiers (specification 2.9, 3.4): UUIDv5 in the STIX namespace over the
// canonical JSON (RFC 8785) of the object's ID Contributing Properties; UUIDv4 when none is present.
import { createHash, randomUUID } from 'node:crypto';
import { typeDef } from './catalogue.ts';
import { isPlainObject } from './types.ts';
import { canonicalJson } from './version.ts';

/** The namespace STIX reserves for deterministic SCO ids. */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** Hash preference when only one hash contributes to an id (artifact, file, x509-certificate). */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function oneHash(hashes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const name = HASH_PREFERENCE.find((h) => hashes[h] !== undefined) ?? Object.keys(hashes).sort()[0];
  return name === undefined ? {} : { [name]: hashes[name] };
}

/**
 * The id an SCO should carry: `<type>--<UUIDv5>` from its ID Contributing Properties, or a random
 * UUIDv4 id when it has none of them. `undefined` for types that are not SCOs of the specification.
 */
export function deterministicScoId(obj: Readonly<Record<string, unknown>>): string | undefined {
  const type = typeof obj.type === 'string' ? obj.type : '';
  const def = typeDef(type);
  if (def?.kind !== 'sco') return undefined;
  const name: Record<string, unknown> = {};
  for (const prop of def.idContributing ?? []) {
    const value = obj[prop];
    if (value === undefined) continue;
    name[prop] = prop === 'hashes' && isPlainObject(value) ? oneHash(value) : value;
  }
  if (Object.keys(name).length === 0) return `${type}--${randomUUID()}`;
  return `${type}--${uuidV5(SCO_NAMESPACE, canonicalJson(name))}`;
}
