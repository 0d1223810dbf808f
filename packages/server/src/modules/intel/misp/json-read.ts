// Lenient readers for MISP JSON values: MISP writes numbers and booleans as strings ("3", "1", "0").
import type { ProblemLog } from './problems.ts';
import { isUuid } from './uuid5.ts';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own property only: JSON keys such as `__proto__` or `constructor` never reach the prototype. */
export function own(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function readString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function readInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function readBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true' || v === 'True') return true;
  if (v === 0 || v === '0' || v === 'false' || v === 'False') return false;
  return undefined;
}

/** Reads `o[key]` as an array; absent or null gives []; another type is reported. */
export function readArray(o: Obj, key: string, path: string, log: ProblemLog): unknown[] {
  const v = own(o, key);
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  // MISP occasionally emits a single object where a list is expected.
  if (isObj(v)) return [v];
  log.warn('schema', path, `${key} is not a list; ignored`);
  return [];
}

/** An optional string field; a value of another type is reported and ignored. */
export function optString(o: Obj, key: string, path: string, log: ProblemLog): string | undefined {
  const v = own(o, key);
  if (v === undefined || v === null) return undefined;
  const s = readString(v);
  if (s === undefined) log.warn('schema', path, `${key} is not a string; ignored`);
  return s;
}

/** An optional integer field (numbers or digit strings). */
export function optInt(o: Obj, key: string, path: string, log: ProblemLog): number | undefined {
  const v = own(o, key);
  if (v === undefined || v === null || v === '') return undefined;
  const n = readInt(v);
  if (n === undefined) log.warn('schema', path, `${key} is not an integer: ${JSON.stringify(v).slice(0, 60)}; ignored`);
  return n;
}

export function optBool(o: Obj, key: string, path: string, log: ProblemLog, fallback: boolean): boolean {
  const v = own(o, key);
  if (v === undefined || v === null) return fallback;
  const b = readBool(v);
  if (b === undefined) {
    log.warn('schema', path, `${key} is not a boolean: ${JSON.stringify(v).slice(0, 60)}; taken as ${fallback}`);
    return fallback;
  }
  return b;
}

/** A UUID field, lower-cased; undefined (and reported at `level`) when absent or malformed. */
export function readUuid(o: Obj, key: string, path: string, log: ProblemLog, level: 'error' | 'warning'): string | undefined {
  const v = own(o, key);
  if (typeof v === 'string' && isUuid(v.trim())) return v.trim().toLowerCase();
  const why = v === undefined ? `${key} is missing` : `${key} is not a UUID: ${JSON.stringify(v).slice(0, 60)}`;
  if (level === 'error') log.error('schema', path, why);
  else log.warn('schema', path, why);
  return undefined;
}
