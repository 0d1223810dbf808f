// Pseudonyms for the people behind gateway keys: logs, risk scores, alerts and shared intelligence name
// an account by an HMAC of (organisation, subject) under a secret kept in the instance's database, so a
// reader of those records cannot tell who it is without the key table; the same subject always gets the
// same pseudonym on this instance (risk follows the person across their keys).
import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../../../platform/index.ts';

export type Pseudonymise = (orgId: string, subject: string) => string;

export async function pseudonymiser(db: Db): Promise<Pseudonymise> {
  const fresh = randomBytes(32).toString('base64url');
  const [row] = await db.tx(INSTANCE, (tx) => rows<{ value: string }>(tx, sql`insert into instance_meta (key, value) values ('aiguard_pseudonym_key', ${fresh})
    on conflict (key) do update set value = instance_meta.value returning value`));
  const key = Buffer.from(row!.value, 'base64url');
  return (orgId, subject) => `acct_${createHmac('sha256', key).update(`${orgId}\n${subject.trim().toLowerCase()}`).digest('base64url').slice(0, 22)}`;
}

/** A one-way hash of an identifier for sharing outside the instance (STIX): SHA-256, lower-cased input. */
export function sharedIdentifierHash(value: string): string {
  return createHmac('sha256', 'bulwark-aiguard-shared-identifier').update(value.trim().toLowerCase()).digest('hex');
}
