import { daysInMonth, utcDate } from './iso-time.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A `Mmm dd [yyyy] hh:mm:ss[.fff]` timestamp as written by BSD syslog (RFC 3164 4.1.2) and CEF. */
export type MonthDayTime = {
  month: number; day: number; year?: number;
  hour: number; minute: number; second: number; millis: number;
  /** Offset just after the timestamp. */
  end: number;
};

/**
 * Scan `Mmm dd hh:mm:ss` at `pos`: month name in any case; day as ` d`, `d` or `dd`;
 * an optional 4-digit year before the time (Cisco, CEF `MMM dd yyyy HH:mm:ss`); optional fraction
 * of 1-9 digits. Returns undefined when the text there is not such a timestamp.
 */
export function scanMonthDayTime(s: string, pos: number): MonthDayTime | undefined {
  const month = MONTHS.indexOf(s.slice(pos, pos + 3).toLowerCase()) + 1;
  if (month === 0 || s[pos + 3] !== ' ') return undefined;
  let p = pos + 4;
  if (s[p] === ' ') p++;
  const digitsAt = (at: number, max: number): [number, number] => {
    let v = 0;
    let n = 0;
    while (n < max && at + n < s.length) {
      const c = s.charCodeAt(at + n) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      n++;
    }
    return [v, n];
  };
  const [day, dn] = digitsAt(p, 2);
  if (dn === 0 || s[p + dn] !== ' ' || day < 1 || day > 31) return undefined;
  p += dn + 1;
  let year: number | undefined;
  const [y, yn] = digitsAt(p, 4);
  if (yn === 4 && s[p + 4] === ' ') {
    year = y;
    p += 5;
  }
  const [hour, hn] = digitsAt(p, 2);
  if (hn !== 2 || s[p + 2] !== ':') return undefined;
  const [minute, mn] = digitsAt(p + 3, 2);
  if (mn !== 2 || s[p + 5] !== ':') return undefined;
  const [second, sn] = digitsAt(p + 6, 2);
  if (sn !== 2 || hour > 23 || minute > 59 || second > 60) return undefined;
  p += 8;
  let millis = 0;
  if (s[p] === '.') {
    const [, fn] = digitsAt(p + 1, 9);
    if (fn > 0) {
      millis = Number((s.slice(p + 1, p + 1 + Math.min(fn, 3)) + '00').slice(0, 3));
      p += 1 + fn;
    }
  }
  const out: MonthDayTime = { month, day, hour, minute, second: Math.min(second, 59), millis, end: p };
  if (year !== undefined) out.year = year;
  return out;
}

/** How far in the future a BSD timestamp may be (sender clock ahead) before it is read as last year's. */
export const FUTURE_TOLERANCE_MS = 3 * 24 * 3600_000;

/**
 * Turn a scanned timestamp into a Date (UTC, as BSD timestamps carry no zone). Without a year,
 * takes the latest of the years after, of and before `reference`'s that is not more than
 * FUTURE_TOLERANCE_MS ahead of `reference`: logs describe the past, so a `Feb 5` line received in
 * October is this year's, a `Dec 31` line received on 1 January last year's, and a `Jan 1` line
 * from a fast clock received on 31 December next year's. Undefined when the day does not exist.
 */
export function monthDayTimeToDate(t: MonthDayTime, reference: Date): Date | undefined {
  const build = (year: number): Date | undefined =>
    t.day > daysInMonth(year, t.month) ? undefined : utcDate(year, t.month, t.day, t.hour, t.minute, t.second, t.millis);
  if (t.year !== undefined) return build(t.year);
  const limit = reference.getTime() + FUTURE_TOLERANCE_MS;
  if (!Number.isFinite(limit)) return undefined;
  const y0 = reference.getUTCFullYear();
  // Feb 29 may need to go back up to 8 years (e.g. 2100 is not a leap year).
  for (let year = y0 + 1; year >= y0 - 8; year--) {
    const d = build(year);
    if (d && d.getTime() <= limit) return d;
  }
  return undefined;
}
