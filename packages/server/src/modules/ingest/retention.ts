// Retention: whole day partitions older than the configured number of days are dropped.
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Logger } from '../../platform/index.ts';

export async function applyRetention(db: Db, retentionDays: number, now = new Date()): Promise<string[]> {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - retentionDays * 86_400_000);
  const day = cutoff.toISOString().slice(0, 10);
  return db.tx(INSTANCE, async (tx) => {
    const dropped = await rows<{ p: string }>(tx, sql`select bulwark_drop_event_partitions(${day}::date) as p`);
    await tx.execute(sql`delete from event_keys where time < ${day}::timestamptz`);
    return dropped.map((d) => d.p);
  });
}

export function scheduleRetention(db: Db, retentionDays: number, log: Logger, onDropped: () => void): () => void {
  const run = () => {
    applyRetention(db, retentionDays)
      .then((dropped) => {
        if (dropped.length > 0) {
          log.info({ dropped }, 'retention dropped event partitions');
          onDropped();
        }
      })
      .catch((err: unknown) => log.warn({ err }, 'retention run failed'));
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
