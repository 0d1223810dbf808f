// Plain-JSON STIX values. The library never wraps objects in classes, so custom properties,
// extensions and unknown object types travel through untouched.
import type { DefectCode } from './defects.ts';

/** A STIX object as parsed from JSON: `type` and `id` plus any other properties. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

/** Object families of STIX 2.1 (section 1.2). Unknown (custom) types are 'custom'. */
export type StixKind = 'sdo' | 'sro' | 'sco' | 'meta' | 'custom';

/**
 * `error`: the value cannot be stored as valid STIX 2.1 (a MUST of the specification is broken);
 * `warning`: the value is kept, and the deviation is reported (a SHOULD, or a documented leniency).
 */
export type Severity = 'error' | 'warning';

export interface Defect {
  /** JSONPath-like location inside the validated value, `$` being its root, e.g. `$.external_references[0].url`. */
  path: string;
  code: DefectCode;
  message: string;
  severity: Severity;
}

export interface ValidateOptions {
  /** Report custom (non-specification) object types as errors instead of accepting them. Default false. */
  rejectCustomObjects?: boolean;
  /** Report properties the specification does not define (outside extensions) as errors. Default false. */
  rejectCustomProperties?: boolean;
  /**
   * Extension definitions known to the caller (e.g. from the same bundle or the store), by id. With them,
   * top-level property extensions name the properties they add, and `new-sdo`/`new-sro`/`new-sco`
   * extensions tell which common properties a custom object must carry.
   */
  extensionDefinitions?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record's own entry (never one inherited from Object.prototype, whatever the key). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
