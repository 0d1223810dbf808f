// Hash banks between two instances (separate databases, signed TAXII federation): an entry of a
// `connected` bank at alpha is found by beta's media check as a match shared by alpha, with its context
// and nothing of the media; alpha's withdrawal reaches beta, whose check then says unknown; an entry
// of an `organisation` bank never leaves alpha; deleting a connected bank at alpha withdraws its entries at beta.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedPeer, DeletedMediaBank, FederationStatus, IntelObjectDetail, MediaBank, MediaBankEntry, MediaCheck, SharedMediaEntryList, SyncResult } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, retryingOn503, startTestApp, type TestApp } from '../../../testing/app.ts';
import { pictureRgba, png, withBar } from '../check/test-images.ts';

type Call = ReturnType<typeof client>;
const env = (id: string) => ({ BULWARK_INSTANCE_ID: id, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_FEDERATION_SYNC_SECONDS: '3600' });

const W = 400;
const H = 300;
const pixels = pictureRgba(W, H, 2026);
const fake = png(W, H, pixels);
// A re-upload with a thin caption bar at the bottom: other bytes, a PDQ about 20 bits away.
const reupload = png(W, H, withBar(W, H, pixels, 0.02));

describe('media hash banks across federated instances', () => {
  let a: TestApp;
  let b: TestApp;
  let callA: Call;
  let callB: Call;
  let peerOfB: string;

  const check = async (t: TestApp, bytes: Uint8Array, name: string) => {
    const res = await fetch(`${t.url}/api/v1/media/check?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/octet-stream' }, body: bytes });
    expect(res.status).toBe(200);
    return (await res.json()) as MediaCheck;
  };
  const pull = async () => {
    const r = await callB<SyncResult>('POST', `/api/v1/federation/peers/${peerOfB}/sync`);
    expect(r.body.error).toBeNull();
    return r.body;
  };

  beforeAll(async () => {
    const tier = databaseTiers()[0]!;
    // One after the other: two embedded databases migrating at once can stall the event loop on a busy machine.
    a = await startTestApp(tier, { env: env('alpha') });
    b = await startTestApp(tier, { env: env('beta') });
    callA = retryingOn503(client(a.url, { token: a.adminToken }));
    callB = retryingOn503(client(b.url, { token: b.adminToken }));
    const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
    const idB = (await callB<FederationStatus>('GET', '/api/v1/federation')).body;
    const addA = await callA<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: `${b.url}/taxii2/`, token: `placeholder-${randomUUID()}`, publicKey: idB.publicKey, direction: 'both' });
    const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'alpha', url: `${a.url}/taxii2/`, token: addA.body.inboundToken, publicKey: idA.publicKey, direction: 'pull' });
    expect(addB.status, JSON.stringify(addB.body)).toBe(201);
    peerOfB = addB.body.peer.id;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('finds at beta a fake banked at alpha, and forgets it when alpha withdraws it', async () => {
    // beta knows nothing yet (its index is loaded now, and must pick up what the sync brings later).
    expect((await check(b, reupload, 'reupload.png')).verdict).toBe('unknown');

    const shared = await callA<MediaBank>('POST', '/api/v1/media/banks', { name: 'Election 2026 deepfakes', tlp: 'GREEN', distribution: 'connected' });
    const home = await callA<MediaBank>('POST', '/api/v1/media/banks', { name: 'Internal leads', tlp: 'AMBER', distribution: 'organisation' });
    const first = await check(a, fake, 'fake.png');
    const entry = await callA<MediaBankEntry>('POST', `/api/v1/media/banks/${shared.body.id}/entries`, {
      checkId: first.id, title: 'Doctored rally photo', narrative: 'Crowd added to a half-empty square', actor: 'Doppelganger', campaign: 'Election 2026', disarm: ['T0086.003'], source: 'channel @example',
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const internal = await callA<MediaBankEntry>('POST', `/api/v1/media/banks/${home.body.id}/entries`, { hashes: { sha256: 'cd'.repeat(32) }, title: 'internal lead' });
    expect(internal.status).toBe(201);

    const synced = await pull();
    expect(synced.stored).toBeGreaterThan(0);
    const there = await check(b, reupload, 'reupload.png');
    expect(there.verdict).toBe('near-match');
    const m = there.matches[0]!;
    expect(m).toMatchObject({ algorithm: 'pdq', local: false, ownerInstance: 'alpha', entryId: null, bank: 'Election 2026 deepfakes', title: 'Doctored rally photo', narrative: 'Crowd added to a half-empty square', actor: 'Doppelganger', disarm: ['T0086.003'], tlp: 'GREEN' });
    expect(m.distance).toBeGreaterThan(10);
    expect(m.distance).toBeLessThanOrEqual(31);
    expect((await check(b, fake, 'fake.png')).verdict).toBe('known-fake');

    // Only hashes and context crossed: the indicator, the file observable (hashes), actor and campaign.
    const ind = await callB<IntelObjectDetail>('GET', `/api/v1/intel/objects/${entry.body.indicatorId}`);
    expect(ind.body.summary).toMatchObject({ ownerInstance: 'alpha', tlp: 'GREEN' });
    expect(JSON.stringify(ind.body.object)).not.toContain('data:');
    const listed = await callB<SharedMediaEntryList>('GET', '/api/v1/media/shared');
    expect(listed.body.entries.map((e) => [e.title, e.ownerInstance, e.local])).toEqual([['Doctored rally photo', 'alpha', false]]);
    // The organisation-only bank stayed home.
    expect((await callB<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: 'cd'.repeat(32) } })).body.verdict).toBe('unknown');

    const withdrawn = await callA<MediaBankEntry>('POST', `/api/v1/media/entries/${entry.body.id}/withdraw`, { reason: 'original photo found' });
    expect(withdrawn.body.status).toBe('withdrawn');
    await pull();
    expect((await check(b, reupload, 'reupload.png')).verdict).toBe('unknown');
    expect((await check(b, fake, 'fake.png')).verdict).toBe('unknown');
    expect((await callB<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries).toEqual([]);
  }, 120_000);

  it('withdraws at beta the entries of a bank deleted at alpha', async () => {
    const bank = await callA<MediaBank>('POST', '/api/v1/media/banks', { name: 'Voice clones', tlp: 'GREEN', distribution: 'connected' });
    const hashes = [{ sha256: '5b'.repeat(32) }, { sha256: '6c'.repeat(32) }];
    for (const [i, h] of hashes.entries()) expect((await callA('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: h, title: `clone ${i}` })).status).toBe(201);
    const verdict = async (h: object) => (await callB<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: h })).body.verdict;
    await pull();
    for (const h of hashes) expect(await verdict(h)).toBe('known-fake');

    const deleted = await callA<DeletedMediaBank>('DELETE', `/api/v1/media/banks/${bank.body.id}`, { reason: 'campaign over' });
    expect(deleted.body.withdrawn).toBe(2);
    await pull();
    for (const h of hashes) expect(await verdict(h)).toBe('unknown');
    expect((await callB<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries.filter((e) => e.bank === 'Voice clones')).toEqual([]);
  }, 120_000);
});
