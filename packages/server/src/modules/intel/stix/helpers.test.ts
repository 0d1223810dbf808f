// The helpers other parts use: identifiers, timestamps, references, versions, deterministic SCO ids.
import { describe, expect, it } from 'vitest';
import { isStixId, parseId, typeOfId } from './id.ts';
import { referenceEntries, referencesOf } from './refs.ts';
import { deterministicScoId } from './sco-id.ts';
import { EXAMPLES, IDS } from './testing/examples.ts';
import { compareTimestamps, isTimestamp } from './timestamp.ts';
import { canonicalJson, contentHash, versionKey } from './version.ts';

describe('identifiers', () => {
  it('recognises <type>--<UUID> and names its type', () => {
    expect(isStixId('indicator--347c072d-3e70-4292-8c69-9d406d5c6f91')).toBe(true);
    expect(isStixId('x-mitre-tactic--298fe907-7931-4fd2-8131-2814dd493134')).toBe(true);
    expect(typeOfId('x-mitre-tactic--298fe907-7931-4fd2-8131-2814dd493134')).toBe('x-mitre-tactic');
    expect(parseId('attack-pattern--c9f8f4b0-e377-55b1-bad3-aa5f13389216')?.version).toBe(5);
    for (const bad of ['indicator', 'indicator--', 'indicator--347c072d', 'Indicator--347c072d-3e70-4292-8c69-9d406d5c6f91', 'x--y--347c072d-3e70-4292-8c69-9d406d5c6f91',
      'indicator--347c072d-3e70-0292-8c69-9d406d5c6f91', 'indicator--347c072d-3e70-4292-7c69-9d406d5c6f91', 'indicator--00000000-0000-0000-0000-000000000000', 42, null]) {
      expect(isStixId(bad), String(bad)).toBe(false);
      expect(typeOfId(bad)).toBeUndefined();
    }
  });
});

describe('timestamps', () => {
  it('compares at any precision', () => {
    expect(compareTimestamps('2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2025-01-01T00:00:00.0000001Z', '2025-01-01T00:00:00Z')).toBe(1);
    expect(compareTimestamps('2024-12-31T23:59:60Z', '2025-01-01T00:00:00Z')).toBe(-1);
    expect(compareTimestamps('2025-01-01T00:00:00.1Z', '2025-01-01T00:00:00.09Z')).toBe(1);
  });
  it('knows the calendar', () => {
    expect(isTimestamp('2000-02-29T00:00:00Z')).toBe(true);
    expect(isTimestamp('1900-02-29T00:00:00Z')).toBe(false);
    expect(isTimestamp('2025-06-31T00:00:00Z')).toBe(false);
  });
});

describe('referencesOf', () => {
  it('collects refs from common, specific, custom, extension and granular-marking properties', () => {
    const obj = {
      ...EXAMPLES.indicator,
      x_acme_reviewer_ref: IDS.ministry,
      granular_markings: [{ marking_ref: IDS.statement, selectors: ['name'] }],
      extensions: { [IDS.extension]: { extension_type: 'property-extension', triage: { owner_ref: IDS.ministry, related_refs: [IDS.campaign, 'not an id'] } } },
    };
    expect(referencesOf(obj)).toEqual([IDS.csirt, IDS.tlpGreen, IDS.ministry, IDS.statement, IDS.campaign]);
    expect(referenceEntries(obj).map((e) => e.path)).toEqual([
      '$.created_by_ref', '$.object_marking_refs[0]', '$.x_acme_reviewer_ref', '$.granular_markings[0].marking_ref',
      `$.extensions["${IDS.extension}"].triage.owner_ref`, `$.extensions["${IDS.extension}"].triage.related_refs[0]`,
    ]);
  });
  it('follows relationship and sighting ends and skips the local refs of an observable container', () => {
    expect(referencesOf(EXAMPLES.relationship)).toEqual([IDS.csirt, IDS.tlpGreen, IDS.indicator, IDS.campaign]);
    const od = { ...EXAMPLES['observed-data'], object_refs: undefined, objects: { 0: { type: 'network-traffic', dst_ref: '1' }, 1: { type: 'ipv4-addr', value: '198.51.100.1' } } };
    expect(referencesOf(od)).toEqual([IDS.csirt]);
  });
});

describe('versions', () => {
  it('is modified, else created, else a content hash independent of key order', () => {
    expect(versionKey(EXAMPLES.indicator as Record<string, unknown>)).toBe('2025-03-11T16:42:10.250Z');
    expect(versionKey(EXAMPLES['marking-definition'] as Record<string, unknown>)).toBe('2025-03-04T08:15:00.000Z');
    const a = { type: 'url', id: 'url--dee3b613-b330-509b-9651-88fc61b9a7e3', value: 'https://a.example/' };
    const b = { value: 'https://a.example/', id: 'url--dee3b613-b330-509b-9651-88fc61b9a7e3', type: 'url' };
    expect(versionKey(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(versionKey(a)).toBe(versionKey(b));
    expect(versionKey({ ...a, value: 'https://b.example/' })).not.toBe(versionKey(a));
  });
  it('serialises canonically (sorted keys by code unit, no whitespace)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'], A: { y: 2, x: undefined } })).toBe('{"A":{"y":2},"a":[true,null,"é"],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });
});

describe('deterministic SCO ids (2.9, 3.4)', () => {
  it('reproduces the ids of the specification examples', () => {
    expect(deterministicScoId({ type: 'ipv4-addr', value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    expect(deterministicScoId({ type: 'autonomous-system', number: 15139, name: 'Slime Industries', rir: 'ARIN' })).toBe('autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff');
    expect(deterministicScoId({ type: 'x509-certificate', serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06', issuer: 'C=ZA' }))
      .toBe('x509-certificate--bf86f034-2390-54d7-8426-d08433db3fbe');
  });
  it('uses one preferred hash, falls back to UUIDv4, and ignores non-SCOs', () => {
    const one = deterministicScoId({ type: 'file', hashes: { 'SHA-256': 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', MD5: '5d41402abc4b2a76b9719d911017c592' } });
    expect(one).toBe(deterministicScoId({ type: 'file', hashes: { MD5: '5d41402abc4b2a76b9719d911017c592' } }));
    expect(parseId(deterministicScoId({ type: 'process', pid: 4 }))?.version).toBe(4);
    expect(deterministicScoId({ type: 'indicator' })).toBeUndefined();
  });
});
