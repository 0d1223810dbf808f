// Respond end to end, across two federated instances. Beta shares an indicator for the attacker's
// workstation address; alpha replays a real lateral-movement attack (OTRF SharpWMI: WORKSTATION5 runs
// WMI commands on WORKSTATION6) through its ingest API; the public Sigma rules and the shared indicator
// raise alerts that group into one incident for the target host; a playbook puts the attacker's address
// on the block list and shares a sighting, which reaches beta (the indicator's author is named
// on every sighting of it); the NIS2 early warning is prefilled.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedPeer, FederationStatus, Incident, IncidentDetail, IncidentList, IntelSightingList, Nis2ReportView, PlaybookRunList, SyncResult } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, retryingOn503, startTestApp, type TestApp } from '../../testing/app.ts';

const CORPORA = process.env.BULWARK_CORPORA ?? join(import.meta.dirname, '../../../../../../shared/corpora');
const OTRF = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
const RULES = join(CORPORA, 'sigma', 'rules', 'windows');
const TAXONOMIES = join(CORPORA, 'misp', 'taxonomies');
const HAVE = existsSync(OTRF) && existsSync(RULES);
if (!HAVE) console.log(`respond end-to-end test skipped: ${OTRF} or ${RULES} is absent`);

/** covenant_sharpwmi_create_dcerpc_wmi (datasets.csv): lines 217,518–219,860 of the corpus. */
const FIRST = 217_518;
const LAST = 219_860;
const ATTACKER = '172.18.39.5';
const TARGET = 'workstation6.theshire.local';

const PLAYBOOK = `
id: contain-lateral-movement
name: Contain lateral movement from a known address
version: 1
on:
  incident:
    types: [created, updated]
    when: "len(incident.entities.ips) > 0 and incident.alertCount >= 2"
concurrency: per-incident
steps:
  - id: known
    uses: enrich.intel
    with: { value: "{{ incident.entities.ips[0] }}" }
  - id: block
    uses: contain.blocklist
    if: "steps.known.output.known"
    with: { value: "{{ incident.entities.ips[0] }}", ttl: 7d, reason: "INC-{{ incident.number }}: {{ incident.title }}" }
  - id: sight
    uses: share.sighting
    if: "steps.known.output.known"
    with: { value: "{{ incident.entities.ips[0] }}" }
`;

function attack(): unknown[] {
  const lines = gunzipSync(readFileSync(OTRF)).toString('utf8').split('\n');
  return lines.slice(FIRST - 1, LAST).map((l) => JSON.parse(l) as unknown);
}

