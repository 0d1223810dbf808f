// Invalid SDOs and SROs, pinned to the specification's property tables and rules (sections 4, 5).
import { describe, it } from 'vitest';
import { IDS, SCO_EXAMPLES, example } from './testing/examples.ts';
import { expectClean, expectDefect, withProps } from './testing/expect-defect.ts';

const REL = 'relationship--4d0e1dc4-d116-47b0-b6b9-df6d2a826099';
const MARKING = 'marking-definition--3cfdc307-9fc2-4add-878c-e43b4956e131';

describe('required properties of every SDO', () => {
  const required: Array<[string, string]> = [
    ['attack-pattern', 'name'], ['campaign', 'name'], ['course-of-action', 'name'], ['grouping', 'context'], ['grouping', 'object_refs'],
    ['identity', 'name'], ['incident', 'name'], ['indicator', 'pattern'], ['indicator', 'pattern_type'], ['indicator', 'valid_from'],
    ['infrastructure', 'name'], ['intrusion-set', 'name'], ['malware', 'is_family'], ['malware-analysis', 'product'], ['note', 'content'],
    ['note', 'object_refs'], ['observed-data', 'first_observed'], ['observed-data', 'last_observed'], ['observed-data', 'number_observed'],
    ['opinion', 'opinion'], ['opinion', 'object_refs'], ['report', 'name'], ['report', 'published'], ['report', 'object_refs'],
    ['threat-actor', 'name'], ['tool', 'name'], ['vulnerability', 'name'], ['relationship', 'relationship_type'], ['relationship', 'source_ref'],
    ['relationship', 'target_ref'], ['sighting', 'sighting_of_ref'], ['language-content', 'object_ref'], ['language-content', 'contents'],
    ['extension-definition', 'created_by_ref'], ['extension-definition', 'schema'], ['extension-definition', 'version'], ['extension-definition', 'extension_types'],
    ['marking-definition', 'created'],
  ];
  it.each(required)('%s requires %s', (type, prop) => {
    expectDefect(withProps(example(type), { [prop]: undefined }), { code: 'missing-property', path: `$.${prop}` });
  });
});

