// Tags, galaxies and distribution: TLP tags → OASIS TLP 2.0 markings (tlp:white and tlp:clear → CLEAR),
// other tags → labels, galaxies → domain objects or labels, MISP distribution → x_bulwark_distribution.
import { describe, expect, it } from 'vitest';
import { effectiveDistribution } from './distribution.ts';
import { attribute, content, convert, ofType } from './testing/convert-helpers.ts';
import { tlpMarkingId, tlpOfTag } from './tlp.ts';

const tag = (name: string) => ({ name });

describe('TLP tags', () => {
  it.each([
    ['tlp:clear', 'CLEAR'],
    ['tlp:white', 'CLEAR'],
    ['tlp:green', 'GREEN'],
    ['tlp:amber', 'AMBER'],
    ['tlp:amber+strict', 'AMBER+STRICT'],
    ['tlp:red', 'RED'],
    ['TLP:AMBER+STRICT', 'AMBER+STRICT'],
    ['TLP: Red', 'RED'],
  ] as const)('%s → %s', (name, level) => {
    expect(tlpOfTag(name)).toBe(level);
    const r = convert({ Tag: [tag(name)], Attribute: [attribute('ip-dst', '198.51.100.7')] });
    const id = tlpMarkingId(level);
    for (const o of content(r)) expect(o.object_marking_refs).toEqual([id]);
    expect(ofType(r, 'report')[0]?.object_marking_refs).toEqual([id]);
    const defs = ofType(r, 'marking-definition');
    expect(defs.map((d) => d.id)).toEqual([id]);
    expect(defs[0]?.extensions).toEqual({ 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: level.toLowerCase() } });
    expect(ofType(r, 'report')[0]?.labels).toBeUndefined();
  });

  it.each(['tlp:ex:chr', 'tlp:unclear', 'tlp:black', 'tlpx:red', 'PAP:RED', 'white', 'clear'])('%s is not a TLP level and stays a label', (name) => {
    expect(tlpOfTag(name)).toBeUndefined();
    const r = convert({ Tag: [tag(name)], Attribute: [attribute('ip-dst', '198.51.100.7')] });
    expect(ofType(r, 'report')[0]?.labels).toEqual([name]);
    expect(ofType(r, 'report')[0]?.object_marking_refs).toBeUndefined();
  });

  it('the most restrictive TLP of the event and the attribute applies, and the conflict is reported', () => {
    const r = convert({ Tag: [tag('tlp:amber')], Attribute: [attribute('ip-dst', '198.51.100.7', true, { Tag: [tag('tlp:clear')] }), attribute('ip-dst', '198.51.100.8', true, { Tag: [tag('tlp:red')] })] });
    const [a, b] = ofType(r, 'indicator');
    expect(a?.object_marking_refs).toEqual([tlpMarkingId('AMBER')]);
    expect(b?.object_marking_refs).toEqual([tlpMarkingId('RED')]);
    expect(r.problems.filter((p) => p.message.includes('several TLP levels')).length).toBe(2);
  });

  it('a default tag (a feed setting) applies to events without their own', () => {
    const r = convert({ Attribute: [attribute('ip-dst', '198.51.100.7')] }, { defaultTags: ['tlp:green'] });
    expect(ofType(r, 'indicator')[0]?.object_marking_refs).toEqual([tlpMarkingId('GREEN')]);
  });

  it('no TLP tag gives no marking and no marking definition', () => {
    const r = convert({ Attribute: [attribute('ip-dst', '198.51.100.7')] });
    expect(ofType(r, 'indicator')[0]?.object_marking_refs).toBeUndefined();
    expect(ofType(r, 'marking-definition')).toEqual([]);
  });
});

describe('other tags', () => {
  it('machine and free tags become labels: the event’s on the report, the attribute’s on its object', () => {
    const r = convert({
      Tag: [tag('tlp:green'), tag('admiralty-scale:source-reliability="b"'), tag('ransomware')],
      Attribute: [attribute('domain', 'evil.example', true, { Tag: [tag('kill-chain:Delivery'), tag('kill-chain:Delivery'), tag('tlp:green')] })],
    });
    expect(ofType(r, 'report')[0]?.labels).toEqual(['admiralty-scale:source-reliability="b"', 'ransomware']);
    expect(ofType(r, 'indicator')[0]?.labels).toEqual(['kill-chain:Delivery']);
  });
});

