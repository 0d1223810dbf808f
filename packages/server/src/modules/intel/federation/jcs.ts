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

/** True when the string has a high surrogate without its low half, or a low one without its high half. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
    i++;
  }
  return false;
}

function string(s: string, path: string): string {
  if (hasLoneSurrogate(s)) throw new JcsError(path, 'a string with a lone surrogate is not I-JSON');
  // JSON.stringify escapes exactly what section 3.2.2.2 asks: " \ and U+0000-U+001F (\b \t \n \f \r, others
  // as lower-case \u00xx); everything else, / included, is written as is.
  return JSON.stringify(s);
}

function isPlain(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, depth: number, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JcsError(path, `${value} is not a JSON number`);
    // Number::toString is the serialisation of section 3.2.2.3; -0 gives "0".
    out.push(String(value));
    return;
  }
  if (typeof value === 'string') {
    out.push(string(value, path));
    return;
  }
  if (typeof value !== 'object') throw new JcsError(path, `a ${typeof value} is not JSON data`);
  if (depth >= MAX_DEPTH) throw new JcsError(path, `nesting deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (v === undefined) throw new JcsError(`${path}[${i}]`, 'undefined is not JSON data');
      if (i) out.push(',');
      write(v, `${path}[${i}]`, depth + 1, out);
    });
    out.push(']');
    return;
  }
  if (!isPlain(value)) throw new JcsError(path, `a ${value.constructor?.name ?? 'non-plain'} object is not JSON data`);
  // Members whose value is undefined are absent, as in JSON.stringify (optional properties). The default
  // sort compares UTF-16 code units, which is the order section 3.2.3 prescribes.
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  out.push('{');
  keys.forEach((k, i) => {
    if (i) out.push(',');
    const at = `${path}.${k}`;
    out.push(string(k, at), ':');
    write(value[k], at, depth + 1, out);
  });
  out.push('}');
}

/** The RFC 8785 canonical text of a JSON value; throws JcsError (with the path) for anything outside I-JSON. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, '$', 0, out);
  return out.join('');
}

/** The canonical form as UTF-8 bytes: what is hashed or signed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
