// Batch detectors: seeded determinism, snapshot/restore through JSON, obvious outliers first, input errors.
import { describe, expect, it } from 'vitest';
import { DetectorInputError, NotFittedError } from './detector.ts';
import { Ensemble } from './ensemble.ts';
import { Hbos } from './hbos.ts';
import { IsolationForest } from './iforest.ts';
import { batchDetectorNames, createBatchDetector, restoreBatchDetector } from './registry.ts';
import { cFactor } from './iforest.ts';
import { seeded } from './random.ts';

/** 300 inliers from a correlated 4-D Gaussian cloud and 6 outliers at the end, each far out on the same side in every
 * feature (so that the detectors that look at one feature at a time, HBOS, ECOD and COPOD, see them too). */
function synthetic(seed = 7): { rows: number[][]; outliers: number[] } {
  const rng = seeded(seed);
  const rows: number[][] = [];
  for (let i = 0; i < 300; i++) {
    const a = rng.normal();
    const b = rng.normal();
    rows.push([a, a * 0.8 + b * 0.3, rng.normal() * 0.5 + 3, b]);
  }
  const outliers: number[] = [];
  for (const o of [[8, 7, 9, 6], [9, 9, 9, 9], [-7, -7, -2, -6], [-8, -6, -3, -7], [7, 6, 10, 5], [-6, -8, -4, -8]]) {
    outliers.push(rows.length);
    rows.push(o);
  }
  return { rows, outliers };
}

describe('batch detectors', () => {
  const data = synthetic();

  for (const name of batchDetectorNames()) {
    describe(name, () => {
      it('ranks the obvious outliers first', () => {
        const scores = createBatchDetector(name, { seed: 3 }).fitScore(data.rows);
        expect(scores).toHaveLength(data.rows.length);
        const top = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).slice(0, data.outliers.length).map(([, i]) => i);
        expect(top.sort((a, b) => a - b)).toEqual(data.outliers);
      });

      it('is deterministic for a seed and survives a JSON snapshot', () => {
        const a = createBatchDetector(name, { seed: 5 });
        const sa = a.fitScore(data.rows);
        expect(createBatchDetector(name, { seed: 5 }).fitScore(data.rows)).toEqual(sa);
        expect(a.score(data.rows)).toEqual(sa);
        const restored = restoreBatchDetector(JSON.parse(JSON.stringify(a.snapshot())));
        expect(restored.name).toBe(a.name);
        const fresh = synthetic(11).rows.map((r) => Float64Array.from(r));
        expect(restored.score(fresh)).toEqual(a.score(fresh));
        expect(restored.score(data.rows)).toEqual(sa);
      });

      it('refuses bad input and use before fit', () => {
        const d = createBatchDetector(name);
        expect(() => d.score(data.rows)).toThrow(NotFittedError);
        expect(() => d.snapshot()).toThrow(NotFittedError);
        expect(() => d.fit([])).toThrow(/no rows/);
        expect(() => d.fit([[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
        expect(() => d.fit([[1, 2], [3, Number.NaN]])).toThrow(/row 1, column 1: NaN is not a finite number/);
        d.fit(data.rows);
        expect(() => d.score([[1, 2, 3]])).toThrow(DetectorInputError);
      });
    });
  }

  it('a different seed gives different isolation forest scores', () => {
    const a = createBatchDetector('iforest', { seed: 1 }).fitScore(data.rows);
    const b = createBatchDetector('iforest', { seed: 2 }).fitScore(data.rows);
    expect(a).not.toEqual(b);
  });

  it('isolation forest scores lie in (0, 1) and c(n) follows the BST formula', () => {
    expect(cFactor(1)).toBe(0);
    expect(cFactor(2)).toBe(1);
    expect(cFactor(256)).toBeCloseTo(10.2448, 3);
    for (const s of createBatchDetector('iforest').fitScore(data.rows)) expect(s > 0 && s < 1).toBe(true);
  });

  it('handles constant columns and duplicate rows', () => {
    const rows = [...Array.from({ length: 50 }, () => [1, 1]), [1, 5]];
    for (const name of batchDetectorNames()) {
      const s = createBatchDetector(name).fitScore(rows);
      expect(s.every(Number.isFinite)).toBe(true);
      expect(s[50]).toBeGreaterThan(s[0]!);
    }
  });

  it('refuses unknown names, tampered snapshots and oversized input', () => {
    expect(() => createBatchDetector('nope')).toThrow(/unknown detector "nope"; known: iforest/);
    expect(() => createBatchDetector('__proto__')).toThrow(/unknown detector/);
    expect(() => restoreBatchDetector({ detector: 'x', version: 1, state: {} })).toThrow(/not a detector snapshot/);
    const snap = createBatchDetector('iforest').fit(data.rows).snapshot() as { state: { forest: Array<{ left: number[] }> } };
    snap.state.forest[0]!.left[0] = 0; // a loop
    expect(() => restoreBatchDetector(snap as never)).toThrow(/malformed/);
    for (const name of ['loda', 'knn', 'inne']) {
      const t = createBatchDetector(name).fit(data.rows).snapshot() as { state: { scaler: { scale: number[] } } };
      t.state.scaler.scale[0] = 0;
      expect(() => restoreBatchDetector(t as never)).toThrow(/malformed/);
    }
    const wide = [new Float64Array(10_001)];
    expect(() => createBatchDetector('hbos').fit(wide)).toThrow(/10001 columns: at most 10000/);
  });

  it('an ensemble averaging ranks restores with identical scores and puts the outliers first', () => {
    const e = new Ensemble([new IsolationForest({ seed: 2 }), new Hbos()], { combine: 'rank', name: 'mine' });
    const s = e.fitScore(data.rows);
    expect(e.score(data.rows)).toEqual(s);
    for (const i of data.outliers) expect(s[i]).toBeGreaterThan(0.95);
    const again = restoreBatchDetector(JSON.parse(JSON.stringify(e.snapshot())));
    expect(again.name).toBe('mine');
    expect(again.score(data.rows)).toEqual(s);
  });
});
