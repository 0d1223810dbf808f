// Sightings between two instances (separate databases) with the `follow` sighting policy: a true positive
// and a false positive of an indicator shared with connected communities travel to the other instance with
// the indicator's scope, and there count for its score; a sighting of an indicator kept to this instance's
// community stays home.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedPeer, FederationStatus, IntelObjectDetail, IntelSightingList, RecordedSighting, SyncResult } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

type Call = ReturnType<typeof client>;
const env = (id: string) => ({ BULWARK_INSTANCE_ID: id, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_FEDERATION_SYNC_SECONDS: '3600', BULWARK_INTEL_SIGHTING_DISTRIBUTION: 'follow' });
const recent = new Date(Date.now() - 3_600_000).toISOString();
const indicator = (ip: string) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: recent, modified: recent,
  name: `C2 ${ip}`, pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: recent, confidence: 80,
});

describe('sightings across federated instances (follow policy)', () => {
  let a: TestApp;
  let b: TestApp;
  let callA: Call;
  let callB: Call;
  let peerOfB: string; // B's record of A
  let peerKeyAtA: string; // the key B uses to call A (federation-peer role)

  const importInto = (call: Call, objects: unknown[], query: string) =>
    call<{ stored: number }>('POST', `/api/v1/intel/import?${query}`, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }), { 'content-type': 'application/json' });
  const pull = async () => {
    const r = await callB<SyncResult>('POST', `/api/v1/federation/peers/${peerOfB}/sync`);
    expect(r.body.error).toBeNull();
    return r.body;
  };

  beforeAll(async () => {
    const tier = databaseTiers()[0]!;
    [a, b] = await Promise.all([startTestApp(tier, { env: env('alpha') }), startTestApp(tier, { env: env('beta') })]);
    callA = client(a.url, { token: a.adminToken });
    callB = client(b.url, { token: b.adminToken });
    const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
    const idB = (await callB<FederationStatus>('GET', '/api/v1/federation')).body;
    const addA = await callA<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: `${b.url}/taxii2/`, token: 'placeholder-until-beta-answers', publicKey: idB.publicKey, direction: 'both' });
    const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'alpha', url: `${a.url}/taxii2/`, token: addA.body.inboundToken, publicKey: idA.publicKey, direction: 'pull' });
    expect(addB.status).toBe(201);
    peerOfB = addB.body.peer.id;
    peerKeyAtA = addA.body.inboundToken;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('sends sightings and false positives of a connected indicator with its scope, and keeps those of a community one home', async () => {
    const shared = indicator('203.0.113.150');
    const home = indicator('203.0.113.151');
    expect((await importInto(callA, [shared], 'tlp=GREEN&distribution=connected')).body.stored).toBe(1);
    expect((await importInto(callA, [home], 'tlp=GREEN&distribution=community')).body.stored).toBe(1);
    const seen = await callA<RecordedSighting>('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'true-positive', count: 2, note: 'seen at alpha' });
    expect(seen.body.sighting).toMatchObject({ tlp: 'GREEN', distribution: 'connected' });
    // A peer's key may read and send STIX over TAXII, not report sightings through the API.
    expect((await client(a.url, { token: peerKeyAtA })('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'true-positive' })).status).toBe(403);
    const kept = await callA<RecordedSighting>('POST', `/api/v1/intel/objects/${home.id}/sightings`, { kind: 'true-positive' });
    expect(kept.body.sighting).toMatchObject({ distribution: 'community' });

    await pull();
    const there = await callB<IntelSightingList>('GET', `/api/v1/intel/objects/${shared.id}/sightings`);
    expect(there.status).toBe(200);
    expect(there.body.sightings).toEqual([expect.objectContaining({ id: seen.body.sighting.id, kind: 'true-positive', count: 2, note: 'seen at alpha', ownerInstance: 'alpha', distribution: 'community', tlp: 'GREEN' })]);
    expect((await callB('GET', `/api/v1/intel/objects/${kept.body.sighting.id}`)).status).toBe(404);
    // The sighting refreshes the indicator's score over there too.
    const scored = (await callB<IntelObjectDetail>('GET', `/api/v1/intel/objects/${shared.id}`)).body.summary;
    expect(scored.score).toBeGreaterThan(70);
    expect(scored.decay?.lastSighting).not.toBeNull();

    // A false positive stated at alpha afterwards reaches beta and sets the score to 0 there as well.
    await new Promise((r) => setTimeout(r, 5));
    const fp = await callA<RecordedSighting>('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'false-positive', note: 'a CDN address' });
    expect(fp.body.sighting).toMatchObject({ kind: 'false-positive', distribution: 'connected' });
    await pull();
    expect((await callB<IntelSightingList>('GET', `/api/v1/intel/objects/${shared.id}/sightings`)).body.counts).toEqual({ truePositive: 1, falsePositive: 1 });
    expect((await callB<IntelObjectDetail>('GET', `/api/v1/intel/objects/${shared.id}`)).body.summary.score).toBe(0);
  });
});
