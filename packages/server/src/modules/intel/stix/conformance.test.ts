// Conformance with the OASIS STIX 2.1 JSON schemas (ajv, draft 2020-12), each object against the schema
// of its own type: our valid examples pass them, schema-level defects are caught by both, and on the
// corpora the two disagree only where our semantic rules or documented leniencies apply.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oasisValidator } from './oasis-schemas.ts';
import { stixCorpusDir } from './testing/corpora.ts';
import { CUSTOM_EXAMPLE, EXAMPLES, MORE_SCOS, TLP1_GREEN, example } from './testing/examples.ts';
import { withProps } from './testing/expect-defect.ts';
import { validateObject } from './validate.ts';

const stix = stixCorpusDir();
const present = existsSync(join(stix, 'schemas', 'common'));
if (!present) console.log(`OASIS STIX schemas not found at ${stix}/schemas: skipping the conformance checks`);

const hasError = (obj: unknown): boolean => validateObject(obj).some((d) => d.severity === 'error');

describe.skipIf(!present)('OASIS JSON schemas', () => {
  it('accept every valid example', () => {
    const validate = oasisValidator();
    const all = { ...EXAMPLES, 'tlp-green': TLP1_GREEN, 'pe-file': MORE_SCOS.loader, custom: CUSTOM_EXAMPLE };
    const failures = Object.entries(all).map(([name, obj]) => ({ name, errors: validate(obj) })).filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
    expect(validate.schemaFor('x509-certificate')).toBe('observables/x509-certificate.json');
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['missing name', 'attack-pattern', { name: undefined }],
    ['missing created', 'campaign', { created: undefined }],
    ['a malformed id', 'indicator', { id: 'indicator--1234' }],
    ['a malformed timestamp', 'indicator', { valid_from: '2025-03-04 00:00:00' }],
    ['is_family as a string', 'malware', { is_family: 'yes' }],
    ['confidence 150', 'campaign', { confidence: 150 }],
    ['an empty label list', 'campaign', { labels: [] }],
    ['an unknown opinion', 'opinion', { opinion: 'maybe' }],
    ['a relationship to a marking definition', 'relationship', { target_ref: 'marking-definition--3cfdc307-9fc2-4add-878c-e43b4956e131' }],
    ['a reserved property', 'tool', { severity: 'high' }],
    ['an external reference without source_name', 'tool', { external_references: [{ url: 'https://example.org' }] }],
    ['artifact with both payload and url', 'artifact', { url: 'https://files.example/x.bin' }],
    ['observed data without objects', 'observed-data', { object_refs: undefined }],
    ['number_observed 0', 'observed-data', { number_observed: 0 }],
    ['a dst_port out of range', 'network-traffic', { dst_port: 70000 }],
    ['an unknown encryption algorithm', 'artifact', { encryption_algorithm: 'rot13' }],
  ])('and our validator both reject %s', (_name, type, changes) => {
    const obj = withProps(example(type), changes);
    expect(oasisValidator()(obj).length).toBeGreaterThan(0);
    expect(hasError(obj)).toBe(true);
  });

  it('agree on the corpora except for our semantic rules and documented leniencies', () => {
    const validate = oasisValidator();
    const files = [
      join(stix, 'bundles', 'mitre-attack', 'ics-attack.json'), join(stix, 'bundles', 'disarm', 'DISARM.json'), join(stix, 'bundles', 'mitre-atlas', 'stix-atlas.json'),
      ...readdirSync(join(stix, 'bundles', 'mitre-atlas', 'opencti-bundles')).map((f) => join(stix, 'bundles', 'mitre-atlas', 'opencti-bundles', f)),
      join(stix, 'generated', 'stix2-generator-bundle-319.json'),
      ...readdirSync(join(stix, 'schemas', 'examples', 'threat-reports')).map((f) => join(stix, 'schemas', 'examples', 'threat-reports', f)),
      ...readdirSync(join(stix, 'tlp2', 'markings')).map((f) => join(stix, 'tlp2', 'markings', f)),
    ];
    const onlyOurs: string[] = [];
    const onlyTheirs: string[] = [];
    let count = 0;
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { objects?: unknown[] };
      for (const obj of doc.objects ?? []) {
        count += 1;
        const theirs = validate(obj).length > 0;
        const ours = hasError(obj);
        const id = String((obj as { id?: unknown }).id);
        if (ours && !theirs) onlyOurs.push(id);
        if (theirs && !ours) onlyTheirs.push(id);
      }
    }
    console.log(`conformance: ${count} corpus objects; rejected only by us: ${onlyOurs.length}; only by the OASIS schemas: ${onlyTheirs.length}`);
    // modified < created in ATLAS: a rule JSON schemas cannot express.
    expect(onlyOurs.sort()).toEqual(['attack-pattern--92a68652-d864-5c9c-9c1d-64ec09587390', 'attack-pattern--c9f8f4b0-e377-55b1-bad3-aa5f13389216']);
    // OpenCTI's TLP:CLEAR on the TLP 1.0 WHITE id (one per OpenCTI export): kept, with a warning.
    expect(onlyTheirs).toEqual(Array(6).fill('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'));
  });
});
