// The audit log: append-only (the application role may only insert; a trigger refuses updates and
// deletes) and hash-chained, so that any edit of a past row breaks the chain at that row.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/db.ts';
import { canonicalJson } from './canonical.ts';

export interface AuditEntry {
  readonly orgId?: string | null;
  readonly actorId?: string | null;
  readonly actorKind: 'user' | 'key' | 'system' | 'anonymous';
  readonly action: string;
  readonly target?: string | null;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly ip?: string | null;
  readonly details?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  time: Date;
  orgId: string | null;
  actorId: string | null;
  actorKind: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const CHAIN_LOCK = 7_331_002;
export const GENESIS = '0'.repeat(64);

export function rowHash(prevHash: string, r: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({
    seq: r.seq,
    time: r.time.toISOString(),
    orgId: r.orgId,
    actorId: r.actorId,
    actorKind: r.actorKind,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    ip: r.ip,
    details: r.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends one entry inside the caller's transaction (so the entry exists iff the action committed). */
export async function audit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  // The chain head is read through a definer function: row-level security must not hide other organisations' rows here.
  const [head] = await rows<{ seq: string | null; hash: string | null }>(tx, sql`select seq, hash from bulwark_audit_head()`);
  const last = head?.seq ? { seq: head.seq, hash: head.hash! } : undefined;
  const row = {
    seq: last ? Number(last.seq) + 1 : 1,
    time: new Date(),
    orgId: e.orgId ?? null,
    actorId: e.actorId ?? null,
    actorKind: e.actorKind,
    action: e.action,
    target: e.target ?? null,
    outcome: e.outcome,
    ip: e.ip ?? null,
    details: JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS;
  const hash = rowHash(prevHash, row);
  await tx.execute(sql`insert into audit_log (seq, time, org_id, actor_id, actor_kind, action, target, outcome, ip, details, prev_hash, hash)
    values (${row.seq}, ${row.time.toISOString()}, ${row.orgId}, ${row.actorId}, ${row.actorKind}, ${row.action}, ${row.target}, ${row.outcome}, ${row.ip},
            ${JSON.stringify(row.details)}::jsonb, ${prevHash}, ${hash})`);
}
