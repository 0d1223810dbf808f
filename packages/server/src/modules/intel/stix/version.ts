// Versions and content identity. A version of a STIX object is identified by its id and `modified`
// (specification 3.6). Objects without `modified` (SCOs, marking definitions) are not versioned; they
// get a stable version from `created` or, failing that, from their content.
import { createHash } from 'node:crypto';
import { isTimestamp } from './timestamp.ts';
import { isPlainObject } from './types.ts';

/**
 * The version of an object: `modified` when present (a timestamp string, compare with
 * compareTimestamps), else `created` (marking definitions), else `sha256:<hex>` of the canonical JSON,
 * so that two different contents under one SCO id never collapse into one version.
 */
export function versionKey(obj: Readonly<Record<string, unknown>>): string {
  if (isTimestamp(obj.modified)) return obj.modified;
  if (isTimestamp(obj.created)) return obj.created;
  return `sha256:${contentHash(obj)}`;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * Canonical JSON in the manner of RFC 8785: object keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string serialisation. `undefined` members are omitted, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (!isPlainObject(value)) return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}
