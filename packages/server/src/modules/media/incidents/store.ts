// Disinformation incidents in the database (an organisation's rows; row-level security isolates them),
// and the checks a change must pass: known DISARM techniques, the organisation's own media, dates in order.
import { sql } from 'drizzle-orm';
import type { FimiActor, FimiChannel, IncidentStatus, MediaIncident, MediaIncidentQuery, MediaIncidentSummary, NewMediaIncident } from '@bulwark/contracts';

type TlpLevel = MediaIncident['tlp'];
import { errors, rows, type Tx } from '../../../platform/index.ts';
import { techniquesByIds } from '../disarm/store.ts';

export interface IncidentRow {
  id: string; org_id: string; title: string; summary: string; status: IncidentStatus; first_seen: Date | string | null; last_seen: Date | string | null;
  tlp: TlpLevel; campaign: string; narratives: string[]; channels: FimiChannel[]; actors: FimiActor[]; techniques: string[];
  media_entries: string[]; media_checks: string[]; notes: string; created_by: string | null; created_at: Date | string; updated_by: string | null; updated_at: Date | string;
}

/** The editable fields, complete (a new incident with defaults, or a stored one with a change applied). */
export type IncidentFields = Required<Omit<NewMediaIncident, 'firstSeen' | 'lastSeen'>> & { firstSeen: string | null; lastSeen: string | null };

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

export function fieldsOf(r: IncidentRow): IncidentFields {
  return {
    title: r.title, summary: r.summary, status: r.status, firstSeen: isoOrNull(r.first_seen), lastSeen: isoOrNull(r.last_seen), tlp: r.tlp, campaign: r.campaign,
    narratives: r.narratives, channels: r.channels, actors: r.actors, techniques: r.techniques, mediaEntries: r.media_entries, mediaChecks: r.media_checks, notes: r.notes,
  };
}

