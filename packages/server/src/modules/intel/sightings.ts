// Analyst sightings: a true positive is a STIX 2.1 `sighting` of the object (count, first and last seen);
// a false positive is an `opinion` "strongly-disagree" about it with the note as explanation, the way
// MISP's STIX export writes false-positive sightings. Both carry `x_bulwark_sighting` (the kind), get their
// sharing scope from the instance's policy (sighting-scope.ts) and are stored like any object, so they
// federate when their distribution allows. Ids are derived from the report (kind, object, organisation,
// times, count, note; the current minute when no time is given): sending the same report again stores
// nothing twice.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { IntelSighting, NewSighting } from '@bulwark/contracts';
import { errors, INSTANCE, rows, SUBJECTS, type Bus, type Db, type Tx } from '../../platform/index.ts';
import { SDO_TYPE_NAMES, uuidV5, validateObject } from './stix/index.ts';
import type { IntelChanged } from './live-indicators.ts';
import { sightingScope, type SightingPolicy } from './sighting-scope.ts';
import { FALSE_POSITIVE_OPINIONS } from './signals.ts';
import { prepare, storeRows, WRITE_LOCK, type ImportScope } from './store/import.ts';
import { queryObjects } from './store/query.ts';
import type { ScopeRow } from './store/scope-row.ts';
import { receiveSql } from './store/scope-sql.ts';

/** Namespace of analyst sighting and false-positive ids. */
const ANALYST_NS = 'b3f0a9d4-5c1e-4e8a-9f27-6d0c2b7e41a5';
const SIGHTABLE: ReadonlySet<string> = new Set(SDO_TYPE_NAMES);
type Access = Parameters<typeof receiveSql>[0];

interface Row extends ScopeRow {
  id: string;
  type: string;
  object: Record<string, unknown>;
}

const iso = (v: unknown): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);

function toSighting(r: Row): IntelSighting {
  const o = r.object;
  const fp = r.type === 'opinion';
  const note = fp ? o['explanation'] : o['description'];
  return {
    id: r.id,
    kind: fp ? 'false-positive' : 'true-positive',
    automatic: !fp && typeof o['x_bulwark_event_id'] === 'string',
    count: !fp && typeof o['count'] === 'number' ? o['count'] : 1,
    firstSeen: fp ? null : iso(o['first_seen']),
    lastSeen: fp ? null : iso(o['last_seen']),
    recorded: iso(o['modified']) ?? iso(o['created']) ?? new Date(0).toISOString(),
    note: typeof note === 'string' ? note : null,
    ownerInstance: r.owner_instance, ownerOrg: r.owner_org, tlp: r.tlp, distribution: r.distribution,
  };
}

/** Sightings and false-positive opinions of an object, among the rows passing `visible` (newest versions). */
const ABOUT = (id: string) => sql`((type = 'sighting' and object->>'sighting_of_ref' = ${id})
  or (type = 'opinion' and ${FALSE_POSITIVE_OPINIONS} and object->'object_refs' ? ${id}))`;

export async function listSightings(db: Db, access: Access, id: string): Promise<{ counts: { truePositive: number; falsePositive: number }; sightings: IntelSighting[] }> {
  const visible = receiveSql(access);
  return db.tx(INSTANCE, async (tx) => {
    const [counts] = await rows<{ tp: string | number; fp: string | number }>(tx, sql`select count(*) filter (where type = 'sighting') as tp, count(*) filter (where type = 'opinion') as fp
      from intel_objects where is_latest and not revoked and ${ABOUT(id)} and ${visible}`);
    const found = await rows<Row>(tx, sql`select id, type, object, owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients
      from intel_objects where is_latest and not revoked and ${ABOUT(id)} and ${visible}
      order by coalesce(object->>'modified', object->>'created') desc, id limit 500`);
    return { counts: { truePositive: Number(counts?.tp ?? 0), falsePositive: Number(counts?.fp ?? 0) }, sightings: found.map(toSighting) };
  });
}

export interface SightingContext {
  readonly db: Db;
  readonly bus: Bus;
  readonly instance: string;
  readonly org: string;
  readonly access: Access;
  readonly policy: SightingPolicy;
}

