import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers, type TestDatabase } from '../../testing/databases.ts';
import { INSTANCE } from '../db/db.ts';
import { audit } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

for (const tier of databaseTiers()) {
  describe(`audit chain (${tier.name})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await tier.open();
    });
    afterAll(async () => t?.cleanup());

    it('verifies an untouched chain, and reports the first edited row', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.db.tx(INSTANCE, (tx) => audit(tx, { actorKind: 'system', action: 'test.write', target: `t${i}`, outcome: 'success', details: { i, nested: { b: 1, a: [1, 2] } } })),
        ),
      );
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 20 });
      // Tamper as the table owner, who can switch the guard trigger off; the application role cannot.
      await t.db.tx(INSTANCE, async (tx) => {
        await tx.execute(sql`set local role none`);
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
        await tx.execute(sql`update audit_log set target = 'forged' where seq = 7`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
      });
      const res = await verifyAuditChain(t.db);
      expect(res.ok).toBe(false);
      expect(res.firstBroken?.seq).toBe(7);
      expect(res.firstBroken?.reason).toMatch(/edited/);
    });

    it('the application role cannot switch the guard off', async () => {
      await expect(t.db.tx(INSTANCE, (tx) => tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`))).rejects.toThrow();
    });
  });
}
