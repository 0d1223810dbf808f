// An incident as a STIX 2.1 bundle (see README.md, "Disinformation incidents and DISARM", for the mapping):
// incident SDO; threat-actor and campaign SDOs; DISARM attack-patterns as imported (their own ids), or a
// minimal one naming the DISARM id; channels as infrastructure (with url SCOs); narratives and analyst
// notes as notes; linked media as file SCOs with their hashes and references to the bank entries'
// indicators; relationships between them; the OASIS TLP 2.0 marking. A pure function: same input,
// same bundle, with ids derived from the incident id.
import type { FimiActor, FimiChannel, IncidentStatus, MediaHashes } from '@bulwark/contracts';
import { tlpMarkingId, tlpMarkingObject, type TlpLevel } from '../../intel/index.ts';
import { BULWARK_NAMESPACE, scoId, uuidV5 } from './ids.ts';

type Obj = Record<string, unknown>;

/** The OASIS TLP 2.0 marking-definition id of each level. */
export const TLP2_MARKINGS: Readonly<Record<TlpLevel, string>> = Object.fromEntries(
  (['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const).map((l) => [l, tlpMarkingId(l)]),
) as Record<TlpLevel, string>;

/** Timestamp of the minimal attack-patterns written for DISARM ids the catalogue lacks (fixed: same id, same content). */
const MINIMAL_CREATED = '2024-01-01T00:00:00.000Z';
const DISARM_PAGE = (id: string) => `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${id}.md`;

export interface StixIncidentInput {
  readonly incident: {
    readonly id: string; readonly title: string; readonly summary: string; readonly status: IncidentStatus; readonly tlp: TlpLevel;
    readonly firstSeen: string | null; readonly lastSeen: string | null; readonly campaign: string; readonly narratives: readonly string[];
    readonly channels: readonly FimiChannel[]; readonly actors: readonly FimiActor[]; readonly techniques: readonly string[]; readonly notes: string;
    readonly createdAt: string; readonly updatedAt: string;
  };
  readonly organisation: { readonly id: string; readonly name: string; readonly createdAt: string };
  /** Catalogue techniques by DISARM id: the attack-pattern as imported and its tactic's shortname. */
  readonly catalogue: ReadonlyMap<string, { readonly object: Obj; readonly tacticShortname: string | null }>;
  /** DISARM's identity and marking definitions that the catalogue's attack-patterns refer to. */
  readonly disarmObjects: readonly Obj[];
  readonly entries: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly title: string; readonly hashes: MediaHashes; readonly indicatorId: string }>;
  readonly checks: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly hashes: MediaHashes }>;
}

const STIX_ID = /^[a-z][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const key = (s: string) => s.trim().toLowerCase();

/** The hashes of a file observable: SHA-256 and MD5 (STIX names) and PDQ (a custom hash name). */
function fileHashes(h: MediaHashes): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (h.sha256) out['SHA-256'] = h.sha256.toLowerCase();
  if (h.md5) out['MD5'] = h.md5.toLowerCase();
  if (h.pdq) out['PDQ'] = h.pdq.toLowerCase();
  return Object.keys(out).length ? out : undefined;
}

