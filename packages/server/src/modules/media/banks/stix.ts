// A bank entry as STIX 2.1, the form in which it is stored in the intel store and federated: only
// hashes and context leave, never media.
//
// - an `indicator` (one per entry, versioned with the entry; a withdrawal is a revoked version) whose
//   `pattern_type` names the algorithm and the match threshold: `pdq-hamming-31` (pattern: the PDQ hex),
//   `vpdq-hamming-31-share-80` (pattern: the frame list, one `frame,quality,pdq,seconds` line per frame),
//   `chromaprint-ber-0.15` (pattern: the compressed fingerprint); an entry with only a file digest gets
//   a plain STIX pattern on `file:hashes.'SHA-256'`, which the live indicator matcher also applies to
//   telemetry. The context (bank, title, narrative, actor, campaign, DISARM ids, first seen, source,
//   the digests) is the custom property `x_bulwark_media`; DISARM ids are also external references.
// - a `file` observable with SHA-256, MD5 and the PDQ as a custom hash (`PDQ`), `related-to` from the indicator;
// - `indicates` relationships to the DISARM attack patterns (by the framework's own STIX ids, when the
//   catalogue knows them), a `threat-actor` and a `campaign` (named by the entry; the campaign
//   `attributed-to` the actor);
// - the OASIS TLP 2.0 marking of the entry on every object.
import type { MediaHashes, MediaKind } from '@bulwark/contracts';
import { tlpMarkingId, uuidv5, type Distribution, type TlpLevel } from '../../intel/index.ts';
import { formatVpdq } from '../video/vpdq.ts';

export const MEDIA_PROPERTY = 'x_bulwark_media';
/** Pattern types of media indicators (prefixes; the rest names the threshold). */
export const MEDIA_PATTERN_PREFIXES = ['pdq', 'vpdq', 'chromaprint'] as const;
export const VPDQ_SHARE = 80;
export const AUDIO_BER = 0.15;
const NS = '3d0c6f8e-5a41-4e77-9d8b-6a1e0c4b7f21';

export interface EntryForStix {
  readonly indicatorId: string;
  readonly orgId: string;
  readonly bank: string;
  readonly kind: MediaKind;
  readonly title: string;
  readonly hashes: MediaHashes;
  readonly narrative: string;
  readonly actor: string;
  readonly campaign: string;
  readonly disarm: readonly string[];
  readonly firstSeen: string | null;
  readonly source: string;
  readonly tlp: TlpLevel;
  /** The bank's distribution: part of the ids of shared actor and campaign objects. */
  readonly distribution: Distribution;
  /** The bank's sharing group (distribution `group`): part of those ids too. */
  readonly group?: string | null;
  readonly created: string;
  readonly modified: string;
  readonly revoked: boolean;
  readonly pdqDistance: number;
}

type Obj = Record<string, unknown>;

export function patternOf(e: Pick<EntryForStix, 'kind' | 'hashes' | 'pdqDistance'>): { pattern_type: string; pattern: string } {
  const h = e.hashes;
  if (h.pdq) return { pattern_type: `pdq-hamming-${e.pdqDistance}`, pattern: h.pdq.toLowerCase() };
  if (h.vpdq?.length) return { pattern_type: `vpdq-hamming-${e.pdqDistance}-share-${VPDQ_SHARE}`, pattern: formatVpdq(h.vpdq).trimEnd() };
  if (h.chromaprint) return { pattern_type: `chromaprint-ber-${AUDIO_BER}`, pattern: h.chromaprint };
  if (h.sha256) return { pattern_type: 'stix', pattern: `[file:hashes.'SHA-256' = '${h.sha256.toLowerCase()}']` };
  if (h.md5) return { pattern_type: 'stix', pattern: `[file:hashes.MD5 = '${h.md5.toLowerCase()}']` };
  throw new Error('an entry needs at least one hash: pdq, vpdq, chromaprint, sha256 or md5');
}

/** The media context carried on the indicator (what a receiving instance shows and matches with). */
export function mediaProperty(e: EntryForStix): Obj {
  const h = e.hashes;
  const hashes: Obj = {};
  if (h.sha256) hashes['sha256'] = h.sha256.toLowerCase();
  if (h.md5) hashes['md5'] = h.md5.toLowerCase();
  if (h.pdq) hashes['pdq'] = h.pdq.toLowerCase();
  if (h.pdqQuality !== undefined) hashes['pdq_quality'] = h.pdqQuality;
  if (h.duration !== undefined) hashes['duration'] = h.duration;
  return {
    kind: e.kind, bank: e.bank, title: e.title, narrative: e.narrative, actor: e.actor, campaign: e.campaign,
    disarm: [...e.disarm], first_seen: e.firstSeen, source: e.source, hashes,
  };
}

