// The DISARM catalogue in the database: instance-wide public reference data (no organisation's rows).
// Import upserts by DISARM id and compares a content hash, so importing the same bundle again changes
// nothing; techniques missing from a later bundle are kept (incidents may name them).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DisarmCatalogue, DisarmQuery, DisarmTactic, DisarmTechnique } from '@bulwark/contracts';
import { canonicalJson, rows, type Tx } from '../../../platform/index.ts';
import type { DisarmBundle, StixJson } from './parse.ts';

export const DISARM_ATTRIBUTION = 'DISARM Framework, DISARM Foundation, CC BY-SA 4.0 (https://www.disarm.foundation/)';

const hash = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

export interface UpsertCounts { added: number; updated: number; unchanged: number }

/** Stores the parsed bundle; returns how many tactics and techniques were new, changed or the same. */
export async function upsertCatalogue(tx: Tx, b: DisarmBundle): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const count = (before: string | undefined, now: string) => {
    if (before === undefined) counts.added++;
    else if (before === now) counts.unchanged++;
    else counts.updated++;
    return before !== now;
  };
  const tactics = new Map((await rows<{ id: string; content_hash: string }>(tx, sql`select id, content_hash from media_disarm_tactics`)).map((r) => [r.id, r.content_hash]));
  for (const t of b.tactics) {
    const row = { stixId: t.stixId, name: t.name, shortname: t.shortname, description: t.description, position: t.position, object: t.object };
    const h = hash(row);
    if (!count(tactics.get(t.id), h)) continue;
    // A shortname that moved to another tactic id frees its old holder first (unique index).
    await tx.execute(sql`delete from media_disarm_tactics where shortname = ${t.shortname} and id <> ${t.id}`);
    await tx.execute(sql`insert into media_disarm_tactics (id, stix_id, name, shortname, description, position, object, content_hash)
      values (${t.id}, ${t.stixId}, ${t.name}, ${t.shortname}, ${t.description}, ${t.position}, ${JSON.stringify(t.object)}::jsonb, ${h})
      on conflict (id) do update set stix_id = excluded.stix_id, name = excluded.name, shortname = excluded.shortname, description = excluded.description,
        position = excluded.position, object = excluded.object, content_hash = excluded.content_hash, updated_at = now()`);
  }
  const techniques = new Map((await rows<{ id: string; content_hash: string }>(tx, sql`select id, content_hash from media_disarm_techniques`)).map((r) => [r.id, r.content_hash]));
  for (const t of b.techniques) {
    const row = { stixId: t.stixId, name: t.name, description: t.description, tacticId: t.tacticId, parentId: t.parentId, subtechnique: t.subtechnique, url: t.url, object: t.object };
    const h = hash(row);
    if (!count(techniques.get(t.id), h)) continue;
    await tx.execute(sql`insert into media_disarm_techniques (id, stix_id, name, description, tactic_id, parent_id, url, subtechnique, object, content_hash)
      values (${t.id}, ${t.stixId}, ${t.name}, ${t.description}, ${t.tacticId}, ${t.parentId}, ${t.url}, ${t.subtechnique}, ${JSON.stringify(t.object)}::jsonb, ${h})
      on conflict (id) do update set stix_id = excluded.stix_id, name = excluded.name, description = excluded.description, tactic_id = excluded.tactic_id,
        parent_id = excluded.parent_id, url = excluded.url, subtechnique = excluded.subtechnique, object = excluded.object, content_hash = excluded.content_hash, updated_at = now()`);
  }
  for (const o of b.others) {
    await tx.execute(sql`insert into media_disarm_objects (stix_id, type, object) values (${String(o.id)}, ${String(o.type)}, ${JSON.stringify(o)}::jsonb)
      on conflict (stix_id) do update set type = excluded.type, object = excluded.object, updated_at = now() where media_disarm_objects.object <> excluded.object`);
  }
  const tacticIds = b.tactics.map((t) => t.id);
  const techniqueIds = b.techniques.map((t) => t.id);
  await tx.execute(sql`update media_disarm_tactics set imported_at = now() where id = any(${`{${tacticIds.join(',')}}`}::text[])`);
  await tx.execute(sql`update media_disarm_techniques set imported_at = now() where id = any(${`{${techniqueIds.join(',')}}`}::text[])`);
  return counts;
}

