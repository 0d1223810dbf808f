// Invalid objects, pinned to the specification: identifiers (2.9), timestamps (2.16), common
// properties (3.2), versioning (3.6), reserved names (3.8), custom properties and objects (11).
import { describe, expect, it } from 'vitest';
import { EXAMPLES, example } from './testing/examples.ts';
import { expectClean, expectDefect, withProps } from './testing/expect-defect.ts';
import { validateObject } from './validate.ts';

const indicator = (): Record<string, unknown> => example('indicator');

describe('object and type (3.1, 3.2)', () => {
  it.each([['a string', 'indicator'], ['an array', [EXAMPLES.indicator]], ['null', null]])('rejects %s as an object', (_name, value) => {
    expectDefect(value, { code: 'not-object', path: '$' });
  });
  it('requires a string type in the type-name syntax', () => {
    expectDefect(withProps(indicator(), { type: undefined }), { code: 'missing-property', path: '$.type' });
    expectDefect(withProps(indicator(), { type: 42 }), { code: 'wrong-kind', path: '$.type' });
    expectDefect(withProps(indicator(), { type: 'Indicator' }), { code: 'invalid-type-name', path: '$.type' });
    expectDefect(withProps(indicator(), { type: 'x--double' }), { code: 'invalid-type-name', path: '$.type' });
    expectDefect(withProps(indicator(), { type: 'xy' }), { code: 'invalid-type-name', path: '$.type' });
  });
});

describe('identifiers (2.9)', () => {
  it('requires <type>--<RFC 4122 UUID> with the object type', () => {
    expectDefect(withProps(indicator(), { id: undefined }), { code: 'missing-property', path: '$.id' });
    expectDefect(withProps(indicator(), { id: 'indicator--1234' }), { code: 'invalid-id', path: '$.id' });
    expectDefect(withProps(indicator(), { id: 'indicator--347c072d-3e70-4292-cc69-9d406d5c6f91' }), { code: 'invalid-id', path: '$.id' });
    expectDefect(withProps(indicator(), { id: 'campaign--347c072d-3e70-4292-8c69-9d406d5c6f91' }), { code: 'id-type-mismatch', path: '$.id' });
  });
  it('recommends UUIDv4 for SDOs and UUIDv5 for SCOs (warnings)', () => {
    const v1 = expectDefect(withProps(indicator(), { id: 'indicator--1621d4d4-b67d-11e3-9670-f01faf20d111' }), { code: 'uuid-version', path: '$.id', severity: 'warning' });
    expect(v1.every((d) => d.severity === 'warning')).toBe(true);
    expectDefect(withProps(example('ipv4-addr'), { id: 'ipv4-addr--6a23e97b-1fc3-4cf8-94d3-08c36fca4e2e' }), { code: 'uuid-version', path: '$.id', severity: 'warning' });
  });
});

describe('spec_version and timestamps (2.16, 3.6)', () => {
  it('requires spec_version "2.1" where it applies', () => {
    expectDefect(withProps(indicator(), { spec_version: undefined }), { code: 'missing-property', path: '$.spec_version' });
    expectDefect(withProps(indicator(), { spec_version: '2.0' }), { code: 'spec-version', path: '$.spec_version' });
    expectDefect(withProps(example('url'), { spec_version: '2.0' }), { code: 'spec-version', path: '$.spec_version' });
    expectClean(withProps(example('url'), { spec_version: undefined }));
  });
  it.each([
    ['a space instead of T', '2025-03-04 08:15:00.000Z'],
    ['a time zone offset', '2025-03-04T08:15:00.000+01:00'],
    ['no Z', '2025-03-04T08:15:00.000'],
    ['an empty fraction', '2025-03-04T08:15:00.Z'],
    ['month 13', '2025-13-04T08:15:00.000Z'],
    ['29 February of a common year', '2025-02-29T08:15:00.000Z'],
    ['31 April', '2025-04-31T08:15:00.000Z'],
    ['hour 24', '2025-03-04T24:00:00.000Z'],
    ['a leap second outside 23:59', '2025-03-04T08:15:60.000Z'],
    ['a three-digit month', '2022-101-27T13:49:54.326Z'],
  ])('rejects a timestamp with %s', (_name, value) => {
    expectDefect(withProps(indicator(), { valid_from: value }), { code: 'invalid-timestamp', path: '$.valid_from' });
  });
  it('accepts leap days, leap seconds at 23:59 and any sub-second precision', () => {
    expectClean(withProps(indicator(), { valid_from: '2024-02-29T23:59:60Z' }));
    expectClean(withProps(indicator(), { valid_from: '2025-03-04T00:00:00.123456789Z' }));
  });
  it('requires modified >= created, compared at full precision', () => {
    expectDefect(withProps(indicator(), { created: '2025-03-11T16:42:10.2501Z' }), { code: 'time-order', path: '$.modified' });
    expectClean(withProps(indicator(), { created: '2025-03-11T16:42:10.250Z', modified: '2025-03-11T16:42:10.250000Z' }));
  });
  it('warns when created or modified is less precise than milliseconds', () => {
    expectDefect(withProps(indicator(), { created: '2025-03-04T08:15:00Z' }), { code: 'timestamp-precision', path: '$.created', severity: 'warning' });
  });
});

