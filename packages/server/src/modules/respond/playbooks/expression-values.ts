// Value semantics of the condition language: lookups that never throw, truthiness, equality and
// ordering (severity names by rank, numbers against numeric strings as numbers).

export const SEVERITY_RANK: Readonly<Record<string, number>> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step of a path; own properties only, so `__proto__` or `constructor` lead nowhere. */
export function lookup(value: unknown, key: string | number): unknown {
  if (Array.isArray(value)) {
    if (typeof key !== 'number') return null;
    const v: unknown = value[key < 0 ? value.length + key : key];
    return v === undefined ? null : v;
  }
  if (isObj(value)) {
    const k = String(key);
    return Object.hasOwn(value, k) ? (value[k] ?? null) : null;
  }
  return null;
}

export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v)) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

function severityRank(v: unknown): number | undefined {
  return typeof v === 'string' ? SEVERITY_RANK[v.toLowerCase()] : undefined;
}

function numericString(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Pairs that compare as numbers or ranks; undefined when the pair has no such reading. */
function ranked(a: unknown, b: unknown): [number, number] | undefined {
  const ra = severityRank(a);
  const rb = severityRank(b);
  if (ra !== undefined && rb !== undefined) return [ra, rb];
  if (typeof a === 'number' && typeof b === 'number') return [a, b];
  if (typeof a === 'number') {
    const nb = numericString(b);
    if (nb !== undefined) return [a, nb];
  }
  if (typeof b === 'number') {
    const na = numericString(a);
    if (na !== undefined) return [na, b];
  }
  return undefined;
}

export function equals(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  const r = ranked(a, b);
  if (r) return r[0] === r[1];
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i], depth + 1));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k], depth + 1));
  }
  return false;
}

/** Sign of a − b, or undefined when the two cannot be ordered (then every ordering test is false). */
export function order(a: unknown, b: unknown): number | undefined {
  const r = ranked(a, b);
  if (r) return Number.isNaN(r[0]) || Number.isNaN(r[1]) ? undefined : Math.sign(r[0] - r[1]);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** `needle in haystack`: list membership, substring, or object key. */
export function member(needle: unknown, haystack: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((x) => equals(needle, x));
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  if (isObj(haystack)) return (typeof needle === 'string' || typeof needle === 'number') && Object.hasOwn(haystack, String(needle));
  return false;
}

export function length(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isObj(v)) return Object.keys(v).length;
  return 0;
}

/** Text form of a value inside a mixed template: null is empty, structures are JSON. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
