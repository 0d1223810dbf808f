// NIS2 reporting through the API: an incident from real alerts is marked reportable, its clocks run and
// remind once, an early warning is prefilled from the incident (entity, awareness, malicious act from
// ATT&CK tags, the blocked address as an indicator), edited into a new version, submitted (its clock
// stops) and exported as JSON and PDF.
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
  });
}