export function defaults(b: NewMediaIncident): IncidentFields {
  return {
    title: b.title, summary: b.summary ?? '', status: b.status ?? 'open', firstSeen: b.firstSeen ?? null, lastSeen: b.lastSeen ?? null, tlp: b.tlp ?? 'AMBER',
    campaign: b.campaign ?? '', narratives: b.narratives ?? [], channels: b.channels ?? [], actors: b.actors ?? [], techniques: b.techniques ?? [],
    mediaEntries: b.mediaEntries ?? [], mediaChecks: b.mediaChecks ?? [], notes: b.notes ?? '',
  };
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/**
 * Normalises and checks the fields; throws INVALID_INPUT naming what is wrong. On a change (`before`),
 * techniques and media already linked are not checked again: a bank entry deleted since, or a technique
 * recorded before the catalogue was imported, does not block an unrelated edit.
 */
export async function checkFields(tx: Tx, orgId: string, f: IncidentFields, before?: IncidentFields): Promise<IncidentFields> {
  const out: IncidentFields = {
    ...f,
    title: f.title.trim(),
    narratives: unique(f.narratives.map((n) => n.trim()).filter(Boolean)),
    techniques: unique(f.techniques.map((t) => t.trim().toUpperCase())),
    mediaEntries: unique(f.mediaEntries.map((x) => x.toLowerCase())),
    mediaChecks: unique(f.mediaChecks.map((x) => x.toLowerCase())),
  };
  if (!out.title) throw errors.invalid('title: must not be blank');
  if (out.firstSeen && out.lastSeen && Date.parse(out.lastSeen) < Date.parse(out.firstSeen)) {
    throw errors.invalid(`lastSeen (${out.lastSeen}) is before firstSeen (${out.firstSeen})`);
  }
  const actorNames = new Set<string>();
  out.actors.forEach((a, i) => {
    const k = a.name.trim().toLowerCase();
    if (!k) throw errors.invalid(`actors[${i}].name: must not be blank`);
    if (actorNames.has(k)) throw errors.invalid(`actors[${i}]: actor "${a.name}" appears twice`);
    actorNames.add(k);
  });
  out.channels.forEach((c, i) => {
    if (c.url && !/^https?:\/\//i.test(c.url)) throw errors.invalid(`channels[${i}].url: only http(s) URLs are recorded`);
    if (c.actor && !actorNames.has(c.actor.trim().toLowerCase())) throw errors.invalid(`channels[${i}].actor: "${c.actor}" is not one of the incident's actors`);
  });
  const fresh = <T>(xs: readonly T[], old: readonly T[] | undefined) => xs.filter((x) => !old?.includes(x));
  const newTechniques = fresh(out.techniques, before?.techniques);
  const newEntries = fresh(out.mediaEntries, before?.mediaEntries);
  const newChecks = fresh(out.mediaChecks, before?.mediaChecks);
  const { present, found } = await techniquesByIds(tx, newTechniques);
  if (present) {
    const unknown = newTechniques.filter((t) => !found.has(t));
    if (unknown.length) throw errors.invalid(`unknown DISARM technique${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (not in the imported DISARM catalogue)`, { details: { unknownTechniques: unknown } });
  }
  if (newEntries.length) {
    const have = new Set((await rows<{ id: string }>(tx, sql`select id::text from media_bank_entries where org_id = ${orgId} and id = any(${`{${newEntries.join(',')}}`}::uuid[])`)).map((r) => r.id));
    const missing = newEntries.filter((x) => !have.has(x));
    if (missing.length) throw errors.invalid(`mediaEntries: no hash-bank entry ${missing.join(', ')} in your organisation`);
  }
  if (newChecks.length) {
    const have = new Set((await rows<{ id: string }>(tx, sql`select id::text from media_checks where org_id = ${orgId} and id = any(${`{${newChecks.join(',')}}`}::uuid[])`)).map((r) => r.id));
    const missing = newChecks.filter((x) => !have.has(x));
    if (missing.length) throw errors.invalid(`mediaChecks: no media check ${missing.join(', ')} in your organisation`);
  }
  return out;
}

export async function toIncident(tx: Tx, r: IncidentRow): Promise<MediaIncident> {
  const { found } = await techniquesByIds(tx, r.techniques);
  return {
    id: r.id, ...fieldsOf(r),
    techniqueDetails: r.techniques.map((t) => ({ id: t, name: found.get(t)?.name ?? null, tacticId: found.get(t)?.tacticId ?? null })),
    createdAt: iso(r.created_at), createdBy: r.created_by, updatedAt: iso(r.updated_at), updatedBy: r.updated_by,
  };
}

export function toSummary(r: IncidentRow): MediaIncidentSummary {
  return {
    id: r.id, title: r.title, status: r.status, tlp: r.tlp, firstSeen: isoOrNull(r.first_seen), lastSeen: isoOrNull(r.last_seen), campaign: r.campaign,
    narratives: r.narratives.length, channels: r.channels.length, actors: r.actors.map((a) => a.name), techniques: r.techniques,
    media: r.media_entries.length + r.media_checks.length, updatedAt: iso(r.updated_at),
  };
}

export async function getIncident(tx: Tx, orgId: string, id: string, forUpdate = false): Promise<IncidentRow | undefined> {
  const [r] = await rows<IncidentRow>(tx, sql`select * from media_incidents where org_id = ${orgId} and id = ${id} ${forUpdate ? sql`for update` : sql``}`);
  return r;
}

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listIncidents(tx: Tx, orgId: string, q: MediaIncidentQuery): Promise<{ incidents: MediaIncidentSummary[]; total: number }> {
  const where = [sql`org_id = ${orgId}`];
  if (q.status) where.push(sql`status = ${q.status}`);
  const text = q.q?.trim();
  if (text) {
    const like = likeText(text);
    where.push(sql`(title ilike ${like} or summary ilike ${like} or campaign ilike ${like} or notes ilike ${like}
      or narratives::text ilike ${like} or actors::text ilike ${like} or channels::text ilike ${like} or techniques::text ilike ${like})`);
  }
  const cond = sql.join(where, sql` and `);
  const [n] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from media_incidents where ${cond}`);
  const found = await rows<IncidentRow>(tx, sql`select * from media_incidents where ${cond} order by updated_at desc, id limit ${q.limit ?? 100} offset ${q.offset ?? 0}`);
  return { incidents: found.map(toSummary), total: n?.n ?? 0 };
}

export async function insertIncident(tx: Tx, orgId: string, userId: string | null, f: IncidentFields): Promise<IncidentRow> {
  const [r] = await rows<IncidentRow>(tx, sql`insert into media_incidents
    (org_id, title, summary, status, first_seen, last_seen, tlp, campaign, narratives, channels, actors, techniques, media_entries, media_checks, notes, created_by, updated_by)
    values (${orgId}, ${f.title}, ${f.summary}, ${f.status}, ${f.firstSeen}::timestamptz, ${f.lastSeen}::timestamptz, ${f.tlp}, ${f.campaign},
      ${JSON.stringify(f.narratives)}::jsonb, ${JSON.stringify(f.channels)}::jsonb, ${JSON.stringify(f.actors)}::jsonb, ${JSON.stringify(f.techniques)}::jsonb,
      ${JSON.stringify(f.mediaEntries)}::jsonb, ${JSON.stringify(f.mediaChecks)}::jsonb, ${f.notes}, ${userId}, ${userId})
    returning *`);
  return r!;
}

export async function updateIncident(tx: Tx, orgId: string, id: string, userId: string | null, f: IncidentFields): Promise<IncidentRow> {
  const [r] = await rows<IncidentRow>(tx, sql`update media_incidents set
      title = ${f.title}, summary = ${f.summary}, status = ${f.status}, first_seen = ${f.firstSeen}::timestamptz, last_seen = ${f.lastSeen}::timestamptz,
      tlp = ${f.tlp}, campaign = ${f.campaign}, narratives = ${JSON.stringify(f.narratives)}::jsonb, channels = ${JSON.stringify(f.channels)}::jsonb,
      actors = ${JSON.stringify(f.actors)}::jsonb, techniques = ${JSON.stringify(f.techniques)}::jsonb, media_entries = ${JSON.stringify(f.mediaEntries)}::jsonb,
      media_checks = ${JSON.stringify(f.mediaChecks)}::jsonb, notes = ${f.notes}, updated_by = ${userId}, updated_at = clock_timestamp()
    where org_id = ${orgId} and id = ${id} returning *`);
  if (!r) throw errors.notFound('incident');
  return r;
}

/** Names of the fields whose value differs (for the audit log). */
export function changedFields(before: IncidentFields, after: IncidentFields): string[] {
  return (Object.keys(after) as Array<keyof IncidentFields>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
