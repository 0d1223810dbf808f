// parseBundle: forms, limits, syntax errors, lenient and strict modes, cross-object checks.
import { describe, expect, it } from 'vitest';
import { parseBundle } from './parse-bundle.ts';
import { EXAMPLES, IDS, TLP1_GREEN } from './testing/examples.ts';

const indicator = EXAMPLES.indicator as Record<string, unknown>;
const campaign = EXAMPLES.campaign as Record<string, unknown>;
const bundle = (objects: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'bundle', id: IDS.bundle, objects, ...extra });

describe('forms', () => {
  it('reads a bundle, a single object and an array, and says which', () => {
    const b = parseBundle(bundle([indicator, campaign]));
    expect([b.form, b.bundleId, b.total, b.objects.length, b.ok]).toEqual(['bundle', IDS.bundle, 2, 2, true]);
    const o = parseBundle(JSON.stringify(indicator));
    expect([o.form, o.total, o.objects[0]?.id]).toEqual(['object', 1, indicator.id]);
    const a = parseBundle(Buffer.from(JSON.stringify([indicator, campaign])));
    expect([a.form, a.objects.length, a.indexes]).toEqual(['array', 2, [0, 1]]);
  });
  it('returns the objects untouched, custom properties included', () => {
    const custom = { ...indicator, x_acme: { deep: [1, 2, { z: null }] } };
    expect(parseBundle(bundle([custom])).objects[0]).toEqual(custom);
  });
  it('accepts a UTF-8 byte order mark and an empty bundle', () => {
    expect(parseBundle(`\uFEFF${bundle([indicator])}`).ok).toBe(true);
    const empty = parseBundle(JSON.stringify({ type: 'bundle', id: IDS.bundle }));
    expect([empty.ok, empty.total]).toEqual([true, 0]);
  });
});

describe('unreadable input', () => {
  it('reports JSON syntax errors with line, column, JSON path and object index', () => {
    const r = parseBundle('{"type": "bundle",\n "id": }');
    expect(r.form).toBeUndefined();
    expect(r.defects).toEqual([expect.objectContaining({ code: 'json-syntax', index: -1, severity: 'error', path: '$.id' })]);
    expect(r.fatal).toMatch(/line 2 column 8/);
    const inObject = parseBundle(`{"type":"bundle","id":"${IDS.bundle}","objects":[${JSON.stringify(campaign)},\n{"type":"indicator","name":"a" "b"}]}`);
    expect(inObject.defects[0]).toMatchObject({ code: 'json-syntax', index: 1, path: '$.objects[1].name' });
    expect(parseBundle('[1, 2,]').defects[0]).toMatchObject({ path: '$[2]' });
    expect(parseBundle('{"a": "tab\there"}').defects[0]?.message).toMatch(/valid string/);
    expect(parseBundle('{} {}').defects[0]?.message).toMatch(/end of the input/);
  });
  it('rejects invalid UTF-8, a top-level scalar and a bundle whose objects are not a list', () => {
    expect(parseBundle(Buffer.from([0x7b, 0xff, 0x7d])).defects[0]?.code).toBe('json-syntax');
    expect(parseBundle('42').defects[0]?.code).toBe('not-object');
    expect(parseBundle(JSON.stringify({ type: 'bundle', id: IDS.bundle, objects: {} })).defects[0]).toMatchObject({ code: 'invalid-bundle', path: '$.objects' });
  });
  it('enforces the byte, depth, string and object limits, naming the place', () => {
    const text = bundle([indicator, campaign]);
    expect(parseBundle(text, { maxBytes: 100 }).defects[0]?.code).toBe('limit-bytes');
    expect(parseBundle(Buffer.from(text), { maxBytes: 100 }).defects[0]?.code).toBe('limit-bytes');
    const deep = { ...indicator, x_deep: { a: [[[{ b: 1 }]]] } };
    expect(parseBundle(bundle([campaign, deep]), { maxDepth: 5 }).defects[0]).toMatchObject({ code: 'limit-depth', path: '$.objects[1].x_deep.a[0]', index: 1 });
    const long = { ...indicator, description: 'x'.repeat(5000) };
    expect(parseBundle(bundle([campaign, long]), { maxStringLength: 4096 }).defects[0]).toMatchObject({ code: 'limit-string', path: '$.objects[1].description' });
    expect(parseBundle(bundle([campaign, indicator]), { maxObjects: 1 }).defects[0]).toMatchObject({ code: 'limit-objects', path: '$.objects' });
    expect(parseBundle(bundle([campaign, indicator]), { maxObjects: 1 }).objects).toEqual([]);
  });
  it('is not fooled by brackets and quotes inside strings', () => {
    const tricky = { ...indicator, description: '[[[[{{{{ "quoted" \\" ]]]]' };
    expect(parseBundle(bundle([tricky]), { maxDepth: 5 }).ok).toBe(true);
    expect(parseBundle(bundle([tricky]), { maxDepth: 4 }).ok).toBe(false);
  });
});

