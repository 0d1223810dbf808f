// fast-check arbitraries for MISP-shaped events (shared by the robustness and conformance tests).
import fc from 'fast-check';
import { mappedAttributeTypes } from '../attribute-types.ts';
import { mappedObjectTemplates } from '../object-templates.ts';

const value = fc.oneof(fc.string({ maxLength: 40 }), fc.ipV4(), fc.ipV6(), fc.domain(), fc.webUrl(), fc.emailAddress(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }), fc.constantFrom('a|b', "it's \\ odd", 'x.example|198.51.100.1', '198.51.100.1|80', '00:1a:2b:3c:4d:5e', 'AS64500', 'CVE-2024-1234', 'https://x.example/a b', 'HKLM\\Run|x'));
const attributeArb = fc.record(
  {
    uuid: fc.uuid(),
    type: fc.oneof(fc.constantFrom(...mappedAttributeTypes()), fc.string({ maxLength: 12 })),
    value,
    to_ids: fc.oneof(fc.boolean(), fc.constantFrom('0', '1', 'x')),
    distribution: fc.oneof(fc.integer({ min: -1, max: 6 }).map(String), fc.constant(undefined)),
    sharing_group_id: fc.constantFrom('0', '3'),
    SharingGroup: fc.option(fc.record({ uuid: fc.uuid(), name: fc.string() }), { nil: undefined }),
    timestamp: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.constant('later')),
    first_seen: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined }),
    deleted: fc.boolean(),
    Tag: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('tlp:red', 'tlp:white', 'tlp:amber+strict', 'TLP:CLEAR', 'tlp:ex:chr'), fc.string()) }), { maxLength: 3 }),
    object_relation: fc.oneof(fc.constantFrom('md5', 'sha256', 'tlsh', 'filename', 'path', 'size-in-bytes', 'ip', 'domain', 'hostname', 'ip-dst', 'ip-src', 'hostname-dst', 'dst-port', 'src-port', 'layer4-protocol', 'from', 'to', 'cc', 'subject', 'x-mailer', 'attachment', 'url', 'key', 'data', 'name', 'serial-number', 'x509-fingerprint-sha1'), fc.string({ maxLength: 8 })),
  },
  { requiredKeys: ['uuid', 'type', 'value'] },
);
/** MISP-shaped events: mapped and unknown types, values of every kind, tags, galaxies, distributions, objects. */
export const eventArb = fc.record({
  Event: fc.record(
    {
      uuid: fc.uuid(),
      info: fc.string(),
      date: fc.oneof(fc.constant('2024-02-29'), fc.string({ maxLength: 10 })),
      timestamp: fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
      distribution: fc.integer({ min: 0, max: 5 }).map(String),
      published: fc.boolean(),
      Galaxy: fc.array(
        fc.record({
          type: fc.constantFrom('threat-actor', 'mitre-attack-pattern', 'mitre-malware', 'mitre-tool', 'mitre-course-of-action', 'mitre-intrusion-set', 'sector'),
          GalaxyCluster: fc.array(fc.record({ uuid: fc.uuid(), value: fc.string({ minLength: 1 }), meta: fc.constant({ synonyms: ['x'], kill_chain: ['mitre-attack:enterprise-attack:execution'], external_id: ['T1059'] }) }), { maxLength: 2 }),
        }),
        { maxLength: 2 },
      ),
      Orgc: fc.option(fc.record({ name: fc.string({ minLength: 1 }), uuid: fc.uuid() }), { nil: undefined }),
      Tag: fc.array(fc.record({ name: fc.string() }), { maxLength: 3 }),
      Attribute: fc.array(attributeArb, { maxLength: 8 }),
      Object: fc.array(
        fc.record({
          uuid: fc.uuid(),
          name: fc.oneof(fc.constantFrom(...mappedObjectTemplates()), fc.string({ maxLength: 8 })),
          distribution: fc.integer({ min: 0, max: 5 }).map(String),
          Attribute: fc.array(attributeArb, { maxLength: 5 }),
          ObjectReference: fc.array(fc.record({ referenced_uuid: fc.uuid(), relationship_type: fc.string() }), { maxLength: 2 }),
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['uuid'] },
  ),
});
