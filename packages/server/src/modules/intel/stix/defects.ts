// Stable defect codes. Each defect names the code, where (path), what (message) and how bad (severity);
// the severity of a code can differ by situation (e.g. `time-order` vs `time-equal`), see README.md.
import type { Defect, Severity } from './types.ts';

export const DEFECT_CODES = {
  // Shape and kinds (what a JSON schema checks)
  'not-object': 'the value is not a JSON object',
  'missing-property': 'a required property is absent',
  'wrong-kind': 'a property has the wrong JSON kind (string, integer, boolean, list, object)',
  'empty-list': 'a list is empty (the specification prohibits empty lists)',
  'empty-dictionary': 'a dictionary is empty (the specification prohibits empty dictionaries)',
  'out-of-range': 'a number is outside its allowed range',
  'enum': 'a value is not in its closed enumeration',
  'invalid-value': 'a string does not have the required format (hex, base64, address, relationship type, ...)',
  'invalid-dictionary-key': 'a dictionary key breaks the key rules (ASCII letters, digits, - and _, at most 250)',
  'invalid-hash': 'a hash value does not fit its algorithm, or a hash key breaks the key rules',
  'hash-algorithm': 'a hash algorithm name is not from hash-algorithm-ov (warning)',
  // Identity and types
  'invalid-type-name': 'the type name breaks the naming rules (a-z, 0-9, single hyphens, 3-250 characters)',
  'custom-object': 'a custom object type, rejected by option',
  'custom-type-name': 'a custom object type without the x- prefix (warning)',
  'invalid-id': 'the id is not <type>--<RFC 4122 UUID>',
  'id-type-mismatch': 'the type part of the id differs from the type property',
  'uuid-version': 'the UUID version is not the recommended one (v4 for SDO/SRO/meta, v5 for SCO) (warning)',
  'spec-version': 'spec_version is not "2.1"',
  // Time
  'invalid-timestamp': 'not an RFC 3339 UTC timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z with real calendar values',
  'timestamp-precision': 'created/modified with less than millisecond precision (warning)',
  'time-order': 'a timestamp is earlier than the one it must not precede (e.g. modified < created)',
  'time-equal': 'two timestamps are equal where the later one must be strictly later (warning)',
  // References
  'invalid-ref': 'a reference is not a STIX identifier',
  'ref-type': 'a reference points at an object type the property does not allow',
  // Common properties
  'external-reference': 'an external reference lacks description, url and external_id',
  'external-id-format': 'a CAPEC or CVE external_id is not formatted as the specification requires',
  'invalid-lang': 'not an RFC 5646 language tag',
  'reserved-property': 'a reserved property name (severity, username, phone_number, action) is used',
  'custom-property-name': 'a custom property name breaks the naming rules (a-z, 0-9, _, 3-250 characters)',
  'custom-property-unprefixed': 'a property the specification does not define, without the x_ prefix (warning)',
  'custom-property': 'a property the specification does not define, rejected by option',
  'not-applicable-property': 'a common property that does not apply to this object type',
  // Co-constraints
  'missing-one-of': 'none of a set of properties of which at least one is required is present',
  'mutually-exclusive': 'properties that must not appear together are both present',
  'requires': 'a property is present without a property it depends on',
  // Markings and extensions
  'selector': 'a granular-marking selector is malformed or selects nothing in the object',
  'marking-circular': 'a marking definition marks itself',
  'tlp-marking': 'a TLP 1.0 marking definition other than the four predefined ones',
  'invalid-extension': 'an extensions entry breaks the extension rules',
  'extension-key': 'an extensions key is neither an extension-definition id nor a predefined extension (warning)',
  // Bundle level
  'version-conflict': 'an object with the same id and version as an earlier one but different content',
  'duplicate-object': 'an exact copy of an earlier object (warning; the copy is dropped)',
  'dangling-ref': 'a reference to an object absent from the bundle (warning, only when asked for)',
  'invalid-bundle': 'the bundle envelope is malformed',
  // Input
  'json-syntax': 'the input is not valid JSON (or not valid UTF-8)',
  'limit-bytes': 'the input is larger than the byte limit',
  'limit-depth': 'the input nests deeper than the depth limit',
  'limit-string': 'a string in the input is longer than the string limit',
  'limit-objects': 'the input holds more objects than the object limit',
  'internal': 'the validator failed on this value (a bug; reported instead of thrown)',
} as const;

export type DefectCode = keyof typeof DEFECT_CODES;

/** Collects defects; every check writes into one of these. */
export class Sink {
  readonly defects: Defect[] = [];
  error(path: string, code: DefectCode, message: string): void {
    this.defects.push({ path, code, message, severity: 'error' });
  }
  warn(path: string, code: DefectCode, message: string): void {
    this.defects.push({ path, code, message, severity: 'warning' });
  }
  add(severity: Severity, path: string, code: DefectCode, message: string): void {
    this.defects.push({ path, code, message, severity });
  }
}

/** `$.a` + `b` → `$.a.b`; numeric segments become `[n]`. Keys that are not identifiers are quoted. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function hasErrors(defects: readonly Defect[]): boolean {
  return defects.some((d) => d.severity === 'error');
}
