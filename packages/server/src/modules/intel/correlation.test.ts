// Correlation values on a real database: recorded when objects are stored, filled in by the backfill for
// versions stored without them (resumable, once), and gone with the version they belong to.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE, rows } from '../../platform/index.ts';
import { createLogger } from '../../platform/log/log.ts';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { backfillValues } from './correlation.ts';
import { importObjects } from './store/import.ts';

const scope = { ownerInstance: 'here', ownerOrg: '00000000-0000-4000-8000-000000000001', tlp: 'GREEN' as const, distribution: 'community' as const };

for (const tier of databaseTiers()) {
  describe(`correlation values (${tier.name})`, () => {
    let d: TestDatabase;
    beforeAll(async () => {
      d = await tier.open();
    }, 60_000);
    afterAll(async () => d?.cleanup());

    const valuesOf = (id: string) => d.db.tx(INSTANCE, (tx) => rows<{ kind: string; value: string }>(tx, sql`select kind, value from intel_values where id = ${id} order by kind, value`));

    it('records values on store, backfills versions without them once, and drops them with the version', async () => {
      const ind = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', pattern: "[domain-name:value = 'Corr.Example'] OR [url:value = 'http://corr.example/x']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' };
      const file = { type: 'file', spec_version: '2.1', id: `file--${randomUUID()}`, hashes: { 'SHA-256': 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F' } };
      const report = await importObjects(d.db, [ind, file], () => [], { scope, source: 'import' });
      expect(report.stored).toBe(2);
      const expected = [{ kind: 'domain-name', value: 'corr.example' }, { kind: 'url', value: 'http://corr.example/x' }];
      expect(await valuesOf(ind.id)).toEqual(expected);
      expect(await valuesOf(file.id)).toEqual([{ kind: 'hash:SHA-256', value: 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' }]);

      // As if stored before intel_values existed: the backfill fills them in, once.
      await d.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from intel_values`));
      const log = createLogger('silent');
      expect(await backfillValues(d.db, log)).toBeGreaterThanOrEqual(2);
      expect(await valuesOf(ind.id)).toEqual(expected);
      expect(await backfillValues(d.db, log)).toBe(0);

      await d.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from intel_objects where id = ${ind.id}`));
      expect(await valuesOf(ind.id)).toEqual([]);
    });
  });
}