describe('common properties (3.2)', () => {
  it('checks kinds, ranges and lists', () => {
    expectDefect(withProps(indicator(), { confidence: 101 }), { code: 'out-of-range', path: '$.confidence' });
    expectDefect(withProps(indicator(), { confidence: 50.5 }), { code: 'wrong-kind', path: '$.confidence' });
    expectDefect(withProps(indicator(), { revoked: 'yes' }), { code: 'wrong-kind', path: '$.revoked' });
    expectDefect(withProps(indicator(), { labels: [] }), { code: 'empty-list', path: '$.labels' });
    expectDefect(withProps(indicator(), { labels: ['ok', 1] }), { code: 'wrong-kind', path: '$.labels[1]' });
    expectDefect(withProps(indicator(), { lang: 'en_GB' }), { code: 'invalid-lang', path: '$.lang' });
    expectClean(withProps(indicator(), { lang: 'fr-BE' }));
  });
  it('checks the target types of references', () => {
    expectDefect(withProps(indicator(), { created_by_ref: 'malware--14f3397f-5d00-41ac-8ae2-57ddc3f8e13a' }), { code: 'ref-type', path: '$.created_by_ref' });
    expectDefect(withProps(indicator(), { created_by_ref: 'ACME' }), { code: 'invalid-ref', path: '$.created_by_ref' });
    expectDefect(withProps(indicator(), { object_marking_refs: ['identity--d00ff3be-c04b-4317-a973-510844053b80'] }), { code: 'ref-type', path: '$.object_marking_refs[0]' });
  });
  it('checks external references (2.5): source_name plus description, url or external_id; CAPEC and CVE forms', () => {
    expectDefect(withProps(indicator(), { external_references: [{ source_name: 'acme' }] }), { code: 'external-reference', path: '$.external_references[0]' });
    expectDefect(withProps(indicator(), { external_references: [{ url: 'https://example.org/r' }] }), { code: 'missing-property', path: '$.external_references[0].source_name' });
    expectDefect(withProps(indicator(), { external_references: [{ source_name: 'acme', url: 'not a url' }] }), { code: 'invalid-value', path: '$.external_references[0].url' });
    expectDefect(withProps(example('attack-pattern'), { external_references: [{ source_name: 'capec', external_id: 'CAPEC163' }] }), { code: 'external-id-format', path: '$.external_references[0].external_id' });
    expectDefect(withProps(example('vulnerability'), { external_references: [{ source_name: 'cve', external_id: 'CVE-23-1' }] }), { code: 'external-id-format', path: '$.external_references[0].external_id' });
  });
  it('checks hashes (2.7): key rules, digest forms, vocabulary', () => {
    const ref = (hashes: unknown) => withProps(indicator(), { external_references: [{ source_name: 'acme', url: 'https://example.org/r', hashes }] });
    expectDefect(ref({ 'SHA-256': 'abc' }), { code: 'invalid-hash', path: '$.external_references[0].hashes["SHA-256"]' });
    expectDefect(ref({ ab: 'abc' }), { code: 'invalid-hash', path: '$.external_references[0].hashes.ab' });
    expectDefect(ref({ sha256: 'abc' }), { code: 'hash-algorithm', path: '$.external_references[0].hashes.sha256', severity: 'warning' });
    expectDefect(ref({}), { code: 'empty-dictionary', path: '$.external_references[0].hashes' });
    expectClean(ref({ x_acme_hash: 'anything' }));
  });
  it('flags common properties that do not apply to the type', () => {
    expectDefect(withProps(indicator(), { defanged: true }), { code: 'not-applicable-property', path: '$.defanged' });
    expectDefect(withProps(example('url'), { labels: ['phishing'] }), { code: 'not-applicable-property', path: '$.labels', severity: 'warning' });
    expectDefect(withProps(example('marking-definition'), { modified: '2025-03-04T08:15:00.000Z' }), { code: 'not-applicable-property', path: '$.modified', severity: 'warning' });
  });
});