describe('galaxies', () => {
  const threatActor = {
    type: 'threat-actor',
    GalaxyCluster: [{ uuid: '5b4ee3ea-eee3-4c8e-8323-85ae32658754', value: 'APT28', tag_name: 'misp-galaxy:threat-actor="APT28"', description: 'x', meta: { synonyms: ['Sofacy', 'Fancy Bear'] } }],
  };
  const attackPattern = {
    type: 'mitre-attack-pattern',
    GalaxyCluster: [{ uuid: '2e34237d-8574-43f6-aace-ae2915de8597', value: 'Spearphishing Attachment - T1566.001', tag_name: 'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"', meta: { kill_chain: ['mitre-attack:enterprise-attack:initial-access'] } }],
  };
  const sector = { type: 'sector', GalaxyCluster: [{ value: 'Energy', tag_name: 'misp-galaxy:sector="Energy"', meta: {} }] };

  it('threat-actor and attack-pattern clusters become STIX objects; other galaxies become labels', () => {
    const r = convert({ Tag: [tag('misp-galaxy:threat-actor="APT28"'), tag('misp-galaxy:sector="Energy"')], Galaxy: [threatActor, attackPattern, sector], Attribute: [attribute('ip-dst', '198.51.100.7')] });
    const ta = ofType(r, 'threat-actor')[0];
    expect(ta).toMatchObject({ name: 'APT28', aliases: ['Sofacy', 'Fancy Bear'], x_misp_uuid: '5b4ee3ea-eee3-4c8e-8323-85ae32658754' });
    expect(ofType(r, 'attack-pattern')[0]).toMatchObject({
      name: 'Spearphishing Attachment',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.001' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    });
    const report = ofType(r, 'report')[0];
    expect(report?.labels).toEqual(['misp-galaxy:sector="Energy"']);
    expect(report?.object_refs).toContain(ta?.id);
  });

  it('a cluster on an attribute is linked: indicator indicates threat-actor', () => {
    const r = convert({ Attribute: [attribute('domain', 'evil.example', true, { Galaxy: [threatActor], Tag: [tag('misp-galaxy:threat-actor="APT28"')] })] });
    const ind = ofType(r, 'indicator')[0];
    const ta = ofType(r, 'threat-actor')[0];
    expect(ind?.labels).toBeUndefined();
    expect(ofType(r, 'relationship')).toEqual([expect.objectContaining({ relationship_type: 'indicates', source_ref: ind?.id, target_ref: ta?.id })]);
  });

  it('the same cluster in two events gets the same id', () => {
    const a = convert({ Galaxy: [threatActor] });
    const b = convert({ Galaxy: [threatActor], Attribute: [attribute('ip-dst', '198.51.100.1')] });
    expect(ofType(a, 'threat-actor')[0]?.id).toBe(ofType(b, 'threat-actor')[0]?.id);
  });
});

describe('distribution', () => {
  const SG = { uuid: 'c4d5e6f7-0809-4a1b-8c2d-3e4f5a6b7c8d', name: 'ISAC' };

  it('kept on every object as x_bulwark_distribution; 5 inherits; the narrowest along the chain wins', () => {
    const r = convert({
      distribution: '2',
      Attribute: [attribute('ip-dst', '198.51.100.1', true, { distribution: '5' }), attribute('ip-dst', '198.51.100.2', true, { distribution: '3' }), attribute('ip-dst', '198.51.100.3', true, { distribution: '1' }), attribute('ip-dst', '198.51.100.4', true, { distribution: '0' })],
    });
    expect(ofType(r, 'indicator').map((i) => i.x_bulwark_distribution)).toEqual([2, 2, 1, 0]);
    for (const o of r.objects.filter((x) => x.type !== 'marking-definition')) expect(o.x_bulwark_distribution).toBeTypeOf('number');
  });

  it('a sharing group is kept by UUID; without its UUID it narrows to the organisation and is reported', () => {
    const r = convert({
      distribution: '3',
      Attribute: [attribute('ip-dst', '198.51.100.1', true, { distribution: '4', sharing_group_id: '7', SharingGroup: SG }), attribute('ip-dst', '198.51.100.2', true, { distribution: '4', sharing_group_id: '8' })],
    });
    const [a, b] = ofType(r, 'indicator');
    expect(a).toMatchObject({ x_bulwark_distribution: 4, x_bulwark_sharing_groups: [SG.uuid] });
    expect(b).toMatchObject({ x_bulwark_distribution: 0 });
    expect(b?.x_bulwark_sharing_groups).toBeUndefined();
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'reference', path: 'Event.Attribute[1]' }));
  });

  it('an event restricted to a sharing group restricts its attributes, even those marked "all"', () => {
    const r = convert({ distribution: '4', sharing_group_id: '7', SharingGroup: SG, Attribute: [attribute('ip-dst', '198.51.100.1', true, { distribution: '3' })] });
    expect(ofType(r, 'indicator')[0]).toMatchObject({ x_bulwark_distribution: 4, x_bulwark_sharing_groups: [SG.uuid] });
    expect(ofType(r, 'report')[0]).toMatchObject({ x_bulwark_distribution: 4, x_bulwark_sharing_groups: [SG.uuid] });
  });

  it('a missing event distribution takes the default (0) and a cap limits everything', () => {
    const none = convert({ distribution: undefined, Attribute: [attribute('ip-dst', '198.51.100.1')] });
    expect(ofType(none, 'indicator')[0]?.x_bulwark_distribution).toBe(0);
    const capped = convert({ Attribute: [attribute('ip-dst', '198.51.100.1', true, { distribution: '3' })] }, { maxDistribution: 1 });
    expect(ofType(capped, 'indicator')[0]?.x_bulwark_distribution).toBe(1);
  });

  it('effectiveDistribution: two different sharing groups are both required', () => {
    const d = effectiveDistribution([{ distribution: 4, sharingGroup: { uuid: 'a' } }, { distribution: 5 }, { distribution: 4, sharingGroup: { uuid: 'b' } }], 0);
    expect(d).toEqual({ level: 4, sharingGroups: ['b', 'a'], notes: [] });
    expect(effectiveDistribution([{ distribution: 1 }, { distribution: 4, sharingGroup: { uuid: 'a' } }], 0).level).toBe(4);
    expect(effectiveDistribution([{ distribution: 4, sharingGroup: { uuid: 'a' } }, { distribution: 0 }], 0).level).toBe(0);
  });
});
