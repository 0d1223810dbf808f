// NIS2 reporting through the API: an incident from real alerts is marked reportable, its clocks run and
// remind once, an early warning is prefilled from the incident (entity, awareness, malicious act from
// ATT&CK tags, the blocked address as an indicator), edited into a new version, submitted (its clock
// stops) and exported as JSON and PDF. Reports of an incident merged into another are that one's: its
// clocks count their submissions and its next versions continue them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentList, Nis2Profile, Nis2ReportView, Nis2State } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import type { Detector } from '../../detect/index.ts';
import { sendDueReminders } from './reminders.ts';

const CORPORA = process.env.BULWARK_CORPORA ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const TAXONOMIES = join(CORPORA, 'misp', 'taxonomies');
const HAVE = existsSync(join(TAXONOMIES, 'nis2', 'machinetag.json'));
if (!HAVE) console.log(`NIS2 reporting test runs without coded values: ${TAXONOMIES} is absent`);

const detector: Detector = {
  id: 'test-nis2',
  detect: (_org, events) => events.flatMap((e) => {
    const n = e.native as { rule?: string };
    return n.rule ? [{ ruleId: n.rule, title: `Rule ${n.rule}`, severity: 'high' as const, eventIds: [e.eventId], eventTime: e.time, tags: ['attack.initial_access', 'attack.t1566.001'] }] : [];
  }),
};

