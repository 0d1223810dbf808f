import { describe, expect, it } from 'vitest';
import { indicatorScore, patternObservable, scoreBasis } from './score.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const iso = (days: number) => new Date(NOW - days * DAY).toISOString();
const ind = (pattern: string, days: number, extra: Record<string, unknown> = {}) => ({ type: 'indicator', pattern, pattern_type: 'stix', valid_from: iso(days), created: iso(days), modified: iso(days), ...extra });

describe('indicator scores', () => {
  it('chooses the model by the first observable type of the pattern', () => {
    expect(patternObservable("[ipv4-addr:value = '1.2.3.4'] OR [file:hashes.MD5 = 'x']")).toBe('ipv4-addr');
    expect(patternObservable("([file:name = 'a' AND file:size = 3] REPEATS 2 TIMES)")).toBe('file');
    expect(scoreBasis(ind("[url:value = 'http://x.example/']", 0))).toMatchObject({ observable: 'url', base: 100, model: { kind: 'exponential', halfLifeDays: 20 } });
    expect(scoreBasis({ type: 'malware' })).toBeUndefined();
  });

  it('decays from the latest of valid_from, modified and the last sighting', () => {
    const basis = scoreBasis(ind("[ipv4-addr:value = '1.2.3.4']", 10, { confidence: 80 }))!;
    expect(indicatorScore(basis, {}, NOW)).toEqual({ score: 40, falsePositive: false });
    expect(indicatorScore(basis, { seen: NOW - DAY / 2, recorded: NOW - DAY / 2 }, NOW).score).toBe(77);
    // A newer version refreshes it too.
    expect(indicatorScore(scoreBasis(ind("[ipv4-addr:value = '1.2.3.4']", 10, { confidence: 80, modified: iso(0) }))!, {}, NOW).score).toBe(80);
    // Under the threshold (5): expired.
    expect(indicatorScore(scoreBasis(ind("[ipv4-addr:value = '1.2.3.4']", 60))!, {}, NOW).score).toBe(0);
  });

  it('is 0 with a false positive stated after the last sighting was recorded, until a new one', () => {
    const basis = scoreBasis(ind("[domain-name:value = 'x.example']", 1))!;
    expect(indicatorScore(basis, { falsePositive: NOW - 1000 }, NOW)).toEqual({ score: 0, falsePositive: true });
    expect(indicatorScore(basis, { seen: NOW - DAY, recorded: NOW - 2000, falsePositive: NOW - 1000 }, NOW)).toEqual({ score: 0, falsePositive: true });
    expect(indicatorScore(basis, { seen: NOW - DAY, recorded: NOW - 500, falsePositive: NOW - 1000 }, NOW).falsePositive).toBe(false);
  });
});
