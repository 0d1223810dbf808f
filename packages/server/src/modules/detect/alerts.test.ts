// The detector port end to end: a detector sees stored events through the bus, its alerts get
// deterministic ids (a second delivery of the same events raises nothing new), and analysts work them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';
import { raiseAlerts } from './alert-store.ts';
import type { Detector } from './port.ts';

const seen: string[] = [];
const bruteForce: Detector = {
  id: 'test-brute-force',
  detect(_org, events) {
    seen.push(...events.map((e) => e.eventId));
    const failures = events.filter((e) => (e.native as { outcome?: string }).outcome === 'failure');
    if (failures.length < 3) return [];
    return [{ ruleId: 'many-failures', title: `${failures.length} failed logins`, severity: 'high', eventIds: failures.map((e) => e.eventId), eventTime: failures[0]!.time, tags: ['attack.t1110'], references: ['https://attack.mitre.org/techniques/T1110/'], fields: { count: failures.length } }];
  },
};

for (const tier of databaseTiers()) {
  describe(`alerts (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(tier, { detectors: [bruteForce] });
      call = client(t.url, { token: t.adminToken });
    });
    afterAll(async () => t?.close());

    async function waitForAlerts(n: number, q = ''): Promise<{ id: string; status: string; assigneeId: string | null; tags: string[]; severity: string; eventIds: string[] }[]> {
      for (let i = 0; i < 200; i++) {
        const list = ((await call('GET', `/api/v1/alerts?detector=test-brute-force${q}`)).body as { alerts: never[] }).alerts;
        if (list.length >= n) return list;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('no alert');
    }

    it('raises one alert per detection, whatever the number of deliveries', async () => {
      const events = Array.from({ length: 4 }, (_, i) => ({ outcome: 'failure', user: 'bob', attempt: i }));
      await call('POST', '/api/v1/events', events);
      const [alert] = await waitForAlerts(1);
      expect(alert!.severity).toBe('high');
      expect(alert!.tags).toEqual(['attack.t1110']);
      expect(alert!.eventIds).toHaveLength(4);
      // Deliver the same message again, as at-least-once delivery may: no second alert.
      const orgId = (await call<{ organisation: { id: string } }>('GET', '/api/v1/auth/session')).body.organisation.id;
      const stored = (await call<{ events: { eventId: string; time: string; native: Record<string, unknown> }[] }>('GET', '/api/v1/events?field=native.user=bob')).body.events;
      const found = await bruteForce.detect(orgId, stored.map((e) => ({ ...e, receivedAt: e.time, source: 'http', format: 'json', classUid: 0, severityId: 0, message: null, ocsf: {} as never })) as never);
      expect(await raiseAlerts(t.platform.db, t.platform.bus, orgId, bruteForce.id, found)).toEqual([]);
      expect(await waitForAlerts(1)).toHaveLength(1);
      expect(seen.length).toBeGreaterThanOrEqual(4);
    });

    it('lists, filters, acknowledges, assigns and closes alerts, auditing each change', async () => {
      const [alert] = await waitForAlerts(1);
      const me = (await call<{ user: { id: string } }>('GET', '/api/v1/auth/session')).body.user.id;
      const ack = await call('PATCH', `/api/v1/alerts/${alert!.id}`, { status: 'acknowledged', assigneeId: me });
      expect(ack.body).toMatchObject({ status: 'acknowledged', assigneeId: me });
      expect(await waitForAlerts(1, '&status=acknowledged')).toHaveLength(1);
      expect(((await call('GET', '/api/v1/alerts?detector=test-brute-force&status=open')).body as { alerts: unknown[] }).alerts).toHaveLength(0);
      const closed = await call('PATCH', `/api/v1/alerts/${alert!.id}`, { status: 'closed', assigneeId: null });
      expect(closed.body).toMatchObject({ status: 'closed', assigneeId: null });
      expect((await call('PATCH', `/api/v1/alerts/${alert!.id}`, { assigneeId: '00000000-0000-0000-0000-000000000000' })).status).toBe(404);
      expect((await call('PATCH', `/api/v1/alerts/${'0'.repeat(40)}`, { status: 'closed' })).status).toBe(404);
      const audit = (await call<{ entries: { action: string }[] }>('GET', '/api/v1/audit?action=alert.update')).body.entries;
      expect(audit.length).toBeGreaterThanOrEqual(2);
    });

    it('does not alert on events that do not match', async () => {
      const before = seen.length;
      await call('POST', '/api/v1/events', [{ outcome: 'success', user: 'carol' }]);
      for (let i = 0; i < 100 && seen.length === before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.length).toBe(before + 1);
      expect(await waitForAlerts(1)).toHaveLength(1);
    });
  });
}
