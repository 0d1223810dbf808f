// TAXII timestamps (date_added, added_after) at full precision: JavaScript dates keep milliseconds only,
// servers keep microseconds or more, so these work on the text.
import { compareTimestamps, isTimestamp } from '../stix/index.ts';

/** The later of two timestamps (either may be absent). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareTimestamps(a, b) >= 0 ? a : b;
}

/**
 * The latest microsecond strictly before `ts`: `added_after=justBefore(t)` also returns what was added at
 * exactly `t`. Returns `ts` itself when it cannot be computed (a leap second).
 */
export function justBefore(ts: string): string {
  const seconds = Date.parse(`${ts.slice(0, 19)}Z`);
  if (Number.isNaN(seconds)) return ts;
  const dot = ts.indexOf('.');
  const digits = dot < 0 ? '' : ts.slice(dot + 1, -1);
  const micros = BigInt((digits + '000000').slice(0, 6));
  const beyond = /[1-9]/.test(digits.slice(6));
  const total = BigInt(seconds / 1000) * 1_000_000n + micros - (beyond ? 0n : 1n);
  const whole = total / 1_000_000n;
  const frac = total % 1_000_000n;
  return `${new Date(Number(whole) * 1000).toISOString().slice(0, 19)}.${frac.toString().padStart(6, '0')}Z`;
}

export { isTimestamp };
