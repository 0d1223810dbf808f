// Decoding of the constants of the grammar: string escapes, base64, hex and timestamps.
import { syntaxError } from './errors.ts';

/**
 * The body of a string constant (between the quotes, `start` = offset of its first character).
 * The grammar allows only `\'` and `\\`; `lenient` keeps any other backslash as written.
 */
export function decodeString(body: string, start: number, lenient: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === "'" || next === '\\') {
      out += next;
      i++;
    } else if (lenient) {
      out += c;
    } else {
      throw syntaxError(`invalid escape \\${next ?? ''} in a string constant: only \\' and \\\\ are allowed (write \\\\ for a backslash)`, start + i,
        ["\\'", '\\\\'], `\\${next ?? ''}`);
    }
  }
  return out;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64(text: string, start: number): Uint8Array {
  if (!BASE64.test(text)) throw syntaxError('invalid binary constant: expected base64 (groups of four characters, = padding)', start);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function decodeHex(text: string, start: number): Uint8Array {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(text)) throw syntaxError('invalid hex constant: expected pairs of hexadecimal digits', start);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** RFC 3339 UTC (`YYYY-MM-DDTHH:MM:SS[.s+]Z`) → epoch ms; undefined if not that form or not a real date. */
export function timestampMs(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  const fraction = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, years 0-99 stay themselves
  if (date.getUTCDate() !== d) return undefined; // day overflow, e.g. 02-30
  date.setUTCHours(h, mi, Math.min(s, 59), 0);
  // A leap second (:60) is the first instant of the next minute.
  const t = date.getTime() + (s === 60 ? 1000 : 0) + fraction;
  return t;
}

export function decodeTimestamp(text: string, start: number): number {
  const ms = timestampMs(text);
  if (ms === undefined) throw syntaxError(`invalid timestamp constant '${text}': expected YYYY-MM-DDTHH:MM:SS[.fraction]Z (UTC)`, start);
  return ms;
}
