// FILETIME (100 ns ticks since 1601-01-01 UTC) to ISO 8601 text with a chosen number of fraction digits.
const EPOCH_DIFF = 116444736000000000n; // ticks from 1601 to 1970
const TICKS_PER_SECOND = 10_000_000n;

/**
 * `digits` 9 gives evtxexport's form (2020-09-09T13:18:23.627952500Z: nanoseconds, always ending in 00),
 * 7 the 100 ns resolution, 6 evtx_dump's (microseconds, truncated).
 */
export function filetimeToIso(ticks: bigint, digits: 6 | 7 | 9 = 7): string {
  const since = ticks - EPOCH_DIFF;
  let seconds = since / TICKS_PER_SECOND;
  let frac = since % TICKS_PER_SECOND;
  if (frac < 0n) {
    frac += TICKS_PER_SECOND;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const base = Number.isNaN(date.getTime()) ? '1601-01-01T00:00:00' : date.toISOString().slice(0, 19);
  const fraction = `${frac.toString().padStart(7, '0')}00`.slice(0, digits);
  return `${base}.${fraction}Z`;
}
