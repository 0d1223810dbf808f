// Time arguments: RFC 3339 timestamps, or a duration back from now ("15m", "2h", "7d", "now-1h", "now").
import { UsageError } from './problem.ts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTime(value: string, now: Date = new Date()): string {
  const v = value.trim();
  if (v === 'now') return now.toISOString();
  const rel = /^(?:now-)?(\d+)([smhdw])$/.exec(v);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNITS[rel[2]!]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(v)) {
    const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.replace(' ', 'T'));
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  throw new UsageError(`cannot read the time "${value}": use RFC 3339 (2025-05-01T12:00:00Z), a date, or an age such as 15m, 2h, 7d`);
}
