// Every STIX 2.1 type has a valid, realistic example that passes with no defect at all, and the
// catalogue lists exactly the types of the specification.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, META_TYPE_NAMES, SCO_TYPE_NAMES, SDO_TYPE_NAMES, SRO_TYPE_NAMES, kindOf } from './catalogue.ts';
import { CUSTOM_EXAMPLE, EXAMPLES, IDS, MORE_SCOS, TLP1_GREEN } from './testing/examples.ts';
import { expectClean } from './testing/expect-defect.ts';
import { validateObject } from './validate.ts';

const SDOS = [
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure', 'intrusion-set', 'location',
  'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report', 'threat-actor', 'tool', 'vulnerability',
];
const SCOS = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr', 'ipv6-addr', 'mac-addr', 'mutex',
  'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate',
];

describe('catalogue', () => {
  it('lists the 19 SDOs, 2 SROs, 18 SCOs, 3 meta objects and the bundle of STIX 2.1', () => {
    expect([...SDO_TYPE_NAMES].sort()).toEqual(SDOS);
    expect([...SRO_TYPE_NAMES].sort()).toEqual(['relationship', 'sighting']);
    expect([...SCO_TYPE_NAMES].sort()).toEqual(SCOS);
    expect([...META_TYPE_NAMES].sort()).toEqual(['extension-definition', 'language-content', 'marking-definition']);
    expect(CATALOGUE.size).toBe(19 + 2 + 18 + 3 + 1);
  });

  it('classifies types by family', () => {
    for (const t of SDOS) expect(kindOf(t)).toBe('sdo');
    for (const t of SCOS) expect(kindOf(t)).toBe('sco');
    expect(kindOf('relationship')).toBe('sro');
    expect(kindOf('marking-definition')).toBe('meta');
    expect(kindOf('bundle')).toBe('meta');
    expect(kindOf('x-mitre-tactic')).toBe('custom');
    expect(kindOf('constructor')).toBe('custom');
  });
});

describe('valid examples', () => {
  const types = [...CATALOGUE.keys()].filter((t) => t !== 'bundle');
  it.each(types)('%s passes with no defect', (type) => {
    const obj = EXAMPLES[type];
    expect(obj, `an example for ${type}`).toBeDefined();
    expectClean(obj);
  });

  it('accepts the predefined TLP 1.0 marking, a PE file, and a custom object with its own properties', () => {
    expectClean(TLP1_GREEN);
    expectClean(MORE_SCOS.loader);
    expectClean(MORE_SCOS.sender);
    expectClean(CUSTOM_EXAMPLE);
  });

  it('accepts a bundle of all examples, validating each object under $.objects[i]', () => {
    const bundle = { type: 'bundle', id: IDS.bundle, objects: [...Object.values(EXAMPLES), TLP1_GREEN, CUSTOM_EXAMPLE] };
    expect(validateObject(bundle)).toEqual([]);
    const broken = { ...bundle, objects: [TLP1_GREEN, { ...CUSTOM_EXAMPLE, created: 'yesterday' }] };
    expect(validateObject(broken)).toEqual([expect.objectContaining({ path: '$.objects[1].created', code: 'invalid-timestamp' })]);
  });

  it('keeps custom properties and extensions intact (validation never changes the object)', () => {
    const obj = { ...structuredClone(EXAMPLES.indicator), x_acme_score: { impact: 'high' } } as Record<string, unknown>;
    const copy = structuredClone(obj);
    validateObject(obj);
    expect(obj).toEqual(copy);
  });
});
