import { daysInMonth, utcDate } from './iso-time.ts';
import { zoneOffset } from './zone-offset.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parse `value` with a Java SimpleDateFormat `pattern` (LEEF `devTimeFormat`), subset:
 * yyyy yy, MMM+ (month name, first 3 letters matched) MM M, dd d, HH H (0-23), hh h (1-12) with a,
 * mm m, ss s, S… (fraction), z/zzz (zone name or offset), Z (+hhmm), X/XXX (Z or offset),
 * EEE (day name, skipped), 'quoted literals'; other characters must match literally.
 * No zone in the pattern means UTC. Undefined when the value does not fit the pattern.
 */
export function parseSimpleDateFormat(value: string, pattern: string): Date | undefined {
  if (value.length > 64 || pattern.length > 64) return undefined;
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0, offset = 0;
  let pm: boolean | undefined;
  let v = 0;
  let p = 0;
  const digits = (min: number, max: number): number | undefined => {
    let n = 0;
    while (n < max && v + n < value.length && value.charCodeAt(v + n) >= 48 && value.charCodeAt(v + n) <= 57) n++;
    if (n < min) return undefined;
    const out = Number(value.slice(v, v + n));
    v += n;
    return out;
  };
  while (p < pattern.length) {
    const c = pattern[p] as string;
    let run = 1;
    while (pattern[p + run] === c) run++;
    p += run;
    if (c === "'") {
      const close = pattern.indexOf("'", p);
      const lit = run === 2 ? "'" : pattern.slice(p, close < 0 ? pattern.length : close);
      if (run !== 2) p = close < 0 ? pattern.length : close + 1;
      if (!value.startsWith(lit, v)) return undefined;
      v += lit.length;
      continue;
    }
    const wide = run > 1 ? run : 1;
    let n: number | undefined;
    switch (c) {
      case 'y': n = digits(run === 2 ? 2 : 4, run === 2 ? 2 : 4); if (n !== undefined) year = run === 2 ? 2000 + n : n; break;
      case 'M':
        if (run >= 3) {
          const m = MONTHS.indexOf(value.slice(v, v + 3).toLowerCase());
          if (m < 0) return undefined;
          month = m + 1;
          v += 3;
          while (v < value.length && /[a-z.]/i.test(value[v] as string)) v++;
          continue;
        }
        n = digits(wide, 2); if (n !== undefined) month = n; break;
      case 'd': n = digits(wide, 2); if (n !== undefined) day = n; break;
      case 'H': case 'h': case 'k': n = digits(wide, 2); if (n !== undefined) hour = n; break;
      case 'm': n = digits(wide, 2); if (n !== undefined) minute = n; break;
      case 's': n = digits(wide, 2); if (n !== undefined) second = n; break;
      case 'S': {
        const start = v;
        n = digits(1, 9);
        if (n !== undefined) millis = Number((value.slice(start, v) + '00').slice(0, 3));
        break;
      }
      case 'a': {
        const ap = value.slice(v, v + 2).toLowerCase();
        if (ap !== 'am' && ap !== 'pm') return undefined;
        pm = ap === 'pm';
        v += 2;
        continue;
      }
      case 'E': while (v < value.length && /[a-z]/i.test(value[v] as string)) v++; continue;
      case 'z': case 'Z': case 'X': {
        let e = v;
        while (e < value.length && e - v < 12 && value[e] !== ' ') e++;
        const z = zoneOffset(value.slice(v, e));
        if (z === undefined) return undefined;
        offset = z;
        v = e;
        continue;
      }
      default:
        if (/[A-Za-z]/.test(c)) return undefined;
        if (value.slice(v, v + run) !== c.repeat(run)) return undefined;
        v += run;
        continue;
    }
    if (n === undefined) return undefined;
  }
  if (v !== value.length) return undefined;
  if (pm !== undefined && hour <= 12) hour = (hour % 12) + (pm ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  return utcDate(year, month, day, hour, minute, Math.min(second, 59), millis, offset);
}
