// DISARM technique ids of bank entries against the imported DISARM catalogue: their STIX ids (for the
// shared relationships) and the ids the catalogue does not know (refused when a catalogue is loaded).
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../../../platform/index.ts';

export interface DisarmRefs {
  readonly stixIds: Map<string, string>;
  /** Ids not in the catalogue; empty when no catalogue is imported (ids are then kept as given). */
  readonly unknown: string[];
}

export async function disarmRefs(db: Db, ids: readonly string[]): Promise<DisarmRefs> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return { stixIds: new Map(), unknown: [] };
  const [found, [count]] = await db.tx(INSTANCE, async (tx) => [
    await rows<{ id: string; stix_id: string }>(tx, sql`select id, stix_id from media_disarm_techniques where id in (${sql.join(wanted.map((i) => sql`${i}`), sql`, `)})`),
    await rows<{ n: string | number }>(tx, sql`select count(*) as n from (select 1 from media_disarm_techniques limit 1) x`),
  ] as const);
  const stixIds = new Map(found.map((r) => [r.id, r.stix_id]));
  const loaded = Number(count?.n ?? 0) > 0;
  return { stixIds, unknown: loaded ? wanted.filter((i) => !stixIds.has(i)) : [] };
}