for (const tier of databaseTiers()) {
  describe(`NIS2 reporting (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(tier, { detectors: [detector], env: HAVE ? { BULWARK_MISP_TAXONOMIES: TAXONOMIES } : {} });
      call = client(t.url, { token: t.adminToken });
    });
    afterAll(async () => t?.close());

    it('runs the clocks, reminds once, prefills, versions, submits and exports', async () => {
      await call('POST', '/api/v1/events', [{ time: new Date(Date.now() - 21 * 3_600_000).toISOString(), Computer: 'mail-01.ministry.example', IpAddress: '198.51.100.23', rule: 'phish' }]);
      let list: IncidentList['incidents'] = [];
      for (let i = 0; i < 400 && !list.length; i++) {
        list = (await call<IncidentList>('GET', '/api/v1/incidents')).body.incidents;
        if (!list.length) await new Promise((r) => setTimeout(r, 25));
      }
      const inc = list[0]!;
      expect((await call('POST', '/api/v1/blocklist', { value: '198.51.100.23', reason: 'phishing sender', incidentId: inc.id })).status).toBe(201);
      const profile: Nis2Profile = { name: 'Ministry of Examples', sector: HAVE ? 'nis2:impact-sectors-impacted="public-administration"' : null, subsector: null, memberState: 'BE', contact: { name: 'CSIRT desk', email: 'csirt@ministry.example', phone: '+32 2 000 00 00' } };
      expect((await call('PUT', '/api/v1/nis2/profile', profile)).status).toBe(200);

      // Aware 20 hours ago: the early warning is due in 4 hours, past 75 % of its window.
      const awareAt = new Date(Date.now() - 20 * 3_600_000).toISOString();
      expect((await call('PATCH', `/api/v1/incidents/${inc.id}`, { reportable: true, awareAt })).status).toBe(200);
      const state = (await call<Nis2State>('GET', `/api/v1/incidents/${inc.id}/nis2`)).body;
      const ew = state.deadlines.find((d) => d.kind === 'early-warning')!;
      expect(ew.status).toBe('due-soon');
      expect(Date.parse(ew.dueAt!) - Date.parse(awareAt)).toBe(24 * 3_600_000);
      expect(state.deadlines.find((d) => d.kind === 'notification')!.dueAt).toBe(new Date(Date.parse(awareAt) + 72 * 3_600_000).toISOString());
      if (HAVE) expect(state.taxonomies.nis2).toBeGreaterThan(0);

      expect(await sendDueReminders(t.platform)).toBe(1);
      expect(await sendDueReminders(t.platform)).toBe(0);
      const withReminder = (await call<IncidentDetail>('GET', `/api/v1/incidents/${inc.id}`)).body;
      expect(withReminder.timeline.filter((e) => e.kind === 'reminder').map((e) => e.body['reminder'])).toEqual(['early-warning:75']);

      const draft = await call<Nis2ReportView>('POST', `/api/v1/incidents/${inc.id}/nis2/reports`, { kind: 'early-warning' });
      expect(draft.status).toBe(201);
      const d = draft.body.document;
      expect(d.entity.name).toBe('Ministry of Examples');
      expect(d.entity.memberState).toBe('BE');
      expect(d.awarenessAt).toBe(awareAt);
      expect(d.suspectedUnlawfulOrMalicious).toBe('yes');
      expect(d.indicators).toContainEqual({ type: 'ipv4-addr', value: '198.51.100.23', tlp: 'TLP:AMBER' });
      expect(draft.body.summary.version).toBe(1);

      const edited = await call<Nis2ReportView>('PUT', `/api/v1/nis2/reports/${draft.body.summary.id}`, { document: { ...d, summary: 'Phishing e-mail with a malicious attachment opened on one workstation; sender blocked.', crossBorder: { ...d.crossBorder, impact: 'no' } } });
      expect(edited.status).toBe(201);
      expect(edited.body.summary.version).toBe(2);
      expect(edited.body.document.summary).toMatch(/Phishing/);
      const submitted = await call<{ status: string; submittedAt: string }>('POST', `/api/v1/nis2/reports/${edited.body.summary.id}/submit`);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(submitted.body.status).toBe('submitted');
      const after = (await call<Nis2State>('GET', `/api/v1/incidents/${inc.id}/nis2`)).body;
      expect(after.deadlines.find((x) => x.kind === 'early-warning')!.status).toBe('submitted-on-time');
      expect(after.reports.map((r) => [r.kind, r.version, r.status])).toEqual([['early-warning', 2, 'submitted'], ['early-warning', 1, 'draft']]);

      const json = await fetch(`${t.url}/api/v1/nis2/reports/${edited.body.summary.id}/export.json`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(json.status).toBe(200);
      const body = (await json.json()) as { schema: string };
      expect(body.schema).toBe('bulwark.nis2-report/1');
      const pdf = await fetch(`${t.url}/api/v1/nis2/reports/${edited.body.summary.id}/export.pdf`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('keeps the reports of an incident merged into another: clocks, versions and the next report go on from them', async () => {
      const before = new Set((await call<IncidentList>('GET', '/api/v1/incidents')).body.incidents.map((i) => i.id));
      const hour = 3_600_000;
      await call('POST', '/api/v1/events', [
        { time: new Date(Date.now() - 30 * hour).toISOString(), Computer: 'web-02.ministry.example', IpAddress: '203.0.113.41', rule: 'phish' },
        { time: new Date(Date.now() - 10 * hour).toISOString(), Computer: 'db-03.ministry.example', IpAddress: '203.0.113.42', rule: 'phish' },
      ]);
      let fresh: IncidentList['incidents'] = [];
      for (let i = 0; i < 400 && fresh.length < 2; i++) {
        fresh = (await call<IncidentList>('GET', '/api/v1/incidents')).body.incidents.filter((x) => !before.has(x.id));
        if (fresh.length < 2) await new Promise((r) => setTimeout(r, 25));
      }
      expect(fresh).toHaveLength(2);
      const [target, merged] = fresh.sort((a, b) => a.title.localeCompare(b.title) || a.number - b.number);
      // The merged one was reported on: aware 22 hours ago, its early warning submitted.
      expect((await call('PATCH', `/api/v1/incidents/${merged!.id}`, { reportable: true, awareAt: new Date(Date.now() - 22 * hour).toISOString() })).status).toBe(200);
      expect((await call('PATCH', `/api/v1/incidents/${target!.id}`, { reportable: true, awareAt: new Date(Date.now() - 2 * hour).toISOString() })).status).toBe(200);
      const drafted = await call<Nis2ReportView>('POST', `/api/v1/incidents/${merged!.id}/nis2/reports`, { kind: 'early-warning' });
      expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
      const draft = drafted.body;
      const put = await call<Nis2ReportView>('PUT', `/api/v1/nis2/reports/${draft.summary.id}`, { document: { ...draft.document, summary: 'Second phishing wave against the web team.', crossBorder: { ...draft.document.crossBorder, impact: 'no' } } });
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      const edited = put.body;
      expect((await call('POST', `/api/v1/nis2/reports/${edited.summary.id}/submit`)).status).toBe(200);

      expect((await call('POST', `/api/v1/incidents/${target!.id}/merge`, { from: [merged!.id] })).status).toBe(200);
      const state = (await call<Nis2State>('GET', `/api/v1/incidents/${target!.id}/nis2`)).body;
      expect(state.reports.map((r) => [r.incidentId, r.kind, r.version, r.status])).toEqual([[merged!.id, 'early-warning', 2, 'submitted'], [merged!.id, 'early-warning', 1, 'draft']]);
      // Aware since the earlier of the two; its early warning was sent in time.
      expect(Date.parse(state.awareAt!)).toBeLessThan(Date.now() - 21 * hour);
      expect(state.deadlines.find((x) => x.kind === 'early-warning')!.status).toBe('submitted-on-time');
      // The notification starts from the merged incident's early warning; a new early warning is version 3.
      const noted = await call<Nis2ReportView>('POST', `/api/v1/incidents/${target!.id}/nis2/reports`, { kind: 'notification' });
      expect(noted.status, JSON.stringify(noted.body)).toBe(201);
      expect(noted.body.document.summary).toBe('Second phishing wave against the web team.');
      const again = await call<Nis2ReportView>('POST', `/api/v1/incidents/${target!.id}/nis2/reports`, { kind: 'early-warning' });
      expect([again.status, again.body.summary.incidentId, again.body.summary.version]).toEqual([201, target!.id, 3]);
      // Editing the merged incident's report continues on the incident it was merged into.
      const continued = (await call<Nis2ReportView>('PUT', `/api/v1/nis2/reports/${edited.summary.id}`, { document: edited.document })).body;
      expect([continued.summary.incidentId, continued.summary.version]).toEqual([target!.id, 4]);
      expect((await call('POST', `/api/v1/incidents/${merged!.id}/nis2/reports`, { kind: 'notification' })).status).toBe(409);
    });
  });
}