describe.skipIf(!HAVE)('respond end to end: replayed attack → incident → playbook → block list, sighting, NIS2', () => {
  let a: TestApp;
  let b: TestApp;
  let callA: ReturnType<typeof client>;
  let callB: ReturnType<typeof client>;
  let peerOfA: string;
  let peerOfB: string;
  const env = (id: string, extra: Record<string, string> = {}) => ({ BULWARK_INSTANCE_ID: id, BULWARK_EGRESS_ALLOW: '127.0.0.0/8', BULWARK_FEDERATION_SYNC_SECONDS: '3600', BULWARK_INTEL_SIGHTING_DISTRIBUTION: 'follow', ...extra });

  beforeAll(async () => {
    const tier = databaseTiers()[0]!;
    [a, b] = await Promise.all([
      startTestApp(tier, { env: env('alpha', { BULWARK_SIGMA_RULES: RULES, BULWARK_RETENTION_DAYS: '36500', ...(existsSync(TAXONOMIES) ? { BULWARK_MISP_TAXONOMIES: TAXONOMIES } : {}) }) }),
      startTestApp(tier, { env: env('beta') }),
    ]);
    callA = retryingOn503(client(a.url, { token: a.adminToken }));
    callB = retryingOn503(client(b.url, { token: b.adminToken }));
    const idA = (await callA<FederationStatus>('GET', '/api/v1/federation')).body;
    const idB = (await callB<FederationStatus>('GET', '/api/v1/federation')).body;
    const addA = await callA<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'beta', url: `${b.url}/taxii2/`, token: 'set-below-once-beta-answers', publicKey: idB.publicKey, direction: 'both' });
    const addB = await callB<AddedPeer>('POST', '/api/v1/federation/peers', { instanceId: 'alpha', url: `${a.url}/taxii2/`, token: addA.body.inboundToken, publicKey: idA.publicKey, direction: 'both' });
    expect(addB.status).toBe(201);
    peerOfB = addB.body.peer.id;
    peerOfA = addA.body.peer.id;
    expect((await callA('PATCH', `/api/v1/federation/peers/${peerOfA}`, { token: addB.body.inboundToken })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  async function until<T>(what: string, f: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await f();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const sync = async (call: typeof callA, peer: string) => {
    const r = await call<SyncResult>('POST', `/api/v1/federation/peers/${peer}/sync`);
    expect(r.body.error).toBeNull();
  };

  it('turns the replayed attack into one incident, contains it, shares a sighting and prefills the early warning', async () => {
    // Beta knows the attacker's workstation and shares it with connected communities.
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const indicatorId = `indicator--${randomUUID()}`;
    const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [{ type: 'indicator', spec_version: '2.1', id: indicatorId, created: recent, modified: recent, name: 'Compromised workstation used for WMI lateral movement', pattern: `[ipv4-addr:value = '${ATTACKER}']`, pattern_type: 'stix', valid_from: '2020-01-01T00:00:00Z', confidence: 85 }] };
    expect((await callB<{ stored: number }>('POST', '/api/v1/intel/import?tlp=GREEN&distribution=connected', JSON.stringify(bundle), { 'content-type': 'application/json' })).body.stored).toBe(1);
    await sync(callA, peerOfA);
    expect((await callA('GET', `/api/v1/intel/objects/${indicatorId}`)).status).toBe(200);
    expect((await callA('PUT', '/api/v1/playbooks/contain-lateral-movement', { source: PLAYBOOK })).status).toBe(201);

    // The attack, as its hosts logged it, through the ingest API.
    const events = attack();
    for (let i = 0; i < events.length; i += 1000) {
      const res = await callA<{ accepted: number }>('POST', '/api/v1/events', events.slice(i, i + 1000).map((e) => JSON.stringify(e)).join('\n'), { 'content-type': 'application/x-ndjson' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // One incident for the target host, with Sigma alerts and the indicator match in it.
    const incident = await until('the incident of the target host', async () => (await callA<IncidentList>('GET', `/api/v1/incidents?q=${TARGET}&limit=10`)).body.incidents,
      (l) => l.some((i) => i.groupKey === `host=${TARGET}` && i.entities.ips.includes(ATTACKER) && i.alertCount >= 2)).then((l) => l.find((i) => i.groupKey === `host=${TARGET}`)!);
    const onTarget = (await callA<IncidentList>('GET', '/api/v1/incidents?limit=500')).body.incidents.filter((i: Incident) => i.groupKey === `host=${TARGET}`);
    expect(onTarget).toHaveLength(1);
    const detail = (await callA<IncidentDetail>('GET', `/api/v1/incidents/${incident.id}`)).body;
    expect(detail.alerts.some((x) => x.detector === 'sigma')).toBe(true);
    expect(detail.alerts.some((x) => x.detector === 'indicators')).toBe(true);

    // The playbook blocked the attacker's address and shared a sighting of beta's indicator.
    await until('the playbook run', async () => (await callA<PlaybookRunList>('GET', `/api/v1/playbook-runs?incident=${incident.id}&status=succeeded`)).body.runs, (r) => r.length > 0);
    const txt = await (await fetch(`${a.url}/api/v1/blocklist.txt?kind=ipv4`, { headers: { authorization: `Bearer ${a.adminToken}` } })).text();
    expect(txt.split('\n')).toContain(ATTACKER);
    await sync(callB, peerOfB);
    const seen = await until('the sighting at beta', async () => {
      await sync(callB, peerOfB);
      return (await callB<IntelSightingList>('GET', `/api/v1/intel/objects/${indicatorId}/sightings`)).body.sightings;
    }, (s) => s.some((x) => x.ownerInstance === 'alpha' && x.note === `Seen in incident INC-${incident.number}`));
    // One sighting per incident, however many runs the incident's changes started.
    expect(seen.filter((x) => x.note === `Seen in incident INC-${incident.number}`)).toEqual([expect.objectContaining({ kind: 'true-positive', tlp: 'AMBER' })]);

    // NIS2: reportable from now; the early warning is prefilled from the incident.
    expect((await callA('PATCH', `/api/v1/incidents/${incident.id}`, { reportable: true })).status).toBe(200);
    const ew = await callA<Nis2ReportView>('POST', `/api/v1/incidents/${incident.id}/nis2/reports`, { kind: 'early-warning' });
    expect(ew.status).toBe(201);
    const doc = ew.body.document;
    expect(doc.kind).toBe('early-warning');
    expect(doc.awarenessAt).not.toBeNull();
    expect(doc.detectionAt).toBe(detail.incident.firstAlertAt);
    expect(doc.suspectedUnlawfulOrMalicious).toBe('yes');
    expect(doc.indicators.map((x) => x.value)).toContain(ATTACKER);
    expect(doc.threat.attackTechniques.length).toBeGreaterThan(0);
    expect(doc.mitigation.applied.map((m) => m.action).join('\n')).toMatch(new RegExp(ATTACKER.replace(/\./g, '\\.')));
  }, 300_000);
});
