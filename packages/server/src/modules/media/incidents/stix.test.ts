// The STIX export of an incident, as a pure function: every object passes the repository's STIX
// validator (warnings allowed: UUIDv5 ids and custom x_ properties are deliberate), ids are derived from
// the incident and stable, DISARM attack-patterns keep their own ids, untrusted text stays data.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors, validateObject } from '../../intel/stix/index.ts';
import { oasisValidator } from '../../intel/stix/oasis-schemas.ts';
import { stixCorpusDir } from '../../intel/stix/testing/corpora.ts';
import { scoId, uuidV5 } from './ids.ts';
import { incidentBundle, TLP2_MARKINGS, type StixIncidentInput } from './stix.ts';

const DISARM_AP = {
  type: 'attack-pattern', spec_version: '2.1', id: 'attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3',
  created_by_ref: 'identity--f1a0f560-2d9e-4c5d-bf47-7e96e805de82', created: '2024-11-22T16:43:58.079782Z', modified: '2024-11-22T16:43:58.079782Z',
  name: 'Develop AI-Generated Images (Deepfakes)', description: 'Deepfakes<br>are…',
  kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'develop-content' }],
  external_references: [{ source_name: 'mitre-attack', external_id: 'T0086.002', url: 'https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/T0086.002.md' }],
  object_marking_refs: ['marking-definition--f79f25d2-8b96-4580-b169-eb7b613a7c31'], x_mitre_is_subtechnique: true,
};
const DISARM_IDENTITY = { type: 'identity', spec_version: '2.1', id: 'identity--f1a0f560-2d9e-4c5d-bf47-7e96e805de82', created: '2024-11-22T16:43:58.073632Z', modified: '2024-11-22T16:43:58.073632Z', name: 'DISARM Foundation', identity_class: 'organization' };

export const SAMPLE: StixIncidentInput = {
  incident: {
    id: '3f2a9d4e-1b7c-4e0a-9c55-8d6e2f1a0b3c', title: 'Fake video of the prime minister', summary: '<script>alert(1)</script> a deepfake',
    status: 'investigating', tlp: 'AMBER', firstSeen: '2026-05-01T08:00:00.000Z', lastSeen: '2026-05-03T20:00:00.000Z', campaign: 'Operation Doppelganger',
    narratives: ['The election is rigged', 'The minister resigned'], notes: 'seen first on Telegram',
    channels: [
      { platform: 'Telegram', name: '@newsflash', url: 'https://t.me/newsflash', kind: 'messaging-channel', attribution: 'state-aligned', actor: 'Actor X' },
      { platform: 'web', name: 'fake-news.example', url: 'https://fake-news.example/', kind: 'website' },
    ],
    actors: [{ name: 'Actor X', confidence: 70 }, { name: 'Unknown proxy' }],
    techniques: ['T0086.002', 'T0087.001'],
    createdAt: '2026-05-01T09:00:00.000Z', updatedAt: '2026-05-02T10:00:00.000Z',
  },
  organisation: { id: 'a0c1e2f3-0000-4000-8000-000000000001', name: 'Agency A', createdAt: '2026-01-01T00:00:00.000Z' },
  catalogue: new Map([['T0086.002', { object: DISARM_AP, tacticShortname: 'develop-content' }]]),
  disarmObjects: [DISARM_IDENTITY],
  entries: [{ id: 'e1', kind: 'image', title: 'the frame', hashes: { sha256: 'a'.repeat(64), md5: 'b'.repeat(32), pdq: 'c'.repeat(64) }, indicatorId: 'indicator--2f0c6b1e-7d3a-4c9b-8e21-5a4f3b2c1d0e' }],
  checks: [{ id: 'c1', kind: 'video', hashes: { sha256: 'd'.repeat(64) } }],
};

