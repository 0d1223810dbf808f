// The incidents console in Chromium against the real server: Sysmon process events matched by two
// Sigma rules (instance rules with ATT&CK tags) on one host are grouped into one incident, which the
// queue shows with its tactics; the incident is opened, its status and owner changed and a hostile
// note added (shown as text in the timeline), its entities drawn and a domain blocked from it, one
// alert is split off into a new incident and merged back from the queue, an address added to the
// block list appears in the plain-text list that firewalls fetch and a network is taken off it again,
// and the grouping rules are changed. Nothing leaves for another host.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Incident, IncidentDetail, IncidentList } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, createUser, openConsole, signInAgain, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/incidents');

const HOST = 'ws-e2e-07';
const WHOAMI = `title: Whoami Execution
id: 6c1d0f3b-0000-4000-8000-0000000000c1
level: high
tags: [attack.discovery, attack.t1033]
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\whoami.exe' }
  condition: selection
`;
const ENCODED = `title: Encoded PowerShell
id: 6c1d0f3b-0000-4000-8000-0000000000c2
level: medium
tags: [attack.execution, attack.t1059.001]
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\powershell.exe', CommandLine|contains: ' -enc ' }
  condition: selection
`;

describe.skipIf(skip)('incidents page in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  let incident: Incident;
  let splitNumber = 0;

  const admin = async <T,>(path: string): Promise<T> => {
    const res = await fetch(`${srv.url}${path}`, { headers: { authorization: `Bearer ${srv.adminToken}` } });
    expect(res.status).toBe(200);
    return (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as T) : ((await res.text()) as T);
  };
  const row = (id: string) => page.getByRole('table', { name: 'Incident queue' }).locator(`tr[data-incident="${id}"]`);
  const patched = () => page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${incident.id}`) && r.request().method() === 'PATCH');
  const choose = async (label: string, option: string) => {
    await page.getByLabel(label, { exact: true }).first().click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const timeline = () => page.getByRole('list', { name: 'Timeline' });

  beforeAll(async () => {
    await buildWeb();
    const rules = mkdtempSync(join(tmpdir(), 'bw-e2e-incident-rules-'));
    writeFileSync(join(rules, 'whoami.yml'), WHOAMI);
    writeFileSync(join(rules, 'encoded.yml'), ENCODED);
    srv = await startServer({ env: { BULWARK_SIGMA_RULES: rules } });
    const base = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: HOST, User: 'CORP\\alice' };
    const res = await fetch(`${srv.url}/api/v1/events?source=e2e-incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { ...base, Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
        { ...base, Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', CommandLine: 'powershell.exe -nop -enc SQBFAFgA' },
      ]),
    });
    expect(res.status).toBe(200);
    // The grouping worker places alerts just after detection: wait until both are in one incident.
    for (let i = 0; i < 200 && !incident; i++) {
      const list = await admin<IncidentList>('/api/v1/incidents');
      const found = list.incidents.find((x) => x.alertCount === 2);
      if (found) incident = found;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(incident, 'the two alerts were not grouped into one incident').toBeDefined();
    ui = await openConsole(srv, { viewport: { width: 1440, height: 1000 }, open: 'Incidents' });
    ({ page, watch } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('shows the grouped incident in the queue with its alerts and tactics in order', async () => {
    await row(incident.id).waitFor(WAIT);
    const text = (await row(incident.id).textContent())!;
    expect(text).toContain(`INC-${incident.number}`);
    expect(text).toContain(HOST);
    expect(await row(incident.id).getByRole('listitem').allTextContents()).toEqual(incident.tactics.map((t) => t[0]!.toUpperCase() + t.slice(1)));
    expect(incident.tactics.sort()).toEqual(['discovery', 'execution']);
    await page.getByLabel('Search incidents').fill(`inc-${incident.number}`);
    await page.waitForResponse((r) => r.url().includes(`q=inc-${incident.number}`));
    await row(incident.id).waitFor(WAIT);
    await page.getByLabel('Search incidents').fill('');
  });

  it('opens the incident and changes its status and owner; both appear in the timeline', async () => {
    await row(incident.id).getByRole('link', { name: `INC-${incident.number}` }).click();
    await page.locator(`[data-incident-detail="${incident.id}"]`).waitFor(WAIT);
    expect(page.url()).toContain(`#/incidents/${incident.id}`);
    await timeline().locator('li[data-kind="alert"]').nth(1).waitFor(WAIT);

    const [s] = await Promise.all([patched(), choose('Status', 'In progress')]);
    expect(s.status()).toBe(200);
    await timeline().locator('li[data-kind="status"]', { hasText: 'Status New → In progress' }).waitFor(WAIT);

    const [o] = await Promise.all([patched(), choose('Owner', 'Me')]);
    expect(o.status()).toBe(200);
    await timeline().locator('li[data-kind="owner"]', { hasText: 'Owner nobody → me' }).waitFor(WAIT);

    const [n] = await Promise.all([patched(), page.getByRole('switch', { name: 'Reportable under NIS2' }).click({ force: true })]);
    expect(((await n.json()) as Incident).reportable).toBe(true);
    await page.getByTestId('aware-at').filter({ hasText: 'Aware since' }).waitFor(WAIT);
  });

  it('adds a note, shown as text in the timeline', async () => {
    const note = `Contained the host.\n${XSS}`;
    await page.getByRole('textbox', { name: 'Note' }).fill(note);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${incident.id}/notes`)),
      page.getByRole('button', { name: 'Add note' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const entry = timeline().locator('li[data-kind="note"]');
    await entry.waitFor(WAIT);
    expect(await entry.getByTestId('timeline-text').textContent()).toBe(note);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('renames the incident; a hostile title stays text', async () => {
    await page.getByRole('button', { name: `Rename INC-${incident.number}` }).click();
    const form = page.getByRole('form', { name: 'Rename the incident' });
    await form.getByRole('textbox', { name: `Title of INC-${incident.number}` }).fill(`${XSS} on ${HOST}`);
    const [res] = await Promise.all([patched(), form.getByRole('button', { name: 'Save title' }).click()]);
    expect(res.status()).toBe(200);
    await page.getByRole('heading', { name: `INC-${incident.number} ${XSS} on ${HOST}`, level: 3 }).waitFor(WAIT);
    await timeline().locator('li[data-kind="change"]', { hasText: `to “${XSS} on ${HOST}”` }).waitFor(WAIT);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('draws the related entities', async () => {
    await page.getByRole('tab', { name: 'Entities' }).click();
    const graph = page.getByTestId('entity-graph');
    await graph.waitFor(WAIT);
    expect(await graph.locator('[data-node="incident"]').count()).toBe(1);
    expect(await graph.locator('[data-node="host"]').count()).toBeGreaterThanOrEqual(1);
    expect(await graph.locator('[data-node="rule"]').count()).toBe(2);
    expect(await graph.textContent()).toContain(HOST);
  });

  it('blocks a domain from the incident', async () => {
    const form = page.getByRole('form', { name: 'Add to the block list' });
    await form.getByRole('textbox', { name: 'Value' }).fill('c2.evil.example');
    await form.getByRole('textbox', { name: 'Reason' }).fill(`beacon from INC-${incident.number}`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/blocklist') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Add to block list' }).click(),
    ]);
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toMatchObject({ value: 'c2.evil.example', incidentId: incident.id });
  });

  it('splits one alert off into a new incident', async () => {
    await page.getByRole('tab', { name: /^Alerts/ }).click();
    const table = page.getByRole('table', { name: 'Incident alerts' });
    await table.waitFor(WAIT);
    await table.getByRole('checkbox', { name: 'Select alert Whoami Execution' }).check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${incident.id}/split`)),
      page.getByRole('button', { name: 'Split into new incident' }).click(),
    ]);
    expect(res.status()).toBe(201);
    splitNumber = ((await res.json()) as Incident).number;
    await page.getByRole('status').filter({ hasText: `Split off into INC-${splitNumber}` }).waitFor(WAIT);
    await page.getByRole('tab', { name: 'Alerts (1)' }).waitFor(WAIT);
    const detail = await admin<IncidentDetail>(`/api/v1/incidents/${incident.id}`);
    expect(detail.alerts.map((a) => a.title)).toEqual(['Encoded PowerShell']);
  });

  it('merges the split-off incident back from the queue', async () => {
    await page.getByRole('link', { name: '← Back to the queue' }).click();
    const list = await admin<IncidentList>('/api/v1/incidents');
    const other = list.incidents.find((x) => x.number === splitNumber)!;
    await row(other.id).waitFor(WAIT);
    await row(incident.id).getByRole('checkbox').check();
    await row(other.id).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Merge into…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge incidents' });
    await dialog.getByRole('radio', { name: new RegExp(`^INC-${incident.number} `) }).check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/incidents/${incident.id}/merge`)),
      dialog.getByRole('button', { name: 'Merge' }).click(),
    ]);
    expect(res.status()).toBe(200);
    await page.locator(`[data-incident-detail="${incident.id}"]`).waitFor(WAIT);
    await page.getByRole('tab', { name: 'Alerts (2)' }).waitFor(WAIT);
    await page.getByRole('tab', { name: /^Timeline/ }).click();
    await timeline().locator('li[data-kind="merge"]', { hasText: `INC-${splitNumber}` }).waitFor(WAIT);
    const merged = await admin<IncidentDetail>(`/api/v1/incidents/${other.id}`);
    expect(merged.incident).toMatchObject({ status: 'merged', mergedInto: incident.id });
  });

  it('adds an address to the block list; firewalls see it in the plain-text list', async () => {
    await page.getByRole('tab', { name: 'Block list' }).click();
    const domain = page.getByRole('table', { name: 'Block list entries' }).locator('tr[data-blocklist-value="c2.evil.example"]');
    await domain.waitFor(WAIT);
    expect(await domain.getByRole('link', { name: 'open' }).getAttribute('href')).toBe(`#/incidents/${incident.id}`);
    const form = page.getByRole('form', { name: 'Add to the block list' });
    await form.getByRole('textbox', { name: 'Value' }).fill('not an address at all');
    await form.getByRole('button', { name: 'Add to block list' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not add the entry' }).waitFor(WAIT);

    await form.getByRole('textbox', { name: 'Value' }).fill('203.0.113.77');
    await form.getByRole('textbox', { name: 'Reason' }).fill(`C2 seen on ${HOST} ${XSS}`);
    await form.getByRole('textbox', { name: 'Time to live' }).fill('2');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/blocklist') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Add to block list' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const entry = page.getByRole('table', { name: 'Block list entries' }).locator('tr[data-blocklist-value="203.0.113.77"]');
    await entry.waitFor(WAIT);
    expect(await entry.textContent()).toContain(XSS);
    expect(await entry.textContent()).not.toContain('never');
    expect((await page.getByTestId('fetch-url').allTextContents())).toContain(`${srv.url}/api/v1/blocklist.txt?kind=ipv4,cidr`);
    const text = await admin<string>('/api/v1/blocklist.txt');
    expect(text.split('\n')).toContain('203.0.113.77');
    expect(await admin<string>('/api/v1/blocklist.txt?kind=ipv4,cidr')).toContain('203.0.113.77');
    // The comment line names the kinds asked for, never the raw query (a line break in it would add a value).
    expect((await admin<string>('/api/v1/blocklist.txt?kind=ipv4%0A')).split('\n')).toEqual(['# Bulwark block list: 1 entries (ipv4)', '203.0.113.77', '']);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('takes a network (a value with a slash) off the block list again', async () => {
    const form = page.getByRole('form', { name: 'Add to the block list' });
    await form.getByRole('textbox', { name: 'Value' }).fill('198.51.100.0/24');
    await form.getByRole('button', { name: 'Add to block list' }).click();
    const table = page.getByRole('table', { name: 'Block list entries' });
    const entry = table.locator('tr[data-blocklist-value="198.51.100.0/24"]');
    await entry.waitFor(WAIT);
    expect(await entry.textContent()).toContain('Network (CIDR)');
    expect(await admin<string>('/api/v1/blocklist.txt?kind=ipv4,cidr')).toContain('198.51.100.0/24');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/blocklist/') && r.request().method() === 'DELETE'),
      entry.getByRole('button', { name: 'Remove 198.51.100.0/24 from the block list' }).click(),
    ]);
    expect(res.status()).toBe(204);
    await entry.waitFor({ state: 'detached', ...WAIT });
    const text = await admin<string>('/api/v1/blocklist.txt');
    expect(text).not.toContain('198.51.100.0/24');
    expect(text).toContain('203.0.113.77');
  });

  it('shows the grouping rules (host, user, IP within 4 h by default) and saves a change', async () => {
    await page.getByRole('tab', { name: 'Grouping' }).click();
    const form = page.getByRole('form', { name: 'Grouping settings' });
    await form.waitFor(WAIT);
    expect(await form.locator('[data-grouping-rule]').count()).toBe(3);
    const fallback = form.getByRole('textbox', { name: 'Fallback window (minutes)' });
    expect(await fallback.inputValue()).toBe('240');
    await form.getByRole('button', { name: 'Remove rule 3' }).click();
    await fallback.fill('120');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/incidents/grouping') && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Save grouping' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(await admin('/api/v1/incidents/grouping')).toEqual({ rules: [{ by: ['host'], windowMinutes: 240 }, { by: ['user'], windowMinutes: 240 }], fallbackWindowMinutes: 120 });
  });

  it('lets an auditor read incidents, the block list and grouping, but change nothing', async () => {
    const auditor = { email: 'auditor@incidents.example', password: 'auditor password 0123456789' };
    await createUser(srv, auditor, 'auditor');
    await signInAgain(page, srv, auditor);
    await page.goto(`${srv.url}/#/incidents/${incident.id}`);
    await page.locator(`[data-incident-detail="${incident.id}"]`).waitFor(WAIT);
    await page.getByText('Your role may read incidents but not change them.').waitFor(WAIT);
    expect(await page.getByLabel('Status', { exact: true }).first().isDisabled()).toBe(true);
    expect(await page.getByRole('switch', { name: 'Reportable under NIS2' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^Rename/ }).count()).toBe(0);
    await page.getByRole('tab', { name: /^Timeline/ }).click();
    await timeline().waitFor(WAIT);
    expect(await page.getByRole('form', { name: 'Add a note' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Block list' }).click();
    await page.getByText('Your role may read the block list but not change it.').waitFor(WAIT);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Grouping' }).click();
    await page.getByText('Your role may read the grouping settings but not change them.').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Save grouping' }).count()).toBe(0);
  });

  it('sent nothing to other hosts, opened no dialog and threw nothing', () => {
    expect(watch.foreign).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