interface TechniqueRow { id: string; stix_id: string; name: string; description: string; tactic_id: string | null; tactic_name: string | null; tactic_shortname: string | null; parent_id: string | null; subtechnique: boolean; url: string | null }

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The catalogue, techniques filtered by text and tactic (id, shortname or name), in matrix then id order. */
export async function readCatalogue(tx: Tx, query: DisarmQuery): Promise<DisarmCatalogue> {
  const tactics = await rows<{ id: string; stix_id: string; name: string; shortname: string; description: string; position: number; techniques: number }>(tx, sql`
    select t.id, t.stix_id, t.name, t.shortname, t.description, t.position, (select count(*)::int from media_disarm_techniques x where x.tactic_id = t.id) as techniques
    from media_disarm_tactics t order by t.position, t.id`);
  const conditions = [sql`true`];
  const q = query.q?.trim();
  if (q) conditions.push(sql`(x.id ilike ${likeText(q)} or x.name ilike ${likeText(q)} or x.description ilike ${likeText(q)})`);
  const tactic = query.tactic?.trim();
  if (tactic) conditions.push(sql`(lower(t.id) = lower(${tactic}) or t.shortname = lower(${tactic}) or lower(t.name) = lower(${tactic}))`);
  const found = await rows<TechniqueRow>(tx, sql`
    select x.id, x.stix_id, x.name, x.description, x.tactic_id, t.name as tactic_name, t.shortname as tactic_shortname, x.parent_id, x.subtechnique, x.url
    from media_disarm_techniques x left join media_disarm_tactics t on t.id = x.tactic_id
    where ${sql.join(conditions, sql` and `)}
    order by t.position nulls last, x.id`);
  const [meta] = await rows<{ total: number; imported_at: Date | string | null }>(tx, sql`
    select (select count(*)::int from media_disarm_techniques) as total,
      greatest((select max(imported_at) from media_disarm_techniques), (select max(imported_at) from media_disarm_tactics)) as imported_at`);
  return {
    tactics: tactics.map((t): DisarmTactic => ({ id: t.id, name: t.name, shortname: t.shortname, description: t.description, position: t.position, stixId: t.stix_id, techniques: t.techniques })),
    techniques: found.map((x): DisarmTechnique => ({
      id: x.id, name: x.name, description: x.description, tacticId: x.tactic_id, tacticName: x.tactic_name, tacticShortname: x.tactic_shortname,
      parentId: x.parent_id, subtechnique: x.subtechnique, stixId: x.stix_id, url: x.url,
    })),
    total: meta?.total ?? 0,
    importedAt: meta?.imported_at ? new Date(meta.imported_at).toISOString() : null,
    attribution: DISARM_ATTRIBUTION,
  };
}

export interface CatalogueTechnique { id: string; name: string; tacticId: string | null; tacticShortname: string | null; object: StixJson }

/** Techniques of the catalogue among `ids` (with their attack-pattern as imported), and whether the catalogue has any. */
export async function techniquesByIds(tx: Tx, ids: readonly string[]): Promise<{ present: boolean; found: Map<string, CatalogueTechnique> }> {
  const [any] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from (select 1 from media_disarm_techniques limit 1) x`);
  if (!any?.n || ids.length === 0) return { present: (any?.n ?? 0) > 0, found: new Map() };
  const found = await rows<{ id: string; name: string; tactic_id: string | null; shortname: string | null; object: StixJson }>(tx, sql`
    select x.id, x.name, x.tactic_id, t.shortname, x.object from media_disarm_techniques x left join media_disarm_tactics t on t.id = x.tactic_id
    where x.id = any(${`{${ids.join(',')}}`}::text[])`);
  return { present: true, found: new Map(found.map((r) => [r.id, { id: r.id, name: r.name, tacticId: r.tactic_id, tacticShortname: r.shortname, object: r.object }])) };
}

/** The stored objects (DISARM's identity, marking definitions) with these STIX ids. */
export async function disarmObjects(tx: Tx, stixIds: readonly string[]): Promise<StixJson[]> {
  const ids = stixIds.filter((id) => /^[a-z][a-z0-9-]*--[0-9a-fA-F-]{36}$/.test(id));
  if (ids.length === 0) return [];
  const found = await rows<{ object: StixJson }>(tx, sql`select object from media_disarm_objects where stix_id = any(${`{${ids.join(',')}}`}::text[]) order by stix_id`);
  return found.map((r) => r.object);
}
