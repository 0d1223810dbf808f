// MISP events through the API: converted to STIX and stored (again: nothing new), each object at its
// MISP distribution (never wider than allowed); an indicator on a configured warninglist is flagged, and
// its matches alert at informational level, tagged so that nothing blocks on them automatically.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, IntelObjectPage, MispImportReport } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';
import { fixtureEvents } from './misp/testing/feed-fixture.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../shared/corpora');
const LISTS = join(CORPORA, 'misp/warninglists');
const present = existsSync(LISTS);
if (!present) console.log(`MISP import test skipped: ${LISTS} is absent (set BULWARK_CORPORA).`);

describe.runIf(present)('MISP import', () => {
  let t: TestApp;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_MISP_WARNINGLISTS: LISTS } });
    call = client(t.url, { token: t.adminToken });
  }, 60_000);
  afterAll(async () => t?.close());

  const post = (event: unknown, query = 'tlp=GREEN&distribution=community') =>
    call<MispImportReport>('POST', `/api/v1/intel/import/misp?${query}`, JSON.stringify(event), { 'content-type': 'application/json' });

  it('stores each event as STIX once and keeps narrower distributions', async () => {
    const { events } = fixtureEvents();
    let total = 0;
    for (const e of events) {
      const r = await post(e);
      expect(r.status).toBe(200);
      expect(r.body.rejected).toBe(0);
      expect(r.body.stored).toBeGreaterThan(0);
      total += r.body.stored;
      const again = await post(e);
      expect(again.body).toMatchObject({ stored: 0, rejected: 0 });
    }
    const indicators = (await call<IntelObjectPage>('GET', '/api/v1/intel/objects?type=indicator&limit=1000')).body.objects;
    expect(indicators.length).toBeGreaterThan(5);
    expect(total).toBeGreaterThan(indicators.length);
    // No object is wider than the distribution the importer allowed.
    expect(indicators.every((i) => ['organisation', 'community'].includes(i.distribution))).toBe(true);
    expect(indicators.some((i) => i.distribution === 'organisation')).toBe(true);
  }, 60_000);

  it('alerts quietly on warninglisted indicators (never auto-blocked) and not at all on expired ones', async () => {
    const now = new Date().toISOString();
    await call('POST', '/api/v1/events', [
      { '@timestamp': now, DestinationIp: '8.8.8.8', Computer: 'ws1', seq: 1 },
      // An indicator whose MISP last_seen (its valid_until) has passed matches nothing.
      { '@timestamp': now, DestinationIp: '198.51.100.23', Computer: 'ws1', seq: 3 },
    ]);
    let alerts: Alert[] = [];
    for (let i = 0; i < 200 && alerts.length < 1; i++) {
      alerts = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=indicators')).body.alerts;
      if (alerts.length < 1) await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    alerts = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=indicators')).body.alerts;
    expect(alerts.map((a) => a.fields['value'])).toEqual(['8.8.8.8']);
    expect(alerts[0]).toMatchObject({ severity: 'informational' });
    expect(alerts[0]!.tags).toContain('no-auto-block');
    expect(alerts[0]!.fields['warninglists']).toBeDefined();
    // Flags are per value: indicators whose values are on no list carry none.
    const bundle = (await call<{ objects: Array<Record<string, unknown>> }>('GET', '/api/v1/intel/export?type=indicator')).body.objects.filter((o) => o['type'] === 'indicator');
    expect(bundle.some((o) => o['x_bulwark_warninglists'] === undefined)).toBe(true);
    expect(bundle.some((o) => Array.isArray(o['x_bulwark_warninglists']))).toBe(true);
  });

  it('refuses what is not a MISP event, with the reason', async () => {
    const r = await post({ hello: 'world' });
    expect(r.status).toBe(400);
    const broken = await call('POST', '/api/v1/intel/import/misp', '{"Event": ', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
  });
});
