// Anomaly jobs end to end: events in over HTTP → an explained anomaly alert in GET /api/v1/alerts;
// job state survives a restart; a false positive suppresses the next similar finding; tuning,
// allow-list and entity pages are permission-checked and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@bulwark/contracts';
import { buildApp, type App } from '../../app.ts';
import { sql } from 'drizzle-orm';
import { createInprocBus } from '../../platform/bus/inproc.ts';
import { INSTANCE, rows } from '../../platform/index.ts';
import { createMetrics } from '../../platform/http/metrics.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';
import { databaseTiers } from '../../testing/databases.ts';
import { intToIpv4, openGeo } from './geo/geo.ts';

const geo = openGeo();
const ipOf = (country: string) => {
  for (const [a] of geo.rangesOf!(country)) {
    const ip = intToIpv4(a + 1);
    if (geo.lookup(ip).country?.country === country) return ip;
  }
  throw new Error(country);
};
const login = (user: string, ip: string, minutesAgo: number) => ({
  '@timestamp': new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  event: { category: 'authentication', type: 'start', outcome: 'success' }, user: { name: user }, source: { ip }, host: { name: 'vpn-gw' },
});

for (const tier of databaseTiers()) {
  describe(`anomaly jobs end to end (${tier.name})`, () => {
    let t: TestApp;
    let second: App | undefined;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(tier, { env: { BULWARK_ANOMALY_SAVE_SECONDS: '1' } });
      call = client(t.url, { token: t.adminToken });
    });
    afterAll(async () => {
      await second?.stop();
      await t?.database.cleanup();
    });

    async function travelAlerts(n: number): Promise<Alert[]> {
      for (let i = 0; i < 400; i++) {
        const list = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=anomaly')).body.alerts.filter((a) => a.ruleId === 'impossible_travel');
        if (list.length >= n) return list;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`expected ${n} impossible-travel alerts`);
    }

    it('raises an explained alert from events sent over HTTP, with state kept across a restart', async () => {
      expect((await call('POST', '/api/v1/events', [login('alice', ipOf('DE'), 180)])).status).toBe(200);
      // Restart: the first app saves job state when it stops; a new one on the same database resumes it.
      // Wait until the login was judged and saved (a later batch triggers the periodic save).
      const saved = async () => (await t.database.db.tx(INSTANCE, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from anomaly_state where job = 'impossible_travel' and state::text like '%alice%'`)))[0]!.n;
      for (let i = 0; i < 100 && (await saved()) === 0; i++) {
        await new Promise((r) => setTimeout(r, 300));
        await call('POST', '/api/v1/events', [{ '@timestamp': new Date().toISOString(), event: { category: 'process', type: 'start' }, host: { name: 'h1' }, process: { name: `p${i}.exe` } }]);
      }
      expect(await saved()).toBe(1);
      await t.app.stop();
      const platform = { ...t.platform, bus: createInprocBus(t.database.db, t.platform.log), metrics: createMetrics() };
      second = await buildApp(platform);
      await second.start();
      await second.http!.listen({ host: '127.0.0.1', port: 0 });
      const addr = second.http!.server.address();
      call = client(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, { token: t.adminToken });

      await call('POST', '/api/v1/events', [login('alice', ipOf('AU'), 120)]);
      const [alert] = await travelAlerts(1);
      expect(alert).toMatchObject({ detector: 'anomaly', ruleId: 'impossible_travel', status: 'open', tags: ['anomaly', 'anomaly.impossible_travel'] });
      expect(alert!.eventIds).toHaveLength(2);
      const f = alert!.fields as { score: number; entity: string; feature: string; explanation: { features: { speed_kmh: number }; baseline: { previous_country: string }; observed: { country: string }; influencers: unknown[] } };
      expect(f.entity).toBe('alice');
      expect(f.feature).toBe('travel:AU-DE');
      expect(f.explanation.baseline.previous_country).toBe('DE');
      expect(f.explanation.observed.country).toBe('AU');
      expect(f.explanation.features.speed_kmh).toBeGreaterThan(900);
      expect(f.score).toBeGreaterThanOrEqual(60);
      expect(['medium', 'high', 'critical']).toContain(alert!.severity);

      const page = (await call<{ kind: string; risk: number; timeline: unknown[]; findings: Alert[] }>('GET', '/api/v1/anomaly/entities/user/alice')).body;
      expect(page.risk).toBeGreaterThan(0);
      expect(page.timeline.length).toBe(1);
      expect(page.findings.map((x) => x.id)).toEqual([alert!.id]);
      const list = (await call<{ entities: Array<{ entity: string }> }>('GET', '/api/v1/anomaly/entities')).body.entities;
      expect(list.map((e) => e.entity)).toContain('alice');
    });

    it('a false positive suppresses the next similar finding, not a different one', async () => {
      const [alert] = await travelAlerts(1);
      const fp = await call('POST', '/api/v1/anomaly/false-positives', { alertId: alert!.id });
      expect(fp.status).toBe(201);
      expect(fp.body).toMatchObject({ job: 'impossible_travel', entity: 'alice', feature: 'travel:AU-DE' });
      expect((await call<Alert>('GET', `/api/v1/alerts/${alert!.id}`)).body).toMatchObject({ status: 'closed' });
      // Back to DE (AU–DE again: suppressed), then on to Brazil (BR–DE: a new alert).
      await call('POST', '/api/v1/events', [login('alice', ipOf('DE'), 60), login('alice', ipOf('BR'), 30)]);
      const all = await travelAlerts(2);
      expect(all.map((a) => (a.fields as { feature: string }).feature).sort()).toEqual(['travel:AU-DE', 'travel:BR-DE']);
      const audit = (await call<{ entries: { action: string }[] }>('GET', '/api/v1/audit?action=anomaly.false_positive')).body.entries;
      expect(audit).toHaveLength(1);
    });

    it('lists jobs, tunes thresholds, disables jobs and keeps allow-list entries, for permitted users only', async () => {
      const jobs = (await call<{ jobs: Array<{ name: string; enabled: boolean; threshold: number; defaultThreshold: number }> }>('GET', '/api/v1/anomaly/jobs')).body.jobs;
      expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['rare_process', 'login_hour', 'failed_login_spike', 'password_spray', 'impossible_travel', 'first_seen_geo', 'data_volume', 'dormant_account', 'peer_group']));
      const tuned = await call('PATCH', '/api/v1/anomaly/jobs/login_hour', { threshold: 95 });
      expect(tuned.body).toMatchObject({ name: 'login_hour', enabled: true, threshold: 95 });
      expect((await call('PATCH', '/api/v1/anomaly/jobs/login_hour', { enabled: false })).body).toMatchObject({ enabled: false, threshold: 95 });
      expect((await call('PATCH', '/api/v1/anomaly/jobs/login_hour', { threshold: null })).body).toMatchObject({ enabled: false, threshold: 80 });
      expect((await call('PATCH', '/api/v1/anomaly/jobs/nope', { enabled: false })).status).toBe(404);
      expect((await call('PATCH', '/api/v1/anomaly/jobs/login_hour', { threshold: 101 })).status).toBe(400);

      const added = await call<{ id: string }>('POST', '/api/v1/anomaly/allow', { job: 'impossible_travel', entity: '*', value: '198.51.100.0/24', note: 'VPN' });
      expect(added.status).toBe(201);
      expect((await call('POST', '/api/v1/anomaly/allow', { job: 'nope', entity: '*', value: 'x' })).status).toBe(400);
      const entries = (await call<{ entries: Array<{ id: string; value: string }> }>('GET', '/api/v1/anomaly/allow')).body.entries;
      expect(entries.map((e) => e.value)).toEqual(['198.51.100.0/24']);
      expect((await call('DELETE', `/api/v1/anomaly/allow/${added.body.id}`)).status).toBe(204);
      expect((await call('DELETE', `/api/v1/anomaly/allow/${added.body.id}`)).status).toBe(404);
      const audit = (await call<{ entries: { action: string }[] }>('GET', '/api/v1/audit?action=anomaly.job.update')).body.entries;
      expect(audit).toHaveLength(3);

      const anonymous = client(t.url.replace(/:\d+$/, `:${(second!.http!.server.address() as { port: number }).port}`));
      expect((await anonymous('GET', '/api/v1/anomaly/jobs')).status).toBe(401);
      expect((await anonymous('POST', '/api/v1/anomaly/false-positives', { alertId: '0'.repeat(40) })).status).toBe(401);
    });
  });
}
