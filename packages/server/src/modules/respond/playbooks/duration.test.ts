import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('durations', () => {
  it('reads every unit', () => {
    expect(parseDuration('500ms')).toEqual({ ok: true, ms: 500 });
    expect(parseDuration('10s')).toEqual({ ok: true, ms: 10_000 });
    expect(parseDuration('5m')).toEqual({ ok: true, ms: 300_000 });
    expect(parseDuration('4h')).toEqual({ ok: true, ms: 14_400_000 });
    expect(parseDuration('2d')).toEqual({ ok: true, ms: 172_800_000 });
  });

  it('refuses bare numbers, mixed units, negatives and fractions', () => {
    for (const bad of ['10', '1h30m', '-5s', '1.5h', 'soon', '', '10 sec']) {
      const r = parseDuration(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toContain('expected a whole number');
    }
  });

  it('formats with the largest exact unit', () => {
    expect(formatDuration(14_400_000)).toBe('4h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1500)).toBe('1500ms');
  });
});
