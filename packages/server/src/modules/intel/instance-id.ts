// This instance's identifier among federated instances: configured, or generated once and kept in the
// database (so that every process of the instance agrees on it).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { errors, INSTANCE, rows, type Db } from '../../platform/index.ts';

const VALID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;

export async function instanceId(db: Db, configured: string | undefined): Promise<string> {
  if (configured !== undefined) {
    if (!VALID.test(configured)) throw errors.invalid(`BULWARK_INSTANCE_ID "${configured}" must be 1-63 letters, digits, dots or dashes`);
    return configured;
  }
  const fresh = `bulwark-${randomBytes(4).toString('hex')}`;
  const [row] = await db.tx(INSTANCE, (tx) =>
    rows<{ value: string }>(tx, sql`insert into instance_meta (key, value) values ('instance_id', ${fresh})
      on conflict (key) do update set value = instance_meta.value returning value`),
  );
  return row!.value;
}
