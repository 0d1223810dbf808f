import type { ParseResult } from './types.ts';
import { fail } from './types.ts';

export type Pri = { facility: number; severity: number; end: number };

/** PRI = "<" 1*3DIGIT ">" with a value 0-191 (RFC 5424 6.2.1, RFC 3164 4.1.1). `end` is the offset after '>'. */
export function parsePri(s: string): ParseResult<Pri> {
  if (s[0] !== '<') return fail("expected '<' starting PRI", 0);
  let value = 0;
  let i = 1;
  for (; i <= 4 && i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    if (i === 2 && value === 0) return fail('PRI has a leading zero', 1);
    value = value * 10 + c;
  }
  const digits = i - 1;
  if (digits === 0) return fail('PRI has no digits', 1);
  if (digits > 3) return fail('PRI has more than 3 digits', 1);
  if (s[i] !== '>') return fail("expected '>' closing PRI", i);
  if (value > 191) return fail(`PRI ${value} out of range 0-191`, 1);
  return { ok: true, value: { facility: value >> 3, severity: value & 7, end: i + 1 } };
}

/** Remove trailing LF, CR and NUL characters (a transport artefact, not message content). */
export function stripLineEnd(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 10 && c !== 13 && c !== 0) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
