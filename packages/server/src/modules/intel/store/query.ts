// Reading the intel store the way TAXII 2.1 filters it: what the viewer may receive (access model),
// optionally narrowed to a collection's scope, then added_after (exclusive), match[id], match[type],
// match[version] (last, first, all, timestamps), match[spec_version], in the order objects were added,
// a page at a time. The cursor is the `seq` of the last row: rows are numbered in commit order (writers
// are serialised), so a page boundary never skips or repeats a row when others are inserted meanwhile.
import { sql, type SQL } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Tx } from '../../../platform/index.ts';
import type { ReceiveFilter } from '../access/receive-filter.ts';
import { SCOPE_COLUMNS, type ScopeRow } from './scope-row.ts';
import { receiveSql } from './scope-sql.ts';
import { versionKey } from './version.ts';

export interface ObjectQuery {
  readonly access: ReceiveFilter;
  /** An extra condition over intel_objects (a collection's scope). */
  readonly scope?: SQL;
  /** An RFC 3339 timestamp; compared at full (microsecond) precision. */
  readonly addedAfter?: string;
  readonly ids?: readonly string[];
  readonly types?: readonly string[];
  /** `last` (default), `first`, `all` or STIX timestamps; several are ORed. */
  readonly versions?: readonly string[];
  readonly specVersions?: readonly string[];
  readonly limit: number;
  /** Continue after this row (from `next`). */
  readonly afterSeq?: number;
}

export interface StoredObject {
  readonly id: string;
  readonly version: string;
  readonly type: string;
  readonly specVersion: string;
  readonly object: Record<string, unknown>;
  /** When this version was added, RFC 3339 with microseconds (the store's precision). */
  readonly dateAdded: string;
  readonly seq: number;
  /** Sharing scope columns (with `columns: 'scoped'`). */
  readonly scope?: ScopeRow;
}

export interface ObjectPage {
  readonly objects: StoredObject[];
  readonly more: boolean;
}

export class QueryProblem extends Error {}

/** date_added as text at the store's full precision (a JavaScript Date keeps only milliseconds). */
export const DATE_ADDED = sql.raw(`to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

const list = (values: readonly string[]): string => `{${values.map((v) => JSON.stringify(v)).join(',')}}`;

function versionCondition(versions: readonly string[] | undefined): SQL {
  const wanted = versions?.length ? versions : ['last'];
  const parts: SQL[] = [];
  const stamps: string[] = [];
  for (const v of wanted) {
    if (v === 'last') parts.push(sql`is_latest`);
    else if (v === 'first') parts.push(sql`is_first`);
    else if (v === 'all') return sql`true`;
    else {
      const key = versionKey(v);
      if (!key) throw new QueryProblem(`match[version] "${v}" is not last, first, all or a timestamp such as 2016-01-01T01:01:01.000Z`);
      stamps.push(key);
    }
  }
  if (stamps.length) parts.push(sql`version = any(${list(stamps)}::text[])`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function whereOf(q: Omit<ObjectQuery, 'limit' | 'afterSeq'>): SQL {
  const conds: SQL[] = [receiveSql(q.access), versionCondition(q.versions)];
  const onlyLatest = (q.versions?.length ?? 0) === 0 || q.versions!.every((v) => v === 'last');
  // Older versions only while the newest is visible too: a downgrade or a new restricted version hides them all.
  if (!onlyLatest) conds.push(sql`exists (select 1 from intel_objects l where l.id = intel_objects.id and l.is_latest and ${receiveSql(q.access)})`);
  if (q.scope) conds.push(q.scope);
  // added_after is not a condition here: queryObjects turns it into a seq floor (addedAfterFloor).
  // One value is compared with `=`, so that an index on (type, seq) is read in seq order without a sort.
  if (q.ids?.length) conds.push(q.ids.length === 1 ? sql`id = ${q.ids[0]}` : sql`id = any(${list(q.ids)}::text[])`);
  if (q.types?.length) conds.push(q.types.length === 1 ? sql`type = ${q.types[0]}` : sql`type = any(${list(q.types)}::text[])`);
  if (q.specVersions?.length) conds.push(sql`spec_version = any(${list(q.specVersions)}::text[])`);
  return sql.join(conds, sql` and `);
}

interface Row {
  id: string;
  version: string;
  type: string;
  spec_version: string;
  object: Record<string, unknown>;
  date_added: string;
  seq: string | number;
}

const toStored = (r: Row & Partial<ScopeRow>): StoredObject => ({
  id: r.id, version: r.version, type: r.type, specVersion: r.spec_version, object: r.object, dateAdded: r.date_added, seq: Number(r.seq),
  ...(r.owner_instance !== undefined ? { scope: { owner_instance: r.owner_instance, owner_org: r.owner_org!, tlp: r.tlp!, distribution: r.distribution!, group_id: r.group_id ?? null, group_members: r.group_members ?? [], recipients: r.recipients ?? [] } } : {}),
});

/**
 * The seq of the last row added at or before `at` (0 if none). date_added strictly increases with seq
 * (writers are serialised and stamp rows under the lock, see ADDED_STAMP), so the rows added after `at` are exactly those
 * after it: one probe of the (date_added, seq) index turns added_after into a range of seq that the page
 * query walks in order, instead of a filter over every row. Should the clock ever step back, rows stamped
 * earlier than `at` but added later than that row are sent too (a client keeps each version once) rather
 * than lost.
 */
export async function addedAfterFloor(tx: Tx, at: string): Promise<number> {
  const [r] = await rows<{ seq: string | number }>(tx, sql`select seq from intel_objects where date_added <= ${at}::timestamptz order by date_added desc, seq desc limit 1`);
  return r ? Number(r.seq) : 0;
}

/** One page of the objects the query selects, oldest addition first. */
export async function queryObjects(db: Db, q: ObjectQuery, columns: 'full' | 'manifest' | 'scoped' = 'full'): Promise<ObjectPage> {
  const where = whereOf(q);
  const body = columns === 'manifest' ? sql`'{}'::jsonb as object` : columns === 'scoped' ? sql.raw(`object, ${SCOPE_COLUMNS}`) : sql`object`;
  // Instance scope: the access filter above is the decision; row-level security would hide rows of other
  // organisations that the model allows (e.g. community distribution).
  const found = await db.tx(INSTANCE, async (tx) => {
    const floor = Math.max(q.afterSeq ?? 0, q.addedAfter ? await addedAfterFloor(tx, q.addedAfter) : 0);
    const after = floor > 0 || q.afterSeq !== undefined ? sql` and seq > ${floor}` : sql``;
    return rows<Row>(tx, sql`select id, version, type, spec_version, ${body}, ${DATE_ADDED} as date_added, seq from intel_objects where ${where}${after} order by seq limit ${q.limit + 1}`);
  });
  return { objects: found.slice(0, q.limit).map(toStored), more: found.length > q.limit };
}

/** Every version of one object the viewer may receive (versions endpoint), oldest first. */
export async function objectVersions(db: Db, q: Omit<ObjectQuery, 'versions' | 'ids'> & { id: string }): Promise<ObjectPage> {
  return queryObjects(db, { ...q, ids: [q.id], versions: ['all'] }, 'manifest');
}
