import type { ParseResult } from './types.ts';
import { dict, fail } from './types.ts';

export type StructuredData = { data: Record<string, Record<string, string>>; end: number };

/**
 * RFC 5424 STRUCTURED-DATA = 1*SD-ELEMENT, SD-ELEMENT = "[" SD-ID *(SP SD-PARAM) "]",
 * SD-PARAM = PARAM-NAME "=" %d34 PARAM-VALUE %d34. In PARAM-VALUE, `\"`, `\\` and `\]` are escapes;
 * a backslash before any other character is kept (RFC 5424 6.3.3).
 * A repeated SD-ID is merged into one element. A repeated PARAM-NAME (allowed by the RFC, e.g.
 * `[origin ip="a" ip="b"]`) keeps its first value under the name and later ones under `name#2`, `name#3`….
 * Starts at `start` (which holds '['); `end` is the offset after the last ']'.
 */
export function parseStructuredData(s: string, start: number, maxParams: number): ParseResult<StructuredData> {
  const data = dict<Record<string, string>>();
  let pos = start;
  let count = 0;
  while (s[pos] === '[') {
    pos++;
    const idStart = pos;
    pos = scanName(s, pos);
    if (pos === idStart) return fail('SD-ID is empty or has an invalid character', pos);
    if (pos - idStart > 32) return fail('SD-ID longer than 32 characters', idStart);
    const id = s.slice(idStart, pos);
    const params = data[id] ?? dict<string>();
    data[id] = params;
    for (;;) {
      if (s[pos] === ']') { pos++; break; }
      if (s[pos] !== ' ') return fail(pos >= s.length ? 'unterminated SD-ELEMENT' : "expected SP or ']' in SD-ELEMENT", pos);
      pos++;
      const nameStart = pos;
      pos = scanName(s, pos);
      if (pos === nameStart) return fail('PARAM-NAME is empty or has an invalid character', pos);
      if (pos - nameStart > 32) return fail('PARAM-NAME longer than 32 characters', nameStart);
      const name = s.slice(nameStart, pos);
      if (s[pos] !== '=') return fail("expected '=' after PARAM-NAME", pos);
      if (s[pos + 1] !== '"') return fail("expected '\"' opening PARAM-VALUE", pos + 1);
      const valueStart = pos + 1;
      pos += 2;
      let value = '';
      let chunk = pos;
      for (;;) {
        if (pos >= s.length) return fail('unterminated PARAM-VALUE', valueStart);
        const c = s[pos];
        if (c === '"') break;
        if (c === '\\') {
          const n = s[pos + 1];
          if (n === '"' || n === '\\' || n === ']') {
            value += s.slice(chunk, pos) + n;
            pos += 2;
            chunk = pos;
            continue;
          }
        }
        pos++;
      }
      value += s.slice(chunk, pos);
      pos++;
      if (++count > maxParams) return fail(`more than ${maxParams} SD-PARAMs`, nameStart);
      let key = name;
      for (let n = 2; key in params; n++) key = `${name}#${n}`;
      params[key] = value;
    }
  }
  return { ok: true, value: { data, end: pos } };
}

/** SD-NAME = 1*32 PRINTUSASCII except '=', SP, ']', '"'. Returns the offset after the name. */
function scanName(s: string, pos: number): number {
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c < 33 || c > 126 || c === 61 || c === 93 || c === 34) break;
    pos++;
  }
  return pos;
}
