import { describe, expect, it } from 'vitest';
import { AucError, rocAuc } from './auc.ts';

/** Pairwise definition, O(n²): the reference for the rank formula. */
function pairwise(s: number[], l: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = 0; j < s.length; j++) {
      if (l[i] === 1 && l[j] === 0) {
        pairs++;
        sum += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
  }
  return sum / pairs;
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for the reverse, 0.5 when every score ties', () => {
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([3, 3, 3, 3, 3], [0, 1, 0, 1, 0])).toBe(0.5);
  });

  it('counts ties between an outlier and an inlier as one half', () => {
    // pairs (outlier, inlier): (2 vs 1) win, (2 vs 2) tie → (1 + 0.5) / 2
    expect(rocAuc([1, 2, 2], [0, 0, 1])).toBe(0.75);
  });

  it('matches the pairwise definition on random data with many ties', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 20; t++) {
      const n = 5 + Math.floor(rnd() * 60);
      const s = Array.from({ length: n }, () => Math.floor(rnd() * 6));
      const l = Array.from({ length: n }, (_, i) => (i < 2 ? i : rnd() < 0.3 ? 1 : 0));
      expect(rocAuc(s, l)).toBeCloseTo(pairwise(s, l), 12);
    }
  });

  it('refuses a single class, bad labels, non-finite scores and length mismatches', () => {
    expect(() => rocAuc([1, 2, 3], [0, 0, 0])).toThrow(new AucError('ROC-AUC needs both classes; all 3 rows are labelled 0'));
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(/all 2 rows are labelled 1/);
    expect(() => rocAuc([1, 2], [0, 2])).toThrow(/label 1 is 2, not 0 or 1/);
    expect(() => rocAuc([1, Number.NaN], [0, 1])).toThrow(/score 1 is NaN/);
    expect(() => rocAuc([1, 2, 3], [0, 1])).toThrow(/3 scores but 2 labels/);
  });
});
