// Hash banks and their entries in the database (organisation scope; row-level security as second line),
// and their mapping to the API's shapes and to the STIX publisher's input.
import { sql } from 'drizzle-orm';
import type { MediaBank, MediaBankEntry, MediaEntryChange, MediaHashes, MediaKind } from '@bulwark/contracts';
import { errors, orgScope, rows, type Db, type Tx } from '../../../platform/index.ts';
import type { Distribution, TlpLevel } from '../../intel/index.ts';
import type { EntryForStix } from './stix.ts';

export interface BankRow {
  id: string; org_id: string; name: string; description: string; tlp: TlpLevel; distribution: Distribution; group_id: string | null;
  created_at: Date | string; updated_at: Date | string; deleted_at: Date | string | null; entries?: string | number; withdrawn?: string | number;
}

export interface EntryRow {
  id: string; bank_id: string; org_id: string; status: 'active' | 'withdrawn'; kind: MediaKind; title: string; hashes: MediaHashes;
  narrative: string; actor: string; campaign: string; disarm: string[]; first_seen: Date | string | null; source: string; tlp: TlpLevel;
  version: number; indicator_id: string; withdraw_reason: string | null; created_at: Date | string; updated_at: Date | string;
}

/** The context fields of an entry, as edited and recorded in its history. */
export const CONTEXT_FIELDS = ['title', 'narrative', 'actor', 'campaign', 'disarm', 'firstSeen', 'source', 'tlp'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];
export type EntryContext = { title: string; narrative: string; actor: string; campaign: string; disarm: string[]; firstSeen: string | null; source: string; tlp: TlpLevel };

const iso = (d: Date | string) => new Date(d).toISOString();

export function toBank(r: BankRow): MediaBank {
  return {
    id: r.id, name: r.name, description: r.description, tlp: r.tlp, distribution: r.distribution as MediaBank['distribution'], group: r.group_id ?? null,
    entries: Number(r.entries ?? 0), withdrawn: Number(r.withdrawn ?? 0), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    deletedAt: r.deleted_at ? iso(r.deleted_at) : null,
  };
}

export function contextOf(r: EntryRow): EntryContext {
  return { title: r.title, narrative: r.narrative, actor: r.actor, campaign: r.campaign, disarm: r.disarm, firstSeen: r.first_seen ? iso(r.first_seen) : null, source: r.source, tlp: r.tlp };
}

