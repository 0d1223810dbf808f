import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternError } from './errors.ts';
import { parsePattern } from './parser.ts';

function errorOf(text: string, options?: Parameters<typeof parsePattern>[1]): PatternError {
  try {
    parsePattern(text, options);
  } catch (e) {
    if (e instanceof PatternError) return e;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
}

describe('syntax errors say what and where', () => {
  it.each([
    // [pattern, offset, message fragment, expected contains]
    ['', 0, 'empty pattern', '['],
    ["file:name = 'x'", 0, 'inside square brackets', '['],
    ["[file:name = 'x'", 16, "found end of pattern", ']'],
    ["[file:name = 'x']]", 17, "found ']'", 'end of pattern'],
    ["[file:name 'x']", 11, 'found string constant', '='],
    ["[file:name NOT 'x']", 15, 'found string constant', 'IN'],
    ["[file:name = ]", 13, "found ']'", 'a constant'],
    ['[file = 1]', 6, "found '='", ':'],
    ['[:name = 1]', 1, "found ':'", 'an object path such as file:name'],
    ["[file:name = 'x' and file:size = 1]", 17, 'keywords are upper case (AND)', 'AND'],
    ["[file:name = 'x'] within 5 seconds", 18, 'keywords are upper case (WITHIN)', 'WITHIN'],
    ["[file:name = 'x'] WITHIN 5", 26, 'found end of pattern', 'SECONDS'],
    ["[file:name = 'x'] WITHIN 0 SECONDS", 25, 'positive number of seconds', undefined],
    ["[file:name = 'x'] REPEATS 0 TIMES", 26, 'positive integer', undefined],
    ["[file:name = 'x'] REPEATS 2.5 TIMES", 26, 'found float constant', 'a positive integer'],
    ["[file:name = 'x'] START '2016' STOP t'2016-01-01T00:00:00Z'", 24, 'found string constant', "a timestamp t'…'"],
    ["[a:b = 1] START t'2016-02-01T00:00:00Z' STOP t'2016-01-01T00:00:00Z'", 45, 'STOP must be later than START', undefined],
    ["[file:name = 'unterminated]", 13, 'unterminated string constant', "'"],
    ["[file:name = 'a\\nb']", 15, 'invalid escape \\n', "\\'"],
    ["[file:name = t'2016-13-01T00:00:00Z']", 15, 'invalid timestamp constant', undefined],
    ["[file:name = t'2016-02-30T00:00:00Z']", 15, 'invalid timestamp constant', undefined],
    ["[file:name = t'2016-01-01 00:00:00']", 15, 'invalid timestamp constant', undefined],
    ["[file:name = h'abc']", 15, 'invalid hex constant', undefined],
    ["[file:name = b'abc']", 15, 'invalid binary constant', undefined],
    ['[file:size = 007]', 13, 'leading zero', undefined],
    ['[file:size = 99999999999999999999]', 13, 'outside', undefined],
    ["[file:name LIKE 5]", 16, 'LIKE needs a string constant', 'string constant'],
    ["[file:name MATCHES true]", 19, 'MATCHES needs a string constant', 'string constant'],
    ['[file:size > true]', 13, 'booleans are not ordered', 'orderable constant'],
    ['[file:name IN (1, 2]', 19, "found ']'", ')'],
    ['[file:name IN 1]', 14, 'found int constant', '('],
    ['[file:name = "x"]', 13, 'single quotes', undefined],
    ['[file:name = 1 # 2]', 15, 'unexpected character "#"', undefined],
    ['[file:parent-ref = 1]', 6, "contains '-': quote it", 'identifier'],
    ['[file:a[x] = 1]', 7, "found '['", '='],
    ["/* never closed [file:name = 'x']", 0, 'unterminated comment', '*/'],
    ['([a:b = 1]', 10, 'found end of pattern', ')'],
  ] as const)('%s', (text, offset, message, expected) => {
    const e = errorOf(text);
    expect(e.code).toBe('PATTERN_SYNTAX');
    expect(e.status).toBe(422);
    expect(e.message).toContain(message);
    expect(e.message).toContain(`(at offset ${offset})`);
    expect(e.offset).toBe(offset);
    if (expected !== undefined) expect(e.expected).toContain(expected);
  });
});

describe('limits', () => {
  it('length', () => {
    const e = errorOf(`[file:name = '${'a'.repeat(100)}']`, { limits: { maxLength: 50 } });
    expect(e.code).toBe('PATTERN_LIMIT');
    expect(e.message).toContain('the limit is 50');
  });

  it('nesting depth, at the bracket that goes too deep', () => {
    const deep = `${'('.repeat(40)}[a:b = 1]${')'.repeat(40)}`;
    const e = errorOf(deep);
    expect(e.code).toBe('PATTERN_LIMIT');
    expect(e.offset).toBe(32);
    expect(e.message).toContain('nested deeper than 32');
    const cmp = `[${'('.repeat(40)}a:b = 1${')'.repeat(40)}]`;
    expect(errorOf(cmp).code).toBe('PATTERN_LIMIT');
  });

  it('comparisons and set size', () => {
    const many = `[${Array.from({ length: 12 }, (_, i) => `a:b = ${i}`).join(' OR ')}]`;
    expect(errorOf(many, { limits: { maxComparisons: 10 } }).message).toContain('more than 10 comparisons');
    expect(errorOf('[a:b IN (1, 2, 3, 4)]', { limits: { maxSetSize: 3 } }).message).toContain('more than 3 constants');
  });

  it('qualifiers on one expression', () => {
    expect(errorOf(`[a:b = 1]${' WITHIN 1 SECONDS'.repeat(9)}`).message).toContain('more than 8 qualifiers');
  });

  it('a very long pattern within the limits parses in linear time', () => {
    const big = `[${Array.from({ length: 999 }, (_, i) => `ipv4-addr:value = '10.0.${i >> 8}.${i & 255}'`).join(' OR ')}]`;
    const t = performance.now();
    expect(parsePattern(big).comparisons).toBe(999);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('robustness', () => {
  const pieces = ['[', ']', '(', ')', ':', '.', ',', '*', '=', '!=', '<', '>=', "'", "\\'", 'a', 'file', 'name', 'AND', 'OR', 'NOT',
    'IN', 'LIKE', 'MATCHES', 'EXISTS', 'FOLLOWEDBY', 'WITHIN', 'SECONDS', 'REPEATS', 'TIMES', 'START', 'STOP', "t'2020-01-01T00:00:00Z'",
    "h'ff'", "b'AA=='", '1', '-2', '.5', 'true', ' ', '/*', '*/', '//', '\n', 'x-y', "'s'"];

  it('any input parses or fails with a PatternError, never anything else', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''))), (text) => {
      try {
        parsePattern(text);
      } catch (e) {
        expect(e).toBeInstanceOf(PatternError);
        const err = e as PatternError;
        expect(err.offset).toBeGreaterThanOrEqual(0);
        expect(err.offset).toBeLessThanOrEqual(text.length);
      }
    }), { numRuns: 3000 });
  });
});
