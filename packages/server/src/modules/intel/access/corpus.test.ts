// The marking-id table against the TLP corpus (../shared/corpora/stix/tlp2/ and the bundles that use
// TLP markings). Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TLP2_EXTENSION_ID, TLP_MARKING_IDS, tlpMarkingId, tlpMarkingObject } from './marking-ids.ts';
import { readMarking, tlpOfLabel, tlpOfMarking, type MarkingDefinitionLike } from './marking.ts';
import { tlpOfObject } from './object-tlp.ts';
import { atLeastAsRestrictive, isTlpLevel, TLP_LEVELS, type TlpLevel } from './tlp.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const stix = join(corpora, 'stix');
const tlp2 = join(stix, 'tlp2');
const present = existsSync(join(tlp2, 'tlp-marking-ids.json'));
if (!present) console.log(`TLP corpus not found at ${tlp2}: skipping the marking-id corpus checks`);

interface FactTable {
  levels_least_to_most_restrictive: string[];
  by_id: Record<string, string>;
  records: { id: string; level: string; label: string; tlp_version: string }[];
  near_miss_ids_not_tlp: string[];
}
interface StixObject extends MarkingDefinitionLike {
  type: string;
  id: string;
  object_marking_refs?: string[];
  granular_markings?: { marking_ref?: string }[];
}

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const bundleObjects = (path: string): StixObject[] => json<{ objects: StixObject[] }>(path).objects;