describe('custom properties and objects (3.8, 11)', () => {
  it('forbids reserved names and badly named custom properties, warns on unprefixed ones', () => {
    expectDefect(withProps(indicator(), { severity: 'high' }), { code: 'reserved-property', path: '$.severity' });
    expectDefect(withProps(indicator(), { X_Acme: 1 }), { code: 'custom-property-name', path: '$.X_Acme' });
    expectDefect(withProps(indicator(), { rank: 1 }), { code: 'custom-property-unprefixed', path: '$.rank', severity: 'warning' });
    expectClean(withProps(indicator(), { x_acme_score: { impact: 'high' } }));
    expectDefect(withProps(indicator(), { x_acme_score: 1 }), { code: 'custom-property', path: '$.x_acme_score' }, { rejectCustomProperties: true });
    expectDefect(withProps(indicator(), { x_acme_owner_ref: 'somebody' }), { code: 'invalid-ref', path: '$.x_acme_owner_ref', severity: 'warning' });
  });
  it('accepts custom objects, warns without the x- prefix, rejects them on request', () => {
    const custom = { type: 'acme-widget', id: 'acme-widget--9e880675-f99b-469c-90d7-6d131b87efdb', size_cm: 3 };
    expectDefect(custom, { code: 'custom-type-name', path: '$.type', severity: 'warning' });
    expectDefect({ ...custom, type: 'x-acme-widget', id: 'x-acme-widget--9e880675-f99b-469c-90d7-6d131b87efdb' }, { code: 'custom-object', path: '$.type' }, { rejectCustomObjects: true });
    expectDefect({ ...custom, Size: 3 }, { code: 'custom-property-name', path: '$.Size' });
  });
  it('holds a custom object declared by a new-sdo extension to the SDO common properties', () => {
    const obj = {
      type: 'x-acme-widget', id: 'x-acme-widget--9e880675-f99b-469c-90d7-6d131b87efdb', spec_version: '2.1', name: 'w',
      extensions: { 'extension-definition--f7cfcd70-c7d2-4676-94cc-2b83d9ad164e': { extension_type: 'new-sdo' } },
    };
    expectDefect(obj, { code: 'missing-property', path: '$.created' });
    expectDefect(obj, { code: 'missing-property', path: '$.modified' });
  });
});

describe('never changes what it checks', () => {
  it('reports and returns, without throwing, for hostile keys', () => {
    const obj = JSON.parse('{"type":"indicator","__proto__":{"x":1},"constructor":1,"toString":"x"}') as unknown;
    expect(() => validateObject(obj)).not.toThrow();
    // Keys that exist on Object.prototype are ordinary custom properties, never catalogue entries.
    expect(validateObject(obj)).toContainEqual(expect.objectContaining({ path: '$.constructor', code: 'custom-property-unprefixed' }));
    expect(validateObject(obj)).toContainEqual(expect.objectContaining({ path: '$.toString', code: 'custom-property-name' }));
  });
});
