// STIX Domain Objects (specification section 4): the type-specific properties of each SDO. The common
// properties come from catalogue-common.ts; co-constraints (e.g. location needs a region, a country
// or coordinates) are in rules-sdo.ts.
import { killChainPhases } from './catalogue-common.ts';
import { any, bool, en, float, int, ov, ovs, ref, refs, str, strs, ts, type Prop, type TypeDef } from './props.ts';

function sdo(type: string, props: Record<string, Prop>, required: string[]): TypeDef {
  return { type, kind: 'sdo', common: 'sdo', props, required };
}

/** Any STIX object (object_refs of report, grouping, note, opinion). */
const anyObject = refs('*');

export const SDO_TYPES: readonly TypeDef[] = [
  sdo('attack-pattern', { name: str, description: str, aliases: strs, kill_chain_phases: killChainPhases }, ['name']),
  sdo('campaign', { name: str, description: str, aliases: strs, first_seen: ts, last_seen: ts, objective: str }, ['name']),
  sdo('course-of-action', { name: str, description: str }, ['name']),
  sdo('grouping', { name: str, description: str, context: ov('grouping-context-ov'), object_refs: anyObject }, ['context', 'object_refs']),
  sdo(
    'identity',
    { name: str, description: str, roles: strs, identity_class: ov('identity-class-ov'), sectors: ovs('industry-sector-ov'), contact_information: str },
    ['name'],
  ),
  sdo('incident', { name: str, description: str, kill_chain_phases: killChainPhases }, ['name']),
  sdo(
    'indicator',
    {
      name: str, description: str, indicator_types: ovs('indicator-type-ov'), pattern: str, pattern_type: ov('pattern-type-ov'),
      pattern_version: str, valid_from: ts, valid_until: ts, kill_chain_phases: killChainPhases,
    },
    ['pattern', 'pattern_type', 'valid_from'],
  ),
  sdo(
    'infrastructure',
    { name: str, description: str, infrastructure_types: ovs('infrastructure-type-ov'), aliases: strs, kill_chain_phases: killChainPhases, first_seen: ts, last_seen: ts },
    ['name'],
  ),
  sdo(
    'intrusion-set',
    {
      name: str, description: str, aliases: strs, first_seen: ts, last_seen: ts, goals: strs, resource_level: ov('attack-resource-level-ov'),
      primary_motivation: ov('attack-motivation-ov'), secondary_motivations: ovs('attack-motivation-ov'),
    },
    ['name'],
  ),
  sdo(
    'location',
    {
      name: str, description: str, latitude: float(-90, 90), longitude: float(-180, 180), precision: float(0), region: ov('region-ov'),
      country: str, administrative_area: str, city: str, street_address: str, postal_code: str,
    },
    [],
  ),
  sdo(
    'malware',
    {
      name: str, description: str, malware_types: ovs('malware-type-ov'), is_family: bool, aliases: strs, kill_chain_phases: killChainPhases,
      first_seen: ts, last_seen: ts, operating_system_refs: refs('software'), architecture_execution_envs: ovs('processor-architecture-ov'),
      implementation_languages: ovs('implementation-language-ov'), capabilities: ovs('malware-capabilities-ov'), sample_refs: refs('file', 'artifact'),
    },
    ['is_family'],
  ),
  sdo(
    'malware-analysis',
    {
      product: str, version: str, host_vm_ref: ref('software'), operating_system_ref: ref('software'), installed_software_refs: refs('software'),
      configuration_version: str, modules: strs, analysis_engine_version: str, analysis_definition_version: str, submitted: ts,
      analysis_started: ts, analysis_ended: ts, result_name: str, result: ov('malware-result-ov'), analysis_sco_refs: refs('sco', 'custom'),
      sample_ref: ref('file', 'network-traffic', 'artifact'),
    },
    ['product'],
  ),
  sdo('note', { abstract: str, content: str, authors: strs, object_refs: anyObject }, ['content', 'object_refs']),
  sdo(
    'observed-data',
    { first_observed: ts, last_observed: ts, number_observed: int(1, 999_999_999), objects: any, object_refs: refs('sco', 'sro', 'custom') },
    ['first_observed', 'last_observed', 'number_observed'],
  ),
  sdo('opinion', { explanation: str, authors: strs, opinion: en('opinion-enum'), object_refs: anyObject }, ['opinion', 'object_refs']),
  sdo('report', { name: str, description: str, report_types: ovs('report-type-ov'), published: ts, object_refs: anyObject }, ['name', 'published', 'object_refs']),
  sdo(
    'threat-actor',
    {
      name: str, description: str, threat_actor_types: ovs('threat-actor-type-ov'), aliases: strs, first_seen: ts, last_seen: ts,
      roles: ovs('threat-actor-role-ov'), goals: strs, sophistication: ov('threat-actor-sophistication-ov'),
      resource_level: ov('attack-resource-level-ov'), primary_motivation: ov('attack-motivation-ov'),
      secondary_motivations: ovs('attack-motivation-ov'), personal_motivations: ovs('attack-motivation-ov'),
    },
    ['name'],
  ),
  sdo('tool', { name: str, description: str, tool_types: ovs('tool-type-ov'), aliases: strs, kill_chain_phases: killChainPhases, tool_version: str }, ['name']),
  sdo('vulnerability', { name: str, description: str }, ['name']),
];
