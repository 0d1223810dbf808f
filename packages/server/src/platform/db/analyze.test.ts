// Statistics refresh: a table that changed past the analyze threshold is analysed (as the owner, through
// the migration's function) and then has statistics the planner uses; one that did not change is left alone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { analyzeStale } from './analyze.ts';
import { INSTANCE, rows } from './db.ts';

for (const tier of databaseTiers()) {
  describe(`statistics refresh (${tier.name})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await tier.open();
    });
    afterAll(async () => t?.cleanup());

    it('analyses a table after many changes, as the application role', async () => {
      await t.db.tx(INSTANCE, (tx) => tx.execute(sql`insert into instance_meta (key, value) select 'analyze-test-' || g, 'x' from generate_series(1, 500) g`));
      // Change counts reach the statistics view when the session flushes them (about once a second when idle).
      let analysed: string[] = [];
      for (let i = 0; i < 40 && !analysed.includes('instance_meta'); i++) {
        await new Promise((r) => setTimeout(r, 250));
        analysed = await analyzeStale(t.db);
      }
      expect(analysed).toContain('instance_meta');
      const [stats] = await t.db.tx(INSTANCE, (tx) => rows<{ n: number }>(tx, sql`select reltuples::int as n from pg_class where relname = 'instance_meta'`));
      expect(stats!.n).toBeGreaterThanOrEqual(500);
      // Right after, nothing is stale.
      expect(await analyzeStale(t.db)).not.toContain('instance_meta');
    });
  });
}