describe('incident STIX export', () => {
  const bundle = incidentBundle(SAMPLE);
  const byType = (t: string) => bundle.objects.filter((o) => o.type === t);

  it('passes the STIX validator, object by object and as a bundle', () => {
    const defects = validateObject(bundle);
    expect(defects.filter((d) => d.severity === 'error')).toEqual([]);
    // Only the deliberate departures: UUIDv5 (deterministic) ids of SDOs/SROs, and PDQ as a custom hash name.
    expect([...new Set(defects.map((d) => d.code))].sort()).toEqual(['hash-algorithm', 'uuid-version']);
    for (const o of bundle.objects) expect(hasErrors(validateObject(o)), JSON.stringify(o)).toBe(false);
  });

  const schemas = join(stixCorpusDir(), 'schemas');
  it.runIf(existsSync(schemas))('passes the OASIS JSON schemas, object by object', () => {
    const validate = oasisValidator(schemas);
    expect(bundle.objects.map((o) => ({ id: o.id, errors: validate(o) })).filter((r) => r.errors.length)).toEqual([]);
  });
  if (!existsSync(schemas)) console.log(`OASIS schema check skipped: ${schemas} is absent (set BULWARK_CORPORA).`);

  it('maps the incident, actors, campaign, techniques, channels, narratives and media', () => {
    expect(byType('incident')).toHaveLength(1);
    const incident = byType('incident')[0]!;
    expect(incident).toMatchObject({ id: `incident--${SAMPLE.incident.id}`, name: SAMPLE.incident.title, description: '<script>alert(1)</script> a deepfake', x_fimi_status: 'investigating', kill_chain_phases: [{ kill_chain_name: 'disarm', phase_name: 'develop-content' }], object_marking_refs: [TLP2_MARKINGS.AMBER] });
    expect(byType('threat-actor').map((o) => o.name)).toEqual(['Actor X', 'Unknown proxy']);
    expect(byType('campaign').map((o) => o.name)).toEqual(['Operation Doppelganger']);
    const patterns = byType('attack-pattern');
    expect(patterns[0]).toBe(DISARM_AP);
    expect(patterns[1]).toMatchObject({ id: `attack-pattern--${uuidV5('6d0b7c5e-3f0a-4d1e-9a57-2b7f1c9e8a41', 'disarm:T0087.001')}`, external_references: [{ source_name: 'DISARM', external_id: 'T0087.001' }] });
    expect(byType('identity').map((o) => o.name)).toEqual(['Agency A', 'DISARM Foundation']);
    expect(byType('infrastructure').map((o) => [o.name, o.x_fimi_attribution])).toEqual([['Telegram: @newsflash', 'state-aligned'], ['web: fake-news.example', undefined]]);
    expect(byType('url').map((o) => o.value)).toEqual(['https://t.me/newsflash', 'https://fake-news.example/']);
    expect(byType('note').map((o) => [o.abstract, o.content])).toEqual([['Narrative', 'The election is rigged'], ['Narrative', 'The minister resigned'], ['Analyst notes', 'seen first on Telegram']]);
    const files = byType('file');
    expect(files.map((f) => f.hashes)).toEqual([{ 'SHA-256': 'a'.repeat(64), MD5: 'b'.repeat(32), PDQ: 'c'.repeat(64) }, { 'SHA-256': 'd'.repeat(64) }]);
    // STIX's deterministic SCO id: UUIDv5 over the preferred single hash (MD5 before SHA-256).
    expect(files[0]!.id).toBe(scoId('file', { hashes: { MD5: 'b'.repeat(32) } }));
    expect(byType('marking-definition').map((o) => o.id)).toEqual([TLP2_MARKINGS.AMBER]);

    const rel = (type: string, src: string, tgt: string) => byType('relationship').find((r) => r.relationship_type === type && r.source_ref === src && r.target_ref === tgt);
    const iid = String(incident.id);
    const actorX = String(byType('threat-actor')[0]!.id);
    expect(rel('uses', iid, DISARM_AP.id)).toBeDefined();
    expect(rel('attributed-to', iid, actorX)).toMatchObject({ confidence: 70 });
    expect(rel('attributed-to', String(byType('campaign')[0]!.id), actorX)).toBeDefined();
    expect(rel('uses', actorX, String(byType('infrastructure')[0]!.id))).toBeDefined();
    expect(rel('consists-of', String(byType('infrastructure')[0]!.id), String(byType('url')[0]!.id))).toBeDefined();
    expect(rel('related-to', iid, 'indicator--2f0c6b1e-7d3a-4c9b-8e21-5a4f3b2c1d0e')).toBeDefined();
    expect(rel('related-to', iid, String(files[1]!.id))).toBeDefined();
  });

  it('gives the same ids on every export, and other ids for another incident', () => {
    const again = incidentBundle(SAMPLE);
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
    const other = incidentBundle({ ...SAMPLE, incident: { ...SAMPLE.incident, id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } });
    const ids = new Set(bundle.objects.map((o) => o.id));
    const shared = other.objects.map((o) => String(o.id)).filter((id) => ids.has(id));
    // Shared across incidents: the organisation, the marking, DISARM's objects and the SCOs (content-derived).
    expect(shared.every((id) => /^(identity|marking-definition|attack-pattern|file|url)--/.test(id))).toBe(true);
    expect(shared.some((id) => id.startsWith('incident--') || id.startsWith('relationship--') || id.startsWith('note--'))).toBe(false);
  });
});
