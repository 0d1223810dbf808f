// Durations as people write them in playbooks: 500ms, 10s, 5m, 4h, 2d. One unit per value keeps them
// unambiguous (no "1h30m"); a bare number is refused because its unit would be a guess.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d{1,9})(ms|s|m|h|d)$/;

/** Milliseconds for a duration string, or an error message saying what is accepted. */
export function parseDuration(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  const m = PATTERN.exec(text.trim());
  if (!m) return { ok: false, message: `invalid duration ${JSON.stringify(text)}: expected a whole number and one unit (ms, s, m, h, d), e.g. 500ms, 10s, 5m, 4h, 2d` };
  return { ok: true, ms: Number(m[1]) * (UNITS[m[2] as string] as number) };
}

/** The shortest exact spelling of a duration, for messages and dry-run descriptions. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit] as number;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
