// The NAB scorer on hand-made cases: early vs late detection in a window, false positives before and
// after a window, the probationary period, the threshold sweep and normalisation.
import { describe, expect, it } from 'vitest';
import { normalise, nullAndPerfect, optimiseThreshold, PROFILES, probationLength, rowWeights, scaledSigmoid, scoreCorpus, scoreFile, type LabelledSeries } from './scorer.ts';

const std = PROFILES.standard;
// 100 rows: probation 15 rows; one window over rows 40..49 (width 10).
const series: LabelledSeries = { name: 'a/b.csv', length: 100, windows: [[40, 49]] };
const at = (...rows: number[]): Float64Array => {
  const s = new Float64Array(100);
  for (const r of rows) s[r] = 1;
  return s;
};

describe('NAB scorer', () => {
  it('probation is 15 % of the rows, at most 750', () => {
    expect(probationLength(100)).toBe(15);
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(22695)).toBe(750);
  });

  it('the scaled sigmoid is 2σ(−5y)−1 up to y = 3 and −1 beyond', () => {
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(3)).toBeCloseTo(-0.99999939, 7);
    expect(scaledSigmoid(3.01)).toBe(-1);
  });

  it('a detection at the start of a window scores tpWeight, one at its end almost nothing', () => {
    expect(scoreFile(series, at(40), 0.5, std).score).toBeCloseTo(1, 12);
    const late = scoreFile(series, at(49), 0.5, std).score;
    expect(late).toBeCloseTo(scaledSigmoid(-0.1) / scaledSigmoid(-1), 12);
    expect(late).toBeGreaterThan(0.2);
    expect(late).toBeLessThan(0.3);
    // Only the earliest detection in a window counts; later ones neither add nor subtract.
    expect(scoreFile(series, at(42, 45, 49), 0.5, std).score).toBeCloseTo(scoreFile(series, at(42), 0.5, std).score, 12);
  });

  it('a missed window costs fnWeight; the FN profile doubles it', () => {
    expect(scoreFile(series, at(), 0.5, std).score).toBe(-1);
    expect(scoreFile(series, at(), 0.5, PROFILES.reward_low_FN_rate).score).toBe(-2);
  });

  it('a false positive before the first window costs fpWeight; one just after a window almost nothing; one far after it fpWeight', () => {
    expect(scoreFile(series, at(20, 40), 0.5, std).score).toBeCloseTo(1 - 0.11, 12);
    const justAfter = scoreFile(series, at(40, 50), 0.5, std).score - 1;
    expect(justAfter).toBeCloseTo(scaledSigmoid(1 / 9) * 0.11, 12);
    expect(Math.abs(justAfter)).toBeLessThan(0.11 / 2);
    expect(scoreFile(series, at(40, 90), 0.5, std).score).toBeCloseTo(1 - 0.11, 6);
    expect(scoreFile(series, at(40, 90), 0.5, PROFILES.reward_low_FP_rate).score).toBeCloseTo(1 - 0.22, 6);
  });

  it('detections in the probationary period are neither TP nor FP, and those rows are not counted', () => {
    const r = scoreFile(series, at(3, 10, 14), 0.5, std);
    expect(r.score).toBe(-1);
    expect(r).toMatchObject({ tp: 0, fp: 0, fn: 10, tn: 75, total: 100 });
    const r2 = scoreFile(series, at(15, 41), 0.5, std);
    expect(r2).toMatchObject({ tp: 1, fp: 1, fn: 9, tn: 74 });
  });

  it('a window that ends inside the probationary period does not count', () => {
    const early: LabelledSeries = { name: 'x', length: 100, windows: [[5, 10], [40, 49]] };
    expect(scoreFile(early, at(), 0.5, std).score).toBe(-1);
    expect(nullAndPerfect([early], std)).toEqual({ null: -1, perfect: 1 });
    // …but it still sets the distance for the false positives after it.
    expect(rowWeights(early, std).value[20]).toBeCloseTo(scaledSigmoid(10 / 5) * 0.11, 12);
  });

  it('the threshold sweep finds the corpus optimum and prefers the higher threshold on a tie', () => {
    const scores = new Float64Array(100);
    scores[42] = 0.9; // early in the window
    scores[80] = 0.95; // a false positive far after it
    scores[30] = 0.5; // a false positive before the window
    const best = optimiseThreshold([{ series, scores }], std);
    expect(best.threshold).toBe(0.9);
    expect(best.raw).toBeCloseTo(scoreFile(series, scores, 0.9, std).score, 12);
    // Nothing above zero: detecting nothing (−1) beats detecting every row.
    const none = optimiseThreshold([{ series, scores: new Float64Array(100) }], std);
    expect(none.raw).toBe(-1);
    expect(none.threshold).toBeGreaterThan(0);
  });

  it('normalises between the null detector (0) and the perfect one (100)', () => {
    const bounds = nullAndPerfect([series], std);
    expect(normalise(-1, bounds)).toBe(0);
    expect(normalise(1, bounds)).toBe(100);
    const report = scoreCorpus([{ series, scores: at(40) }], 'standard');
    expect(report.normalised).toBeCloseTo(100, 9);
    expect(report).toMatchObject({ windows: 1, windowsDetected: 1, tp: 1, fn: 9, fp: 0 });
  });
});
