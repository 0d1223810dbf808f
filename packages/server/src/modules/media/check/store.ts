// Recorded media checks (organisation scope): hashes, verdict and evidence; the file only with retention,
// until it expires (purged by the worker, retention.ts).
import { sql } from 'drizzle-orm';
import type { MediaCheck, MediaHashes, MediaKind, MediaMatch, MediaProvenance, MediaVerdict } from '@bulwark/contracts';
import { errors, rows, type Principal, type Tx } from '../../../platform/index.ts';

interface CheckRow {
  id: string; name: string; kind: MediaKind; type: string; bytes: string | number; hashes: MediaHashes; verdict: MediaVerdict; summary: string;
  matches: MediaMatch[]; provenance: MediaProvenance | null; problems: string[]; retained: boolean; checked_at: Date | string; checked_by: string | null;
}

const COLUMNS = sql`id, name, kind, type, bytes, hashes, verdict, summary, matches, provenance, problems, (media is not null) as retained, checked_at, checked_by`;

function toCheck(r: CheckRow): MediaCheck {
  return {
    id: r.id, name: r.name, kind: r.kind, type: r.type, bytes: Number(r.bytes), hashes: r.hashes, verdict: r.verdict, summary: r.summary,
    matches: r.matches, provenance: r.provenance, problems: r.problems, retained: r.retained, checkedAt: new Date(r.checked_at).toISOString(), checkedBy: r.checked_by,
  };
}

export interface NewCheck {
  readonly name: string; readonly kind: MediaKind; readonly type: string; readonly bytes: number; readonly hashes: MediaHashes; readonly verdict: MediaVerdict;
  readonly summary: string; readonly matches: readonly MediaMatch[]; readonly provenance: MediaProvenance | null; readonly problems: readonly string[];
}

export async function saveCheck(tx: Tx, p: Principal, c: NewCheck, retain?: { bytes: Uint8Array; days: number }): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`insert into media_checks (org_id, name, kind, type, bytes, hashes, verdict, summary, matches, provenance, problems, media, media_expires_at, checked_by)
    values (${p.orgId}, ${c.name}, ${c.kind}, ${c.type}, ${c.bytes}, ${JSON.stringify(c.hashes)}::jsonb, ${c.verdict}, ${c.summary}, ${JSON.stringify(c.matches)}::jsonb,
      ${c.provenance ? JSON.stringify(c.provenance) : null}::jsonb, ${JSON.stringify(c.problems)}::jsonb, ${retain ? Buffer.from(retain.bytes) : null},
      ${retain ? sql`now() + make_interval(days => ${retain.days})` : null}, ${p.userId ?? null})
    returning id`);
  return row!.id;
}

export async function checkOf(tx: Tx, orgId: string, id: string): Promise<MediaCheck> {
  const [r] = await rows<CheckRow>(tx, sql`select ${COLUMNS} from media_checks where org_id = ${orgId} and id = ${id}`);
  if (!r) throw errors.notFound('media check');
  return toCheck(r);
}

export async function listChecks(tx: Tx, orgId: string, limit: number, verdict?: string): Promise<MediaCheck[]> {
  const found = await rows<CheckRow>(tx, sql`select ${COLUMNS} from media_checks where org_id = ${orgId} ${verdict ? sql`and verdict = ${verdict}` : sql``}
    order by checked_at desc, id limit ${limit}`);
  return found.map(toCheck);
}

export async function retainedMedia(tx: Tx, orgId: string, id: string): Promise<Uint8Array | undefined> {
  const [r] = await rows<{ media: Uint8Array | null }>(tx, sql`select media from media_checks where org_id = ${orgId} and id = ${id} and media is not null and media_expires_at > now()`);
  return r?.media ?? undefined;
}

/** Drops retained files whose time is over (instance scope). Returns how many. */
export async function purgeExpiredMedia(tx: Tx): Promise<number> {
  const done = await rows<{ id: string }>(tx, sql`update media_checks set media = null, media_expires_at = null where media_expires_at is not null and media_expires_at <= now() returning id`);
  return done.length;
}
