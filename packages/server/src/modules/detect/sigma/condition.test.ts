// Condition grammar: parsing, precedence, quantifiers, patterns, `them`, errors with positions.
import { describe, expect, it } from 'vitest';
import { parseCondition, parseConditions, selectIdentifiers } from './condition.ts';
import { runCases, runErrorCases } from './conformance.ts';
import { RuleProblem } from './errors.ts';

describe('parseCondition', () => {
  it('parses precedence not > and > or', () => {
    expect(parseCondition('a or b and not c')).toEqual({
      k: 'or',
      items: [{ k: 'id', name: 'a' }, { k: 'and', items: [{ k: 'id', name: 'b' }, { k: 'not', item: { k: 'id', name: 'c' } }] }],
    });
  });
  it('parentheses override precedence', () => {
    expect(parseCondition('(a or b) and c')).toEqual({
      k: 'and',
      items: [{ k: 'or', items: [{ k: 'id', name: 'a' }, { k: 'id', name: 'b' }] }, { k: 'id', name: 'c' }],
    });
  });
  it('flattens chains', () => {
    expect(parseCondition('a and b and c')).toEqual({ k: 'and', items: ['a', 'b', 'c'].map((name) => ({ k: 'id', name })) });
  });
  it('quantifiers', () => {
    expect(parseCondition('1 of sel*')).toEqual({ k: 'of', quantifier: 1, pattern: 'sel*' });
    expect(parseCondition('any of them')).toEqual({ k: 'of', quantifier: 1, pattern: 'them' });
    expect(parseCondition('all of filter_*')).toEqual({ k: 'of', quantifier: 'all', pattern: 'filter_*' });
    expect(parseCondition('not 1 of filter*')).toEqual({ k: 'not', item: { k: 'of', quantifier: 1, pattern: 'filter*' } });
  });
  it('keywords are case-insensitive', () => {
    expect(parseCondition('a AND NOT b')).toEqual({ k: 'and', items: [{ k: 'id', name: 'a' }, { k: 'not', item: { k: 'id', name: 'b' } }] });
  });
  it('a list of conditions is their or', () => {
    expect(parseConditions(['a', 'b'])).toEqual({ k: 'or', items: [{ k: 'id', name: 'a' }, { k: 'id', name: 'b' }] });
  });
  it.each([
    ['a and', 'unexpected end of condition at position 5'],
    ['(a or b', 'expected ")"'],
    ['a b', 'unexpected "b" at position 2'],
    ['a )', 'unexpected ")"'],
    ['', 'empty condition'],
    ['1 of', 'expected an identifier pattern'],
    ['all of and', 'is not an identifier pattern'],
    ['sel | count() > 5', 'aggregation expressions'],
    ['and a', 'unexpected "and" at position 0'],
  ])('error: %s', (text, msg) => {
    let err: unknown;
    try {
      parseCondition(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleProblem);
    expect((err as Error).message).toContain(msg);
  });
  it('rejects excessive nesting', () => {
    expect(() => parseCondition(`${'('.repeat(100)}a${')'.repeat(100)}`)).toThrow(/nested too deeply/);
  });
});

describe('selectIdentifiers', () => {
  const names = ['selection', 'selection_b', 'filter_1', '_hidden', 'keywords'];
  it('them excludes underscore names', () => expect(selectIdentifiers('them', names)).toEqual(['selection', 'selection_b', 'filter_1', 'keywords']));
  it('prefix pattern', () => expect(selectIdentifiers('selection*', names)).toEqual(['selection', 'selection_b']));
  it('wildcards anywhere', () => expect(selectIdentifiers('*ion*', names)).toEqual(['selection', 'selection_b']));
  it('explicit pattern may select underscore names', () => expect(selectIdentifiers('_*', names)).toEqual(['_hidden']));
});

const ids = 'a:\n    A: x\nb:\n    B: x\nc:\n    C: x\n';
const ev = (a: boolean, b: boolean, c: boolean) => ({ A: a ? 'x' : 'n', B: b ? 'x' : 'n', C: c ? 'x' : 'n' });

describe('condition semantics', () => {
  runCases([
    ['a or b and c: a only', `${ids}condition: a or b and c`, ev(true, false, false), true],
    ['a or b and c: b only', `${ids}condition: a or b and c`, ev(false, true, false), false],
    ['(a or b) and c: a only', `${ids}condition: (a or b) and c`, ev(true, false, false), false],
    ['(a or b) and c: a c', `${ids}condition: (a or b) and c`, ev(true, false, true), true],
    ['not a and b: b only', `${ids}condition: not a and b`, ev(false, true, false), true],
    ['not a and b: a b', `${ids}condition: not a and b`, ev(true, true, false), false],
    ['not (a and b): a only', `${ids}condition: not (a and b)`, ev(true, false, false), true],
    ['not not a', `${ids}condition: not not a`, ev(true, false, false), true],
    ['a and not b or c: c only', `${ids}condition: a and not b or c`, ev(false, false, true), true],
    ['a and not (b or c)', `${ids}condition: a and not (b or c)`, ev(true, false, true), false],
    ['1 of them', `${ids}condition: 1 of them`, ev(false, false, true), true],
    ['1 of them none', `${ids}condition: 1 of them`, ev(false, false, false), false],
    ['any of them', `${ids}condition: any of them`, ev(false, true, false), true],
    ['all of them', `${ids}condition: all of them`, ev(true, true, true), true],
    ['all of them one missing', `${ids}condition: all of them`, ev(true, true, false), false],
    ['2 of them', `${ids}condition: 2 of them`, ev(true, false, true), true],
    ['2 of them only one', `${ids}condition: 2 of them`, ev(true, false, false), false],
    ['condition list is or', `${ids}condition:\n    - a and b\n    - c`, ev(false, false, true), true],
    ['condition list none', `${ids}condition:\n    - a and b\n    - c`, ev(true, false, false), false],
    ['them excludes _ids', 'sel:\n    A: x\n_aux:\n    B: x\ncondition: all of them', { A: 'x', B: 'n' }, true],
    ['_id usable by name', 'sel:\n    A: x\n_aux:\n    B: x\ncondition: sel and _aux', { A: 'x', B: 'n' }, false],
    ['1 of sel* with not 1 of filter*', 'sel_a:\n    A: x\nsel_b:\n    B: x\nfilter_c:\n    C: x\ncondition: 1 of sel* and not 1 of filter*', ev(false, true, false), true],
    ['1 of sel* filtered', 'sel_a:\n    A: x\nsel_b:\n    B: x\nfilter_c:\n    C: x\ncondition: 1 of sel* and not 1 of filter*', ev(false, true, true), false],
    ['all of sel*', 'sel_a:\n    A: x\nsel_b:\n    B: x\ncondition: all of sel*', ev(true, true, false), true],
    ['not filter on absent field: filter cannot apply', 'sel:\n    A: x\nfilter:\n    F: y\ncondition: sel and not filter', { A: 'x' }, true],
    ['not filter on present field', 'sel:\n    A: x\nfilter:\n    F: y\ncondition: sel and not filter', { A: 'x', F: 'Y' }, false],
    ['not of neq on absent field', 'sel:\n    A: x\nf:\n    F|neq: y\ncondition: sel and f', { A: 'x' }, false],
  ]);
});

describe('condition errors in rules', () => {
  runErrorCases([
    ['unknown identifier', 'sel:\n    A: x\ncondition: sel and missing', 'condition names "missing"'],
    ['pattern with no match', 'sel:\n    A: x\ncondition: 1 of filter*', '"filter*" matches no search identifier'],
    ['syntax error with position', 'sel:\n    A: x\ncondition: sel and (', 'unexpected end of condition at position'],
    ['no condition', 'sel:\n    A: x', '"detection.condition" is required'],
  ]);
});
