import { describe, expect, it } from 'vitest';
import { DISTRIBUTIONS } from './distribution.ts';
import { distributionFromMisp, mispDistribution } from './misp-distribution.ts';

describe('MISP distribution values', () => {
  it('maps 0–4 and back', () => {
    expect([0, 1, 2, 3, 4].map((n) => distributionFromMisp(n))).toEqual(['organisation', 'community', 'connected', 'all', 'group']);
    for (const d of DISTRIBUTIONS) expect(distributionFromMisp(mispDistribution(d))).toBe(d);
  });
  it('reads the string form MISP JSON uses', () => {
    expect(distributionFromMisp('3')).toBe('all');
    expect(distributionFromMisp(' 0 ')).toBe('organisation');
  });
  it('5 inherits the event distribution', () => {
    expect(distributionFromMisp(5, 'connected')).toBe('connected');
    expect(distributionFromMisp('5')).toBeUndefined();
  });
  it('rejects anything else', () => {
    for (const v of [-1, 6, 1.5, '', 'all', '12', Number.NaN]) expect(distributionFromMisp(v)).toBeUndefined();
  });
});
