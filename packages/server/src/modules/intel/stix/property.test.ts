// Properties over arbitrary input: validation and parsing never throw, report well-formed defects,
// and are deterministic; valid objects stay valid when only custom properties are added.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.ts';
import { DEFECT_CODES } from './defects.ts';
import { parseBundle } from './parse-bundle.ts';
import { referencesOf } from './refs.ts';
import { EXAMPLES } from './testing/examples.ts';
import type { Defect } from './types.ts';
import { validateObject } from './validate.ts';
import { versionKey } from './version.ts';

const wellFormed = (d: Defect): boolean =>
  Object.hasOwn(DEFECT_CODES, d.code) && (d.severity === 'error' || d.severity === 'warning') && d.path.startsWith('$') && d.message.length > 0;

const types = [...CATALOGUE.keys(), 'x-acme-thing', 'Bad Type'];
const typed = fc.record({ type: fc.constantFrom(...types) }).chain((base) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(EXAMPLES[base.type] ?? { id: 1, created: 1, extensions: 1, granular_markings: 1 })), fc.string()), fc.jsonValue(), { maxKeys: 12 })
    .map((props) => ({ ...props, type: base.type })),
);
/** A valid example with some properties replaced by arbitrary JSON. */
const mutated = fc.constantFrom(...Object.values(EXAMPLES)).chain((ex) =>
  fc.dictionary(fc.constantFrom(...Object.keys(ex)), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 3 }).map((changes) => ({ ...structuredClone(ex), ...changes })),
);

describe('validateObject on arbitrary input', () => {
  it('never throws and reports well-formed defects, the same each time', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), typed, mutated), (value) => {
        const defects = validateObject(value);
        expect(defects.every(wellFormed)).toBe(true);
        expect(defects.some((d) => d.code === 'internal')).toBe(false);
        expect(validateObject(value)).toEqual(defects);
        referencesOf(value);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) versionKey(value as Record<string, unknown>);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps valid objects valid when x_ custom properties are added', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(EXAMPLES)), fc.stringMatching(/^[a-z0-9_]{1,20}$/), fc.jsonValue({ maxDepth: 3 }), (ex, name, value) => {
        const key = `x_acme_${name}`;
        if (key.endsWith('_ref') || key.endsWith('_refs') || key.endsWith('_enc')) return;
        expect(validateObject({ ...ex, [key]: value })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseBundle on arbitrary input', () => {
  it('never throws, on any text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: 'bundle', id: 'bundle--ca48d16c-e8b1-406a-8afd-d02133c407c6', objects: [v] }))), (text) => {
        const r = parseBundle(text, { maxDepth: 16 });
        expect(r.defects.every(wellFormed)).toBe(true);
        expect(r.defects.some((d) => d.code === 'internal')).toBe(false);
        expect(r.objects.length + r.rejected.length).toBeLessThanOrEqual(Math.max(r.total, 0));
      }),
      { numRuns: 1000 },
    );
  });
});
