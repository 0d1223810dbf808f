// STIX timestamps as sortable keys: the same instant always gives the same text, and text order is time
// order (nine fraction digits; STIX allows any precision, PostgreSQL timestamps keep only six).
const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** The sortable key of an RFC 3339 UTC timestamp, or undefined when it is not one. */
export function versionKey(ts: unknown): string | undefined {
  if (typeof ts !== 'string') return undefined;
  const m = TS.exec(ts);
  if (!m) return undefined;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}

/** The version of a STIX object: `modified`, else `created`, else (SCOs, some meta objects) undefined. */
export function objectVersion(obj: Record<string, unknown>): string | undefined {
  return versionKey(obj['modified']) ?? versionKey(obj['created']);
}

/** A version key back to a STIX timestamp with millisecond precision or more (trailing zeros trimmed to 3). */
export function versionTimestamp(key: string): string {
  const [head, frac = ''] = key.slice(0, -1).split('.');
  let f = frac.replace(/0+$/, '');
  if (f.length < 3) f = f.padEnd(3, '0');
  return `${head}.${f}Z`;
}
