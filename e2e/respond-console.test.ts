// The respond console in Chromium against the real server: a playbook whose step needs approval is
// refused once (the server's problem shown), then saved and dry-run through the UI; a Sigma alert opens
// an incident, the playbook's run waits for approval on the incident's Playbooks tab and succeeds once
// approved. The incident is marked reportable: the early-warning clock runs, an early warning drafted
// before the entity profile is complete cannot be submitted (the server says why), the profile is set,
// a new early warning is drafted, its summary edited (hostile text stays text) and submitted, and the
// clock says submitted on time.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Incident, IncidentList, Nis2ReportView, PlaybookRun } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, openConsole, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/respond-console');
const CORPORA = process.env.BULWARK_CORPORA ?? join(import.meta.dirname, '../../shared/corpora');
const TAXONOMIES = join(CORPORA, 'misp', 'taxonomies');
const HAVE_TAXONOMIES = existsSync(join(TAXONOMIES, 'nis2', 'machinetag.json'));
if (!skip && !HAVE_TAXONOMIES) console.log(`e2e/respond-console: NIS2 test skipped — ${TAXONOMIES} is absent (reports cannot be coded)`);

const HOST = 'ws-e2e-respond';
const RULE = `title: Whoami Execution
id: 6c1d0f3b-0000-4000-8000-0000000000d1
level: high
tags: [attack.discovery, attack.t1033]
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\whoami.exe' }
  condition: selection
`;
const PLAYBOOK = `id: e2e-approve
name: Look up with approval
version: 1
on:
  incident:
    types: [created]
steps:
  - id: lookup
    uses: enrich.intel
    with: { value: "198.51.100.7" }
    approval: { approvers: [role:responder], timeout: 1h }
`;