const marking = (tlp: TlpLevel) => [tlpMarkingId(tlp)];

/** Ids of the objects an entry refers to (deterministic, so that re-publishing stores nothing new). */
export function relatedIds(e: EntryForStix, disarmStixIds: ReadonlyMap<string, string>) {
  const scope = e.distribution === 'group' && e.group ? `group:${e.group}` : e.distribution;
  const named = (kind: string, name: string) => `${kind}--${uuidv5(NS, `${e.orgId}|${e.tlp}|${scope}|${kind}|${name.trim().toLowerCase()}`)}`;
  const file = e.hashes.sha256 ? `file--${uuidv5(NS, `${e.indicatorId}|file`)}` : undefined;
  const actor = e.actor.trim() ? named('threat-actor', e.actor) : undefined;
  const campaign = e.campaign.trim() ? named('campaign', e.campaign) : undefined;
  const patterns = e.disarm.map((d) => disarmStixIds.get(d)).filter((x): x is string => x !== undefined);
  return { file, actor, campaign, patterns };
}

export interface EntryObjects {
  /** The indicator version for this state of the entry. */
  readonly indicator: Obj;
  /** Objects created once (observable, actor, campaign): stored when not yet stored. */
  readonly once: Obj[];
  /** The relationships this state of the entry wants (id → object). */
  readonly relationships: Map<string, Obj>;
}

export function entryObjects(e: EntryForStix, disarmStixIds: ReadonlyMap<string, string>): EntryObjects {
  const ids = relatedIds(e, disarmStixIds);
  const refs = marking(e.tlp);
  const { pattern_type, pattern } = patternOf(e);
  const indicator: Obj = {
    type: 'indicator', spec_version: '2.1', id: e.indicatorId, created: e.created, modified: e.modified,
    name: e.title || `${e.kind} in ${e.bank}`,
    ...(e.narrative ? { description: e.narrative } : {}),
    indicator_types: ['malicious-activity'],
    pattern_type, pattern,
    valid_from: e.firstSeen ?? e.created,
    labels: ['synthetic-media', `media:${e.kind}`],
    ...(e.disarm.length ? { external_references: e.disarm.map((d) => ({ source_name: 'DISARM', external_id: d })) } : {}),
    ...(e.revoked ? { revoked: true } : {}),
    object_marking_refs: refs,
    [MEDIA_PROPERTY]: mediaProperty(e),
  };
  const once: Obj[] = [];
  if (ids.file) {
    const h = e.hashes;
    once.push({
      type: 'file', spec_version: '2.1', id: ids.file,
      hashes: { 'SHA-256': h.sha256!.toLowerCase(), ...(h.md5 ? { MD5: h.md5.toLowerCase() } : {}), ...(h.pdq ? { PDQ: h.pdq.toLowerCase() } : {}) },
      object_marking_refs: refs,
    });
  }
  if (ids.actor) once.push({ type: 'threat-actor', spec_version: '2.1', id: ids.actor, created: e.modified, modified: e.modified, name: e.actor.trim(), object_marking_refs: refs });
  if (ids.campaign) once.push({ type: 'campaign', spec_version: '2.1', id: ids.campaign, created: e.modified, modified: e.modified, name: e.campaign.trim(), object_marking_refs: refs });
  const relationships = new Map<string, Obj>();
  const rel = (type: string, source: string, target: string) => {
    const id = `relationship--${uuidv5(NS, `${source}|${type}|${target}`)}`;
    relationships.set(id, { type: 'relationship', spec_version: '2.1', id, created: e.modified, modified: e.modified, relationship_type: type, source_ref: source, target_ref: target, object_marking_refs: refs });
  };
  if (ids.file) rel('related-to', e.indicatorId, ids.file);
  for (const p of ids.patterns) rel('indicates', e.indicatorId, p);
  if (ids.actor) rel('indicates', e.indicatorId, ids.actor);
  if (ids.campaign) rel('indicates', e.indicatorId, ids.campaign);
  if (ids.campaign && ids.actor) rel('attributed-to', ids.campaign, ids.actor);
  return { indicator, once, relationships };
}

/** A STIX timestamp after `previous` (millisecond precision): versions of one object must move forward. */
export function nextTimestamp(previous: string | undefined, now = Date.now()): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  return new Date(Number.isNaN(prev) || now > prev ? now : prev + 1).toISOString();
}
