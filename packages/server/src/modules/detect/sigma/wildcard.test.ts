import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatcher, parseWildcards, stringMatcher, windashTokens } from './wildcard.ts';

describe('parseWildcards', () => {
  it.each([
    ['abc', [{ k: 'lit', s: 'abc' }]],
    ['a*b', [{ k: 'lit', s: 'a' }, { k: 'star' }, { k: 'lit', s: 'b' }]],
    ['a?', [{ k: 'lit', s: 'a' }, { k: 'one' }]],
    ['a\\*', [{ k: 'lit', s: 'a*' }]],
    ['a\\?', [{ k: 'lit', s: 'a?' }]],
    ['a\\\\*', [{ k: 'lit', s: 'a\\' }, { k: 'star' }]],
    ['a\\\\\\*', [{ k: 'lit', s: 'a\\*' }]],
    ['\\\\\\\\', [{ k: 'lit', s: '\\\\' }]],
    ['C:\\Windows', [{ k: 'lit', s: 'C:\\Windows' }]],
    ['trailing\\', [{ k: 'lit', s: 'trailing\\' }]],
    ['**', [{ k: 'star' }]],
  ])('%s', (text, toks) => expect(parseWildcards(text)).toEqual(toks));
});

describe('glob matching', () => {
  it('agrees with a reference regular expression', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')), fc.array(fc.constantFrom('a', 'b'), { maxLength: 10 }).map((a) => a.join('')), (pattern, input) => {
        const re = new RegExp(`^${pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
        expect(globMatcher(parseWildcards(pattern))(input)).toBe(re.test(input));
      }),
    );
  });
  it('is fast on adversarial input', () => {
    const m = globMatcher(parseWildcards(`${'*a'.repeat(30)}*b`));
    const t = performance.now();
    expect(m('a'.repeat(5000))).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });
  it('? consumes a whole surrogate pair', () => expect(globMatcher(parseWildcards('a?b'))('a😀b')).toBe(true));
  it('dash class', () => {
    const m = globMatcher(windashTokens(parseWildcards('-x/y')));
    expect(['-x/y', '/x-y', '\u2013x\u2014y', '\u2015x\u2015y'].every(m)).toBe(true);
    expect(m('+x/y')).toBe(false);
  });
  it('stringMatcher fast paths agree with glob', () => {
    for (const p of ['abc', 'abc*', '*abc', '*abc*', '*', '', 'a*c', 'a?c']) {
      const fast = stringMatcher(parseWildcards(p), true);
      const slow = globMatcher(parseWildcards(p));
      for (const s of ['abc', 'xabc', 'abcx', 'xabcx', '', 'ac', 'abbc']) expect([p, s, fast(s)]).toEqual([p, s, slow(s)]);
    }
  });
});
