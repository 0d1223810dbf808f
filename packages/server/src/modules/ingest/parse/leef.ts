import type { LeefEvent, ParseLimits, ParseResult } from './types.ts';
import { DEFAULT_MAX_FIELDS, DEFAULT_MAX_LENGTH, dict, fail } from './types.ts';
import { readHeaderFields } from './header-fields.ts';

/**
 * IBM QRadar LEEF.
 * 1.0: `LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value…`
 * 2.0: `LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|key=value<delim>…` where the
 *      delimiter is one character, or its code as hex `xHH`/`0xHH` (1-4 hex digits), or empty (tab).
 *      The delimiter field is optional: when the text after EventID is not a delimiter followed by
 *      '|', it is read as attributes delimited by tab.
 * Header fields accept `\|` and `\\`. An attribute value runs to the next delimiter and may contain
 * '='; a piece without '=' continues the previous value (a value that contained the delimiter).
 */
export function parseLeef(text: string, limits: ParseLimits = {}): ParseResult<LeefEvent> {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxFields = limits.maxFields ?? DEFAULT_MAX_FIELDS;
  if (text.length > maxLength) return fail(`LEEF event is ${text.length} characters, limit ${maxLength}`);
  let pos = 0;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\ufeff')) pos++;
  if (!text.startsWith('LEEF:', pos)) return fail("expected 'LEEF:'", pos);
  pos += 5;
  const header = readHeaderFields(text, pos, 5);
  if (header.fields.length < 5) return fail(`LEEF header has ${header.fields.length} of 5 '|'-separated fields`, header.end);
  const [version, vendor, product, productVersion, eventId] = header.fields as [string, string, string, string, string];
  const major = version.trim().split('.')[0];
  if (major !== '1' && major !== '2') return fail(`unsupported LEEF version '${version.slice(0, 16)}'`, pos);
  pos = header.end;

  let delimiter = '\t';
  if (major === '2' && !header.unterminated) {
    const bar = text.indexOf('|', pos);
    if (bar >= 0 && bar - pos <= 6) {
      const spec = text.slice(pos, bar);
      const d = delimiterFrom(spec);
      if (d !== undefined) {
        delimiter = d;
        pos = bar + 1;
      } else if (!spec.includes('=')) return fail(`invalid LEEF 2.0 delimiter '${spec}'`, pos);
    }
  }
  const attributes = dict<string>();
  let last: string | undefined;
  let count = 0;
  let i = header.unterminated ? text.length : pos;
  while (i < text.length) {
    let e = text.indexOf(delimiter, i);
    if (e < 0) e = text.length;
    const piece = text.slice(i, e);
    const eq = piece.indexOf('=');
    if (eq > 0 && piece.slice(0, eq).trim() !== '') {
      if (++count > maxFields) return fail(`LEEF event has more than ${maxFields} attributes`, i);
      last = piece.slice(0, eq).trim();
      attributes[last] = eq + 1 === piece.length ? '' : trimEnd(piece.slice(eq + 1));
    } else if (last !== undefined && piece !== '') {
      attributes[last] += delimiter + trimEnd(piece);
    } else if (piece.trim() !== '') return fail('LEEF attribute is not key=value', i);
    i = e + delimiter.length;
  }
  return { ok: true, value: { version, vendor, product, productVersion, eventId, delimiter, attributes } };
}

/** '' is tab; one character is itself; `xHH`/`0xHH` (1-4 hex digits) is that code point. */
function delimiterFrom(spec: string): string | undefined {
  if (spec === '') return '\t';
  if ([...spec].length === 1) return spec;
  const hex = spec.startsWith('0x') || spec.startsWith('0X') ? spec.slice(2) : spec[0] === 'x' || spec[0] === 'X' ? spec.slice(1) : '';
  if (!/^[0-9a-fA-F]{1,4}$/.test(hex)) return undefined;
  const code = parseInt(hex, 16);
  return code === 0 ? undefined : String.fromCharCode(code);
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && (s[e - 1] === '\r' || s[e - 1] === '\n')) e--;
  return s.slice(0, e);
}
