// Tokens of the condition language. Positions are kept so every error can name its column.
import { ExpressionError } from './expression-error.ts';

export type Token =
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ',', '.', '-'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExpressionError(`unterminated string starting`, start);
        const d = src[i] as string;
        if (d === c) break;
        if (d === '\\') {
          const e = src[i + 1];
          if (e === undefined) throw new ExpressionError(`unterminated string starting`, start);
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      out.push({ t: 'str', v: value, pos: start });
      continue;
    }
    if (isDigit(c)) {
      while (isDigit(src[i])) i++;
      if (src[i] === '.' && isDigit(src[i + 1])) {
        i++;
        while (isDigit(src[i])) i++;
      }
      if (isIdStart(src[i])) throw new ExpressionError(`unexpected character ${JSON.stringify(src[i])} after a number`, i);
      out.push({ t: 'num', v: Number(src.slice(start, i)), pos: start });
      continue;
    }
    if (isIdStart(c)) {
      // Step ids are slugs, so a hyphen inside a name belongs to it (steps.block-ip.output): the language
      // has no subtraction, which keeps this unambiguous.
      while (isIdPart(src[i]) || (src[i] === '-' && isIdPart(src[i + 1]))) i++;
      out.push({ t: 'id', v: src.slice(start, i), pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, start);
    i += op.length;
    out.push({ t: 'op', v: op, pos: start });
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}
