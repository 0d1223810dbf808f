// Valid, realistic STIX 2.1 domain, relationship and meta objects (our own), one or more per type.
// Ids are UUIDv4; all timestamps are UTC with millisecond precision.

export const IDS = {
  csirt: 'identity--d00ff3be-c04b-4317-a973-510844053b80',
  ministry: 'identity--0621f263-ac80-40b9-939c-a9f7b7963608',
  statement: 'marking-definition--3cfdc307-9fc2-4add-878c-e43b4956e131',
  tlpGreen: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  extension: 'extension-definition--f7cfcd70-c7d2-4676-94cc-2b83d9ad164e',
  attackPattern: 'attack-pattern--832dbc65-5f34-4991-8ed0-6afbb7968387',
  campaign: 'campaign--87cbd7ca-c3f4-4963-af85-7e50d7ddbafc',
  courseOfAction: 'course-of-action--aa29756c-19f7-4124-b043-8bd3650edec0',
  grouping: 'grouping--d11cbdd3-02af-4bb7-87d1-f3d7e794257e',
  incident: 'incident--16207132-36e2-4cdd-9370-c5b1cfab5435',
  indicator: 'indicator--347c072d-3e70-4292-8c69-9d406d5c6f91',
  infrastructure: 'infrastructure--6a23e97b-1fc3-4cf8-94d3-08c36fca4e2e',
  intrusionSet: 'intrusion-set--22a5e14d-2f0b-401c-bb5e-e34dfe463642',
  location: 'location--1433ea0a-6c7c-4fbe-9425-b6460361cf53',
  malware: 'malware--14f3397f-5d00-41ac-8ae2-57ddc3f8e13a',
  malwareAnalysis: 'malware-analysis--1d755aa3-56ce-4a38-828d-d5ad94f4caa9',
  note: 'note--7cf5e0f3-a7fa-4a1d-aace-ff37fea8f430',
  observedData: 'observed-data--898f501e-4b11-4f3e-aee8-be39e127063c',
  opinion: 'opinion--24141aa2-a683-41aa-a691-f54fc45012f5',
  report: 'report--3f9a591d-4496-48a9-a8fb-4cd7ea2d5b26',
  threatActor: 'threat-actor--a4bd7e3a-5e5c-43ab-938e-6a060e413d15',
  tool: 'tool--ea12fd51-5fed-4091-92cc-3344d06a2032',
  vulnerability: 'vulnerability--750a6ebc-943a-4b15-aa55-aa7bb67353e3',
  relationship: 'relationship--4d0e1dc4-d116-47b0-b6b9-df6d2a826099',
  sighting: 'sighting--bc0b816a-16d3-4750-9319-b6d5631ecb15',
  languageContent: 'language-content--36505fa7-2ff4-48e9-b617-6c1b9f1e571d',
  custom: 'x-bulwark-playbook--13367ec8-97ff-4233-bc62-b89f6a4f3e95',
  bundle: 'bundle--ca48d16c-e8b1-406a-8afd-d02133c407c6',
} as const;

const T0 = '2025-03-04T08:15:00.000Z';
const T1 = '2025-03-11T16:42:10.250Z';
const common = { spec_version: '2.1', created: T0, modified: T1, created_by_ref: IDS.csirt, object_marking_refs: [IDS.tlpGreen] };
const kill = [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }];

