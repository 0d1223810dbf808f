// Two Bulwark instances (separate databases, separate organisations) federating both ways over TAXII
// with signed pages: what one shares with connected communities reaches the other and detects there;
// what it keeps to itself never leaves; a retraction and a TLP downgrade reach the other side and take
// the object away there; a page signed with another key is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedPeer, Alert, FederationStatus, IntelObjectPage, RotatedKey, SharingGroup, SyncResult } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { generateKeyPair, publicJwk } from '../federation/index.ts';

type Call = ReturnType<typeof client>;
const TLP2_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const env = (id: string) => ({ BULWARK_INSTANCE_ID: id, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_FEDERATION_SYNC_SECONDS: '3600' });

const indicator = (id: string, ip: string, modified = '2026-01-01T00:00:00.000Z', extra: Record<string, unknown> = {}) => ({
  type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified,
  name: `C2 ${ip}`, pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', ...extra,
});

describe('federation between two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let callA: Call;
  let callB: Call;
  let peerOfA: string; // A's record of B
  let peerOfB: string; // B's record of A

  const importInto = (call: Call, objects: unknown[], query: string) =>
    call<{ stored: number; rejected: number }>('POST', `/api/v1/intel/import?${query}`, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }), { 'content-type': 'application/json' });
  const ids = async (call: Call) => (await call<IntelObjectPage>('GET', '/api/v1/intel/objects?type=indicator&limit=1000')).body.objects.map((o) => o.id);
  const sync = async (call: Call, peer: string) => {
    const r = await call<SyncResult>('POST', `/api/v1/federation/peers/${peer}/sync`);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    const tier = databaseTiers()[0]!;
    [a, b] = await Promise.all([startTestApp(tier, { env: env('alpha') }), startTestApp(tier, { env: env('beta') })]);
    callA = client(a.url, { token: a.adminToken });
    callB = client(b.url, { token: b.adminToken });
    const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
    const idB = (await callB<FederationStatus>('GET', '/api/v1/federation')).body;
    expect(idA.instanceId).toBe('alpha');
    // Each side adds the other; the inbound token each side answers is what the other side sends.
    const addA = await callA<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: `${b.url}/taxii2/`, token: 'placeholder-until-beta-answers', publicKey: idB.publicKey, direction: 'both' });
    expect(addA.status).toBe(201);
    const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'alpha', url: `${a.url}/taxii2/`, token: addA.body.inboundToken, publicKey: idA.publicKey, direction: 'both' });
    expect(addB.status).toBe(201);
    peerOfA = addA.body.peer.id;
    peerOfB = addB.body.peer.id;
    expect((await callA('PATCH', `/api/v1/federation/peers/${peerOfA}`, { token: addB.body.inboundToken })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('shares what is for connected communities, keeps the rest home, and detects with it on the other side', async () => {
    const shared = `indicator--${randomUUID()}`;
    const home = `indicator--${randomUUID()}`;
    expect((await importInto(callA, [indicator(shared, '203.0.113.50')], 'tlp=GREEN&distribution=connected')).body.stored).toBe(1);
    expect((await importInto(callA, [indicator(home, '203.0.113.51')], 'tlp=GREEN&distribution=community')).body.stored).toBe(1);
    const r = await sync(callB, peerOfB);
    expect(r).toMatchObject({ error: null, rejected: 0 });
    const got = await ids(callB);
    expect(got).toContain(shared);
    expect(got).not.toContain(home);
    const detail = await callB<{ summary: { ownerInstance: string; distribution: string; tlp: string } }>('GET', `/api/v1/intel/objects/${shared}`);
    // Connected on alpha arrives as beta's community; the owner stays alpha.
    expect(detail.body.summary).toMatchObject({ ownerInstance: 'alpha', distribution: 'community', tlp: 'GREEN' });
    // Beta's live index picked it up: an event on beta matches.
    await callB('POST', '/api/v1/events', [{ '@timestamp': new Date().toISOString(), SourceIp: '203.0.113.50', Computer: 'fw-beta' }]);
    let alerts: Alert[] = [];
    for (let i = 0; i < 200 && alerts.length === 0; i++) {
      alerts = (await callB<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=indicators')).body.alerts;
      if (!alerts.length) await new Promise((res) => setTimeout(res, 25));
    }
    expect(alerts.map((x) => x.ruleId)).toEqual([shared]);
    // Again: nothing new, nothing twice.
    const again = await sync(callB, peerOfB);
    expect(again).toMatchObject({ stored: 0, error: null });
    // Connected on alpha became community on beta: it does not travel back or further.
    expect((await sync(callA, peerOfA)).stored).toBe(0);
  });

  it('carries a retraction and a TLP downgrade to the other side', async () => {
    const retracted = `indicator--${randomUUID()}`;
    const downgraded = `indicator--${randomUUID()}`;
    await importInto(callA, [indicator(retracted, '203.0.113.60'), indicator(downgraded, '203.0.113.61')], 'tlp=GREEN&distribution=connected');
    await sync(callB, peerOfB);
    expect(await ids(callB)).toEqual(expect.arrayContaining([retracted, downgraded]));
    // Alpha deletes one and raises the other to TLP:AMBER (peers are not among its recipients).
    const del = await fetch(`${a.url}/taxii2/api/collections/5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d01/objects/${retracted}/`, { method: 'DELETE', headers: { authorization: `Bearer ${a.adminToken}`, accept: 'application/taxii+json;version=2.1' } });
    expect(del.status).toBe(200);
    expect((await importInto(callA, [indicator(downgraded, '203.0.113.61', '2026-03-01T00:00:00.000Z', { object_marking_refs: [TLP2_AMBER] })], 'tlp=GREEN&distribution=connected')).body.stored).toBe(1);
    const r = await sync(callB, peerOfB);
    expect(r.error).toBeNull();
    expect(r.retracted).toBe(2);
    const left = await ids(callB);
    expect(left).not.toContain(retracted);
    expect(left).not.toContain(downgraded);
  });

  it('federates the other way too', async () => {
    const fromBeta = `indicator--${randomUUID()}`;
    await importInto(callB, [indicator(fromBeta, '198.51.100.70')], 'tlp=CLEAR&distribution=all');
    expect((await sync(callA, peerOfA)).error).toBeNull();
    expect(await ids(callA)).toContain(fromBeta);
    const detail = await callA<{ summary: { ownerInstance: string; distribution: string } }>('GET', `/api/v1/intel/objects/${fromBeta}`);
    expect(detail.body.summary).toMatchObject({ ownerInstance: 'beta', distribution: 'all' });
  });

  it('pushes: what alpha adds reaches beta when alpha syncs, signed and with its scope', async () => {
    const pushed = `indicator--${randomUUID()}`;
    await importInto(callA, [indicator(pushed, '203.0.113.80')], 'tlp=GREEN&distribution=connected');
    const r = await sync(callA, peerOfA);
    expect(r.error).toBeNull();
    expect(r.pushed).toBeGreaterThanOrEqual(1);
    expect(await ids(callB)).toContain(pushed);
    const detail = await callB<{ summary: { ownerInstance: string; distribution: string } }>('GET', `/api/v1/intel/objects/${pushed}`);
    expect(detail.body.summary).toMatchObject({ ownerInstance: 'alpha', distribution: 'community' });
    // Pushing again sends only what is new.
    expect((await sync(callA, peerOfA)).pushed).toBe(0);
  });

  it('shares with a sharing group whose member is on the other instance: pushed there, received by that member only; removing the member retracts it there', async () => {
    const org = await callB<{ id: string }>('POST', '/api/v1/organisations', { name: 'Grid operator', slug: 'grid-operator' });
    expect(org.status).toBe(201);
    const email = `analyst@grid-${randomUUID().slice(0, 6)}.example`;
    const user = await callB<{ password: string }>('POST', '/api/v1/users', { email, role: 'analyst', organisationId: org.body.id });
    const login = await fetch(`${b.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: user.body.password }) });
    const session = (await login.json()) as { csrfToken: string };
    const key = await client(b.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: session.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
    const member = client(b.url, { token: key.body.token });
    const group = await callA<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'Grid operators', members: [{ instance: 'beta', org: org.body.id }] });
    expect(group.status).toBe(201);
    const shared = `indicator--${randomUUID()}`;
    expect((await importInto(callA, [indicator(shared, '203.0.113.95', '2026-01-01T00:00:00.000Z', { object_marking_refs: [TLP2_AMBER] })], `group=${group.body.id}`)).body.stored).toBe(1);
    expect((await sync(callA, peerOfA)).error).toBeNull();
    expect(await ids(member)).toContain(shared);
    expect(await ids(callB)).not.toContain(shared);
    const detail = await member<{ summary: { ownerInstance: string; distribution: string } }>('GET', `/api/v1/intel/objects/${shared}`);
    expect(detail.body.summary).toMatchObject({ ownerInstance: 'alpha', distribution: 'group' });
    expect((await callA('PATCH', `/api/v1/intel/sharing-groups/${group.body.id}`, { removeMembers: [{ instance: 'beta', org: org.body.id }] })).status).toBe(200);
    const r = await sync(callB, peerOfB);
    expect(r.error).toBeNull();
    expect(r.retracted).toBeGreaterThanOrEqual(1);
    expect(await ids(member)).not.toContain(shared);
  });

  it('rotates alpha\'s key: beta takes the new key from alpha\'s published set at its next sync, vouched for by the old one', async () => {
    const before = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
    const rotated = await callA<RotatedKey>('POST', '/api/v1/federation/rotate-key');
    expect(rotated.status).toBe(200);
    expect(rotated.body.fingerprint).not.toBe(before.fingerprint);
    expect(rotated.body.previousFingerprint).toBe(before.fingerprint);
    expect(rotated.body.retired.map((k) => k.fingerprint)).toEqual([before.fingerprint]);
    expect(Date.parse(rotated.body.retired[0]!.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await callA<FederationStatus>('GET', '/api/v1/federation')).body.fingerprint).toBe(rotated.body.fingerprint);
    // The published set: both keys, signed by the new one and endorsed by the old one.
    const set = await fetch(`${a.url}/taxii2/x-bulwark-keys/`, { headers: { authorization: `Bearer ${a.adminToken}`, accept: 'application/taxii+json;version=2.1' } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { keys: unknown[] }).keys).toHaveLength(2);
    expect(set.headers.get('x-bulwark-signature')).toBeTruthy();
    expect(set.headers.get('x-bulwark-endorsements')).toBeTruthy();
    // Beta still holds only the old key: it learns the new one before pulling, and the pages verify.
    const fresh = `indicator--${randomUUID()}`;
    await importInto(callA, [indicator(fresh, '203.0.113.85')], 'tlp=GREEN&distribution=connected');
    const r = await sync(callB, peerOfB);
    expect(r.error).toBeNull();
    expect(await ids(callB)).toContain(fresh);
    // Alpha's pushes, signed with the new key, are accepted by beta too.
    const pushed = `indicator--${randomUUID()}`;
    await importInto(callA, [indicator(pushed, '203.0.113.86')], 'tlp=GREEN&distribution=connected');
    expect((await sync(callA, peerOfA)).error).toBeNull();
    expect(await ids(callB)).toContain(pushed);
    const audit = await callA<{ entries: Array<{ action: string }> }>('GET', '/api/v1/audit?limit=200');
    expect(audit.body.entries.map((e) => e.action)).toContain('federation.key.rotate');
  });

  it('refuses pages signed with another key', async () => {
    const wrong = publicJwk(generateKeyPair().publicKey, { kid: 'alpha' });
    expect((await callB('PATCH', `/api/v1/federation/peers/${peerOfB}`, { publicKey: wrong })).status).toBe(200);
    await importInto(callA, [indicator(`indicator--${randomUUID()}`, '203.0.113.90')], 'tlp=GREEN&distribution=connected');
    const r = await sync(callB, peerOfB);
    expect(r.error).toMatch(/signature/i);
    expect(r.stored).toBe(0);
    const status = await callB<FederationStatus>('GET', '/api/v1/federation');
    expect(status.body.peers[0]).toMatchObject({ instanceId: 'alpha', signed: true });
    expect(status.body.peers[0]!.lastError).toMatch(/signature/i);
  });
});
