// Keeps planner statistics current: every minute, ANALYZE the tables that changed by more than
// autovacuum's analyze threshold since their last one (migration bulwark_analyze_stale). The embedded
// database has no autovacuum; on PostgreSQL with autovacuum this finds little to do.
import { sql } from 'drizzle-orm';
import type { Logger } from '../log/log.ts';
import { INSTANCE, rows, type Db } from './db.ts';

export async function analyzeStale(db: Db): Promise<string[]> {
  const found = await db.tx(INSTANCE, (tx) => rows<{ t: string }>(tx, sql`select bulwark_analyze_stale() as t`));
  return found.map((r) => r.t);
}

export function scheduleAnalyze(db: Db, log: Logger, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const t0 = performance.now();
    analyzeStale(db)
      .then((tables) => {
        if (tables.length) log.debug({ tables, ms: Math.round(performance.now() - t0) }, 'statistics refreshed');
      })
      .catch((err: unknown) => log.warn({ err }, 'refreshing statistics failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
