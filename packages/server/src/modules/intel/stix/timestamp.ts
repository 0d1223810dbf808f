// STIX timestamps (specification 2.16): RFC 3339, UTC with `Z`, `YYYY-MM-DDTHH:mm:ss[.s+]Z`, and real
// calendar values. Comparison works on the text with any number of sub-second digits, so no precision
// is lost to JavaScript's millisecond dates.

const SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two decimal digits at `at` (the shape was checked, so they are digits). */
function two(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

/** Why a value is not a STIX timestamp, or `undefined` when it is one. */
export function timestampProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (!SHAPE.test(value)) return 'not in the form YYYY-MM-DDTHH:mm:ss[.s+]Z (UTC, with Z)';
  const year = two(value, 0) * 100 + two(value, 2);
  const month = two(value, 5);
  const day = two(value, 8);
  const hour = two(value, 11);
  const minute = two(value, 14);
  const second = two(value, 17);
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${day} does not exist in ${value.slice(0, 7)}`;
  if (hour > 23) return `hour ${hour} does not exist`;
  if (minute > 59) return `minute ${minute} does not exist`;
  // RFC 3339 allows a leap second; in UTC it can only be 23:59:60.
  if (second > 60 || (second === 60 && (hour !== 23 || minute !== 59))) return `second ${second} does not exist here`;
  return undefined;
}

export function isTimestamp(value: unknown): value is string {
  return timestampProblem(value) === undefined;
}

/** Number of sub-second digits (0 when there is no fraction). Assumes a valid timestamp. */
export function subSecondDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 2;
}

/**
 * Orders two valid timestamps: negative when `a` is earlier, 0 when they denote the same instant
 * (`…:00Z` equals `…:00.000Z`), positive when `a` is later.
 */
export function compareTimestamps(a: string, b: string): number {
  const ha = a.slice(0, 19);
  const hb = b.slice(0, 19);
  if (ha !== hb) return ha < hb ? -1 : 1;
  const fa = fraction(a);
  const fb = fraction(b);
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}

function fraction(value: string): string {
  const dot = value.indexOf('.');
  return dot < 0 ? '' : value.slice(dot + 1, value.length - 1);
}
