// STIX Relationship Objects (section 5), STIX Meta Objects (section 7) and the bundle (section 8).
import { any, bool, dict, en, fmt, int, list, ov, ref, refs, str, strs, ts, type TypeDef } from './props.ts';

/** Relationship ends: an SDO or SCO (never an SRO, bundle, language content or marking definition); custom objects are allowed. */
const node = ref('sdo', 'sco', 'custom');

export const SRO_TYPES: readonly TypeDef[] = [
  {
    type: 'relationship',
    kind: 'sro',
    common: 'sro',
    props: { relationship_type: fmt('relationship-type'), description: str, source_ref: node, target_ref: node, start_time: ts, stop_time: ts },
    required: ['relationship_type', 'source_ref', 'target_ref'],
  },
  {
    type: 'sighting',
    kind: 'sro',
    common: 'sro',
    props: {
      description: str, first_seen: ts, last_seen: ts, count: int(0, 999_999_999), sighting_of_ref: ref('sdo', 'custom'),
      observed_data_refs: refs('observed-data'), where_sighted_refs: refs('identity', 'location'), summary: bool,
    },
    required: ['sighting_of_ref'],
  },
];

export const META_TYPES: readonly TypeDef[] = [
  {
    type: 'marking-definition',
    kind: 'meta',
    common: 'marking-definition',
    // definition_type and definition are deprecated; they are required when `extensions` is absent (rules-meta.ts).
    props: { name: str, definition_type: ov('marking-definition-type-ov'), definition: any },
    required: [],
  },
  {
    type: 'language-content',
    kind: 'meta',
    common: 'language-content',
    props: { object_ref: ref('*'), object_modified: ts, contents: { k: 'dictionary', keys: 'lang', values: dict() } },
    required: ['object_ref', 'contents'],
  },
  {
    type: 'extension-definition',
    kind: 'meta',
    common: 'extension-definition',
    props: { name: str, description: str, schema: str, version: str, extension_types: list(en('extension-type-enum')), extension_properties: strs },
    required: ['name', 'schema', 'version', 'extension_types'],
  },
  {
    type: 'bundle',
    kind: 'bundle',
    common: 'bundle',
    // The objects are validated one by one (validate.ts, parse-bundle.ts), not as a property.
    props: { objects: list(any) },
    required: [],
  },
];
