import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from './expression.ts';

const scope = {
  alert: {
    severity: 'high',
    title: 'SSH brute force from 203.0.113.7',
    tags: ['attack.t1110', 'attack.credential_access'],
    fields: { src_ip: '203.0.113.7', port: '22', count: 57, users: ['root', 'admin'], 'user-agent': 'curl/8' },
  },
  incident: null,
  steps: { 'lookup-ip': { status: 'succeeded', output: { known: true, score: 80 } } },
};

const ev = (src: string): unknown => compileExpression(src).evaluate(scope);
const ok = (src: string): boolean => compileExpression(src).test(scope);

function errorOf(src: string): ExpressionError {
  try {
    compileExpression(src);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`compiled: ${src}`);
}

describe('expression language', () => {
  it('evaluates literals and paths, with indexing', () => {
    expect(ev("'a\\'b'")).toBe("a'b");
    expect(ev('"x"')).toBe('x');
    expect(ev('-1.5')).toBe(-1.5);
    expect(ev('[1, "a", null, true]')).toEqual([1, 'a', null, true]);
    expect(ev('alert.fields.src_ip')).toBe('203.0.113.7');
    expect(ev('alert.tags[1]')).toBe('attack.credential_access');
    expect(ev('alert.tags[-1]')).toBe('attack.credential_access');
    expect(ev("alert.fields['user-agent']")).toBe('curl/8');
    expect(ev('steps.lookup-ip.output.score')).toBe(80);
  });

  it('yields null for missing paths instead of throwing', () => {
    expect(ev('alert.fields.nope.deeper[3]')).toBeNull();
    expect(ev('incident.severity')).toBeNull();
    expect(ev('alert.tags.length')).toBeNull();
    expect(ev('alert.title.constructor')).toBeNull();
    expect(ev('alert.__proto__')).toBeNull();
    expect(ok('incident.severity >= "high"')).toBe(false);
  });

  it('compares severities by rank and other strings lexically', () => {
    expect(ok("alert.severity >= 'high'")).toBe(true);
    expect(ok("alert.severity > 'medium'")).toBe(true);
    expect(ok("alert.severity < 'critical'")).toBe(true);
    expect(ok("alert.severity >= 'critical'")).toBe(false);
    expect(ok("'informational' < 'low'")).toBe(true);
    expect(ok("'b' > 'a'")).toBe(true);
    expect(ok("'high' > 'critical'")).toBe(false);
  });

  it('compares numbers with numeric strings as numbers, and refuses to order mixed kinds', () => {
    expect(ok('alert.fields.port == 22')).toBe(true);
    expect(ok('alert.fields.port < 1024')).toBe(true);
    expect(ok('alert.fields.count > 50 and alert.fields.count <= 57')).toBe(true);
    expect(ok("alert.fields.count > 'abc'")).toBe(false);
    expect(ok("alert.fields.count < 'abc'")).toBe(false);
    expect(ok('null < 1')).toBe(false);
  });

  it('has membership, string and regex operators', () => {
    expect(ok("'attack.t1110' in alert.tags")).toBe(true);
    expect(ok("'attack.t1059' not in alert.tags")).toBe(true);
    expect(ok("alert.tags contains 'attack.t1110'")).toBe(true);
    expect(ok("alert.title contains 'brute'")).toBe(true);
    expect(ok("'src_ip' in alert.fields")).toBe(true);
    expect(ok("alert.fields.src_ip startswith '203.0.113.'")).toBe(true);
    expect(ok("alert.fields.src_ip endswith '.7'")).toBe(true);
    expect(ok("alert.fields.src_ip matches '^203\\\\.0\\\\.113\\\\.[0-9]+$'")).toBe(true);
    expect(ok("alert.title matches '(?i)ssh BRUTE'")).toBe(true);
    expect(ok("alert.fields.count matches '5'")).toBe(false);
    expect(ok('[1, 2] == [1, 2]')).toBe(true);
  });

  it('evaluates regexes from data in linear time and treats a bad one as no match', () => {
    const e = compileExpression('alert.fields.v matches alert.fields.re');
    const evil = { alert: { fields: { v: `${'a'.repeat(50_000)}!`, re: '^(a+)+$' } } };
    const t0 = performance.now();
    expect(e.test(evil)).toBe(false);
    expect(e.test({ alert: { fields: { v: 'aaa', re: '^(a+)+$' } } })).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.test({ alert: { fields: { v: 'x', re: '(' } } })).toBe(false);
  });

  it('combines with and/or/not (and their symbol spellings) and parentheses', () => {
    expect(ok("steps.lookup-ip.output.known or alert.severity == 'critical'")).toBe(true);
    expect(ok("not (alert.severity == 'high') || alert.fields.count == 57 && true")).toBe(true);
    expect(ok("not alert.severity == 'high'")).toBe(false);
    expect(ok("!exists(alert.fields.nope)")).toBe(true);
    expect(ok('not not 1')).toBe(true);
    expect(ev('false or null')).toBe(false);
  });

  it('has len, lower and exists', () => {
    expect(ev('len(alert.tags)')).toBe(2);
    expect(ev("len('héllo')")).toBe(5);
    expect(ev('len(alert.fields.nope)')).toBe(0);
    expect(ev('lower(alert.title)')).toBe('ssh brute force from 203.0.113.7');
    expect(ev('lower(42)')).toBeNull();
    expect(ev('exists(alert.fields.src_ip)')).toBe(true);
    expect(ev('exists(incident.id)')).toBe(false);
  });

  it('uses truthiness for conditions: null, false, 0, empty string, list and object are false', () => {
    for (const falsy of ['null', 'false', '0', "''", '[]', 'incident', 'alert.fields.nope']) expect(ok(falsy), falsy).toBe(false);
    for (const truthy of ['1', "'x'", '[0]', 'alert', 'alert.tags']) expect(ok(truthy), truthy).toBe(true);
  });

  it('reports the paths it reads', () => {
    const e = compileExpression("steps.lookup-ip.output.known or alert.tags[0] == 'x'");
    expect(e.paths.map((p) => [p.root, p.segments, p.column])).toEqual([
      ['steps', ['lookup-ip', 'output', 'known'], 1],
      ['alert', ['tags', 0], 33],
    ]);
  });

  it('reports errors with their column', () => {
    expect(errorOf("alert.severity >= 'high' and").message).toBe('unexpected end of expression at column 29');
    expect(errorOf("alert.severity == 'high").column).toBe(19);
    expect(errorOf('alrt.severity').message).toContain("unknown name 'alrt'");
    expect(errorOf('a < b < c').message).toContain('unknown name');
    expect(errorOf('alert.x < 1 < 2').message).toBe("comparisons cannot be chained; join them with 'and' at column 13");
    expect(errorOf('upper(alert.title)').message).toContain("unknown function 'upper'");
    expect(errorOf('exists(1)').message).toContain('exists() takes a path');
    expect(errorOf("alert.title matches '(?<x>a'").message).toContain('not supported by the linear-time engine');
    expect(errorOf('alert.x == 1 ;').column).toBe(14);
    expect(errorOf('alert.tags[x]').message).toContain('an index is a whole number or a quoted key');
    expect(errorOf('').message).toBe('empty expression at column 1');
  });

  it('enforces length and depth limits', () => {
    expect(errorOf(`'${'x'.repeat(2000)}'`).message).toContain('longer than 2000 characters');
    expect(errorOf(`${'('.repeat(40)}1${')'.repeat(40)}`).message).toContain('nested deeper than 32');
    expect(errorOf(`${'not '.repeat(40)}true`).message).toContain('nested deeper than 32');
    expect(compileExpression(`${'('.repeat(20)}1${')'.repeat(20)}`).test({})).toBe(true);
    // Long flat chains are fine: and/or are n-ary, not nested.
    expect(compileExpression(Array.from({ length: 150 }, () => 'true').join(' and ')).test({})).toBe(true);
  });

  it('compiles once and evaluates many times against different scopes', () => {
    const e = compileExpression("alert.severity >= 'high'");
    expect(e.test({ alert: { severity: 'critical' } })).toBe(true);
    expect(e.test({ alert: { severity: 'low' } })).toBe(false);
    expect(e.test({})).toBe(false);
  });
});

describe('expression language robustness', () => {
  const pieces = ['alert', 'steps', '.', 'fields', '[', ']', '0', '-1', '(', ')', "'x'", '"y', 'and', 'or', 'not', 'in', '==', '<', '>=', 'matches', "'(a'", 'len(', 'exists(', ',', '!', '&&', ' ', '{', '1.5', 'null', 'true'];
  it('either compiles or throws ExpressionError with a column, and evaluation never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.anything(), (parts, data) => {
        const src = parts.join(' ');
        let e;
        try {
          e = compileExpression(src);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
          expect((err as ExpressionError).column).toBeGreaterThanOrEqual(1);
          expect((err as ExpressionError).column).toBeLessThanOrEqual(src.length + 1);
          return;
        }
        const scope = { alert: data, steps: { x: data } };
        expect(() => e.evaluate(scope)).not.toThrow();
        expect(typeof e.test(scope)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
