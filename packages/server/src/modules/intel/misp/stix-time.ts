// MISP times → STIX timestamps (RFC 3339, UTC, millisecond precision).

export const EPOCH = '1970-01-01T00:00:00.000Z';

export function fromEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** `YYYY-MM-DD` → midnight UTC. */
export function fromDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toISOString();
}

/** A MISP first_seen/last_seen (ISO 8601 with any offset, up to microseconds) → STIX; undefined if unreadable. */
export function fromIso(text: string): string | undefined {
  const ms = Date.parse(text);
  // STIX timestamps have four-digit years.
  return Number.isNaN(ms) || ms < 0 || ms > 253402300799999 ? undefined : new Date(ms).toISOString();
}

export function minTime(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxTime(a: string, b: string): string {
  return a >= b ? a : b;
}
