import { describe, expect, it } from 'vitest';
import { decayModelFor, decayScore, type DecayModel } from './decay.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const exp10: DecayModel = { kind: 'exponential', halfLifeDays: 10 };

describe('decayScore', () => {
  it('exponential: half the score per half-life', () => {
    expect(decayScore(80, T0, undefined, undefined, T0, exp10)).toBe(80);
    expect(decayScore(80, T0, undefined, undefined, T0 + 10 * DAY, exp10)).toBeCloseTo(40, 10);
    expect(decayScore(80, T0, undefined, undefined, T0 + 30 * DAY, exp10)).toBeCloseTo(10, 10);
  });

  it('a sighting refreshes the indicator; a sighting from the future counts as now', () => {
    expect(decayScore(80, T0, undefined, T0 + 20 * DAY, T0 + 20 * DAY, exp10)).toBe(80);
    expect(decayScore(80, T0, undefined, T0 + 20 * DAY, T0 + 30 * DAY, exp10)).toBeCloseTo(40, 10);
    expect(decayScore(80, T0, undefined, T0 - 5 * DAY, T0 + 10 * DAY, exp10)).toBeCloseTo(40, 10); // before valid_from: valid_from counts
    expect(decayScore(80, T0, undefined, T0 + 99 * DAY, T0 + 10 * DAY, exp10)).toBe(80);
  });

  it('0 outside [valid_from, valid_until)', () => {
    expect(decayScore(80, T0, T0 + DAY, undefined, T0 - 1, exp10)).toBe(0);
    expect(decayScore(80, T0, T0 + DAY, undefined, T0 + DAY, exp10)).toBe(0);
    expect(decayScore(80, T0, T0 + DAY, undefined, T0 + DAY - 1, exp10)).toBeCloseTo(80 * 2 ** -0.1, 5);
    expect(decayScore(80, new Date(T0), new Date(T0 + DAY), undefined, new Date(T0 + DAY / 2), exp10)).toBeCloseTo(80 * 2 ** -0.05, 10);
  });

  it('polynomial (MISP): 1 − (age/lifetime)^(1/speed), 0 after the lifetime', () => {
    const m: DecayModel = { kind: 'polynomial', lifetimeDays: 100, decaySpeed: 2 };
    expect(decayScore(100, T0, undefined, undefined, T0 + 25 * DAY, m)).toBeCloseTo(50, 10); // 1 − sqrt(0.25)
    expect(decayScore(100, T0, undefined, undefined, T0 + 100 * DAY, m)).toBe(0);
    const linear: DecayModel = { kind: 'polynomial', lifetimeDays: 100, decaySpeed: 1 };
    expect(decayScore(100, T0, undefined, undefined, T0 + 25 * DAY, linear)).toBeCloseTo(75, 10);
  });

  it('a score under the threshold is 0; none keeps the base score', () => {
    expect(decayScore(80, T0, undefined, undefined, T0 + 30 * DAY, { ...exp10, threshold: 11 })).toBe(0);
    expect(decayScore(80, T0, undefined, undefined, T0 + 999 * DAY, { kind: 'none' })).toBe(80);
    expect(decayScore(0, T0, undefined, undefined, T0, exp10)).toBe(0);
    expect(decayScore(Number.NaN, T0, undefined, undefined, T0, exp10)).toBe(0);
  });

  it('never increases with time and never exceeds the base score', () => {
    for (const m of [decayModelFor('ipv4-addr'), decayModelFor('file'), { kind: 'polynomial', lifetimeDays: 30, decaySpeed: 0.5 } as DecayModel]) {
      let prev = Infinity;
      for (let d = 0; d < 400; d += 7) {
        const s = decayScore(90, T0, undefined, undefined, T0 + d * DAY, m);
        expect(s).toBeLessThanOrEqual(Math.min(prev, 90));
        prev = s;
      }
    }
  });

  it('default models: infrastructure decays faster than file hashes', () => {
    const at = (type: string) => decayScore(100, T0, undefined, undefined, T0 + 30 * DAY, decayModelFor(type));
    expect(at('ipv4-addr')).toBeLessThan(at('domain-name'));
    expect(at('domain-name')).toBeLessThan(at('file'));
    expect(decayModelFor('x-unknown')).toMatchObject({ kind: 'exponential', halfLifeDays: 30 });
  });
});
