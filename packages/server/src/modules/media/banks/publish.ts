// Publishes one state of a bank entry to the intel store, as the bank's organisation with the entry's TLP
// and the bank's distribution (or sharing group): a new indicator version, the observable, actor and campaign when not yet
// stored, and the relationships this state wants; relationships the previous state had and this one
// does not (a DISARM id removed, the actor changed, the entry withdrawn) get a revoked version.
// All in one strict import: the entry is shared whole or not at all.
import { errors } from '../../../platform/index.ts';
import type { IntelObjects, StoredLatest } from '../../intel/index.ts';
import { entryObjects, nextTimestamp, type EntryForStix } from './stix.ts';

type Obj = Record<string, unknown>;

const sameMarkings = (a: Obj, b: Obj) => JSON.stringify(a['object_marking_refs'] ?? []) === JSON.stringify(b['object_marking_refs'] ?? []);
/** Whether a stored object already has the scope this entry state is shared with (else it gets a new version). */
const sameScope = (s: StoredLatest, e: EntryForStix) => s.distribution === e.distribution && (e.distribution !== 'group' || s.group === (e.group ?? null));

/**
 * Publishes `next` (its `modified` is moved past the stored version's when needed). Returns the indicator's
 * `modified` as stored.
 */
export async function publishEntry(
  intel: IntelObjects,
  prev: EntryForStix | undefined,
  next: EntryForStix,
  disarmStixIds: ReadonlyMap<string, string>,
): Promise<string> {
  const want = entryObjects(next, disarmStixIds);
  const had = prev ? entryObjects(prev, disarmStixIds).relationships : new Map<string, Obj>();
  const ids = [next.indicatorId, ...want.once.map((o) => String(o.id)), ...want.relationships.keys(), ...had.keys()];
  const stored = new Map<string, StoredLatest>((await intel.latest([...new Set(ids)])).map((r) => [r.id, r]));
  const storedIndicator = stored.get(next.indicatorId);
  const modified = storedIndicator ? nextTimestamp(String(storedIndicator.object['modified']), Date.parse(next.modified)) : next.modified;
  const entry = modified === next.modified ? next : { ...next, modified };
  const objs = modified === next.modified ? want : entryObjects(entry, disarmStixIds);
  const out: Obj[] = [objs.indicator];
  for (const o of objs.once) if (!stored.has(String(o.id))) out.push(o);
  const rels = next.revoked ? new Map<string, Obj>() : objs.relationships;
  for (const [id, rel] of rels) {
    const s = stored.get(id);
    if (!s) out.push(rel);
    else if (s.revoked || !sameMarkings(s.object, rel) || !sameScope(s, entry)) out.push({ ...rel, created: s.object['created'], modified: nextTimestamp(String(s.object['modified']), Date.parse(modified)) });
  }
  for (const id of new Set([...had.keys(), ...(next.revoked ? objs.relationships.keys() : [])])) {
    if (rels.has(id)) continue;
    const s = stored.get(id);
    if (!s || s.revoked) continue;
    out.push({ ...s.object, modified: nextTimestamp(String(s.object['modified']), Date.parse(modified)), revoked: true, object_marking_refs: objs.indicator['object_marking_refs'] });
  }
  const report = await intel.publish(out, { orgId: next.orgId, tlp: next.tlp, distribution: next.distribution, ...(next.distribution === 'group' && next.group ? { group: next.group } : {}) });
  const failed = report.defects.filter((d) => d.severity === 'error');
  if (failed.length) {
    throw errors.conflict(`the entry could not be shared: ${failed.slice(0, 3).map((d) => `${d.code} at ${d.path}: ${d.message}`).join('; ')}`);
  }
  return modified;
}
