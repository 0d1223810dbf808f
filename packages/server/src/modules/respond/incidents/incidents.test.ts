// Incidents end to end: events in through the API, a detector's alerts out on the bus, grouped into
// incidents by host within the window; redelivery and concurrent delivery neither split nor duplicate;
// responders work the incident (status, owner, notes, merge, split) through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Incident, IncidentDetail, IncidentList } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { raiseAlerts, type Detector } from '../../detect/index.ts';
import { placeRaised } from './grouping-consumer.ts';

// Raises one alert per event that names a rule (the detector port is how every engine reports).
const perEvent: Detector = {
  id: 'test-respond',
  detect(_org, events) {
    return events.flatMap((e) => {
      const n = e.native as { rule?: string; tactic?: string; level?: Alert['severity'] };
      if (!n.rule) return [];
      return [{ ruleId: n.rule, title: `Rule ${n.rule}`, severity: n.level ?? 'medium', eventIds: [e.eventId], eventTime: e.time, tags: n.tactic ? [`attack.${n.tactic}`, 'attack.t1059.001'] : [] }];
    });
  },
};

for (const tier of databaseTiers()) {
  describe(`incidents (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    let orgId: string;
    beforeAll(async () => {
      t = await startTestApp(tier, { detectors: [perEvent] });
      call = client(t.url, { token: t.adminToken });
      orgId = (await call<{ organisation: { id: string } }>('GET', '/api/v1/auth/session')).body.organisation.id;
    });
    afterAll(async () => t?.close());

    async function incidents(q = ''): Promise<Incident[]> {
      return (await call<IncidentList>('GET', `/api/v1/incidents${q}`)).body.incidents;
    }
    async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
      for (let i = 0; i < 400; i++) {
        const v = await f();
        if (ok(v)) return v;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('timed out');
    }
    const at = (min: number) => new Date(Date.UTC(2026, 10, 2, 9, min)).toISOString();

    it('groups the alerts of one host into one incident and escalates a chain of tactics', async () => {
      const events = [
        { time: at(0), Computer: 'WS-17.corp.example', User: 'alice', IpAddress: '203.0.113.9', rule: 'r1', tactic: 'initial_access' },
        { time: at(5), Computer: 'ws-17.corp.example', User: 'alice', rule: 'r2', tactic: 'execution' },
        { time: at(9), Computer: 'WS-17.corp.example', rule: 'r3', tactic: 'credential_access', level: 'low' },
        { time: at(7), Computer: 'db-02.corp.example', rule: 'r1', tactic: 'discovery' },
      ];
      expect((await call('POST', '/api/v1/events', events)).status).toBe(200);
      const list = await until(() => incidents(), (l) => l.reduce((a, i) => a + i.alertCount, 0) >= 4);
      expect(list).toHaveLength(2);
      const ws = list.find((i) => i.groupKey === 'host=ws-17.corp.example')!;
      expect(ws.alertCount).toBe(3);
      expect(ws.tactics).toEqual(['initial_access', 'execution', 'credential_access']);
      expect(ws.techniques).toEqual(['T1059.001']);
      expect(ws.severity).toBe('high'); // three tactics: an attack progressing
      expect(ws.entities.users).toEqual(['alice']);
      expect(ws.entities.ips).toContain('203.0.113.9');
      expect(ws.firstAlertAt).toBe(at(0));
      expect(ws.lastAlertAt).toBe(at(9));
      expect(ws.title).toMatch(/ws-17\.corp\.example/);
      const detail = (await call<IncidentDetail>('GET', `/api/v1/incidents/${ws.id}`)).body;
      expect(detail.alerts).toHaveLength(3);
      expect(detail.timeline.filter((e) => e.kind === 'alert')).toHaveLength(3);
      expect(detail.timeline.map((e) => e.kind)).toContain('severity');
    });

    it('never splits or duplicates an incident on redelivery or concurrent delivery', async () => {
      const [ws] = (await incidents('?q=ws-17'));
      const detail = (await call<IncidentDetail>('GET', `/api/v1/incidents/${ws!.id}`)).body;
      // The same alerts delivered again, all at once.
      await Promise.all(detail.alerts.map((a) => placeRaised(t.platform, orgId, a)));
      const again = (await call<IncidentDetail>('GET', `/api/v1/incidents/${ws!.id}`)).body;
      expect(again.incident.alertCount).toBe(3);
      expect(again.timeline.filter((e) => e.kind === 'alert')).toHaveLength(3);
      // Twenty alerts of a new host, each delivered by the bus and by hand at the same moment: one incident.
      const raised = await raiseAlerts(t.platform.db, t.platform.bus, orgId, 'test-concurrent', Array.from({ length: 20 }, (_, i) => ({
        ruleId: `c${i}`, title: `Concurrent ${i}`, severity: 'medium' as const, eventIds: [`none-${i}`], eventTime: at(30 + i), fields: { Computer: 'app-9.corp.example' },
      })));
      const placed = await Promise.all(raised.map((a) => placeRaised(t.platform, orgId, a)));
      expect(new Set(placed.map((p) => p.incident.id)).size).toBe(1);
      const app9 = await until(() => incidents('?q=app-9'), (l) => l[0]?.alertCount === 20);
      expect(app9).toHaveLength(1);
      const d = (await call<IncidentDetail>('GET', `/api/v1/incidents/${app9[0]!.id}`)).body;
      expect(d.timeline.filter((e) => e.kind === 'alert')).toHaveLength(20);
    });
  });
}