describe('SDO rules', () => {
  it('orders first_seen / last_seen, valid_from / valid_until', () => {
    expectDefect(withProps(example('campaign'), { last_seen: '2024-12-31T00:00:00.000Z' }), { code: 'time-order', path: '$.last_seen' });
    expectDefect(withProps(example('indicator'), { valid_until: '2025-01-01T00:00:00Z' }), { code: 'time-order', path: '$.valid_until' });
    expectDefect(withProps(example('indicator'), { valid_until: '2025-03-04T00:00:00.000Z' }), { code: 'time-equal', path: '$.valid_until', severity: 'warning' });
    expectClean(withProps(example('campaign'), { last_seen: '2025-01-02T00:00:00Z' }));
  });
  it('checks indicator kinds', () => {
    expectDefect(withProps(example('indicator'), { pattern_type: 3 }), { code: 'wrong-kind', path: '$.pattern_type' });
    expectDefect(withProps(example('indicator'), { kill_chain_phases: [{ kill_chain_name: 'mitre-attack' }] }), { code: 'missing-property', path: '$.kill_chain_phases[0].phase_name' });
  });
  it('needs a location to say where: region, country or coordinates; coordinates in range and in pairs', () => {
    expectDefect(withProps(example('location'), { region: undefined, country: undefined, latitude: undefined, longitude: undefined, precision: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(example('location'), { latitude: 91 }), { code: 'out-of-range', path: '$.latitude' });
    expectDefect(withProps(example('location'), { longitude: -180.5 }), { code: 'out-of-range', path: '$.longitude' });
    expectDefect(withProps(example('location'), { longitude: undefined }), { code: 'requires', path: '$.latitude' });
    expectDefect(withProps(example('location'), { latitude: undefined, longitude: undefined }), { code: 'requires', path: '$.precision' });
  });
  it('requires a name for malware families and checks malware references', () => {
    expectDefect(withProps(example('malware'), { name: undefined }), { code: 'missing-property', path: '$.name' });
    expectClean(withProps(example('malware'), { name: undefined, is_family: false }));
    expectDefect(withProps(example('malware'), { sample_refs: [SCO_EXAMPLES.url?.id] }), { code: 'ref-type', path: '$.sample_refs[0]' });
  });
  it('requires a result or analysed SCOs on malware analyses', () => {
    expectDefect(withProps(example('malware-analysis'), { result: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(example('malware-analysis'), { analysis_sco_refs: [IDS.indicator] }), { code: 'ref-type', path: '$.analysis_sco_refs[0]' });
  });
  it('holds observed data to object_refs xor objects, counts and order', () => {
    const od = example('observed-data');
    expectDefect(withProps(od, { objects: { 0: { type: 'ipv4-addr', value: '198.51.100.1' } } }), { code: 'mutually-exclusive', path: '$.object_refs' });
    expectDefect(withProps(od, { object_refs: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(od, { number_observed: 0 }), { code: 'out-of-range', path: '$.number_observed' });
    expectDefect(withProps(od, { number_observed: 1_000_000_000 }), { code: 'out-of-range', path: '$.number_observed' });
    expectDefect(withProps(od, { last_observed: '2025-03-04T07:01:00Z' }), { code: 'time-order', path: '$.last_observed' });
    expectDefect(withProps(od, { object_refs: [IDS.indicator] }), { code: 'ref-type', path: '$.object_refs[0]' });
    expectDefect(withProps(od, { object_refs: undefined, objects: { 0: 'x' } }), { code: 'wrong-kind', path: '$.objects["0"]' });
    expectClean(withProps(od, { object_refs: undefined, objects: { 0: { type: 'ipv4-addr', value: '198.51.100.1' } } }));
  });
  it('checks opinion, report, grouping and note contents', () => {
    expectDefect(withProps(example('opinion'), { opinion: 'maybe' }), { code: 'enum', path: '$.opinion' });
    expectDefect(withProps(example('report'), { object_refs: [] }), { code: 'empty-list', path: '$.object_refs' });
    expectDefect(withProps(example('report'), { object_refs: [IDS.bundle] }), { code: 'ref-type', path: '$.object_refs[0]' });
    expectDefect(withProps(example('report'), { published: '12 March 2025' }), { code: 'invalid-timestamp', path: '$.published' });
    expectDefect(withProps(example('grouping'), { context: ['suspicious-activity'] }), { code: 'wrong-kind', path: '$.context' });
    expectDefect(withProps(example('identity'), { sectors: 'government' }), { code: 'wrong-kind', path: '$.sectors' });
  });
});

describe('SRO rules (5)', () => {
  it('links SDOs and SCOs only, with a lowercase relationship type, stop_time after start_time', () => {
    const rel = example('relationship');
    expectDefect(withProps(rel, { source_ref: REL }), { code: 'ref-type', path: '$.source_ref' });
    expectDefect(withProps(rel, { target_ref: MARKING }), { code: 'ref-type', path: '$.target_ref' });
    expectDefect(withProps(rel, { relationship_type: 'Indicates' }), { code: 'invalid-value', path: '$.relationship_type' });
    expectDefect(withProps(rel, { stop_time: '2024-12-31T00:00:00.000Z' }), { code: 'time-order', path: '$.stop_time' });
    expectDefect(withProps(rel, { stop_time: '2025-01-02T00:00:00.000Z' }), { code: 'time-equal', path: '$.stop_time', severity: 'warning' });
    expectClean(withProps(rel, { target_ref: SCO_EXAMPLES['domain-name']?.id }));
    expectClean(withProps(rel, { target_ref: 'x-mitre-tactic--298fe907-7931-4fd2-8131-2814dd493134' }));
  });
  it('sights an SDO, from identities or locations, with observed data, a bounded count and ordered times', () => {
    const s = example('sighting');
    expectDefect(withProps(s, { sighting_of_ref: REL }), { code: 'ref-type', path: '$.sighting_of_ref' });
    expectDefect(withProps(s, { sighting_of_ref: SCO_EXAMPLES.url?.id }), { code: 'ref-type', path: '$.sighting_of_ref' });
    expectDefect(withProps(s, { observed_data_refs: [IDS.indicator] }), { code: 'ref-type', path: '$.observed_data_refs[0]' });
    expectDefect(withProps(s, { where_sighted_refs: [IDS.malware] }), { code: 'ref-type', path: '$.where_sighted_refs[0]' });
    expectClean(withProps(s, { where_sighted_refs: [IDS.location] }));
    expectDefect(withProps(s, { count: -1 }), { code: 'out-of-range', path: '$.count' });
    expectDefect(withProps(s, { count: 1_000_000_000 }), { code: 'out-of-range', path: '$.count' });
    expectDefect(withProps(s, { last_seen: '2025-03-04T06:00:00.000Z' }), { code: 'time-order', path: '$.last_seen' });
    expectDefect(withProps(s, { summary: 'no' }), { code: 'wrong-kind', path: '$.summary' });
  });
});