export const SDO_EXAMPLES: Record<string, Record<string, unknown>> = {
  'attack-pattern': {
    type: 'attack-pattern', id: IDS.attackPattern, ...common, name: 'Spearphishing attachment to ministry staff',
    description: 'Tailored e-mails with macro-laden documents sent to procurement officers.', aliases: ['Tender lure'], kill_chain_phases: kill,
    external_references: [{ source_name: 'capec', external_id: 'CAPEC-163', url: 'https://capec.mitre.org/data/definitions/163.html' }],
  },
  campaign: {
    type: 'campaign', id: IDS.campaign, ...common, name: 'Operation Grey Tender', description: 'Targeting public procurement platforms.',
    aliases: ['GT-2025'], first_seen: '2025-01-02T00:00:00.000Z', last_seen: '2025-03-01T00:00:00.000Z', objective: 'Obtain tender documents',
    lang: 'en', confidence: 70, labels: ['procurement'],
  },
  'course-of-action': { type: 'course-of-action', id: IDS.courseOfAction, ...common, name: 'Block macros from the internet', description: 'Group policy: block Office macros in files from the internet.' },
  grouping: { type: 'grouping', id: IDS.grouping, ...common, name: 'Triage of March phishing wave', context: 'suspicious-activity', object_refs: [IDS.indicator, IDS.campaign] },
  identity: {
    type: 'identity', id: IDS.csirt, spec_version: '2.1', created: T0, modified: T0, name: 'National CSIRT (example)', identity_class: 'organization',
    sectors: ['government-national'], contact_information: 'csirt@example.eu', roles: ['incident-response'],
  },
  incident: { type: 'incident', id: IDS.incident, ...common, name: 'Mailbox compromise at the ministry of finance', kill_chain_phases: kill },
  indicator: {
    type: 'indicator', id: IDS.indicator, ...common, name: 'Grey Tender C2 domain', indicator_types: ['malicious-activity'],
    pattern: "[domain-name:value = 'tender-portal.example']", pattern_type: 'stix', pattern_version: '2.1',
    valid_from: '2025-03-04T00:00:00Z', valid_until: '2025-09-04T00:00:00Z', kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'command-and-control' }],
  },
  infrastructure: {
    type: 'infrastructure', id: IDS.infrastructure, ...common, name: 'Grey Tender C2', infrastructure_types: ['command-and-control'],
    first_seen: '2025-01-02T00:00:00.000Z', last_seen: '2025-03-01T00:00:00.000Z',
  },
  'intrusion-set': {
    type: 'intrusion-set', id: IDS.intrusionSet, ...common, name: 'Grey Heron', aliases: ['GH'], goals: ['Economic espionage'],
    resource_level: 'government', primary_motivation: 'organizational-gain', secondary_motivations: ['ideology'],
  },
  location: {
    type: 'location', id: IDS.location, ...common, name: 'Brussels', region: 'western-europe', country: 'BE', city: 'Brussels',
    latitude: 50.8503, longitude: 4.3517, precision: 1000,
  },
  malware: {
    type: 'malware', id: IDS.malware, ...common, name: 'TenderLoader', is_family: true, malware_types: ['downloader'],
    implementation_languages: ['c++'], architecture_execution_envs: ['x86-64'], capabilities: ['communicates-with-c2'],
  },
  'malware-analysis': {
    type: 'malware-analysis', id: IDS.malwareAnalysis, ...common, product: 'example-sandbox', version: '4.2', result: 'malicious',
    analysis_started: '2025-03-05T10:00:00.000Z', analysis_ended: '2025-03-05T10:05:00.000Z',
  },
  note: { type: 'note', id: IDS.note, ...common, abstract: 'Analyst note', content: 'Same lure text as the 2024 wave.', authors: ['Duty analyst'], object_refs: [IDS.campaign] },
  opinion: { type: 'opinion', id: IDS.opinion, ...common, opinion: 'agree', explanation: 'Seen the same domain.', object_refs: [IDS.indicator] },
  report: {
    type: 'report', id: IDS.report, ...common, name: 'Grey Tender: phishing against procurement', report_types: ['campaign'],
    published: '2025-03-12T09:00:00.000Z', object_refs: [IDS.campaign, IDS.indicator, IDS.relationship],
  },
  'threat-actor': {
    type: 'threat-actor', id: IDS.threatActor, ...common, name: 'Grey Heron operators', threat_actor_types: ['nation-state'],
    roles: ['agent'], sophistication: 'advanced', resource_level: 'government', primary_motivation: 'organizational-gain',
  },
  tool: { type: 'tool', id: IDS.tool, ...common, name: 'PsExec', tool_types: ['remote-access'], tool_version: '2.4' },
  vulnerability: {
    type: 'vulnerability', id: IDS.vulnerability, ...common, name: 'CVE-2023-36884',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2023-36884' }],
  },
};

export const SRO_EXAMPLES: Record<string, Record<string, unknown>> = {
  relationship: {
    type: 'relationship', id: IDS.relationship, ...common, relationship_type: 'indicates', source_ref: IDS.indicator, target_ref: IDS.campaign,
    start_time: '2025-01-02T00:00:00.000Z', stop_time: '2025-03-01T00:00:00.000Z',
  },
  sighting: {
    type: 'sighting', id: IDS.sighting, ...common, sighting_of_ref: IDS.indicator, count: 3, first_seen: '2025-03-04T07:00:00.000Z',
    last_seen: '2025-03-04T07:30:00.000Z', where_sighted_refs: [IDS.ministry], observed_data_refs: [IDS.observedData], summary: false,
  },
};

export const META_EXAMPLES: Record<string, Record<string, unknown>> = {
  'marking-definition': {
    type: 'marking-definition', id: IDS.statement, spec_version: '2.1', created: T0, created_by_ref: IDS.csirt, name: 'Re-use statement',
    definition_type: 'statement', definition: { statement: 'Re-use within the national community only.' },
  },
  'language-content': {
    type: 'language-content', id: IDS.languageContent, spec_version: '2.1', created: T1, modified: T1, created_by_ref: IDS.csirt,
    object_ref: IDS.campaign, object_modified: T1, contents: { fr: { name: 'Opération Appel Gris' }, de: { name: 'Operation Graue Ausschreibung' } },
  },
  'extension-definition': {
    type: 'extension-definition', id: IDS.extension, spec_version: '2.1', created: T0, modified: T0, created_by_ref: IDS.csirt,
    name: 'Bulwark triage', description: 'Triage fields added by the national CSIRT.', schema: 'https://bulwark.example/schemas/triage-1.0.0.json',
    version: '1.0.0', extension_types: ['property-extension'],
  },
};

/** The predefined TLP 1.0 GREEN marking, exactly as the specification defines it. */
export const TLP1_GREEN = {
  type: 'marking-definition', spec_version: '2.1', id: IDS.tlpGreen, created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp', name: 'TLP:GREEN', definition: { tlp: 'green' },
};

export const CUSTOM_EXAMPLE = {
  type: 'x-bulwark-playbook', id: IDS.custom, spec_version: '2.1', created: T0, modified: T0, created_by_ref: IDS.csirt,
  name: 'Contain a compromised mailbox', steps: ['Reset credentials', 'Revoke sessions'], owner_ref: IDS.ministry,
};