describe.skipIf(skip)('respond console in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  let incident: Incident | undefined;

  const admin = async <T,>(path: string): Promise<T> => {
    const res = await fetch(`${srv.url}${path}`, { headers: { authorization: `Bearer ${srv.adminToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const detailTab = (name: string) => page.locator('[data-incident-detail]').getByRole('tab', { name, exact: true });
  const yaml = () => page.getByRole('textbox', { name: 'Playbook YAML' });
  const saved = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/playbooks/e2e-approve') && r.request().method() === 'PUT');

  beforeAll(async () => {
    await buildWeb();
    const rules = mkdtempSync(join(tmpdir(), 'bw-e2e-respond-rules-'));
    writeFileSync(join(rules, 'whoami.yml'), RULE);
    srv = await startServer({ env: { BULWARK_SIGMA_RULES: rules, ...(HAVE_TAXONOMIES ? { BULWARK_MISP_TAXONOMIES: TAXONOMIES } : {}) } });
    ui = await openConsole(srv, { viewport: { width: 1440, height: 1000 }, open: 'Incidents' });
    ({ page, watch } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('shows why a playbook is refused, saves it, and dry-runs it', async () => {
    await page.getByRole('tab', { name: 'Playbooks' }).click();
    expect(page.url()).toContain('#/incidents/playbooks');
    await page.getByTestId('no-playbooks').waitFor(WAIT);
    await page.getByRole('button', { name: 'New playbook' }).click();

    await yaml().fill(PLAYBOOK.replace('enrich.intel', 'enrich.intell'));
    const [bad] = await Promise.all([saved(), page.getByRole('button', { name: 'Save new version' }).click()]);
    expect(bad.status()).toBe(400);
    const refused = page.getByRole('alert').filter({ hasText: 'The playbook was not saved' });
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toContain('enrich.intell');

    await yaml().fill(PLAYBOOK);
    const [ok] = await Promise.all([saved(), page.getByRole('button', { name: 'Save new version' }).click()]);
    expect(ok.status()).toBe(201);
    const row = page.getByRole('table', { name: 'Playbooks' }).locator('tr[data-playbook="e2e-approve"]');
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('incident:created');
    await page.locator('[data-playbook-detail="e2e-approve"]').getByLabel('YAML of e2e-approve').filter({ hasText: 'approvers: [role:responder]' }).waitFor(WAIT);

    await page.getByRole('textbox', { name: 'Alert or incident JSON' }).fill(JSON.stringify({ number: 1, alertCount: 1, title: XSS, severity: 'high', tactics: [] }));
    const [dry] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/playbooks/test')),
      page.getByRole('button', { name: 'Dry run', exact: true }).click(),
    ]);
    expect(dry.status()).toBe(200);
    const result = page.getByTestId('dry-run-result');
    await result.locator('[data-matches="true"]').waitFor(WAIT);
    await result.locator('li[data-step="lookup"]').waitFor(WAIT);
    expect(await result.textContent()).toContain('role:responder');
  });

  it('runs the playbook for a new incident, waits for approval and succeeds once approved', async () => {
    const res = await fetch(`${srv.url}/api/v1/events?source=e2e-respond`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: HOST, User: 'CORP\\bob', Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' }]),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 200 && !incident; i++) {
      incident = (await admin<IncidentList>('/api/v1/incidents')).incidents[0];
      if (!incident) await new Promise((r) => setTimeout(r, 100));
    }
    expect(incident, 'no incident was opened for the alert').toBeDefined();

    await page.goto(`${srv.url}/#/incidents/${incident!.id}`);
    await page.locator(`[data-incident-detail="${incident!.id}"]`).waitFor(WAIT);
    await detailTab('Playbooks').click();
    const run = page.locator('article[data-run]').filter({ hasText: 'e2e-approve v1' });
    await run.and(page.locator('[data-run-status="waiting_approval"]')).waitFor(WAIT);
    const step = run.locator('li[data-step="lookup"]');
    expect(await step.getByTestId('approval').textContent()).toContain('role:responder');

    await step.getByRole('textbox', { name: 'Comment on step lookup' }).fill(`fine ${XSS}`);
    const [approved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approval') && r.request().method() === 'POST'),
      step.getByRole('button', { name: 'Approve' }).click(),
    ]);
    expect(approved.status()).toBe(200);
    expect(['running', 'succeeded']).toContain(((await approved.json()) as PlaybookRun).status);
    await run.and(page.locator('[data-run-status="succeeded"]')).waitFor(WAIT);
    await step.and(page.locator('[data-step-status="succeeded"]')).waitFor(WAIT);
    expect(await step.getByTestId('decision').textContent()).toContain(`fine ${XSS}`);
    await step.getByText('Output').click();
    await step.getByLabel('Output of step lookup').filter({ hasText: '"known": false' }).waitFor(WAIT);

    await page.getByRole('tab', { name: 'Playbook runs' }).click();
    await page.locator('article[data-run][data-run-status="succeeded"]').first().waitFor(WAIT);
    await page.goBack();
    await page.locator(`[data-incident-detail="${incident!.id}"]`).waitFor(WAIT);
  });

  it.skipIf(!HAVE_TAXONOMIES)('reports the incident under NIS2: early warning drafted, edited, submitted on time', async () => {
    expect(incident).toBeDefined();
    const id = incident!.id;
    await page.goto(`${srv.url}/#/incidents/${id}`);
    await page.locator(`[data-incident-detail="${id}"]`).waitFor(WAIT);
    expect(await detailTab('NIS2').count()).toBe(0);
    const [n] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${id}`) && r.request().method() === 'PATCH'),
      page.getByRole('switch', { name: 'Reportable under NIS2' }).click({ force: true }),
    ]);
    expect(((await n.json()) as Incident).reportable).toBe(true);
    await detailTab('NIS2').click();
    const clock = page.getByRole('table', { name: 'NIS2 deadlines' }).locator('tr[data-deadline="early-warning"]');
    await clock.waitFor(WAIT);
    expect(await clock.getAttribute('data-deadline-status')).toBe('pending');
    expect(await clock.getByTestId('countdown').textContent()).toMatch(/^2[34] h( \d+ min)? left$/);

    // Drafted before the entity profile is set: the server refuses to submit and says what is missing.
    const draft = () => Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${id}/nis2/reports`) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Draft early warning' }).click(),
    ]);
    const [first] = await draft();
    expect(first.status()).toBe(201);
    const firstView = (await first.json()) as Nis2ReportView;
    const editor = (reportId: string) => page.locator(`[data-report-editor="${reportId}"]`);
    await editor(firstView.summary.id).getByTestId('report-missing').filter({ hasText: 'entity.sector' }).waitFor(WAIT);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit')),
      editor(firstView.summary.id).getByRole('button', { name: 'Submit' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.getByRole('alert').filter({ hasText: 'The report was not submitted' }).filter({ hasText: 'not complete' }).waitFor(WAIT);

    await page.getByRole('link', { name: 'NIS2 profile of your organisation' }).click();
    const profile = page.getByRole('form', { name: 'NIS2 profile' });
    await profile.waitFor(WAIT);
    await profile.getByLabel('Entity name', { exact: true }).fill('Ministry of Examples');
    await profile.getByLabel('Sector', { exact: true }).fill('nis2:impact-sectors-impacted="public-administration"');
    await profile.getByLabel('Member state', { exact: true }).fill('BE');
    await profile.getByLabel('Contact e-mail', { exact: true }).fill('csirt@ministry.example');
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/nis2/profile') && r.request().method() === 'PUT'),
      profile.getByRole('button', { name: 'Save profile' }).click(),
    ]);
    expect(put.status()).toBe(200);
    expect(JSON.parse(put.request().postData() ?? '{}')).toMatchObject({ name: 'Ministry of Examples', memberState: 'BE' });
    await page.goBack();
    await page.getByTestId('nis2-panel').waitFor(WAIT);

    const [second] = await draft();
    const draftView = (await second.json()) as Nis2ReportView;
    // The new draft follows the first early warning and fills what it lacked from the profile.
    expect(draftView.document.entity).toMatchObject({ sector: 'nis2:impact-sectors-impacted="public-administration"', memberState: 'BE' });
    expect(draftView.document.entity.contact.email).toBe('csirt@ministry.example');
    const summary = `Discovery commands run on ${HOST}. ${XSS}`;
    await editor(draftView.summary.id).getByRole('textbox', { name: 'Summary' }).fill(summary);
    const [edit] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/nis2/reports/') && r.request().method() === 'PUT'),
      editor(draftView.summary.id).getByRole('button', { name: 'Save new version' }).click(),
    ]);
    expect(edit.status()).toBe(201);
    const editedView = (await edit.json()) as Nis2ReportView;
    expect(editedView.document.summary).toBe(summary);
    const edited = editor(editedView.summary.id);
    await edited.waitFor(WAIT);
    expect(await edited.getByRole('textbox', { name: 'Summary' }).inputValue()).toBe(summary);
    const [sub] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/nis2/reports/${editedView.summary.id}/submit`)),
      edited.getByRole('button', { name: 'Submit' }).click(),
    ]);
    expect(sub.status()).toBe(200);
    await edited.getByTestId('report-status').filter({ hasText: 'submitted' }).waitFor(WAIT);
    await page.locator('tr[data-deadline="early-warning"][data-deadline-status="submitted-on-time"]').waitFor(WAIT);

    const [download] = await Promise.all([page.waitForEvent('download'), edited.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`nis2-early-warning-v${editedView.summary.version}.json`);
    expect(await page.locator('img').count()).toBe(0);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
