import { describe, expect, it } from 'vitest';
import { maxMatchLength } from './regex-span.ts';

describe('maxMatchLength', () => {
  it('adds sequences, takes the longest alternative and multiplies bounded repeats', () => {
    expect(maxMatchLength('abc')).toBe(3);
    expect(maxMatchLength('\\b(?:ab|abcd)\\b')).toBe(4);
    expect(maxMatchLength('a[^.\\n]{0,40}b')).toBe(42);
    expect(maxMatchLength('(?:ab){2,3}c?')).toBe(7);
    expect(maxMatchLength('x{5}')).toBe(5);
    expect(maxMatchLength('(?:^|\\n)[ \\t]{0,4}z')).toBe(6);
    expect(maxMatchLength('[^]{0,10}?q')).toBe(11);
    expect(maxMatchLength('\\u00e9\\x41\\u{1F513}')).toBe(3);
  });

  it('counts what lookarounds read', () => {
    expect(maxMatchLength('make(?= (?:a|an)\\b)')).toBe(7);
    expect(maxMatchLength('(?<!no )go')).toBe(5);
  });

  it('is unbounded for open repeats and back-references', () => {
    expect(maxMatchLength('a\\w*')).toBe(Infinity);
    expect(maxMatchLength('a+')).toBe(Infinity);
    expect(maxMatchLength('a{2,}')).toBe(Infinity);
    expect(maxMatchLength('(a)\\1')).toBe(Infinity);
    expect(maxMatchLength('(?:\\b)*x')).toBe(1);
  });

  it('refuses malformed sources', () => {
    expect(() => maxMatchLength('(ab')).toThrow(/unbalanced/);
    expect(() => maxMatchLength('[ab')).toThrow(/unterminated/);
  });
});
