// Bad input never throws: random YAML text and random detection structures give errors or matchers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileRule } from './compile.ts';
import { parseRuleText } from './load.ts';
import { fieldResolver } from './resolver.ts';

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('*', '?', '\\*', '%x%', '-a', '(?i)a', 'a(?=b)', '10.0.0.0/8', '[', ''));
const key = fc.tuple(fc.constantFrom('A', 'B', 'Image', ''), fc.array(fc.constantFrom('contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq', 'windash', 're', 'i', 'm', 's', 'base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16', 'cidr', 'lt', 'gte', 'hour', 'week', 'expand', 'fieldref', 'bogus'), { maxLength: 3 })).map(([f, m]) => [f, ...m].join('|'));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }));
const identifier = fc.oneof(fc.dictionary(key, value, { maxKeys: 3 }), fc.array(fc.oneof(scalar, fc.dictionary(key, value, { maxKeys: 2 })), { maxLength: 3 }), scalar);
const condition = fc.oneof(
  fc.constantFrom('sel', 'sel and not f', '1 of them', 'all of s*', '(sel or f', 'sel |', 'not', '2 of them'),
  fc.array(fc.constantFrom('sel', 'f', 'and', 'or', 'not', '(', ')', '1', 'of', 'them', 'all', 's*', '|'), { maxLength: 7 }).map((a) => a.join(' ')),
);

describe('robustness', () => {
  it('parseRuleText never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const r = parseRuleText(text);
      expect(Array.isArray(r.errors)).toBe(true);
    }), { numRuns: 300 });
  });

  it('compileRule never throws, and a compiled matcher never throws', () => {
    fc.assert(fc.property(identifier, identifier, condition, fc.dictionary(fc.constantFrom('A', 'B', 'Image'), scalar), (sel, f, cond, event) => {
      const yaml = stringify({ title: 't', logsource: { product: 'x' }, detection: { sel, f, s1: sel, condition: cond } });
      const parsed = parseRuleText(yaml);
      for (const rule of parsed.rules) {
        const c = compileRule(rule, { placeholders: { x: ['a*', 'b'] } });
        if (c.ok) expect(typeof c.matcher(fieldResolver(event))).toBe('boolean');
        else expect(c.errors.length).toBeGreaterThan(0);
      }
    }), { numRuns: 500 });
  });
});
