// The organisation's block list in the database. Adding is idempotent: the same value again keeps one
// entry (the later expiry wins, a permanent entry stays permanent), so a playbook step retried after a
// crash, or two runs blocking the same address, leave one line for the firewall.
import { sql } from 'drizzle-orm';
import type { BlocklistEntry, BlocklistKind } from '@bulwark/contracts';
import { rows, type Tx } from '../../../platform/index.ts';
import { classify } from './values.ts';

interface Row {
  kind: BlocklistKind; value: string; reason: string; incident_id: string | null; source: string; created_at: Date | string; expires_at: Date | string | null;
}

const toEntry = (r: Row): BlocklistEntry => ({
  kind: r.kind, value: r.value, reason: r.reason, incidentId: r.incident_id, source: r.source,
  createdAt: new Date(r.created_at).toISOString(), expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
});

export interface NewEntry {
  readonly value: string;
  readonly reason?: string;
  readonly incidentId?: string | null;
  readonly source: string;
  readonly createdBy?: string | null;
  /** Null or absent: until removed. */
  readonly expiresAt?: Date | null;
}

/** Adds (or renews) an entry; returns it and whether it is new. */
export async function addEntry(tx: Tx, orgId: string, e: NewEntry): Promise<{ entry: BlocklistEntry; created: boolean }> {
  const { kind, value } = classify(e.value);
  const [row] = await rows<Row & { created: boolean }>(tx, sql`insert into blocklist_entries (org_id, kind, value, reason, incident_id, source, created_by, expires_at)
    values (${orgId}, ${kind}, ${value}, ${(e.reason ?? '').slice(0, 500)}, ${e.incidentId ?? null}, ${e.source}, ${e.createdBy ?? null}, ${e.expiresAt ?? null})
    on conflict (org_id, kind, value) do update set
      expires_at = case when blocklist_entries.expires_at is null or excluded.expires_at is null then null
                        when blocklist_entries.expires_at < now() then excluded.expires_at
                        else greatest(blocklist_entries.expires_at, excluded.expires_at) end,
      reason = case when blocklist_entries.expires_at is not null and blocklist_entries.expires_at < now() then excluded.reason else blocklist_entries.reason end
    returning kind, value, reason, incident_id, source, created_at, expires_at, (xmax = 0) as created`);
  return { entry: toEntry(row!), created: row!.created };
}

/** Entries in force now, newest first (optionally of some kinds only). */
export async function activeEntries(tx: Tx, orgId: string, kinds?: readonly BlocklistKind[]): Promise<BlocklistEntry[]> {
  const found = await rows<Row>(tx, sql`select kind, value, reason, incident_id, source, created_at, expires_at from blocklist_entries
    where org_id = ${orgId} and (expires_at is null or expires_at > now()) ${kinds?.length ? sql`and kind = any(${`{${kinds.join(',')}}`}::text[])` : sql``}
    order by created_at desc, value limit 100000`);
  return found.map(toEntry);
}

export async function removeEntry(tx: Tx, orgId: string, raw: string): Promise<BlocklistEntry | undefined> {
  const { kind, value } = classify(raw);
  const [row] = await rows<Row>(tx, sql`delete from blocklist_entries where org_id = ${orgId} and kind = ${kind} and value = ${value}
    returning kind, value, reason, incident_id, source, created_at, expires_at`);
  return row ? toEntry(row) : undefined;
}
