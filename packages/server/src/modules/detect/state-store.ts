// Detector state per organisation, kept in the database so that it survives a restart.
import { sql } from 'drizzle-orm';
import { orgScope, rows, type Db } from '../../platform/index.ts';

export interface StateStore {
  load(detector: string, orgId: string): Promise<unknown>;
  save(detector: string, orgId: string, state: unknown): Promise<void>;
}

export function dbStateStore(db: Db): StateStore {
  return {
    async load(detector, orgId) {
      const [r] = await db.tx(orgScope(orgId), (tx) => rows<{ state: unknown }>(tx, sql`select state from detector_state where detector = ${detector} and org_id = ${orgId}`));
      return r?.state;
    },
    async save(detector, orgId, state) {
      await db.tx(orgScope(orgId), (tx) =>
        tx.execute(sql`insert into detector_state (detector, org_id, state, updated_at) values (${detector}, ${orgId}, ${JSON.stringify(state)}::jsonb, now())
          on conflict (detector, org_id) do update set state = excluded.state, updated_at = now()`),
      );
    },
  };
}