export function incidentBundle(input: StixIncidentInput): { type: 'bundle'; id: string; objects: Obj[] } {
  const inc = input.incident;
  const ns = inc.id;
  const idOf = (type: string, name: string) => `${type}--${uuidV5(ns, `${type}:${name}`)}`;
  const created = inc.createdAt;
  const modified = inc.updatedAt < inc.createdAt ? inc.createdAt : inc.updatedAt;
  const marking = TLP2_MARKINGS[inc.tlp];
  const identity: Obj = {
    type: 'identity', spec_version: '2.1', id: `identity--${uuidV5(BULWARK_NAMESPACE, `organisation:${input.organisation.id}`)}`,
    created: input.organisation.createdAt, modified: input.organisation.createdAt, name: input.organisation.name, identity_class: 'organization',
  };
  const common = { spec_version: '2.1', created, modified, created_by_ref: identity.id, object_marking_refs: [marking] };
  const incidentId = `incident--${inc.id}`;
  const sdos: Obj[] = [];
  const scos: Obj[] = [];
  const rels: Obj[] = [];
  const relIds = new Set<string>();
  const relate = (type: string, source: string, target: string, extra: Obj = {}) => {
    const id = idOf('relationship', `${type}|${source}|${target}`);
    if (relIds.has(id)) return;
    relIds.add(id);
    rels.push({ type: 'relationship', id, ...common, relationship_type: type, source_ref: source, target_ref: target, ...extra });
  };

  // DISARM techniques: the catalogue's attack-patterns as imported (DISARM's own ids), else a minimal one.
  const phases: Obj[] = [];
  const patterns: Obj[] = [];
  const disarmRefs = new Set<string>();
  for (const t of inc.techniques) {
    const known = input.catalogue.get(t);
    let pattern: Obj;
    if (known) {
      pattern = known.object;
      if (known.tacticShortname && !phases.some((p) => p.phase_name === known.tacticShortname)) phases.push({ kill_chain_name: 'disarm', phase_name: known.tacticShortname });
      for (const ref of [pattern.created_by_ref, ...(Array.isArray(pattern.object_marking_refs) ? pattern.object_marking_refs : [])]) if (typeof ref === 'string') disarmRefs.add(ref);
    } else {
      pattern = {
        type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${uuidV5(BULWARK_NAMESPACE, `disarm:${t}`)}`, created: MINIMAL_CREATED, modified: MINIMAL_CREATED,
        name: `DISARM ${t}`, external_references: [{ source_name: 'DISARM', external_id: t, url: DISARM_PAGE(t) }],
      };
    }
    if (patterns.some((p) => p.id === pattern.id)) continue;
    patterns.push(pattern);
    relate('uses', incidentId, String(pattern.id));
  }

  const incident: Obj = {
    type: 'incident', id: incidentId, ...common, name: inc.title,
    ...(inc.summary ? { description: inc.summary } : {}),
    ...(phases.length ? { kill_chain_phases: phases } : {}),
    labels: ['disinformation', 'fimi'],
    x_fimi_status: inc.status,
    ...(inc.firstSeen ? { x_fimi_first_seen: inc.firstSeen } : {}),
    ...(inc.lastSeen ? { x_fimi_last_seen: inc.lastSeen } : {}),
  };

  const actorIds = new Map<string, string>();
  for (const a of inc.actors) {
    const id = idOf('threat-actor', key(a.name));
    if (actorIds.has(key(a.name))) continue;
    actorIds.set(key(a.name), id);
    sdos.push({ type: 'threat-actor', id, ...common, name: a.name, ...(a.description ? { description: a.description } : {}) });
    relate('attributed-to', incidentId, id, a.confidence === undefined ? {} : { confidence: a.confidence });
  }
  if (inc.campaign.trim()) {
    const id = idOf('campaign', key(inc.campaign));
    sdos.push({ type: 'campaign', id, ...common, name: inc.campaign });
    relate('attributed-to', incidentId, id);
    for (const a of inc.actors) relate('attributed-to', id, actorIds.get(key(a.name))!, a.confidence === undefined ? {} : { confidence: a.confidence });
    for (const p of patterns) relate('uses', id, String(p.id));
  }

  for (const c of inc.channels) {
    const id = idOf('infrastructure', `${key(c.platform)}|${key(c.name)}`);
    if (sdos.some((o) => o.id === id)) continue;
    sdos.push({
      type: 'infrastructure', id, ...common, name: `${c.platform}: ${c.name}`,
      description: `${c.kind} on ${c.platform}${c.attribution ? `, ${c.attribution}` : ''}`,
      infrastructure_types: ['amplification'],
      x_fimi_platform: c.platform, x_fimi_channel_kind: c.kind, ...(c.attribution ? { x_fimi_attribution: c.attribution } : {}),
    });
    relate('uses', incidentId, id);
    if (c.url) {
      const url = { type: 'url', spec_version: '2.1', id: scoId('url', { value: c.url }), value: c.url, object_marking_refs: [marking] };
      if (!scos.some((o) => o.id === url.id)) scos.push(url);
      relate('consists-of', id, url.id);
    }
    const actor = c.actor ? actorIds.get(key(c.actor)) : undefined;
    if (actor) relate('uses', actor, id);
  }

  const notes: Obj[] = [];
  for (const n of inc.narratives) {
    const id = idOf('note', `narrative|${n}`);
    if (notes.some((o) => o.id === id)) continue;
    notes.push({ type: 'note', id, ...common, abstract: 'Narrative', content: n, object_refs: [incidentId], labels: ['fimi-narrative'] });
  }
  if (inc.notes.trim()) notes.push({ type: 'note', id: idOf('note', 'analyst-notes'), ...common, abstract: 'Analyst notes', content: inc.notes, object_refs: [incidentId] });

  const media = (hashes: MediaHashes) => {
    const h = fileHashes(hashes);
    if (!h) return undefined;
    const file = { type: 'file', spec_version: '2.1', id: scoId('file', { hashes: h }), hashes: h, object_marking_refs: [marking] };
    if (!scos.some((o) => o.id === file.id)) scos.push(file);
    relate('related-to', incidentId, file.id);
  };
  for (const e of input.entries) {
    media(e.hashes);
    // The bank entry's indicator is shared on its own (by the hash bank); referenced here by id.
    if (STIX_ID.test(e.indicatorId) && e.indicatorId.startsWith('indicator--')) {
      relate('related-to', incidentId, e.indicatorId, { description: `hash-bank entry${e.title ? `: ${e.title}` : ''}` });
    }
  }
  for (const c of input.checks) media(c.hashes);

  const disarm = input.disarmObjects.filter((o) => disarmRefs.has(String(o.id)));
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(ns, 'bundle')}`,
    objects: [identity, { ...tlpMarkingObject(inc.tlp) }, incident, ...sdos, ...patterns, ...disarm, ...notes, ...scos, ...rels],
  };
}
