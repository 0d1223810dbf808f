// Storing STIX objects: each object validated (the specification's rules and the semantic ones), its
// sharing scope derived (TLP from its markings, else the importer's default; distribution from the
// importer), and stored as a new version unless that exact version is already there. Lenient mode stores
// what it can and reports each defect; strict mode stores nothing when any object has an error.
import { sql } from 'drizzle-orm';
import { canonicalJson, INSTANCE, rows, type Db, type Tx } from '../../../platform/index.ts';
import type { Distribution } from '../access/distribution.ts';
import { tlpOfMarkingId } from '../access/marking-ids.ts';
import type { MarkingDefinitionLike } from '../access/marking.ts';
import { tlpOfObject } from '../access/object-tlp.ts';
import type { OrgRef, Recipient } from '../access/scope.ts';
import type { TlpLevel } from '../access/tlp.ts';
import { receiveFilter } from '../access/receive-filter.ts';
import { receiveSql } from './scope-sql.ts';
import { storeValues } from '../correlation.ts';
import { objectVersion } from './version.ts';

export interface Defect {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export type Validate = (obj: unknown) => readonly Defect[];

export interface ImportScope {
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  /** TLP of objects that carry no TLP marking. */
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  readonly group?: { readonly id: string; readonly members: readonly OrgRef[] };
  readonly recipients?: readonly Recipient[];
  /** A narrower distribution for one object (e.g. MISP's per-attribute distribution); never wider than `distribution`. */
  readonly distributionOf?: (obj: Record<string, unknown>) => Distribution | undefined;
}

const WIDTH: Record<Distribution, number> = { organisation: 0, community: 1, connected: 2, all: 3, group: 0 };

export interface ImportOptions {
  readonly scope: ImportScope;
  /** Where the objects come from: `local`, `peer:<instance>`, `import`. */
  readonly source: string;
  readonly strict?: boolean;
  /**
   * Objects that several sources legitimately emit with the same id and version (e.g. the organisation
   * identity of every MISP event): a different copy keeps the stored one and is reported as a warning.
   */
  readonly keepFirst?: (obj: Record<string, unknown>) => boolean;
  /**
   * The objects come from this federated peer (its sync or its push): a version is accepted only with an
   * owner on another instance than `self` (a peer never publishes for this instance's organisations).
   */
  readonly peer?: { readonly instance: string; readonly self: string };
  /** Called in the storing transaction with what was stored (e.g. to announce it on the bus). */
  readonly announce?: (tx: Tx, stored: ReadonlyArray<{ id: string; version: string; type: string }>) => Promise<void>;
}

export interface ObjectDefect extends Defect {
  /** Position of the object in the input. */
  readonly index: number;
  readonly id?: string;
}

export interface ImportReport {
  readonly received: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly defects: ObjectDefect[];
  /** The id and version of every object stored by this import, in input order. */
  readonly storedVersions: Array<{ id: string; version: string; type: string }>;
}

/** Serialises writers so that `seq` (and `date_added`) order is commit order: TAXII cursors never skip a row. */
export const WRITE_LOCK = 0x1e7e1_0001;

/**
 * The date_added of the first row of a write (under WRITE_LOCK): now, or one microsecond after the newest
 * stored row when the clock has not moved past it (the embedded database's clock has millisecond
 * resolution; a clock may step back). Each further row of the write adds one microsecond, so date_added
 * strictly increases with seq: a TAXII client paging by added_after = X-TAXII-Date-Added-Last never skips
 * a row that shares the last row's time.
 */
export const ADDED_STAMP = sql`select greatest(clock_timestamp(), coalesce((select max(date_added) from intel_objects), '-infinity'::timestamptz) + interval '1 microsecond') as base`;
const CHUNK = 500;

interface Row {
  id: string;
  version: string;
  type: string;
  spec_version: string;
  object: Record<string, unknown>;
  revoked: boolean;
  tlp: TlpLevel;
  distribution: Distribution;
}

/**
 * The TLP level of an object: the most restrictive TLP marking among its object and granular markings,
 * read by their known ids or by the marking definitions sent along (any id); else the importer's default.
 */
function tlpOf(obj: Record<string, unknown>, fallback: TlpLevel, definitions: ReadonlyMap<string, MarkingDefinitionLike>): TlpLevel {
  if (obj['type'] === 'marking-definition' && tlpOfMarkingId(String(obj['id'])) !== undefined) return 'CLEAR';
  return tlpOfObject(obj, definitions).level ?? fallback;
}

function distributionOf(o: Record<string, unknown>, scope: ImportScope): Distribution {
  const own = scope.distributionOf?.(o);
  if (own === undefined || own === scope.distribution) return scope.distribution;
  // A sharing group cannot be narrowed into, nor widened out of.
  if (own === 'group' || scope.distribution === 'group') return 'organisation';
  return WIDTH[own] < WIDTH[scope.distribution] ? own : scope.distribution;
}

/** Validates and prepares every object; nothing is written. */
export function prepare(objects: readonly unknown[], validate: Validate, scope: ImportScope): { rows: Array<Row & { index: number }>; defects: ObjectDefect[] } {
  const out: Array<Row & { index: number }> = [];
  const defects: ObjectDefect[] = [];
  // Marking definitions sent along count for the objects that refer to them (a TLP one under any id).
  const definitions = new Map<string, MarkingDefinitionLike>();
  for (const o of objects) {
    const m = o as Record<string, unknown> | null;
    if (m && typeof m === 'object' && m['type'] === 'marking-definition' && typeof m['id'] === 'string') definitions.set(m['id'], m as MarkingDefinitionLike);
  }
  objects.forEach((obj, index) => {
    const found = validate(obj);
    const o = obj as Record<string, unknown>;
    const id = o && typeof o === 'object' && typeof o['id'] === 'string' ? o['id'] : undefined;
    for (const d of found) defects.push({ ...d, index, ...(id ? { id } : {}) });
    if (found.some((d) => d.severity === 'error') || !id) return;
    const version = objectVersion(o) ?? '0000-00-00T00:00:00.000000000Z';
    out.push({
      index, id, version, type: String(o['type']), spec_version: typeof o['spec_version'] === 'string' ? o['spec_version'] : '2.1',
      object: o, revoked: o['revoked'] === true, tlp: tlpOf(o, scope.tlp, definitions), distribution: distributionOf(o, scope),
    });
  });
  return { rows: out, defects };
}

/** The defect of a version refused because another organisation owns the object (same words whether or not the importer may see it). */
export function notOwner(id: string): string {
  return `object ${id} belongs to another organisation; only its owner may publish new versions`;
}

interface Existing {
  id: string;
  version: string;
  object: unknown;
  owner_instance: string;
  owner_org: string;
}

/**
 * Writes prepared rows in the caller's transaction; returns what was stored, unchanged or refused.
 *
 * Ownership: a version of an object already stored is accepted only from the object's owner (the owner
 * of its newest version: same instance and organisation); from a federated peer, only with the owner that
 * object already has there, never one of this instance's organisations. Anyone else gets `not-owner`
 * (a warning for `keepFirst` objects, whose stored copy stays) with the same words whether or not it may
 * receive the object. The same version with the same content is unchanged; when a local organisation
 * that may not receive it sends it, it gets a receipt: that version becomes visible to it (it has shown it
 * holds the content), counted as stored for it, so that its answer does not depend on what it cannot see.
 */
export async function storeRows(tx: Tx, prepared: ReturnType<typeof prepare>['rows'], opts: ImportOptions): Promise<Omit<ImportReport, 'received' | 'rejected'>> {
  await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
  const defects: ObjectDefect[] = [];
  const storedVersions: Array<{ id: string; version: string; type: string }> = [];
  let unchanged = 0;
  const { scope } = opts;
  const importer = { instance: scope.ownerInstance, org: scope.ownerOrg };
  // A peer claiming one of this instance's organisations as owner: refused whatever is stored.
  const forged = opts.peer !== undefined && scope.ownerInstance === opts.peer.self;
  const receiptsFor: Array<{ id: string; version: string; type: string; index: number }> = [];
  for (let i = 0; i < prepared.length; i += CHUNK) {
    const chunk = prepared.slice(i, i + CHUNK);
    const ids = `{${[...new Set(chunk.map((r) => JSON.stringify(r.id)))].join(',')}}`;
    const keys = JSON.stringify(chunk.map((r) => ({ id: r.id, version: r.version })));
    // The owner of each object (its newest version's), and the versions sent that are already stored.
    const owners = await rows<{ id: string; owner_instance: string; owner_org: string; creator: string | null }>(tx, sql`select id, owner_instance, owner_org, object->>'created_by_ref' as creator
      from intel_objects where id = any(${ids}::text[]) and is_latest`);
    const ownerOf = new Map(owners.map((o) => [o.id, { instance: o.owner_instance, org: o.owner_org }]));
    // STIX 2.1: created_by_ref does not change between versions (absent stays absent).
    const creatorOf = new Map(owners.map((o) => [o.id, o.creator]));
    const existing = await rows<Existing>(tx, sql`select o.id, o.version, o.object, o.owner_instance, o.owner_org from intel_objects o
      join jsonb_to_recordset(${keys}::jsonb) as k(id text, version text) on o.id = k.id and o.version = k.version`);
    const have = new Map(existing.map((e) => [`${e.id}\u0000${e.version}`, { json: canonicalJson(e.object), owner: { instance: e.owner_instance, org: e.owner_org } }]));
    const fresh: typeof chunk = [];
    for (const r of chunk) {
      const k = `${r.id}\u0000${r.version}`;
      const same = have.get(k);
      const content = canonicalJson(r.object);
      const owner = ownerOf.get(r.id);
      const mine = owner !== undefined && owner.instance === importer.instance && owner.org === importer.org && !forged;
      // The standard TLP marking definitions belong to nobody: every bundle may carry them.
      const standard = r.type === 'marking-definition' && tlpOfMarkingId(r.id) !== undefined;
      if (same !== undefined && same.json === content) {
        unchanged++;
        const sameOwner = same.owner.instance === importer.instance && same.owner.org === importer.org;
        if (!opts.peer && !sameOwner && !standard) receiptsFor.push({ id: r.id, version: r.version, type: r.type, index: r.index });
        continue;
      }
      if (standard && (same !== undefined || (owner !== undefined && !mine))) {
        // Another copy of a standard TLP definition: the one stored stands (its level is the same by its id).
        unchanged++;
        if (same === undefined) defects.push({ index: r.index, id: r.id, path: 'id', code: 'standard-marking', severity: 'warning', message: `${r.id} is a standard TLP marking definition already stored; this copy was not stored` });
        continue;
      }
      if ((owner !== undefined && !mine) || (owner === undefined && forged)) {
        if (opts.keepFirst?.(r.object) && owner !== undefined) {
          unchanged++;
          defects.push({ index: r.index, id: r.id, path: 'id', code: 'not-owner', severity: 'warning', message: `${notOwner(r.id)}; this copy was not stored` });
        } else defects.push({ index: r.index, id: r.id, path: 'id', code: 'not-owner', severity: 'error', message: forged ? `object ${r.id} claims an owner on this instance; a peer may not publish for this instance's organisations` : notOwner(r.id) });
        continue;
      }
      if (same !== undefined) {
        if (opts.keepFirst?.(r.object)) {
          unchanged++;
          defects.push({ index: r.index, id: r.id, path: 'modified', code: 'version-conflict', severity: 'warning', message: `${r.id} version ${r.version} is already stored with other content (e.g. from another event); the stored copy is kept` });
        } else defects.push({ index: r.index, id: r.id, path: 'modified', code: 'version-conflict', severity: 'error', message: `${r.id} version ${r.version} is already stored with different content; a changed object needs a later modified` });
        continue;
      }
      const creator = typeof r.object['created_by_ref'] === 'string' ? r.object['created_by_ref'] : null;
      if (creatorOf.has(r.id) && creatorOf.get(r.id) !== creator) {
        const message = `${r.id}: created_by_ref ${creator ?? '(none)'} differs from the stored versions' (${creatorOf.get(r.id) ?? 'none'}); only an object's creator versions it (STIX 2.1): publish it under a new id`;
        if (opts.keepFirst?.(r.object)) {
          unchanged++;
          defects.push({ index: r.index, id: r.id, path: 'created_by_ref', code: 'creator-changed', severity: 'warning', message: `${message}; the stored copy is kept` });
        } else defects.push({ index: r.index, id: r.id, path: 'created_by_ref', code: 'creator-changed', severity: 'error', message });
        continue;
      }
      creatorOf.set(r.id, creator);
      have.set(k, { json: content, owner: importer }); // a later duplicate in this chunk is compared with this one
      if (owner === undefined) ownerOf.set(r.id, importer); // later versions in this import: the importer owns it now
      fresh.push(r);
    }
    if (!fresh.length) continue;
    // TLP:RED goes to named recipients only: the importing organisation is named, or nobody could read it.
    const author = { instance: scope.ownerInstance, org: scope.ownerOrg };
    const recipientsOf = (r: Row) => {
      const named = [...(scope.recipients ?? [])];
      if (r.tlp === 'RED' && !named.some((n) => n.instance === author.instance && n.org === author.org && n.user === undefined)) named.push(author);
      return named;
    };
    const payload = JSON.stringify(fresh.map((r) => ({ id: r.id, version: r.version, type: r.type, spec_version: r.spec_version, object: r.object, revoked: r.revoked, tlp: r.tlp, distribution: r.distribution, recipients: recipientsOf(r) })));
    // date_added strictly increases with seq (see ADDED_STAMP): rows are inserted in payload order, each
    // stamped one microsecond after the previous.
    await tx.execute(sql`with stamp as (${ADDED_STAMP})
      insert into intel_objects (id, version, type, spec_version, object, revoked, owner_instance, owner_org, tlp, distribution, group_id, group_members, recipients, source, date_added, is_latest, is_first)
      select x.id, x.version, x.type, x.spec_version, x.object, x.revoked, ${scope.ownerInstance}, ${scope.ownerOrg}, x.tlp, x.distribution,
        ${scope.group?.id ?? null}, ${JSON.stringify(scope.group?.members ?? [])}::jsonb, x.recipients, ${opts.source}, stamp.base + (x.ord - 1) * interval '1 microsecond', false, false
      from stamp, rows from (jsonb_to_recordset(${payload}::jsonb) as (id text, version text, type text, spec_version text, object jsonb, revoked boolean, tlp text, distribution text, recipients jsonb))
        with ordinality as x(id, version, type, spec_version, object, revoked, tlp, distribution, recipients, ord)
      order by x.ord`);
    // Comparable values of the new versions, for correlation (../correlation.ts).
    await storeValues(tx, fresh);
    const touched = `{${[...new Set(fresh.map((r) => JSON.stringify(r.id)))].join(',')}}`;
    // The newest versions before this write: a new newest version with another scope may take the
    // object away from someone who had it (a downgrade); a tombstone lets peers know (decided per peer).
    await tx.execute(sql`insert into intel_tombstones (id, reason, before, after)
      select n.id, 'scope-changed',
        jsonb_build_object('owner_instance', p.owner_instance, 'owner_org', p.owner_org, 'tlp', p.tlp, 'distribution', p.distribution, 'group_id', p.group_id, 'group_members', p.group_members, 'recipients', p.recipients),
        jsonb_build_object('owner_instance', n.owner_instance, 'owner_org', n.owner_org, 'tlp', n.tlp, 'distribution', n.distribution, 'group_id', n.group_id, 'group_members', n.group_members, 'recipients', n.recipients)
      from intel_objects p join intel_objects n on n.id = p.id and n.is_latest = false and n.version > p.version
      where p.id = any(${touched}::text[]) and p.is_latest
        and n.version = (select max(version) from intel_objects x where x.id = p.id)
        and (p.owner_instance, p.owner_org, p.tlp, p.distribution, coalesce(p.group_id, ''), p.group_members, p.recipients)
          is distinct from (n.owner_instance, n.owner_org, n.tlp, n.distribution, coalesce(n.group_id, ''), n.group_members, n.recipients)`);
    await tx.execute(sql`update intel_objects o set is_latest = (o.version = m.maxv), is_first = (o.version = m.minv)
      from (select id, max(version) as maxv, min(version) as minv from intel_objects where id = any(${touched}::text[]) group by id) m
      where o.id = m.id and (o.is_latest <> (o.version = m.maxv) or o.is_first <> (o.version = m.minv))`);
    for (const r of fresh) storedVersions.push({ id: r.id, version: r.version, type: r.type });
  }
  // Receipts: the versions an organisation sent that it could not receive yet (it holds the content).
  if (receiptsFor.length) {
    const payload = JSON.stringify(receiptsFor.map((r) => ({ id: r.id, version: r.version })));
    const granted = await rows<{ object_id: string; object_version: string }>(tx, sql`insert into intel_receipts (object_id, object_version, org_id)
      select x.id, x.version, ${scope.ownerOrg}::uuid from jsonb_to_recordset(${payload}::jsonb) as x(id text, version text)
      where not exists (select 1 from intel_objects o where o.id = x.id and o.version = x.version and ${receiveSql(receiveFilter({ kind: 'user', instance: importer.instance, org: importer.org }, importer.instance))})
      on conflict do nothing returning object_id, object_version`);
    const got = new Set(granted.map((g) => `${g.object_id}\u0000${g.object_version}`));
    for (const r of receiptsFor) {
      if (!got.has(`${r.id}\u0000${r.version}`)) continue;
      unchanged--;
      storedVersions.push({ id: r.id, version: r.version, type: r.type });
    }
  }
  if (opts.announce && storedVersions.length) await opts.announce(tx, storedVersions);
  return { stored: storedVersions.length, unchanged, defects, storedVersions };
}

/**
 * Imports objects in one transaction (instance scope: rows of other organisations must be visible to
 * detect version conflicts). Strict mode stores nothing when any object has an error.
 */
export async function importObjects(db: Db, objects: readonly unknown[], validate: Validate, opts: ImportOptions): Promise<ImportReport> {
  const { rows: prepared, defects } = prepare(objects, validate, opts.scope);
  const rejectedIdx = new Set(defects.filter((d) => d.severity === 'error').map((d) => d.index));
  if (opts.strict && rejectedIdx.size > 0) {
    return { received: objects.length, stored: 0, unchanged: 0, rejected: objects.length, defects, storedVersions: [] };
  }
  const result = await db.tx(INSTANCE, (tx) => storeRows(tx, prepared, opts));
  for (const d of result.defects) if (d.severity === 'error') rejectedIdx.add(d.index);
  return { received: objects.length, stored: result.stored, unchanged: result.unchanged, rejected: rejectedIdx.size, defects: [...defects, ...result.defects].sort((a, b) => a.index - b.index), storedVersions: result.storedVersions };
}
