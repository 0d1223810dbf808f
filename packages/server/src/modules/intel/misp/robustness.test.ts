// Property tests: the loaders and the converter never throw on arbitrary JSON, only report; what they do
// produce stays well-formed (ids, references, timestamps, string literals in patterns).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMispEventJson } from './convert-event.ts';
import type { StixObject } from './convert-options.ts';
import { parseHashesCsv } from './feed-hashes.ts';
import { parseManifest } from './feed-manifest.ts';
import { ProblemLog } from './problems.ts';
import { parseTag } from './tag-parse.ts';
import { buildTaxonomies } from './taxonomy-load.ts';
import { eventArb } from './testing/misp-arbitraries.ts';
import { buildWarningLists } from './warninglist-load.ts';

const json = fc.jsonValue({ maxDepth: 6 });
const weirdKeys = fc.constantFrom('__proto__', 'constructor', 'toString', 'Event', 'Attribute', 'Object', 'Tag', 'uuid', 'value', 'type', 'list');
const jsonish = fc.oneof(json, fc.dictionary(weirdKeys, json, { maxKeys: 6 }), fc.record({ Event: fc.dictionary(weirdKeys, json, { maxKeys: 8 }) }));

const ID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function wellFormed(objects: readonly StixObject[]): void {
  const ids = new Set(objects.map((o) => o.id));
  for (const o of objects) {
    expect(o.id).toMatch(ID);
    expect(o.id.startsWith(`${o.type}--`)).toBe(true);
    if (typeof o.created === 'string' && typeof o.modified === 'string') expect(o.modified >= o.created).toBe(true);
    for (const k of ['object_refs', 'resolves_to_refs', 'to_refs']) for (const r of (o[k] as string[] | undefined) ?? []) expect(ids.has(r)).toBe(true);
    for (const k of ['source_ref', 'target_ref', 'created_by_ref', 'dst_ref', 'src_ref', 'from_ref']) if (o[k] !== undefined) expect(ids.has(o[k] as string)).toBe(true);
  }
}

describe('robustness', () => {
  it('MISP event parsing and conversion never throw on arbitrary JSON', () => {
    fc.assert(
      fc.property(jsonish, (j) => {
        const r = convertMispEventJson(j);
        if (r.result) wellFormed(r.result.objects);
      }),
      { numRuns: 500 },
    );
  });

  it('MISP-shaped events with random types, values, tags and distributions convert to well-formed STIX', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const r = convertMispEventJson(e);
        expect(r.result).toBeDefined();
        wellFormed(r.result?.objects ?? []);
        for (const u of r.result?.unmapped ?? []) expect(u.path).toMatch(/^Event\./);
      }),
      { numRuns: 300 },
    );
  });

  it('string literals in patterns read back as the original value', () => {
    const unquote = (lit: string): string => lit.slice(1, -1).replace(/\\(.)/g, '$1');
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        fc.pre(s.trim() !== '');
        const r = convertMispEventJson({ Event: { uuid: '11111111-2222-4333-8444-555555555555', info: 'x', Attribute: [{ uuid: '11111111-2222-4333-8444-555555555556', type: 'url', value: s, to_ids: true }] } });
        const pattern = r.result?.objects.find((o) => o.type === 'indicator')?.pattern as string;
        const m = /^\[url:value = ('(?:[^'\\]|\\.)*')\]$/s.exec(pattern);
        expect(m).not.toBeNull();
        expect(unquote(m?.[1] as string)).toBe(s.trim());
      }),
    );
  });

  it('feed manifests and hashes.csv never throw', () => {
    fc.assert(
      fc.property(jsonish, fc.string({ maxLength: 300 }), (j, csv) => {
        parseManifest(j, new ProblemLog('manifest.json'));
        parseHashesCsv(csv, new ProblemLog('hashes.csv'), new Set());
      }),
      { numRuns: 300 },
    );
  });

  it('warninglists load from arbitrary documents and answer arbitrary lookups without throwing', () => {
    const doc = fc.oneof(json, fc.record({ name: fc.string(), type: fc.oneof(fc.constantFrom('string', 'substring', 'hostname', 'cidr', 'regex'), fc.string()), list: fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.domain(), json), { maxLength: 10 }), matching_attributes: fc.oneof(fc.array(fc.string()), json) }));
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 5 }), fc.array(fc.tuple(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.domain(), fc.webUrl()), fc.option(fc.constantFrom('ip-dst', 'domain', 'url', 'domain|ip', 'email-src', 'md5'), { nil: undefined })), { maxLength: 10 }), (docs, lookups) => {
        const r = buildWarningLists(docs.map((json, i) => ({ id: `l${i}`, json })));
        for (const [v, k] of lookups) for (const hit of r.lists.check(v, k)) expect(r.lists.lists.some((l) => l.id === hit.id)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('taxonomies load from arbitrary documents; tags of any text parse or are refused, never throw', () => {
    fc.assert(
      fc.property(fc.array(jsonish, { maxLength: 4 }), fc.array(fc.string(), { maxLength: 6 }), (docs, tags) => {
        const { taxonomies } = buildTaxonomies(docs.map((json) => ({ json })));
        for (const t of tags) {
          parseTag(t);
          taxonomies.validate(t);
        }
        taxonomies.checkTagSet(tags);
      }),
      { numRuns: 300 },
    );
  });
});
