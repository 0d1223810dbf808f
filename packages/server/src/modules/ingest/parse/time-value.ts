import { parseIsoTime } from './iso-time.ts';
import { monthDayTimeToDate, scanMonthDayTime } from './bsd-time.ts';
import { zoneOffset } from './zone-offset.ts';

const MIN = Date.UTC(1971, 0, 1);
const MAX = Date.UTC(2200, 0, 1);

/**
 * A point in time from a field value, or undefined when it is not one we can read reliably:
 * - a Date;
 * - epoch numbers or numeric strings, by magnitude: seconds (< 1e11, fractions allowed),
 *   milliseconds (< 1e14), microseconds (< 1e17), else nanoseconds;
 * - ISO 8601 / RFC 3339 (`T` or space, optional fraction and offset; no offset means UTC);
 * - `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]` (CEF, BSD syslog); without a year it is inferred from
 *   `reference` and left undefined without one; unknown zone abbreviations give undefined;
 * - Windows `{ SystemTime }` objects (`TimeCreated`), also as `#attributes`/`@SystemTime`.
 * Results outside 1971-2200 are rejected as misread.
 */
export function parseTimeValue(v: unknown, reference?: Date, depth = 0): Date | undefined {
  if (v instanceof Date) return inRange(v.getTime());
  if (typeof v === 'number') return fromEpoch(v);
  if (v !== null && typeof v === 'object' && depth < 2) {
    const o = v as Record<string, unknown>;
    const attrs = o['#attributes'];
    const nested = attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, unknown>)['SystemTime'] : undefined;
    return parseTimeValue(o['SystemTime'] ?? o['@SystemTime'] ?? nested, reference, depth + 1);
  }
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  if (/^\d{1,20}(\.\d{1,9})?$/.test(s)) return fromEpoch(Number(s));
  if (/^\d{4}-/.test(s)) {
    const iso = parseIsoTime(s, false);
    return iso.ok ? inRange(iso.value.getTime()) : undefined;
  }
  const t = scanMonthDayTime(s, 0);
  if (!t) return undefined;
  let offset = 0;
  if (t.end < s.length) {
    if (s[t.end] !== ' ') return undefined;
    const z = zoneOffset(s.slice(t.end + 1));
    if (z === undefined) return undefined;
    offset = z;
  }
  if (t.year === undefined && !reference) return undefined;
  const d = monthDayTimeToDate(t, reference ?? new Date(0));
  return d ? inRange(d.getTime() - offset * 60_000) : undefined;
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1e3 : n / 1e6;
  return inRange(Math.round(ms));
}

function inRange(ms: number): Date | undefined {
  return Number.isFinite(ms) && ms >= MIN && ms < MAX ? new Date(ms) : undefined;
}