export function toEntry(r: EntryRow): MediaBankEntry {
  return {
    id: r.id, bankId: r.bank_id, status: r.status, kind: r.kind, hashes: r.hashes, ...contextOf(r),
    version: r.version, indicatorId: r.indicator_id, withdrawReason: r.withdraw_reason, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

export function stixOf(r: EntryRow, bank: BankRow, pdqDistance: number, modified: string): EntryForStix {
  const c = contextOf(r);
  return {
    indicatorId: r.indicator_id, orgId: r.org_id, bank: bank.name, kind: r.kind, hashes: r.hashes, ...c,
    distribution: bank.distribution, group: bank.distribution === 'group' ? bank.group_id ?? null : null, created: iso(r.created_at), modified, revoked: r.status === 'withdrawn', pdqDistance,
  };
}

const BANK_COLUMNS = sql`b.id, b.org_id, b.name, b.description, b.tlp, b.distribution, b.group_id, b.created_at, b.updated_at, b.deleted_at,
  (select count(*) from media_bank_entries e where e.bank_id = b.id and e.status = 'active') as entries,
  (select count(*) from media_bank_entries e where e.bank_id = b.id and e.status = 'withdrawn') as withdrawn`;

/** The banks in use, or (`deleted`) the deleted ones, newest deletion first. */
export async function listBanks(db: Db, orgId: string, deleted = false): Promise<BankRow[]> {
  return db.tx(orgScope(orgId), (tx) => rows<BankRow>(tx, deleted
    ? sql`select ${BANK_COLUMNS} from media_banks b where b.org_id = ${orgId} and b.deleted_at is not null order by b.deleted_at desc, lower(b.name)`
    : sql`select ${BANK_COLUMNS} from media_banks b where b.org_id = ${orgId} and b.deleted_at is null order by lower(b.name)`));
}

/** A bank of the organisation, deleted or not (reads: a deleted bank's entries and history stay readable). */
export async function bankOf(tx: Tx, orgId: string, id: string): Promise<BankRow> {
  const [b] = await rows<BankRow>(tx, sql`select ${BANK_COLUMNS} from media_banks b where b.org_id = ${orgId} and b.id = ${id}`);
  if (!b) throw errors.notFound('media bank');
  return b;
}

/** Refuses changes to a deleted bank (409). */
export function inUse<B extends Pick<BankRow, 'name' | 'deleted_at'>>(b: B): B {
  if (b.deleted_at) throw errors.conflict(`the bank ${JSON.stringify(b.name)} was deleted on ${iso(b.deleted_at)}: a deleted bank takes no new entries and no changes`);
  return b;
}

/** A bank that is in use (404 when unknown, 409 when deleted). */
export async function liveBankOf(tx: Tx, orgId: string, id: string): Promise<BankRow> {
  return inUse(await bankOf(tx, orgId, id));
}

/**
 * Locks a bank row against deletion until the transaction ends and refuses a bank deleted meanwhile
 * (an entry is recorded only in a bank that is still in use when it is recorded).
 */
export async function lockBankInUse(tx: Tx, orgId: string, id: string): Promise<void> {
  const [b] = await rows<{ name: string; deleted_at: Date | string | null }>(tx, sql`select name, deleted_at from media_banks where org_id = ${orgId} and id = ${id} for share`);
  if (!b) throw errors.notFound('media bank');
  inUse(b);
}

export async function entryOf(tx: Tx, orgId: string, id: string): Promise<EntryRow> {
  const [e] = await rows<EntryRow>(tx, sql`select * from media_bank_entries where org_id = ${orgId} and id = ${id}`);
  if (!e) throw errors.notFound('media bank entry');
  return e;
}

export async function bankEntries(db: Db, orgId: string, bankId: string, q: { status: 'active' | 'withdrawn' | 'all'; q?: string; limit: number; offset: number }): Promise<{ rows: EntryRow[]; total: number }> {
  return db.tx(orgScope(orgId), async (tx) => {
    await bankOf(tx, orgId, bankId);
    const conds = [sql`org_id = ${orgId}`, sql`bank_id = ${bankId}`];
    if (q.status !== 'all') conds.push(sql`status = ${q.status}`);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`(title ilike ${like} or narrative ilike ${like} or actor ilike ${like} or campaign ilike ${like} or source ilike ${like} or sha256 = ${q.q.toLowerCase()} or hashes->>'pdq' = ${q.q.toLowerCase()})`);
    }
    const where = sql.join(conds, sql` and `);
    const found = await rows<EntryRow>(tx, sql`select * from media_bank_entries where ${where} order by created_at desc, id limit ${q.limit} offset ${q.offset}`);
    const [n] = await rows<{ n: string | number }>(tx, sql`select count(*) as n from media_bank_entries where ${where}`);
    return { rows: found, total: Number(n?.n ?? 0) };
  });
}

/** The changed context fields (from → to); empty when nothing changed. */
export function diff(before: EntryContext, after: EntryContext): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of CONTEXT_FIELDS) if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out[f] = { from: before[f], to: after[f] };
  return out;
}

export async function recordChange(tx: Tx, e: { id: string; orgId: string; version: number }, action: MediaEntryChange['action'], by: string | null, fields: Record<string, unknown>, note: string | null): Promise<void> {
  await tx.execute(sql`insert into media_entry_history (entry_id, org_id, version, action, by, fields, note)
    values (${e.id}, ${e.orgId}, ${e.version}, ${action}, ${by}, ${JSON.stringify(fields)}::jsonb, ${note})`);
}

export async function historyOf(db: Db, orgId: string, entryId: string): Promise<MediaEntryChange[]> {
  return db.tx(orgScope(orgId), async (tx) => {
    await entryOf(tx, orgId, entryId);
    const found = await rows<{ version: number; action: MediaEntryChange['action']; at: Date | string; by: string | null; fields: MediaEntryChange['fields']; note: string | null }>(tx,
      sql`select version, action, at, by, fields, note from media_entry_history where org_id = ${orgId} and entry_id = ${entryId} order by id`);
    return found.map((h) => ({ version: h.version, action: h.action, at: iso(h.at), by: h.by, fields: h.fields, note: h.note }));
  });
}