/** Records an analyst's true or false positive about an object the caller may receive (else not found). */
export async function recordSighting(ctx: SightingContext, objectId: string, body: NewSighting, now = new Date()): Promise<{ created: boolean; sighting: IntelSighting }> {
  const page = await queryObjects(ctx.db, { access: ctx.access, ids: [objectId], limit: 1 }, 'scoped');
  const target = page.objects[0];
  if (!target?.scope) throw errors.notFound('intel object');
  if (!SIGHTABLE.has(target.type)) throw errors.invalid(`a ${target.type} cannot be sighted: only domain objects (indicators, malware, infrastructure…) can`);
  const s = target.scope;
  const scope = sightingScope(ctx.policy, {
    ownerInstance: s.owner_instance, ownerOrg: s.owner_org, tlp: s.tlp, distribution: s.distribution,
    ...(s.group_id ? { group: { id: s.group_id, members: s.group_members } } : {}), recipients: s.recipients,
  }, { instance: ctx.instance, org: ctx.org });
  const stamp = now.toISOString();
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  const note = body.note?.trim() || undefined;
  let object: Record<string, unknown>;
  if (body.kind === 'true-positive') {
    const first = iso(body.firstSeen ?? body.lastSeen) ?? minute;
    const last = iso(body.lastSeen) ?? (body.firstSeen ? first : minute);
    if (first > last) throw errors.invalid('firstSeen is after lastSeen');
    const count = body.count ?? 1;
    object = {
      type: 'sighting', spec_version: '2.1',
      id: `sighting--${uuidV5(ANALYST_NS, JSON.stringify(['true-positive', objectId, ctx.instance, ctx.org, first, last, count, note ?? '']))}`,
      created: stamp, modified: stamp, sighting_of_ref: objectId, first_seen: first, last_seen: last, count,
      ...(note ? { description: note } : {}), object_marking_refs: [scope.marking], x_bulwark_sighting: 'true-positive',
    };
  } else {
    if (body.count !== undefined || body.firstSeen !== undefined || body.lastSeen !== undefined) throw errors.invalid('a false positive takes only a note');
    object = {
      type: 'opinion', spec_version: '2.1',
      id: `opinion--${uuidV5(ANALYST_NS, JSON.stringify(['false-positive', objectId, ctx.instance, ctx.org, minute, note ?? '']))}`,
      created: stamp, modified: stamp, opinion: 'strongly-disagree', object_refs: [objectId],
      explanation: note ?? `False positive: ${objectId}`, object_marking_refs: [scope.marking], x_bulwark_sighting: 'false-positive',
    };
  }
  const importScope: ImportScope = {
    ownerInstance: ctx.instance, ownerOrg: ctx.org, tlp: scope.tlp, distribution: scope.distribution,
    ...(scope.group ? { group: scope.group } : {}), recipients: scope.recipients,
  };
  const prepared = prepare([object], validateObject, importScope);
  const problem = prepared.defects.find((d) => d.severity === 'error');
  if (problem) throw errors.invalid(`${problem.path}: ${problem.message}`);
  const id = String(object['id']);
  const created = await ctx.db.tx(INSTANCE, async (tx: Tx) => {
    // The store writers' lock: the existence check and the write are one step.
    await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
    const [had] = await rows<{ id: string }>(tx, sql`select id from intel_objects where id = ${id} limit 1`);
    if (had) return false;
    const stored = await storeRows(tx, prepared.rows, { scope: importScope, source: 'local' });
    if (stored.defects.some((d) => d.severity === 'error')) throw errors.invalid(stored.defects.map((d) => d.message).join('; '));
    // The worker's indicator index refreshes the object's signals (score).
    await ctx.bus.publish(tx, SUBJECTS.intelChanged, { ids: [objectId] } satisfies IntelChanged, `intel-changed-${randomUUID()}`);
    return true;
  });
  const [row] = await ctx.db.tx(INSTANCE, (tx) => rows<Row>(tx, sql`select id, type, object, owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients
    from intel_objects where id = ${id} and is_latest`));
  if (!row) throw errors.notFound('sighting');
  return { created, sighting: toSighting(row) };
}
