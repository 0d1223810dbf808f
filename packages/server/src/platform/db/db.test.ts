import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { INSTANCE, orgScope, rows } from './db.ts';

for (const tier of databaseTiers()) {
  describe(`database (${tier.name})`, () => {
    let t: TestDatabase;
    let orgA: string;
    let orgB: string;
    beforeAll(async () => {
      t = await tier.open();
      const made = await t.db.tx(INSTANCE, (tx) =>
        rows<{ id: string }>(tx, sql`insert into organisations (name, slug) values ('A', 'a'), ('B', 'b') returning id`),
      );
      orgA = made[0]!.id;
      orgB = made[1]!.id;
    });
    afterAll(async () => t?.cleanup());

    it('acts as the application role, which owns no table', async () => {
      const [r] = await t.db.tx(INSTANCE, (tx) =>
        rows<{ who: string; owner: string }>(tx, sql`select current_user as who, (select tableowner from pg_tables where tablename = 'alerts') as owner`),
      );
      expect(r!.who).toBe('bulwark_app');
      expect(r!.owner).not.toBe('bulwark_app');
    });

    it('row-level security hides another organisation and refuses writes into it', async () => {
      await t.db.tx(INSTANCE, (tx) =>
        tx.execute(sql`insert into alerts (id, org_id, detector, rule_id, title, severity, severity_id, event_ids, tags, "references", fields, event_time)
          values ('x1', ${orgA}, 'd', 'r', 't', 'high', 4, '{}', '{}', '{}', '{}', now())`),
      );
      const seenByB = await t.db.tx(orgScope(orgB), (tx) => rows(tx, sql`select id from alerts`));
      expect(seenByB).toEqual([]);
      const seenByA = await t.db.tx(orgScope(orgA), (tx) => rows(tx, sql`select id from alerts`));
      expect(seenByA).toHaveLength(1);
      await expect(
        t.db.tx(orgScope(orgB), (tx) =>
          tx.execute(sql`insert into alerts (id, org_id, detector, rule_id, title, severity, severity_id, event_ids, tags, "references", fields, event_time)
            values ('x2', ${orgA}, 'd', 'r', 't', 'high', 4, '{}', '{}', '{}', '{}', now())`),
        ),
      ).rejects.toThrow();
      const deleted = await t.db.tx(orgScope(orgB), (tx) => rows(tx, sql`delete from alerts returning id`));
      expect(deleted).toEqual([]);
    });

    it('the organisation setting does not outlive its transaction', async () => {
      await t.db.tx(orgScope(orgA), async () => undefined);
      const [r] = await t.db.orm.execute(sql`select coalesce(current_setting('bulwark.org_id', true), '') as org`).then((x) => (x as unknown as { rows: { org: string }[] }).rows);
      expect(r!.org).toBe('');
    });

    it('creates and drops day partitions of the events table', async () => {
      await t.db.tx(INSTANCE, async (tx) => {
        await tx.execute(sql`select bulwark_ensure_event_partition('2026-01-02'::date)`);
        await tx.execute(sql`select bulwark_ensure_event_partition('2026-01-02'::date)`);
        await tx.execute(sql`select bulwark_ensure_event_partition('2026-01-03'::date)`);
      });
      const parts = await t.db.tx(INSTANCE, (tx) => rows<{ p: string }>(tx, sql`select bulwark_event_partitions() as p`));
      expect(parts.map((p) => p.p)).toEqual(['events_20260102', 'events_20260103']);
      const dropped = await t.db.tx(INSTANCE, (tx) => rows<{ p: string }>(tx, sql`select bulwark_drop_event_partitions('2026-01-03'::date) as p`));
      expect(dropped.map((p) => p.p)).toEqual(['events_20260102']);
    });

    it('the audit log refuses updates and deletes', async () => {
      await t.db.tx(INSTANCE, (tx) =>
        tx.execute(sql`insert into audit_log (seq, time, actor_kind, action, outcome, details, prev_hash, hash) values (1, now(), 'system', 'test', 'success', '{}', '', 'h')`),
      );
      await expect(t.db.tx(INSTANCE, (tx) => tx.execute(sql`update audit_log set action = 'x'`))).rejects.toThrow();
      await expect(t.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from audit_log`))).rejects.toThrow();
    });
  });
}
