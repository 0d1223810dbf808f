import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_LABEL, IMPORT_DISTRIBUTIONS, TLP_COLOR, TLP_LEVELS, TLP_MEANING, scopeSentence } from './intel-scope.ts';

describe('sharing scope in words', () => {
  it('says what an object\'s TLP and distribution allow', () => {
    expect(scopeSentence({ tlp: 'GREEN', distribution: 'community' })).toBe('TLP:GREEN, shared with this instance\'s community');
    expect(scopeSentence({ tlp: 'AMBER+STRICT', distribution: 'organisation' })).toBe('TLP:AMBER+STRICT, kept in the owning organisation');
    expect(scopeSentence({ tlp: 'CLEAR', distribution: 'x<y>' })).toBe('TLP:CLEAR, distribution "x<y>"');
  });

  it('has a colour and a meaning for every level and a label for every import distribution', () => {
    for (const l of TLP_LEVELS) {
      expect(TLP_COLOR[l]).toMatch(/^#[0-9A-F]{6}$/);
      expect(TLP_MEANING[l]).toBeTruthy();
    }
    for (const d of IMPORT_DISTRIBUTIONS) expect(DISTRIBUTION_LABEL[d]).toBeTruthy();
  });
});
