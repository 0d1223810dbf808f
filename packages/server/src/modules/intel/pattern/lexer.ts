// Tokens of the STIX 2.1 patterning grammar. Keywords are not reserved here: the parser reads a word
// as a keyword only where the grammar expects one, so `file:name` or `x-foo:in` stay paths.
import type { Literal } from './ast.ts';
import { syntaxError } from './errors.ts';
import { decodeBase64, decodeHex, decodeString, decodeTimestamp } from './literals.ts';

export type Token =
  | { readonly t: 'word'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly t: 'literal'; readonly literal: Literal; readonly start: number; readonly end: number }
  | { readonly t: 'punct'; readonly text: '[' | ']' | '(' | ')' | ':' | '.' | ',' | '*'; readonly start: number; readonly end: number }
  | { readonly t: 'op'; readonly text: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly start: number; readonly end: number }
  | { readonly t: 'eof'; readonly start: number; readonly end: number };

const PUNCT = new Set(['[', ']', '(', ')', ':', '.', ',', '*']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isWordStart = (c: string | undefined): boolean => c !== undefined && isLetter(c);
const isWordPart = (c: string | undefined): boolean => c !== undefined && (isLetter(c) || isDigit(c) || c === '-');
/** The grammar's WS: ASCII and Unicode spaces (JavaScript's \s plus NEL). */
const isSpace = (c: string): boolean => c === ' ' || (c <= '\r' && c >= '\t') || (c > '~' && (/\s/.test(c) || c === '\u0085'));

/** Splits a pattern into tokens; the last one is 'eof'. Errors name the offset and what was found. */
export function lex(text: string, lenient: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw syntaxError('unterminated comment', i, ['*/'], 'end of pattern');
      i = close + 2;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      const [body, end] = quoted(text, i);
      out.push({ t: 'literal', literal: { type: 'string', value: decodeString(body, i + 1, lenient), start, end }, start, end });
      i = end;
      continue;
    }
    if ((c === 'b' || c === 'h' || c === 't') && text[i + 1] === "'") {
      const [body, end] = quoted(text, i + 1);
      const literal: Literal = c === 'b' ? { type: 'binary', text: body, bytes: decodeBase64(body, i + 2), start, end }
        : c === 'h' ? { type: 'hex', text: body, bytes: decodeHex(body, i + 2), start, end }
        : { type: 'timestamp', text: body, ms: decodeTimestamp(body, i + 2), start, end };
      out.push({ t: 'literal', literal, start, end });
      i = end;
      continue;
    }
    if (isWordStart(c)) {
      while (isWordPart(text[i])) i++;
      out.push({ t: 'word', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c) || ((c === '+' || c === '-' || c === '.') && (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2]) && c !== '.')))) {
      const [literal, end] = number(text, i);
      out.push({ t: 'literal', literal, start, end });
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<>') {
      out.push({ t: 'op', text: '!=', start, end: i + 2 });
      i += 2;
      continue;
    }
    if (two === '<=' || two === '>=' || two === '==') {
      out.push({ t: 'op', text: two === '==' ? '=' : two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      out.push({ t: 'op', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (PUNCT.has(c)) {
      out.push({ t: 'punct', text: c as '[', start, end: i + 1 });
      i++;
      continue;
    }
    const hint = c === '"' ? ": quote keys and strings with single quotes ('…')" : '';
    throw syntaxError(`unexpected character ${JSON.stringify(c)}${hint}`, i, undefined, c);
  }
  out.push({ t: 'eof', start: n, end: n });
  return out;
}

/** From the opening quote at `q`: the raw body and the offset after the closing quote. */
function quoted(text: string, q: number): [string, number] {
  let i = q + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0) break;
    // The quote is escaped when an odd number of backslashes precede it.
    let k = close - 1;
    while (k > q && text[k] === '\\') k--;
    if ((close - 1 - k) % 2 === 0) return [text.slice(q + 1, close), close + 1];
    i = close + 1;
  }
  throw syntaxError('unterminated string constant', q, ["'"], 'end of pattern');
}

/** IntLiteral `[+-]?(0|[1-9][0-9]*)` or FloatLiteral `[+-]?[0-9]*\.[0-9]+`. */
function number(text: string, start: number): [Literal, number] {
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  const intStart = i;
  while (isDigit(text[i])) i++;
  const intDigits = text.slice(intStart, i);
  if (text[i] === '.' && isDigit(text[i + 1])) {
    i++;
    while (isDigit(text[i])) i++;
    return [{ type: 'float', value: Number(text.slice(start, i)), start, end: i }, i];
  }
  if (intDigits.length > 1 && intDigits.startsWith('0')) throw syntaxError(`integer constant ${text.slice(start, i)} has a leading zero`, start);
  const value = Number(text.slice(start, i));
  if (!Number.isSafeInteger(value)) throw syntaxError(`integer constant ${text.slice(start, i)} is outside ±2^53`, start);
  if (isWordPart(text[i])) throw syntaxError(`unexpected ${JSON.stringify(text[i])} after the number ${text.slice(start, i)}`, i, undefined, text[i]);
  return [{ type: 'int', value, start, end: i }, i];
}
