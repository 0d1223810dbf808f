// Date-part modifiers (modifiers appendix, "Time Modifiers"): minute, hour, day, week, month, year.
// The parts are read from the timestamp text as written (the spec: no timezone or format conversion).

export const DATE_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/** ISO 8601 week number (1–53) of a calendar date. */
function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Extracts a date part from a timestamp string (ISO-like) or epoch milliseconds; undefined if unreadable. */
export function datePart(value: unknown, part: DatePart): number | undefined {
  let y: number, mo: number, d: number, h: number | undefined, mi: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const t = new Date(value);
    [y, mo, d, h, mi] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
  } else if (typeof value === 'string') {
    const m = ISO.exec(value.trim());
    if (!m) return undefined;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    h = m[4] === undefined ? undefined : Number(m[4]);
    mi = m[5] === undefined ? undefined : Number(m[5]);
  } else return undefined;
  switch (part) {
    case 'year':
      return y;
    case 'month':
      return mo;
    case 'day':
      return d;
    case 'week':
      return isoWeek(y, mo, d);
    case 'hour':
      return h;
    case 'minute':
      return mi;
  }
}
