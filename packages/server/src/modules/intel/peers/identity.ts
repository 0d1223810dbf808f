// This instance's Ed25519 signing key: generated once and kept in the database, so that every process
// of the instance signs with it. Peers verify with its public key (exchanged out of band, compared by
// fingerprint).
import { sql } from 'drizzle-orm';
import type { KeyObject } from 'node:crypto';
import { INSTANCE, rows, type Db } from '../../../platform/index.ts';
import { fingerprint, generateKeyPair, importPrivateKey, privatePem, publicJwk, type Ed25519PublicJwk } from '../federation/index.ts';
import { createPublicKey } from 'node:crypto';

export interface InstanceIdentity {
  readonly instanceId: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: Ed25519PublicJwk;
  readonly fingerprint: string;
}

export async function instanceIdentity(db: Db, instanceId: string): Promise<InstanceIdentity> {
  const fresh = privatePem(generateKeyPair().privateKey);
  const [row] = await db.tx(INSTANCE, (tx) =>
    rows<{ value: string }>(tx, sql`insert into instance_meta (key, value) values ('signing_key', ${fresh})
      on conflict (key) do update set value = instance_meta.value returning value`),
  );
  const privateKey = importPrivateKey(row!.value);
  const publicKey = createPublicKey(privateKey);
  return { instanceId, privateKey, publicJwk: publicJwk(publicKey, { kid: instanceId }), fingerprint: fingerprint(publicKey) };
}