describe.skipIf(!present)('TLP corpus', () => {
  const facts = present ? json<FactTable>(join(tlp2, 'tlp-marking-ids.json')) : undefined;

  it('our id table equals the corpus fact table, id for id', () => {
    expect(Object.fromEntries(TLP_MARKING_IDS)).toEqual(facts?.by_id);
    for (const r of facts?.records ?? []) expect(tlpOfMarking(r.id)).toBe(r.level);
  });

  it('the corpus order of levels is the inclusion order of our audiences', () => {
    const order = facts?.levels_least_to_most_restrictive ?? [];
    expect(order).toEqual([...TLP_LEVELS]);
    for (let i = 1; i < order.length; i += 1) {
      expect(atLeastAsRestrictive(order[i] as TlpLevel, order[i - 1] as TlpLevel)).toBe(true);
      expect(atLeastAsRestrictive(order[i - 1] as TlpLevel, order[i] as TlpLevel)).toBe(false);
    }
  });

  it('each record label reads as its level', () => {
    for (const r of facts?.records ?? []) expect(tlpOfLabel(r.label)).toBe(r.level);
  });

  it('near-miss ids are unknown markings, each reported', () => {
    for (const id of facts?.near_miss_ids_not_tlp ?? []) {
      const reading = readMarking(id);
      expect(reading.kind, id).toBe('unknown');
      expect(reading.problems.map((p) => p.code)).toEqual(['unknown-marking-id']);
    }
  });

  it('the five OASIS marking objects read as their level and equal what we emit', () => {
    const files = readdirSync(join(tlp2, 'markings')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(5);
    const seen = new Set<string>();
    for (const file of files) {
      const [object] = bundleObjects(join(tlp2, 'markings', file));
      const level = object ? tlpOfMarking(object) : undefined;
      expect(level, file).toBeDefined();
      if (!object || !level) continue;
      seen.add(level);
      expect(readMarking(object).problems, file).toEqual([]);
      expect(tlpMarkingObject(level)).toEqual(object);
      expect(tlpMarkingId(level)).toBe(object.id);
    }
    expect([...seen].sort()).toEqual([...TLP_LEVELS].sort());
  });

  it('the extension-definition id and the schema\'s fixed ids, names and values are ours', () => {
    const [ext] = bundleObjects(join(tlp2, 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json'));
    expect(ext?.id).toBe(TLP2_EXTENSION_ID);
    type Branch = { properties: { id: { enum: string[] }; name: { enum: string[] }; extensions: { properties: Record<string, { properties: { tlp_2_0: { enum: string[] } } }> } } };
    const schema = json<{ definitions: Record<string, Branch> }>(join(tlp2, 'schema', 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.schema.json'));
    const branches = Object.values(schema.definitions);
    expect(branches).toHaveLength(5);
    for (const b of branches) {
      const [id] = b.properties.id.enum;
      const [name] = b.properties.name.enum;
      const [value] = b.properties.extensions.properties[TLP2_EXTENSION_ID]?.properties.tlp_2_0.enum ?? [];
      const level = tlpOfLabel(name);
      expect(level, name).toBeDefined();
      if (!level || !id) continue;
      expect(tlpMarkingId(level)).toBe(id);
      expect(tlpOfLabel(value)).toBe(level);
      expect(tlpMarkingObject(level).extensions[TLP2_EXTENSION_ID]?.tlp_2_0).toBe(value);
    }
  });

  it('the TLP 2.0 usage example marks its relationship GREEN', () => {
    const objects = bundleObjects(join(tlp2, 'examples', 'using-tlp2.0-green.json'));
    const rel = objects.find((o) => o.type === 'relationship');
    expect(rel && tlpOfObject(rel).level).toBe('GREEN');
    expect(objects.filter((o) => o.type !== 'relationship').map((o) => tlpOfObject(o).level)).toEqual([undefined, undefined]);
  });

  it('the OASIS interop negative case: RED plus a near-miss RED id → RED, the near miss reported', () => {
    const object = json<StixObject>(join(stix, 'schemas', 'examples', 'interop-objectmarking-test.json'));
    const r = tlpOfObject(object);
    expect(r.level).toBe('RED');
    expect(r.unknown).toEqual(['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec']);
  });

  it('OpenCTI exports: TLP:CLEAR on the WHITE id; every marking resolves, statements apart', () => {
    const dir = join(stix, 'bundles', 'mitre-atlas', 'opencti-bundles');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    let marked = 0;
    for (const file of files) {
      const objects = bundleObjects(join(dir, file));
      const defs = new Map(objects.filter((o) => o.type === 'marking-definition').map((o) => [o.id, o] as const));
      for (const def of defs.values()) {
        if (def.definition_type === 'tlp') expect(readMarking(def), file).toEqual({ kind: 'tlp', id: def.id, level: 'CLEAR', problems: [] });
        else expect(readMarking(def).kind, file).toBe('other');
      }
      for (const o of objects) {
        if (!o.object_marking_refs) continue;
        const r = tlpOfObject(o, defs);
        expect(r.unknown, `${file} ${o.id}`).toEqual([]);
        expect(r.problems).toEqual([]);
        if (r.level) marked += 1;
        expect(r.level === undefined || r.level === 'CLEAR').toBe(true);
      }
    }
    expect(marked).toBeGreaterThan(0);
  });

  it('the generated bundle: every object resolves against the bundle\'s own definitions, with TLP 1.0 levels', () => {
    const [file] = readdirSync(join(stix, 'generated')).filter((f) => f.endsWith('.json'));
    expect(file).toBeDefined();
    if (!file) return;
    const objects = bundleObjects(join(stix, 'generated', file));
    const defs = new Map(objects.filter((o) => o.type === 'marking-definition').map((o) => [o.id, o] as const));
    const levels = new Set<string>();
    for (const o of objects) {
      const r = tlpOfObject(o, defs);
      expect(r.unknown, o.id).toEqual([]);
      expect(r.problems, o.id).toEqual([]);
      for (const t of r.tlp) levels.add(t.level);
      // Without the definitions at hand the TLP ids still resolve; only the statements become unknown.
      const bare = tlpOfObject(o);
      expect(bare.level).toBe(r.level);
    }
    expect([...levels].every(isTlpLevel)).toBe(true);
    expect([...levels].sort()).toEqual(['AMBER', 'CLEAR', 'GREEN', 'RED']);
  });
});
