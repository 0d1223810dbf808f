// Correlation: objects that share a comparable value (an address, domain, URL, e-mail address or hash,
// from an indicator's pattern or an observable). The values of every stored version go to intel_values
// (in the storing transaction); the newest versions the caller may receive that share a value with an
// object are its correlations. A value held by more objects than the limit (counted among those the
// caller may receive, never beyond) is over-correlated: reported with its count, without the objects
// (MISP's over-correlation threshold). Versions stored before intel_values existed are filled in once,
// in the background, by a worker (`backfillValues`).
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Logger, type Tx } from '../../platform/index.ts';
import type { ReceiveFilter } from './access/receive-filter.ts';
import { objectValues, type ObjectValue } from './indicators/values.ts';
import { receiveSql } from './store/scope-sql.ts';

/** Object types that can have comparable values (indicators and observables). */
export const VALUE_TYPES = ['indicator', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file', 'artifact', 'x509-certificate'] as const;
const VALUE_TYPE_SET: ReadonlySet<string> = new Set(VALUE_TYPES);

/** Records the values of stored versions (in the storing transaction; a version already recorded is skipped). */
export async function storeValues(tx: Tx, stored: ReadonlyArray<{ id: string; version: string; type: string; object: Record<string, unknown> }>): Promise<void> {
  const out: Array<{ id: string; version: string; kind: string; value: string }> = [];
  for (const s of stored) {
    if (!VALUE_TYPE_SET.has(s.type)) continue;
    for (const v of objectValues(s.object)) out.push({ id: s.id, version: s.version, kind: v.kind, value: v.value });
  }
  for (let i = 0; i < out.length; i += 2000) {
    const chunk = JSON.stringify(out.slice(i, i + 2000));
    await tx.execute(sql`insert into intel_values (id, version, kind, value)
      select x.id, x.version, x.kind, x.value from jsonb_to_recordset(${chunk}::jsonb) as x(id text, version text, kind text, value text)
      on conflict do nothing`);
  }
}

const BACKFILL_KEY = 'intel_values_backfill';
const BACKFILL_PAGE = 2000;

/**
 * Fills intel_values for versions stored before it existed, in seq order, remembering how far it got in
 * instance_meta (resumable; idempotent, so two workers doing it at once is harmless).
 */
export async function backfillValues(db: Db, log: Logger): Promise<number> {
  const [state] = await db.tx(INSTANCE, (tx) => rows<{ value: string }>(tx, sql`select value from instance_meta where key = ${BACKFILL_KEY}`));
  if (state?.value === 'done') return 0;
  let after = state ? Number(state.value) || 0 : 0;
  // Everything stored from now on is recorded by the store itself: stop at the newest row of now.
  const [top] = await db.tx(INSTANCE, (tx) => rows<{ seq: string | number | null }>(tx, sql`select max(seq) as seq from intel_objects`));
  const until = Number(top?.seq ?? 0);
  let done = 0;
  const types = `{${VALUE_TYPES.map((t) => JSON.stringify(t)).join(',')}}`;
  while (after < until) {
    const page = await db.tx(INSTANCE, async (tx) => {
      const found = await rows<{ id: string; version: string; type: string; object: Record<string, unknown>; seq: string | number }>(tx, sql`select id, version, type, object, seq
        from intel_objects where seq > ${after} and seq <= ${until} and type = any(${types}::text[]) order by seq limit ${BACKFILL_PAGE}`);
      await storeValues(tx, found);
      const last = found.length === BACKFILL_PAGE ? Number(found.at(-1)!.seq) : until;
      await tx.execute(sql`insert into instance_meta (key, value) values (${BACKFILL_KEY}, ${String(last)}) on conflict (key) do update set value = excluded.value`);
      return { count: found.length, last };
    });
    done += page.count;
    after = page.last;
  }
  await db.tx(INSTANCE, (tx) => tx.execute(sql`insert into instance_meta (key, value) values (${BACKFILL_KEY}, 'done') on conflict (key) do update set value = excluded.value`));
  if (done) log.info({ objects: done }, 'correlation values recorded for objects stored before');
  return done;
}

export interface CorrelatedObject {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
}

export interface Correlation {
  readonly kind: string;
  readonly value: string;
  /** Objects the caller may receive that hold this value, this one included. */
  readonly count: number;
  readonly overCorrelated: boolean;
  /** The other objects (absent when over-correlated). */
  readonly objects: CorrelatedObject[];
}

/**
 * The correlations of one object's newest version, among the newest versions the caller may receive.
 * The object itself must be one the caller may receive (the caller checks).
 */
export async function correlationsOf(db: Db, access: ReceiveFilter, id: string, limit: number): Promise<Correlation[]> {
  const visible = receiveSql(access);
  return db.tx(INSTANCE, async (tx) => {
    const values = await rows<ObjectValue>(tx, sql`select v.kind, v.value from intel_values v
      join intel_objects o on o.id = v.id and o.version = v.version
      where o.id = ${id} and o.is_latest order by v.kind, v.value limit 1000`);
    if (!values.length) return [];
    const wanted = JSON.stringify(values);
    // How many objects the caller may receive hold each value (newest versions only).
    const counts = await rows<{ kind: string; value: string; n: string | number }>(tx, sql`select v.kind, v.value, count(distinct v.id) as n
      from jsonb_to_recordset(${wanted}::jsonb) as w(kind text, value text)
      join intel_values v on v.kind = w.kind and v.value = w.value
      join (select id, version from intel_objects where is_latest and ${visible}) o on o.id = v.id and o.version = v.version
      group by v.kind, v.value`);
    const countOf = new Map(counts.map((c) => [`${c.kind}\n${c.value}`, Number(c.n)]));
    const listed = values.filter((v) => (countOf.get(`${v.kind}\n${v.value}`) ?? 0) <= limit);
    const linked = listed.length
      ? await rows<{ kind: string; value: string; id: string; type: string; name: string | null }>(tx, sql`select v.kind, v.value, o.id, o.type, o.name
        from jsonb_to_recordset(${JSON.stringify(listed)}::jsonb) as w(kind text, value text)
        join intel_values v on v.kind = w.kind and v.value = w.value
        join (select id, version, type, object->>'name' as name from intel_objects where is_latest and ${visible}) o on o.id = v.id and o.version = v.version
        where o.id <> ${id} order by v.kind, v.value, o.id`)
      : [];
    const byValue = new Map<string, CorrelatedObject[]>();
    for (const l of linked) {
      const k = `${l.kind}\n${l.value}`;
      const list = byValue.get(k) ?? [];
      if (!list.some((x) => x.id === l.id)) list.push({ id: l.id, type: l.type, name: l.name });
      byValue.set(k, list);
    }
    return values.map((v) => {
      const k = `${v.kind}\n${v.value}`;
      const count = Math.max(1, countOf.get(k) ?? 1);
      const over = count > limit;
      return { kind: v.kind, value: v.value, count, overCorrelated: over, objects: over ? [] : byValue.get(k) ?? [] };
    });
  });
}
