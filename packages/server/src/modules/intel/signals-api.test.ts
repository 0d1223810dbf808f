// Sightings, false positives, decay scores and correlations through the API, for two organisations of one
// instance: what one organisation reports stays with it (default policy), scores follow what each may
// receive, correlations list and count only objects the caller may receive, and an indicator marked as a
// false positive alerts at informational level for that organisation only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, IntelCorrelations, IntelObjectDetail, IntelObjectPage, IntelSightingList, RecordedSighting } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

type Call = ReturnType<typeof client>;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const indicator = (pattern: string, extra: Record<string, unknown> = {}) => {
  const at = ago(1);
  return { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: at, modified: at, name: `test ${pattern}`, pattern, pattern_type: 'stix', valid_from: at, confidence: 90, ...extra };
};
const sco = (type: string, value: string) => ({ type, spec_version: '2.1', id: `${type}--${randomUUID()}`, value });

for (const tier of databaseTiers()) {
  describe(`sightings, scores and correlations (${tier.name})`, () => {
    let t: TestApp;
    let a: Call;
    let b: Call;
    let reader: Call;

    const importInto = async (call: Call, objects: unknown[], query: string) => {
      const r = await call<{ stored: number; rejected: number }>('POST', `/api/v1/intel/import?${query}`, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }), { 'content-type': 'application/json' });
      expect(r.body).toMatchObject({ stored: objects.length, rejected: 0 });
    };
    const summaryOf = async (call: Call, id: string) => (await call<IntelObjectDetail>('GET', `/api/v1/intel/objects/${id}`)).body.summary;
    const sightingsOf = async (call: Call, id: string) => (await call<IntelSightingList>('GET', `/api/v1/intel/objects/${id}/sightings`)).body;
    const correlationsOf = async (call: Call, id: string) => (await call<IntelCorrelations>('GET', `/api/v1/intel/objects/${id}/correlations`)).body;

    async function user(slug: string, email: string, role: string, orgId?: string): Promise<{ call: Call; org: string }> {
      const root = client(t.url, { token: t.adminToken });
      const org = orgId ?? (await root<{ id: string }>('POST', '/api/v1/organisations', { name: `Agency ${slug}`, slug })).body.id;
      const created = await root<{ password: string }>('POST', '/api/v1/users', { email, role, organisationId: org });
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: created.body.password }) });
      const info = (await login.json()) as { csrfToken: string };
      const session = client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken });
      if (role === 'trainee') return { call: session, org }; // may not hold API keys
      const key = await session<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
      return { call: client(t.url, { token: key.body.token }), org };
    }

    beforeAll(async () => {
      t = await startTestApp(tier, { env: { BULWARK_INTEL_CORRELATION_LIMIT: '3' } });
      a = client(t.url, { token: t.adminToken });
      const ub = await user('agency-b', 'analyst@b.example', 'analyst');
      b = ub.call;
      reader = (await user('agency-b', 'trainee@b.example', 'trainee', ub.org)).call;
    }, 60_000);
    afterAll(async () => t?.close());

    it('records true and false positives once, keeps them to the organisation, and lists only what each may receive', async () => {
      const shared = indicator("[ipv4-addr:value = '192.0.2.10']");
      const own = indicator("[ipv4-addr:value = '192.0.2.11']");
      await importInto(a, [shared], 'tlp=GREEN&distribution=community');
      await importInto(a, [own], 'tlp=GREEN&distribution=organisation');

      // Objects the caller may not receive: not found, whatever the route.
      expect((await b('POST', `/api/v1/intel/objects/${own.id}/sightings`, { kind: 'true-positive' })).status).toBe(404);
      expect((await b('GET', `/api/v1/intel/objects/${own.id}/sightings`)).status).toBe(404);
      expect((await b('GET', `/api/v1/intel/objects/${own.id}/correlations`)).status).toBe(404);
      expect((await b('POST', `/api/v1/intel/objects/indicator--${randomUUID()}/sightings`, { kind: 'true-positive' })).status).toBe(404);
      // Reading intelligence is not enough to report on it.
      expect((await reader('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'true-positive' })).status).toBe(403);

      const seen = { kind: 'true-positive', count: 3, firstSeen: ago(0.5), lastSeen: ago(0.1), note: 'seen on the proxy' };
      const first = await a<RecordedSighting>('POST', `/api/v1/intel/objects/${shared.id}/sightings`, seen);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: true, sighting: { kind: 'true-positive', automatic: false, count: 3, note: 'seen on the proxy', distribution: 'organisation' } });
      expect(first.body.sighting.id).toMatch(/^sighting--/);
      const again = await a<RecordedSighting>('POST', `/api/v1/intel/objects/${shared.id}/sightings`, seen);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: false, sighting: { id: first.body.sighting.id } });
      // The STIX objects: a sighting of the indicator, and for a false positive an opinion about it.
      const stix = (await a<IntelObjectDetail>('GET', `/api/v1/intel/objects/${first.body.sighting.id}`)).body.object;
      expect(stix).toMatchObject({ type: 'sighting', sighting_of_ref: shared.id, count: 3, x_bulwark_sighting: 'true-positive' });
      const fp = await a<RecordedSighting>('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'false-positive', note: 'our own scanner' });
      expect(fp.status).toBe(201);
      expect((await a<IntelObjectDetail>('GET', `/api/v1/intel/objects/${fp.body.sighting.id}`)).body.object).toMatchObject({
        type: 'opinion', opinion: 'strongly-disagree', object_refs: [shared.id], explanation: 'our own scanner', x_bulwark_sighting: 'false-positive',
      });
      expect((await b('GET', `/api/v1/intel/objects/${fp.body.sighting.id}`)).status).toBe(404);

      const mine = await sightingsOf(a, shared.id);
      expect(mine.counts).toEqual({ truePositive: 1, falsePositive: 1 });
      expect(mine.sightings.map((s) => s.kind).sort()).toEqual(['false-positive', 'true-positive']);
      // The other organisation sees none of it, and its own report stays with it.
      expect(await sightingsOf(b, shared.id)).toEqual({ counts: { truePositive: 0, falsePositive: 0 }, sightings: [] });
      expect((await b('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'true-positive' })).status).toBe(201);
      expect((await sightingsOf(b, shared.id)).counts).toEqual({ truePositive: 1, falsePositive: 0 });
      expect((await sightingsOf(a, shared.id)).counts).toEqual({ truePositive: 1, falsePositive: 1 });
      expect((await a<IntelObjectPage>('GET', '/api/v1/intel/objects?type=opinion&limit=1000')).body.objects.map((o) => o.id)).toContain(fp.body.sighting.id);
      expect((await b<IntelObjectPage>('GET', '/api/v1/intel/objects?type=opinion&limit=1000')).body.objects.map((o) => o.id)).not.toContain(fp.body.sighting.id);

      // Scores: a false positive after the last sighting is 0 for its organisation only.
      const sa = await summaryOf(a, shared.id);
      expect(sa.score).toBe(0);
      expect(sa.decay).toMatchObject({ model: 'exponential', observable: 'ipv4-addr', halfLifeDays: 10, baseScore: 90 });
      expect(sa.decay!.falsePositive).not.toBeNull();
      const sb = await summaryOf(b, shared.id);
      expect(sb.score).toBeGreaterThan(80);
      expect(sb.decay).toMatchObject({ falsePositive: null });
      expect(sb.decay!.lastSighting).not.toBeNull();
      // A new true positive after the false positive brings the score back.
      await new Promise((r) => setTimeout(r, 5));
      expect((await a('POST', `/api/v1/intel/objects/${shared.id}/sightings`, { kind: 'true-positive', note: 'real this time' })).status).toBe(201);
      expect((await summaryOf(a, shared.id)).score).toBeGreaterThan(80);
    });

    it('refuses reports that do not make sense', async () => {
      const ind = indicator("[domain-name:value = 'refused.example']");
      await importInto(a, [ind], 'tlp=GREEN&distribution=organisation');
      const post = (body: unknown) => a('POST', `/api/v1/intel/objects/${ind.id}/sightings`, body);
      expect((await post({ kind: 'true-positive', firstSeen: ago(1), lastSeen: ago(2) })).status).toBe(400);
      expect((await post({ kind: 'false-positive', count: 2 })).status).toBe(400);
      expect((await post({ kind: 'maybe' })).status).toBe(400);
      const ip = sco('ipv4-addr', '192.0.2.99');
      await importInto(a, [ip], 'tlp=GREEN&distribution=organisation');
      expect((await a('POST', `/api/v1/intel/objects/${ip.id}/sightings`, { kind: 'true-positive' })).status).toBe(400);
    });

    it('gives indicators a decayed score by the model of their observable type, in the list and the view', async () => {
      const old = indicator("[ipv4-addr:value = '192.0.2.20']", { created: ago(400), modified: ago(400), valid_from: ago(400), confidence: 70 });
      const hash = indicator("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']", { created: ago(30), modified: ago(30), valid_from: ago(30), confidence: undefined });
      const malware = { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: ago(1), modified: ago(1), name: 'no score', is_family: true };
      await importInto(a, [old, hash, malware], 'tlp=GREEN&distribution=organisation');
      const listed = (await a<IntelObjectPage>('GET', '/api/v1/intel/objects?limit=1000')).body.objects;
      const byId = new Map(listed.map((o) => [o.id, o]));
      expect(byId.get(old.id)).toMatchObject({ score: 0, decay: { observable: 'ipv4-addr', baseScore: 70, lastSighting: null, falsePositive: null } });
      // A year's half-life: after 30 days about 94 of 100.
      expect(byId.get(hash.id)).toMatchObject({ score: 94, decay: { observable: 'file', halfLifeDays: 365, baseScore: 100 } });
      expect(byId.get(malware.id)!.score).toBeUndefined();
      // A sighting refreshes an expired indicator.
      expect((await a('POST', `/api/v1/intel/objects/${old.id}/sightings`, { kind: 'true-positive' })).status).toBe(201);
      expect((await summaryOf(a, old.id)).score).toBe(70);
    });

    it('correlates objects that share a value, only among those the caller may receive, with an over-correlation cut-off', async () => {
      const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
      const x = indicator(`[ipv4-addr:value = '${ip}']`);
      const observed = sco('ipv4-addr', ip);
      const domain = sco('domain-name', 'shared-corr.example');
      const hidden = indicator(`[ipv4-addr:value = '${ip}' OR domain-name:value = 'Shared-Corr.Example.']`);
      await importInto(a, [x, observed, domain], 'tlp=GREEN&distribution=community');
      await importInto(a, [hidden], 'tlp=GREEN&distribution=organisation');

      const forA = await correlationsOf(a, x.id);
      expect(forA.limit).toBe(3);
      expect(forA.values.map((v) => ({ ...v, objects: [...v.objects].sort((p, q) => p.id.localeCompare(q.id)) }))).toEqual([{
        kind: 'ipv4-addr', value: ip, count: 3, overCorrelated: false,
        objects: [{ id: observed.id, type: 'ipv4-addr', name: null }, { id: hidden.id, type: 'indicator', name: hidden.name }].sort((p, q) => p.id.localeCompare(q.id)),
      }]);
      // B cannot see `hidden`: neither listed nor counted.
      const forB = await correlationsOf(b, x.id);
      expect(forB.values).toEqual([{ kind: 'ipv4-addr', value: ip, count: 2, overCorrelated: false, objects: [{ id: observed.id, type: 'ipv4-addr', name: null }] }]);
      const dom = await correlationsOf(a, domain.id);
      expect(dom.values).toEqual([{ kind: 'domain-name', value: 'shared-corr.example', count: 2, overCorrelated: false, objects: [{ id: hidden.id, type: 'indicator', name: hidden.name }] }]);
      expect((await correlationsOf(b, domain.id)).values).toEqual([{ kind: 'domain-name', value: 'shared-corr.example', count: 1, overCorrelated: false, objects: [] }]);

      // One more object of A's own with the value: 4 > 3 for A (over-correlated, no list), still 2 for B.
      await importInto(a, [indicator(`[network-traffic:dst_ref.value = '${ip}']`)], 'tlp=GREEN&distribution=organisation');
      expect((await correlationsOf(a, x.id)).values).toEqual([{ kind: 'ipv4-addr', value: ip, count: 4, overCorrelated: true, objects: [] }]);
      expect((await correlationsOf(b, x.id)).values).toEqual(forB.values);
      // A deleted object's values go with it.
      const del = await fetch(`${t.url}/taxii2/api/collections/5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d01/objects/${observed.id}/`, { method: 'DELETE', headers: { authorization: `Bearer ${t.adminToken}`, accept: 'application/taxii+json;version=2.1' } });
      expect(del.status).toBe(200);
      expect((await correlationsOf(b, x.id)).values).toEqual([{ kind: 'ipv4-addr', value: ip, count: 1, overCorrelated: false, objects: [] }]);
    });

    it('alerts at informational level on an indicator its organisation marked as a false positive, and normally for the others', async () => {
      const ind = indicator("[ipv4-addr:value = '192.0.2.200']");
      await importInto(a, [ind], 'tlp=GREEN&distribution=community');
      expect((await a('POST', `/api/v1/intel/objects/${ind.id}/sightings`, { kind: 'false-positive', note: 'load balancer' })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 500)); // the worker's index refreshes from intel.changed
      const event = [{ '@timestamp': new Date().toISOString(), SourceIp: '192.0.2.200', Computer: 'fw9' }];
      expect((await a('POST', '/api/v1/events', event)).status).toBe(200);
      expect((await b('POST', '/api/v1/events', event)).status).toBe(200);
      const alertOf = async (call: Call) => {
        for (let i = 0; i < 200; i++) {
          const found = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=indicators&limit=500')).body.alerts.find((x) => x.ruleId === ind.id);
          if (found) return found;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('no alert');
      };
      const mine = await alertOf(a);
      expect(mine).toMatchObject({ severity: 'informational', fields: { score: 0 } });
      expect(mine.tags).toEqual(expect.arrayContaining(['intel.false-positive', 'no-auto-block']));
      const theirs = await alertOf(b);
      expect(theirs.severity).toBe('critical');
      expect(theirs.tags).not.toContain('intel.false-positive');
      // No sighting for the false-positive match; one for the other organisation's.
      expect((await sightingsOf(a, ind.id)).counts).toEqual({ truePositive: 0, falsePositive: 1 });
      expect((await sightingsOf(b, ind.id)).sightings.filter((s) => s.automatic)).toHaveLength(1);
    });
  });
}
