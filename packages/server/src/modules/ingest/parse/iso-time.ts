import type { ParseResult } from './types.ts';
import { fail } from './types.ts';

/**
 * ISO 8601 / RFC 3339 date-time parser written with character scanning (no regex).
 *
 * strict (RFC 5424 TIMESTAMP, RFC 3339 `date-time`): `YYYY-MM-DDThh:mm:ss[.1-6 digits](Z|+hh:mm)`,
 *   `T` and `Z` may be lower case.
 * loose (event fields): `T` or a space between date and time, seconds optional, `.` or `,` before
 *   up to 9 fraction digits, offset `Z`, `+hh:mm`, `+hhmm`, `+hh` or absent (then UTC).
 * Leap seconds are rejected in strict mode (RFC 5424 6.2.3) and clamped to :59 in loose mode.
 * Offsets in errors are relative to `text`.
 */
export function parseIsoTime(text: string, strict: boolean): ParseResult<Date> {
  if (text.length > 40) return fail(`timestamp too long (${text.length} characters)`, 0);
  let pos = 0;
  const num = (width: number, what: string): number | string => {
    let v = 0;
    for (let i = 0; i < width; i++) {
      const c = text.charCodeAt(pos + i) - 48;
      if (!(c >= 0 && c <= 9)) return `expected ${width}-digit ${what}`;
      v = v * 10 + c;
    }
    pos += width;
    return v;
  };
  const expect = (ch: string, what: string): string | undefined => {
    if (text[pos] !== ch) return `expected '${ch}' ${what}`;
    pos++;
    return undefined;
  };
  const parts: number[] = [];
  const steps: Array<[number, string, string | undefined]> = [
    [4, 'year', '-'], [2, 'month', '-'], [2, 'day', undefined],
  ];
  for (const [w, what, sep] of steps) {
    const v = num(w, what);
    if (typeof v === 'string') return fail(v, pos);
    parts.push(v);
    if (sep !== undefined) {
      const e = expect(sep, `after ${what}`);
      if (e) return fail(e, pos);
    }
  }
  const [year, month, day] = parts as [number, number, number];
  const sep = text[pos];
  if (!(sep === 'T' || sep === 't' || (!strict && sep === ' '))) return fail("expected 'T' between date and time", pos);
  pos++;
  const hour = num(2, 'hour');
  if (typeof hour === 'string') return fail(hour, pos);
  let e = expect(':', 'after hour');
  if (e) return fail(e, pos);
  const minute = num(2, 'minute');
  if (typeof minute === 'string') return fail(minute, pos);
  let second = 0;
  if (strict || text[pos] === ':') {
    e = expect(':', 'after minute');
    if (e) return fail(e, pos);
    const s = num(2, 'second');
    if (typeof s === 'string') return fail(s, pos);
    second = s;
  }
  let millis = 0;
  if (text[pos] === '.' || (!strict && text[pos] === ',')) {
    pos++;
    const start = pos;
    while (pos < text.length && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
    const digits = pos - start;
    if (digits === 0) return fail('expected fraction digits', pos);
    if (digits > (strict ? 6 : 9)) return fail(`fraction has ${digits} digits (at most ${strict ? 6 : 9})`, start);
    millis = Number((text.slice(start, start + Math.min(digits, 3)) + '00').slice(0, 3));
  }
  let offsetMin = 0;
  const z = text[pos];
  if (z === 'Z' || z === 'z') pos++;
  else if (z === '+' || z === '-') {
    pos++;
    const oh = num(2, 'offset hour');
    if (typeof oh === 'string') return fail(oh, pos);
    let om = 0;
    if (text[pos] === ':' || (!strict && pos < text.length)) {
      if (text[pos] === ':') pos++;
      else if (strict) return fail("expected ':' in offset", pos);
      const m = num(2, 'offset minute');
      if (typeof m === 'string') return fail(m, pos);
      om = m;
    } else if (strict) return fail("expected ':' in offset", pos);
    if (oh > 23 || om > 59) return fail('offset out of range', pos);
    offsetMin = (z === '-' ? -1 : 1) * (oh * 60 + om);
  } else if (strict) return fail("expected 'Z' or a numeric offset", pos);
  if (pos !== text.length) return fail('unexpected characters after timestamp', pos);

  if (month < 1 || month > 12) return fail(`month ${month} out of range`, 5);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`day ${day} out of range`, 8);
  if (hour > 23 || minute > 59) return fail('time of day out of range', 11);
  if (second > 59) {
    if (strict || second > 60) return fail(`second ${second} out of range`, 17);
    second = 59;
  }
  return { ok: true, value: utcDate(year, month, day, hour, minute, second, millis, offsetMin) };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Build a Date from UTC fields (years 0-99 are literal, unlike Date.UTC) minus an offset in minutes. */
export function utcDate(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  millis: number, offsetMin = 0,
): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return new Date(d.getTime() - offsetMin * 60_000);
}
