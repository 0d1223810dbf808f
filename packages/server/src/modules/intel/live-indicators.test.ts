// Indicators that detect, end to end: indicators imported through the API reach the worker's live index
// without a restart; events whose addresses or domains match raise alerts for organisations that may
// receive the indicator (or hold it through a receipt), and sightings are recorded; a revoked indicator
// stops matching.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, IntelObjectDetail, IntelObjectPage } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

type Call = ReturnType<typeof client>;

// Recent: an indicator's score decays from its last sign of life (addresses: half-life 10 days).
const DAY0 = new Date(Date.now() - 86_400_000);
const at = (days = 0) => new Date(DAY0.getTime() + days * 86_400_000).toISOString();
const indicator = (id: string, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator', spec_version: '2.1', id, created: at(), modified: at(),
  name: `test ${pattern}`, pattern, pattern_type: 'stix', valid_from: at(), confidence: 90, ...extra,
});

describe('live indicator matching', () => {
  let t: TestApp;
  let root: Call;
  let other: Call;
  const cidr = `indicator--${randomUUID()}`;
  const domain = `indicator--${randomUUID()}`;
  const privateOne = `indicator--${randomUUID()}`;

  async function alertsOf(call: Call, min: number, ruleId?: string): Promise<Alert[]> {
    let found: Alert[] = [];
    for (let i = 0; i < 200; i++) {
      found = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=indicators&limit=500')).body.alerts.filter((a) => !ruleId || a.ruleId === ruleId);
      if (found.length >= min) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    return found;
  }

  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
    root = client(t.url, { token: t.adminToken });
    const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency B', slug: 'agency-b' });
    const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@b.example', role: 'analyst', organisationId: org.body.id });
    const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@b.example', password: user.body.password }) });
    const info = (await login.json()) as { csrfToken: string };
    const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
    other = client(t.url, { token: key.body.token });
  }, 60_000);
  afterAll(async () => t?.close());

  it('matches events against indicators imported while running, for the organisations that may receive them', async () => {
    const shared = await root<{ stored: number }>('POST', '/api/v1/intel/import?tlp=GREEN&distribution=community', JSON.stringify({
      type: 'bundle', id: `bundle--${randomUUID()}`,
      objects: [indicator(cidr, "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"), indicator(domain, "[domain-name:value = 'c2.evil.example']", { confidence: 30 })],
    }), { 'content-type': 'application/json' });
    expect(shared.body.stored).toBe(2);
    const own = await root<{ stored: number }>('POST', '/api/v1/intel/import?tlp=GREEN&distribution=organisation', JSON.stringify({ objects: [indicator(privateOne, "[ipv4-addr:value = '192.0.2.77']")] }), { 'content-type': 'application/json' });
    expect(own.body.stored).toBe(1);
    const now = new Date().toISOString();
    const events = [
      { '@timestamp': now, SourceIp: '203.0.113.9', DestinationIp: '10.0.0.5', Computer: 'fw1', seq: 1 },
      { '@timestamp': now, 'destination.domain': 'c2.evil.example', Computer: 'proxy1', seq: 2 },
      { '@timestamp': now, SourceIp: '192.0.2.77', Computer: 'fw1', seq: 3 },
      { '@timestamp': now, SourceIp: '198.51.100.1', Computer: 'fw1', seq: 4 },
    ];
    expect((await root('POST', '/api/v1/events', events)).status).toBe(200);
    expect((await other('POST', '/api/v1/events', events)).status).toBe(200);
    const mine = await alertsOf(root, 3);
    expect(mine.map((a) => a.ruleId).sort()).toEqual([cidr, domain, privateOne].sort());
    const byCidr = mine.find((a) => a.ruleId === cidr)!;
    expect(byCidr).toMatchObject({ severity: 'critical', fields: { observable: 'ipv4-addr:value', value: '203.0.113.9' } });
    expect(mine.find((a) => a.ruleId === domain)!.severity).toBe('medium');
    // The other organisation receives the community indicators, not the one kept in our organisation.
    const theirs = await alertsOf(other, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await alertsOf(other, 2)).map((a) => a.ruleId).sort()).toEqual([cidr, domain].sort());
    expect(theirs.every((a) => a.ruleId !== privateOne)).toBe(true);
    // Sightings: one per indicator and event, in each organisation's own store.
    const sightings = (await root<IntelObjectPage>('GET', '/api/v1/intel/objects?type=sighting')).body.objects;
    expect(sightings).toHaveLength(3);
    const theirSightings = (await other<IntelObjectPage>('GET', '/api/v1/intel/objects?type=sighting')).body.objects;
    expect(theirSightings).toHaveLength(2);
  });

  it('stops matching a revoked indicator from the next events on', async () => {
    const revoked = { ...indicator(cidr, "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"), modified: new Date(DAY0.getTime() + 3_600_000).toISOString(), revoked: true };
    expect((await root<{ stored: number }>('POST', '/api/v1/intel/import?tlp=GREEN&distribution=community', JSON.stringify({ objects: [revoked] }), { 'content-type': 'application/json' })).body.stored).toBe(1);
    const before = (await alertsOf(root, 0, domain)).length;
    const now = new Date().toISOString();
    await root('POST', '/api/v1/events', [
      { '@timestamp': now, SourceIp: '203.0.113.10', Computer: 'fw2', seq: 10 },
      { '@timestamp': now, 'destination.domain': 'c2.evil.example', Computer: 'proxy2', seq: 11 },
    ]);
    expect((await alertsOf(root, before + 1, domain)).length).toBe(before + 1);
    expect((await alertsOf(root, 0, cidr)).map((a) => a.fields['value'])).toEqual(['203.0.113.9']);
  });

  it('alerts an organisation that holds an indicator through a receipt, and keeps its sighting to it', async () => {
    const held = `indicator--${randomUUID()}`;
    const bundle = JSON.stringify({ objects: [indicator(held, "[ipv4-addr:value = '192.0.2.201']")] });
    const ct = { 'content-type': 'application/json' };
    expect((await root<{ stored: number }>('POST', '/api/v1/intel/import?tlp=AMBER&distribution=organisation', bundle, ct)).body.stored).toBe(1);
    // The other organisation imports the same feed: it cannot receive our copy, so it gets a receipt.
    const theirs = await other<{ stored: number }>('POST', '/api/v1/intel/import?tlp=AMBER&distribution=organisation', bundle, ct);
    expect([theirs.status, theirs.body.stored]).toEqual([200, 1]);
    await new Promise((r) => setTimeout(r, 300));
    const now = new Date().toISOString();
    expect((await other('POST', '/api/v1/events', [{ '@timestamp': now, SourceIp: '192.0.2.201', Computer: 'fw9', seq: 30 }])).status).toBe(200);
    const alerts = await alertsOf(other, 1, held);
    expect(alerts.map((a) => a.fields['value'])).toEqual(['192.0.2.201']);
    // Its sighting is its own; the indicator's owner is not told who else holds the content.
    const sightingsOf = async (call: Call) => {
      const page = (await call<IntelObjectPage>('GET', '/api/v1/intel/objects?type=sighting&limit=500')).body.objects;
      const details = await Promise.all(page.map((o) => call<IntelObjectDetail>('GET', `/api/v1/intel/objects/${o.id}`)));
      return details.map((d) => d.body.object).filter((o) => o['sighting_of_ref'] === held);
    };
    let mine: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 200 && !mine.length; i++) {
      mine = await sightingsOf(other);
      if (!mine.length) await new Promise((r) => setTimeout(r, 25));
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]!['object_marking_refs']).toBeUndefined();
    expect(await sightingsOf(root)).toEqual([]);
  });
});
