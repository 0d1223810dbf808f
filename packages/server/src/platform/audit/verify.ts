// Walks the whole chain and reports the first row whose link or content does not verify.
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../db/db.ts';
import { GENESIS, rowHash } from './audit.ts';

export interface VerifyResult {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

/** An audit_log row as the database returns it. */
export interface AuditDbRow {
  seq: string;
  time: Date | string;
  org_id: string | null;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await db.tx(INSTANCE, (tx) =>
      rows<AuditDbRow>(tx, sql`select * from audit_log where seq >= ${expectedSeq} order by seq limit ${pageSize}`),
    );
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: `row ${expectedSeq} is missing (next is ${seq})` } };
      if (r.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq, reason: 'prev_hash does not match the previous row' } };
      const hash = rowHash(prevHash, {
        seq,
        time: new Date(r.time),
        orgId: r.org_id,
        actorId: r.actor_id,
        actorKind: r.actor_kind,
        action: r.action,
        target: r.target,
        outcome: r.outcome,
        ip: r.ip,
        details: r.details,
      });
      if (hash !== r.hash) return { ok: false, checked, firstBroken: { seq, reason: 'content does not match its hash (the row was edited)' } };
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
    if (page.length < pageSize) return { ok: true, checked };
  }
}
