// The replay cache shared by the processes of one instance: two servers on the same database (in one
// process on PGlite, two connection pools on PostgreSQL) refuse a signed push that the other accepted;
// the cache itself answers fresh once, replayed until the expiry, fresh again after it, and purges.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedPeer } from '@bulwark/contracts';
import { openDb } from '../../../platform/db/open.ts';
import { INSTANCE, rows } from '../../../platform/index.ts';
import { databaseTiers, type TestDatabase, type Tier } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { generateKeyPair, publicJwk, SIGNATURE_HEADER, signEnvelope } from '../federation/index.ts';
import { DbReplayCache } from './replay-store.ts';

const TAXII = 'application/taxii+json;version=2.1';
const FEDERATION_COLLECTION = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d04';

for (const tier of databaseTiers()) {
  describe(`replay cache shared by the instance's processes (${tier.name})`, () => {
    let shared: TestDatabase;
    let second: TestDatabase;
    let one: TestApp;
    let two: TestApp;
    beforeAll(async () => {
      shared = await tier.open();
      // The second server: the same database; on PostgreSQL through its own pool, as another process would.
      const db2 = shared.url ? await openDb({ databaseUrl: shared.url, dataDir: shared.dataDir, poolSize: 2 }) : shared.db;
      second = { ...shared, db: db2, cleanup: async () => { if (db2 !== shared.db) await db2.close(); } };
      const reuse = (d: TestDatabase): Tier => ({ name: tier.name, open: async () => ({ ...d, cleanup: async () => {} }) });
      const env = { BULWARK_INSTANCE_ID: 'alpha', BULWARK_FEDERATION_SYNC_SECONDS: '3600' };
      one = await startTestApp(reuse(shared), { env });
      two = await startTestApp(reuse(second), { env });
    }, 90_000);
    afterAll(async () => {
      await two?.close();
      await one?.close();
      await second?.cleanup();
      await shared?.cleanup();
    });

    it('a push accepted by one server is refused as a replay by the other', async () => {
      const peerKeys = generateKeyPair();
      const added = await client(one.url, { token: one.adminToken })<AddedPeer>('POST', '/api/v1/federation/peers', {
        instanceId: 'beta', url: 'https://beta.example/taxii2/', token: 'token-that-beta-issued-to-alpha', publicKey: publicJwk(peerKeys.publicKey, { kid: 'beta' }), direction: 'pull',
      });
      expect(added.status).toBe(201);
      const envelope = { objects: [{ type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'pushed', is_family: true }] };
      const signature = signEnvelope(envelope, { privateKey: peerKeys.privateKey, kid: 'beta' }, 'alpha');
      const push = (t: TestApp) => fetch(`${t.url}/taxii2/api/collections/${FEDERATION_COLLECTION}/objects/`, {
        method: 'POST', body: JSON.stringify(envelope),
        headers: { authorization: `Bearer ${added.body.inboundToken}`, accept: TAXII, 'content-type': TAXII, [SIGNATURE_HEADER]: signature },
      });
      const first = await push(one);
      expect(first.status, await first.clone().text()).toBe(202);
      const again = await push(two);
      expect(again.status).toBe(401);
      expect(await again.text()).toMatch(/already accepted/);
      // And the first server too.
      expect((await push(one)).status).toBe(401);
    });

    it('claims a key once until it expires, then again; purges expired rows', async () => {
      const a = new DbReplayCache(shared.db);
      const b = new DbReplayCache(second.db);
      const key = `beta ${randomUUID()}`;
      expect(await a.claim(key, 1000, 900)).toBe('fresh');
      expect(await b.claim(key, 1000, 950)).toBe('replayed');
      expect(await a.claim(key, 1000, 999)).toBe('replayed');
      expect(await b.claim(key, 2000, 1000)).toBe('fresh');
      expect(await a.claim(key, 2000, 1500)).toBe('replayed');
      // Concurrent claims of one key: exactly one is fresh.
      const race = `beta ${randomUUID()}`;
      const answers = await Promise.all([a.claim(race, 5000, 10), b.claim(race, 5000, 10), a.claim(race, 5000, 10), b.claim(race, 5000, 10)]);
      expect(answers.filter((x) => x === 'fresh')).toHaveLength(1);
      const old = `beta ${randomUUID()}`;
      await a.claim(old, 100, 50);
      const count = async () => (await shared.db.tx(INSTANCE, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from federation_replay where key = ${old}`)))[0]!.n;
      expect(await count()).toBe(1);
      await new DbReplayCache(shared.db).claim(`beta ${randomUUID()}`, 1_000_000, 500_000);
      expect(await count()).toBe(0);
    });
  });
}
