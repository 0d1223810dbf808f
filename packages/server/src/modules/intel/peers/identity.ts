// This instance's Ed25519 signing key: generated once and kept in the database, so that every process
// of the instance signs with it. Peers verify with its public key (exchanged out of band, compared by
// fingerprint). Rotation: a new key becomes current; the previous public keys stay published (in
// instance_meta `signing_keys_retired`, each until its expiry) so that what was signed just before still
// verifies, and so that peers can take the new key on the word of a key they already trust.
import { sql } from 'drizzle-orm';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { INSTANCE, rows, type Db, type Tx } from '../../../platform/index.ts';
import { fingerprint, generateKeyPair, importPrivateKey, importPublicJwk, privatePem, publicJwk, type Ed25519PublicJwk } from '../federation/index.ts';

export interface RetiredKey {
  readonly publicJwk: Ed25519PublicJwk;
  readonly fingerprint: string;
  /** Until when it stays published (ISO 8601). */
  readonly expiresAt: string;
  /** Its private key, to endorse the next keys while it is published (never leaves the database). */
  readonly privatePem: string;
}

export interface InstanceIdentity {
  readonly instanceId: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: Ed25519PublicJwk;
  readonly fingerprint: string;
  /** Previous keys still published, newest first. */
  readonly retired: readonly RetiredKey[];
}

async function read(tx: Tx, instanceId: string, now = Date.now()): Promise<InstanceIdentity> {
  const found = async () => new Map((await rows<{ key: string; value: string }>(tx, sql`select key, value from instance_meta where key in ('signing_key', 'signing_keys_retired')`)).map((r) => [r.key, r.value]));
  let meta = await found();
  if (!meta.has('signing_key')) {
    // The first process to need it makes it; the others find it.
    await tx.execute(sql`insert into instance_meta (key, value) values ('signing_key', ${privatePem(generateKeyPair().privateKey)}) on conflict (key) do nothing`);
    meta = await found();
  }
  const old = meta.get('signing_keys_retired');
  const retired = (old ? (JSON.parse(old) as RetiredKey[]) : []).filter((k) => Date.parse(k.expiresAt) > now);
  const privateKey = importPrivateKey(meta.get('signing_key')!);
  const publicKey = createPublicKey(privateKey);
  return { instanceId, privateKey, publicJwk: publicJwk(publicKey, { kid: instanceId }), fingerprint: fingerprint(publicKey), retired };
}

export async function instanceIdentity(db: Db, instanceId: string): Promise<InstanceIdentity> {
  return db.tx(INSTANCE, (tx) => read(tx, instanceId));
}

/** The identity, re-read every few seconds: a rotation made by another process is picked up quickly. */
export function currentIdentity(db: Db, instanceId: () => Promise<string>, ttlMs = 10_000): (() => Promise<InstanceIdentity>) & { invalidate(): void } {
  let cached: { at: number; value: Promise<InstanceIdentity> } | undefined;
  const get = () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const value = instanceId().then((id) => instanceIdentity(db, id));
      cached = { at: Date.now(), value };
      value.catch(() => { if (cached?.value === value) cached = undefined; });
    }
    return cached.value;
  };
  // The process that rotated reads the new key at once.
  return Object.assign(get, { invalidate: () => { cached = undefined; } });
}

/** Makes a new key current; the current one stays published for `graceSeconds`. Serialised by a row lock. */
export async function rotateKey(db: Db, instanceId: string, graceSeconds: number, now = Date.now()): Promise<{ before: InstanceIdentity; after: InstanceIdentity }> {
  return db.tx(INSTANCE, async (tx) => {
    await read(tx, instanceId, now); // the key exists
    await tx.execute(sql`select value from instance_meta where key = 'signing_key' for update`);
    const before = await read(tx, instanceId, now);
    const [current] = await rows<{ value: string }>(tx, sql`select value from instance_meta where key = 'signing_key'`);
    const retired: RetiredKey[] = [
      { publicJwk: before.publicJwk, fingerprint: before.fingerprint, expiresAt: new Date(now + graceSeconds * 1000).toISOString(), privatePem: current!.value },
      ...before.retired,
    ];
    await tx.execute(sql`update instance_meta set value = ${privatePem(generateKeyPair().privateKey)} where key = 'signing_key'`);
    await tx.execute(sql`insert into instance_meta (key, value) values ('signing_keys_retired', ${JSON.stringify(retired)})
      on conflict (key) do update set value = excluded.value`);
    return { before, after: await read(tx, instanceId, now) };
  });
}

/** Every public key a peer's configuration holds: one JWK, or a JWK Set (`{keys: [...]}`) during a rotation. */
export function peerKeys(stored: Record<string, unknown> | null): KeyObject[] {
  if (!stored) return [];
  const list = Array.isArray(stored['keys']) ? (stored['keys'] as unknown[]) : [stored];
  return list.map((k) => importPublicJwk(k));
}
