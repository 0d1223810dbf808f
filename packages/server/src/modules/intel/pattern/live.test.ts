import { describe, expect, it } from 'vitest';
import { compileLive, liveProblems } from './live.ts';
import type { Observation } from './observation.ts';
import { parsePattern } from './parser.ts';

const at = (ms: number): Observation => ({ objects: [{ type: 'domain-name', value: 'example.com' }], firstObserved: ms, lastObserved: ms });

describe('live matching of observation expressions', () => {
  it('OR between observation expressions', () => {
    const m = compileLive("[ipv4-addr:value = '10.0.0.1'] OR [domain-name:value = 'example.com']");
    expect(m.match(at(0))).toEqual({ observable: 'domain-name:value', value: 'example.com' });
    expect([...m.objectTypes].sort()).toEqual(['domain-name', 'ipv4-addr']);
  });

  it('START/STOP against the observation time: START inclusive, STOP exclusive', () => {
    const m = compileLive("[domain-name:value = 'example.com'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'");
    expect(m.match(at(Date.UTC(2016, 5, 1)))).toBeDefined();
    expect(m.match(at(Date.UTC(2016, 6, 1) - 1))).toBeDefined();
    expect(m.match(at(Date.UTC(2016, 6, 1)))).toBeUndefined();
    expect(m.match(at(Date.UTC(2016, 4, 31)))).toBeUndefined();
    expect(m.match({ objects: at(0).objects })).toBeUndefined(); // no time: cannot be placed in the window
  });

  it('WITHIN holds for one observation whose span fits', () => {
    const m = compileLive("[domain-name:value = 'example.com'] WITHIN 60 SECONDS");
    expect(m.match(at(5))).toBeDefined();
    expect(m.match({ ...at(0), firstObserved: 0, lastObserved: 120_000 })).toBeUndefined();
  });

  it('REPEATS 1 TIMES is the expression itself', () => {
    expect(compileLive("[domain-name:value = 'example.com'] REPEATS 1 TIMES").match(at(0))).toBeDefined();
  });
});

describe('what live matching refuses, with the offset of the part', () => {
  it.each([
    ["[a:b = 1] AND [a:c = 2]", 14, 'AND between observation expressions'],
    ["[a:b = 1] FOLLOWEDBY [a:c = 2]", 21, 'FOLLOWEDBY between observation expressions'],
    ["[a:b = 1] REPEATS 5 TIMES", 10, 'REPEATS 5 TIMES'],
    ["([a:b = 1] OR [a:c = 1]) REPEATS 2 TIMES WITHIN 5 SECONDS", 25, 'REPEATS 2 TIMES'],
  ])('%s', (text, offset, message) => {
    expect(() => compileLive(text)).toThrow(expect.objectContaining({ code: 'PATTERN_UNSUPPORTED', offset }));
    expect(() => compileLive(text)).toThrow(message);
  });

  it('lists every unsupported part', () => {
    const problems = liveProblems(parsePattern('([a:b = 1] FOLLOWEDBY [a:c = 2]) AND [a:d = 3] REPEATS 3 TIMES'));
    expect(problems.map((p) => p.offset)).toEqual([37, 22, 47]);
    expect(() => compileLive('([a:b = 1] FOLLOWEDBY [a:c = 2]) AND [a:d = 3] REPEATS 3 TIMES')).toThrow('and 2 more unsupported parts');
  });
});