describe('lenient and strict modes', () => {
  const broken = { ...campaign, modified: '2020-01-01T00:00:00.000Z' };
  it('lenient: keeps the valid objects, reports each defect with object index, id and JSON path', () => {
    const r = parseBundle(bundle([indicator, broken, 7]));
    expect(r.objects.map((o) => o.id)).toEqual([indicator.id]);
    expect(r.indexes).toEqual([0]);
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2]);
    expect(r.defects).toEqual([
      expect.objectContaining({ index: 1, id: campaign.id, path: '$.objects[1].modified', code: 'time-order', severity: 'error' }),
      expect.objectContaining({ index: 2, path: '$.objects[2]', code: 'not-object' }),
    ]);
    expect(r.ok).toBe(false);
    expect(r.fatal).toBeUndefined();
  });
  it('strict: returns nothing when any object has an error, everything otherwise', () => {
    expect(parseBundle(bundle([indicator, broken]), { mode: 'strict' }).objects).toEqual([]);
    expect(parseBundle(bundle([indicator, campaign]), { mode: 'strict' }).objects).toHaveLength(2);
  });
  it('reports envelope problems at index -1 and still reads the objects', () => {
    const r = parseBundle(JSON.stringify({ id: 'bundle--1', spec_version: '2.0', objects: [indicator] }));
    expect(r.form).toBe('bundle');
    expect(r.defects.map((d) => [d.index, d.code, d.severity])).toEqual([
      [-1, 'invalid-bundle', 'error'], [-1, 'invalid-id', 'error'], [-1, 'not-applicable-property', 'warning'],
    ]);
    expect(r.objects).toHaveLength(1);
  });
  it('uses array paths for arrays and root paths for single objects', () => {
    expect(parseBundle(JSON.stringify([indicator, broken])).defects[0]?.path).toBe('$[1].modified');
    expect(parseBundle(JSON.stringify(broken)).defects[0]?.path).toBe('$.modified');
  });
});

describe('across objects', () => {
  it('refuses a second object with the same id and modified but other content (first one wins)', () => {
    const other = { ...indicator, name: 'something else' };
    const r = parseBundle(bundle([indicator, other, campaign]));
    expect(r.objects.map((o) => o.id)).toEqual([indicator.id, campaign.id]);
    expect(r.rejected).toEqual([expect.objectContaining({ index: 1, id: indicator.id })]);
    expect(r.defects).toEqual([expect.objectContaining({ index: 1, code: 'version-conflict', severity: 'error', path: '$.objects[1]' })]);
  });
  it('drops exact copies with a warning, keeps distinct versions and distinct SCO contents', () => {
    const copy = parseBundle(bundle([indicator, structuredClone(indicator)]));
    expect([copy.objects.length, copy.ok, copy.defects[0]?.code]).toEqual([1, true, 'duplicate-object']);
    const newer = { ...indicator, modified: '2025-04-01T00:00:00.000Z', name: 'renamed' };
    expect(parseBundle(bundle([indicator, newer])).objects).toHaveLength(2);
    const url = EXAMPLES.url as Record<string, unknown>;
    expect(parseBundle(bundle([url, { ...url, defanged: true }])).objects).toHaveLength(2);
  });
  it('reports references to absent objects on request, except the predefined TLP markings', () => {
    const r = parseBundle(bundle([indicator]), { checkReferences: true });
    expect(r.defects).toEqual([expect.objectContaining({ code: 'dangling-ref', severity: 'warning', path: '$.objects[0].created_by_ref' })]);
    expect(parseBundle(bundle([indicator, EXAMPLES.identity, TLP1_GREEN]), { checkReferences: true }).defects).toEqual([]);
  });
  it('reads extension definitions from the bundle for top-level property extensions', () => {
    const definition = { ...EXAMPLES['extension-definition'], extension_types: ['toplevel-property-extension'], extension_properties: ['rank'] };
    const extended = { ...indicator, rank: 3, shade: 'grey', extensions: { [IDS.extension]: { extension_type: 'toplevel-property-extension' } } };
    const r = parseBundle(bundle([definition, extended]));
    expect(r.defects.map((d) => [d.path, d.code])).toEqual([['$.objects[1].shade', 'custom-property-unprefixed']]);
  });
  it('can leave per-object validation and the conflict policy to the caller, still reporting across objects', () => {
    const r = parseBundle(bundle([broken(), indicator, { ...indicator, name: 'x' }, 'x']), { validate: false });
    expect(r.objects.map((o) => o.id)).toEqual([campaign.id, indicator.id, indicator.id]);
    expect(r.indexes).toEqual([0, 1, 2]);
    expect(r.defects.map((d) => [d.index, d.code])).toEqual([[2, 'version-conflict'], [3, 'not-object']]);
    expect(r.rejected.map((x) => x.index)).toEqual([3]);
  });
});

function broken(): Record<string, unknown> {
  return { ...campaign, modified: '2020-01-01T00:00:00.000Z' };
}
