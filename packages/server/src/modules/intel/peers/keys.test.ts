// Key rotation, below the HTTP API: rotateKey on every database tier (the previous key published until its
// grace period ends), and refreshPeerKeys against a simulated remote peer (a plain HTTP server standing
// for another instance): a key set vouched for by a trusted key is taken, a forged one is refused.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers, type TestDatabase } from '../../../testing/databases.ts';
import { generateKeyPair, MemoryReplayCache, publicJwk } from '../federation/index.ts';
import { instanceIdentity, rotateKey, type InstanceIdentity } from './identity.ts';
import { keySetHeaders, keySetOf, refreshPeerKeys } from './keys.ts';
import type { PeerRow } from './peer-store.ts';

for (const tier of databaseTiers()) {
  describe(`signing-key rotation (${tier.name})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await tier.open();
    }, 60_000);
    afterAll(async () => t?.cleanup());

    it('makes a new key current and keeps the previous ones published until their grace period ends', async () => {
      const first = await instanceIdentity(t.db, 'alpha');
      const { before, after } = await rotateKey(t.db, 'alpha', 3600);
      expect(before.fingerprint).toBe(first.fingerprint);
      expect(after.fingerprint).not.toBe(first.fingerprint);
      expect(after.retired.map((k) => k.fingerprint)).toEqual([first.fingerprint]);
      const second = await rotateKey(t.db, 'alpha', 3600);
      expect(second.after.retired.map((k) => k.fingerprint)).toEqual([after.fingerprint, first.fingerprint]);
      expect((await instanceIdentity(t.db, 'alpha')).fingerprint).toBe(second.after.fingerprint);
      // Past the grace period, the retired keys are no longer published.
      const later = await rotateKey(t.db, 'alpha', 0, Date.now() + 7200_000);
      expect(later.after.retired).toEqual([]);
    });
  });
}

describe('a peer\'s published key set (simulated remote peer, database stand-in)', () => {
  let server: Server;
  let url = '';
  let served: { body: unknown; headers: Record<string, string> } = { body: {}, headers: {} };
  const updates: unknown[] = [];
  // The database is outside this test: a stand-in that records the statements.
  const db = { tx: async (_scope: unknown, fn: (tx: unknown) => Promise<unknown>) => fn({ execute: async (q: unknown) => { updates.push(q); return { rows: [] }; } }) } as never;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1', ...served.headers });
      res.end(JSON.stringify(served.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/taxii2/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const identityWith = (oldKey: ReturnType<typeof generateKeyPair>, newKey: ReturnType<typeof generateKeyPair>): InstanceIdentity => ({
    instanceId: 'beta', privateKey: newKey.privateKey, publicJwk: publicJwk(newKey.publicKey, { kid: 'beta' }), fingerprint: 'new',
    retired: [{ publicJwk: publicJwk(oldKey.publicKey, { kid: 'beta' }), fingerprint: 'old', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), privatePem: oldKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }],
  });
  const peerTrusting = (key: ReturnType<typeof generateKeyPair>): PeerRow => ({
    id: randomUUID(), instance_id: 'beta', url, auth: { kind: 'bearer', token: 'x'.repeat(20) }, tls: null, collections: [], direction: 'pull', trust: 'trusted',
    public_key: publicJwk(key.publicKey, { kid: 'beta' }) as unknown as Record<string, unknown>, org_id: null, default_tlp: 'GREEN', default_distribution: 'community',
    pull_state: {}, tombstone_seq: 0, push_seq: 0, last_pushed: 0, last_sync_at: null, last_error: null, last_pulled: 0,
  });
  const ctx = () => ({ db, self: 'alpha', egressAllow: ['127.0.0.0/8'], replay: new MemoryReplayCache() });

  it('takes a key set endorsed by the key it trusts', async () => {
    const oldKey = generateKeyPair();
    const id = identityWith(oldKey, generateKeyPair());
    const body = keySetOf(id);
    served = { body, headers: keySetHeaders(body, id, 'alpha') };
    const peer = peerTrusting(oldKey);
    expect(await refreshPeerKeys(ctx(), peer)).toBe('updated');
    expect((peer.public_key as { keys: unknown[] }).keys).toHaveLength(2);
    expect(await refreshPeerKeys(ctx(), peer)).toBe('unchanged');
  });

  it('refuses a key set no trusted key vouched for, and one addressed to another instance', async () => {
    const trusted = generateKeyPair();
    const forged = identityWith(generateKeyPair(), generateKeyPair());
    const body = keySetOf(forged);
    served = { body, headers: keySetHeaders(body, forged, 'alpha') };
    const peer = peerTrusting(trusted);
    await expect(refreshPeerKeys(ctx(), peer)).rejects.toThrow(/signed by no key we trust/);
    const real = identityWith(trusted, generateKeyPair());
    const realBody = keySetOf(real);
    served = { body: realBody, headers: keySetHeaders(realBody, real, 'gamma') };
    await expect(refreshPeerKeys(ctx(), peer)).rejects.toThrow(/wrong-audience/);
    expect(peer.public_key).not.toHaveProperty('keys');
  });
});
