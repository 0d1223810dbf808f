import type { ParseResult } from './types.ts';
import { dict, fail } from './types.ts';

/**
 * CEF extension: space-separated `key=value` pairs where a value may contain spaces and runs until
 * the space before the next `key=`. A key is letters, digits, '_' and '.' and starts the text or
 * follows a space; an '=' that does not end such a key is part of the value (tolerating producers
 * that forget to escape it). Value escapes: `\=` '=', `\\` '\', `\n` LF, `\r` CR, `\|` '|'; other
 * backslashes are kept (Windows paths from careless producers survive). A repeated key keeps the
 * last value. Linear time: each '=' walks back only over key characters since the previous '='.
 */
export function parseCefExtensions(s: string, start: number, maxFields: number): ParseResult<Record<string, string>> {
  const keyStarts: number[] = [];
  const eqs: number[] = [];
  let lastEq = start - 1;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c !== '=') continue;
    let j = i;
    while (j > lastEq + 1 && j > start && isKeyChar(s.charCodeAt(j - 1))) j--;
    lastEq = i;
    if (j < i && (j === start || s[j - 1] === ' ')) {
      if (keyStarts.length >= maxFields) return fail(`CEF extension has more than ${maxFields} fields`, j);
      keyStarts.push(j);
      eqs.push(i);
    }
  }
  const out = dict<string>();
  let lead = start;
  while (lead < s.length && s[lead] === ' ') lead++;
  if (keyStarts.length === 0) {
    if (lead < s.length) return fail('CEF extension is not key=value pairs', lead);
    return { ok: true, value: out };
  }
  if ((keyStarts[0] ?? 0) > lead) return fail('CEF extension starts with text that is not key=value', lead);
  for (let k = 0; k < keyStarts.length; k++) {
    const ks = keyStarts[k] ?? 0;
    const eq = eqs[k] ?? 0;
    let ve = k + 1 < keyStarts.length ? (keyStarts[k + 1] ?? 0) - 1 : s.length;
    while (ve > eq + 1 && (s[ve - 1] === ' ' || (k + 1 === keyStarts.length && isLineSpace(s[ve - 1])))) ve--;
    out[s.slice(ks, eq)] = unescapeValue(s, eq + 1, ve);
  }
  return { ok: true, value: out };
}

function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
}

function isLineSpace(c: string | undefined): boolean {
  return c === '\t' || c === '\r' || c === '\n';
}

function unescapeValue(s: string, from: number, to: number): string {
  let i = s.indexOf('\\', from);
  if (i < 0 || i >= to) return s.slice(from, to);
  let out = '';
  let chunk = from;
  for (; i < to; i++) {
    if (s[i] !== '\\' || i + 1 >= to) continue;
    const n = s[i + 1];
    const rep = n === '=' || n === '\\' || n === '|' ? n : n === 'n' ? '\n' : n === 'r' ? '\r' : undefined;
    if (rep === undefined) continue;
    out += s.slice(chunk, i) + rep;
    i++;
    chunk = i + 1;
  }
  return out + s.slice(chunk, to);
}
