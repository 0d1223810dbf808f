// JSON Canonicalization Scheme (RFC 8785): the bytes a federation signature covers. Written from the RFC:
// I-JSON data only (section 3.1: no NaN or Infinity, no lone surrogates), numbers as ECMAScript's
// Number::toString (3.2.2.3), strings with the minimal JSON escapes and lower-case \u00xx (3.2.2.2),
// object members sorted by the UTF-16 code units of their names (3.2.3), no whitespace, UTF-8 (3.2.4).
//
// Why not stix/version.ts or platform's canonicalJson: both give the same text for valid JSON data (they
// use JSON.stringify for numbers and strings and sort keys by code unit), but they accept what RFC 8785
// forbids — NaN and Infinity silently become `null`, a lone surrogate becomes an escape — and platform's
// turns a Date into `{}`. A signature must not cover a value the receiver reads back differently, so this
// one refuses instead.

export class JcsError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${message} at ${path}`);
    this.name = 'JcsError';
    this.path = path;
  }
}

const MAX_DEPTH = 1000;

/**
 * Where the writer is, as a stack of member names and array indexes; turned into a `$.a[0].b` path only
 * when something is refused (building a path for every value would cost more than the writing itself).
 */
type Trail = Array<string | number>;

const pathOf = (trail: Trail): string => `$${trail.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;

function string(s: string, trail: Trail): string {
  // isWellFormed: no lone surrogate (I-JSON, section 2.1 of RFC 7493).
  if (!s.isWellFormed()) throw new JcsError(pathOf(trail), 'a string with a lone surrogate is not I-JSON');
  // JSON.stringify escapes exactly what section 3.2.2.2 asks: " \ and U+0000-U+001F (\b \t \n \f \r, others
  // as lower-case \u00xx); everything else, / included, is written as is.
  return JSON.stringify(s);
}

function isPlain(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, trail: Trail): string {
  if (value === null) return 'null';
  const kind = typeof value;
  if (kind === 'string') return string(value as string, trail);
  if (kind === 'number') {
    if (!Number.isFinite(value)) throw new JcsError(pathOf(trail), `${value as number} is not a JSON number`);
    // Number::toString is the serialisation of section 3.2.2.3; -0 gives "0".
    return String(value);
  }
  if (kind === 'boolean') return value ? 'true' : 'false';
  if (kind !== 'object') throw new JcsError(pathOf(trail), `a ${kind} is not JSON data`);
  if (trail.length >= MAX_DEPTH) throw new JcsError(pathOf(trail), `nesting deeper than ${MAX_DEPTH} levels`);
  // Text is built by concatenation (V8 keeps it as a rope until it is read), cheaper than joining parts.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      trail.push(i);
      if (value[i] === undefined) throw new JcsError(pathOf(trail), 'undefined is not JSON data');
      out += (i ? ',' : '') + write(value[i], trail);
      trail.pop();
    }
    return `${out}]`;
  }
  const obj = value as object; // typeof is 'object' and not null (checked above)
  if (!isPlain(obj)) throw new JcsError(pathOf(trail), `a ${obj.constructor?.name ?? 'non-plain'} object is not JSON data`);
  // Members whose value is undefined are absent, as in JSON.stringify (optional properties). The default
  // sort compares UTF-16 code units, which is the order section 3.2.3 prescribes.
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    trail.push(k);
    out += `${first ? '' : ','}${string(k, trail)}:${write(v, trail)}`;
    first = false;
    trail.pop();
  }
  return `${out}}`;
}

/** The RFC 8785 canonical text of a JSON value; throws JcsError (with the path) for anything outside I-JSON. */
export function canonicalize(value: unknown): string {
  return write(value, []);
}

/** The canonical form as UTF-8 bytes: what is hashed or signed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
