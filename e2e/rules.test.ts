// The detection rules page in Chromium against the real server: upload a pack through the console, see
// the rule that cannot run and why, turn a rule off and keep it off across a reload, override a level,
// follow a Sigma alert to its rule, delete the pack — with hostile rule titles shown as text throughout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SigmaPack, SigmaRuleDetail } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, createUser, navLink, openConsole, signInAgain, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/rules');

const INSTANCE_RULE = `title: Whoami Execution
id: 5b0c0e2a-0000-4000-8000-0000000000a1
level: high
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\whoami.exe' }
  condition: selection
`;

const HOSTILE_ID = '5b0c0e2a-0000-4000-8000-0000000000b1';
const HOSTILE_RULE = `title: '${XSS} net user'
id: ${HOSTILE_ID}
status: test
level: medium
description: 'Enumeration <script>alert(2)</script>'
references: ['javascript:alert(3)']
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\net.exe', CommandLine|contains: ' user' }
  condition: selection
`;

const BROKEN = `title: '${XSS} broken'
id: 5b0c0e2a-0000-4000-8000-0000000000b2
logsource: { product: windows }
detection:
  sel:
    Image|nosuchmodifier: x
  condition: sel
`;

describe.skipIf(skip)('detection rules page in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  let uploaded: SigmaPack;

  const ruleRow = (key: string) => page.locator(`tr[data-rule-key="${key}"]`);
  const packRow = (name: string) => page.locator(`tr[data-pack="${name}"]`);
  const noMarkup = async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].some((s) => s.text.includes('alert(')))).toBe(false);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  };

  beforeAll(async () => {
    await buildWeb();
    const rules = mkdtempSync(join(tmpdir(), 'bw-e2e-rules-'));
    writeFileSync(join(rules, 'whoami.yml'), INSTANCE_RULE);
    srv = await startServer({ env: { BULWARK_SIGMA_RULES: rules } });
    ui = await openConsole(srv, { open: 'Detection rules' });
    ({ page, watch } = ui);
  });

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('lists the instance pack, read-only', async () => {
    const row = page.locator('tr[data-pack]').filter({ hasText: 'instance' });
    await row.waitFor(WAIT);
    expect(await row.getByRole('button', { name: /^Delete pack/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Upload a rule pack' }).count()).toBe(1);
    await ruleRow('5b0c0e2a-0000-4000-8000-0000000000a1').waitFor(WAIT);
  });

  it('uploads a pack from files and shows the rule that cannot run with file, line and reason', async () => {
    await page.getByRole('textbox', { name: 'Pack name' }).fill('e2e-pack');
    await page.getByRole('textbox', { name: 'Description' }).fill(`Ours ${XSS}`);
    await page.getByLabel('Rule files').setInputFiles([
      { name: 'net.yml', mimeType: 'application/yaml', buffer: Buffer.from(HOSTILE_RULE) },
      { name: 'broken.yml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a rule') },
    ]);
    await page.getByText('2 YAML files chosen').waitFor(WAIT);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/sigma/packs/e2e-pack') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Upload pack' }).click(),
    ]);
    expect(res.status()).toBe(200);
    uploaded = (await res.json()) as SigmaPack;
    expect(uploaded).toMatchObject({ rules: 1, errors: 1, files: 2 });
    await page.getByText('Uploaded e2e-pack: 1 rule, 0 correlations, 0 filters; 1 cannot run.').waitFor(WAIT);

    // The new pack is selected: its problems show below the table, as text.
    const problems = page.getByRole('region', { name: 'Problems of pack e2e-pack' });
    const error = problems.locator('tr[data-problem="error"]');
    await error.waitFor(WAIT);
    const reason = uploaded.problems.find((p) => p.kind === 'error')!.reason;
    expect(reason).toMatch(/nosuchmodifier/);
    const text = await error.textContent();
    expect(text).toContain('broken.yml:6');
    expect(text).toContain(reason);
    expect(text).toContain(`${XSS} broken`);
    expect(await packRow('e2e-pack').getByTestId('pack-errors').textContent()).toBe('1');
    expect(await packRow('e2e-pack').textContent()).toContain(`Ours ${XSS}`);
    await noMarkup();
  });

  it('shows a hostile rule title as text and turns the rule off, still off after a reload', async () => {
    const row = ruleRow(HOSTILE_ID);
    await row.waitFor(WAIT);
    expect(await row.getByRole('link').textContent()).toBe(`${XSS} net user`);
    await noMarkup();

    const toggle = row.getByRole('switch');
    expect(await toggle.isChecked()).toBe(true);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/sigma/rules/') && r.request().method() === 'PATCH'),
      toggle.click({ force: true }), // Mantine draws the track over the visually hidden input
    ]);
    expect(res.status()).toBe(200);
    expect(((await res.json()) as SigmaRuleDetail).enabled).toBe(false);
    await page.locator(`tr[data-rule-key="${HOSTILE_ID}"][data-enabled="false"]`).waitFor(WAIT);

    await page.reload();
    await page.getByRole('heading', { name: 'Detection rules', level: 2 }).waitFor(WAIT);
    await page.locator(`tr[data-rule-key="${HOSTILE_ID}"][data-enabled="false"]`).waitFor(WAIT);
    expect(await ruleRow(HOSTILE_ID).getByRole('switch').isChecked()).toBe(false);

    const [filtered] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/sigma/rules?') && r.url().includes('enabled=false')),
      page.getByRole('combobox', { name: 'Enabled' }).selectOption('false'),
    ]);
    expect(filtered.status()).toBe(200);
    await ruleRow('5b0c0e2a-0000-4000-8000-0000000000a1').waitFor({ state: 'detached', ...WAIT });
    expect(await page.locator('tr[data-rule-key]').count()).toBe(1);
    await page.getByRole('combobox', { name: 'Enabled' }).selectOption('');
  });

  it('opens the rule detail with its YAML as text and overrides its level', async () => {
    await ruleRow(HOSTILE_ID).getByRole('link').click();
    expect(page.url()).toContain(`#/rules/${HOSTILE_ID}`);
    const drawer = page.getByRole('dialog', { name: 'Detection rule' });
    const yaml = drawer.getByLabel('Rule YAML');
    await yaml.waitFor(WAIT);
    expect(await yaml.textContent()).toBe(HOSTILE_RULE);
    expect(await drawer.textContent()).toContain('Enumeration <script>alert(2)</script>');
    expect(await drawer.textContent()).toContain('javascript:alert(3)');
    await noMarkup();

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/sigma/rules/') && r.request().method() === 'PATCH'),
      drawer.getByRole('combobox', { name: 'Level override' }).selectOption('critical'),
    ]);
    expect(((await res.json()) as SigmaRuleDetail).effectiveLevel).toBe('critical');
    await drawer.getByRole('button', { name: 'Close rule detail' }).click();
    await drawer.waitFor({ state: 'hidden', ...WAIT });
    expect(page.url()).toMatch(/#\/rules$/);
    await ruleRow(HOSTILE_ID).locator('[data-overridden]').waitFor(WAIT);
    expect(await ruleRow(HOSTILE_ID).textContent()).toContain('overridden, rule: medium');
  });

  it('links a Sigma alert to the rule that raised it', async () => {
    await ruleRow(HOSTILE_ID).getByRole('switch').click({ force: true });
    await page.locator(`tr[data-rule-key="${HOSTILE_ID}"][data-enabled="true"]`).waitFor(WAIT);
    const marker = `e2e-sigma-${Date.now().toString(36)}`;
    const res = await fetch(`${srv.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws-e2e', Image: 'C:\\Windows\\System32\\net.exe', CommandLine: `net user ${marker}`, User: 'alice' }]),
    });
    expect(res.status).toBe(200);
    await navLink(page, 'Alerts').click();
    const row = page.locator('tr[data-alert-id]').filter({ hasText: `${XSS} net user` }).first();
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-severity')).toBe('critical');
    await row.getByRole('button', { name: 'Show alert details' }).click();
    await page.getByRole('link', { name: HOSTILE_ID }).click();
    await page.getByRole('dialog', { name: 'Detection rule' }).getByLabel('Rule YAML').waitFor(WAIT);
    expect(page.url()).toContain(`#/rules/${HOSTILE_ID}`);
    await page.getByRole('button', { name: 'Close rule detail' }).click();
    await noMarkup();
  });

  it('lets an auditor read the rules but not change them', async () => {
    const auditor = { email: 'auditor@e2e.example', password: 'auditor password 0123456789' };
    await createUser(srv, auditor, 'auditor');
    await signInAgain(page, srv, auditor);
    await page.goto(`${srv.url}/#/rules`);
    await page.getByText('Your role may read rules but not change them.').waitFor(WAIT);
    await packRow('e2e-pack').waitFor(WAIT);
    expect(await page.getByRole('button', { name: /^Delete pack/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Upload a rule pack' }).count()).toBe(0);
    expect(await ruleRow(HOSTILE_ID).getByRole('switch').isDisabled()).toBe(true);
    await ruleRow(HOSTILE_ID).getByRole('link').click();
    const level = page.getByRole('dialog', { name: 'Detection rule' }).getByRole('combobox', { name: 'Level override' });
    await level.waitFor(WAIT);
    expect(await level.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Close rule detail' }).click();

    await signInAgain(page, srv);
    await page.goto(`${srv.url}/#/rules`);
    await packRow('e2e-pack').waitFor(WAIT);
  });

  it('deletes the pack after a confirmation', async () => {
    await packRow('e2e-pack').getByRole('button', { name: 'Delete pack e2e-pack' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete rule pack' });
    await confirm.waitFor(WAIT);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/sigma/packs/e2e-pack') && r.request().method() === 'DELETE'),
      confirm.getByRole('button', { name: 'Delete pack' }).click(),
    ]);
    expect(res.status()).toBe(204);
    await packRow('e2e-pack').waitFor({ state: 'detached', ...WAIT });
    await ruleRow(HOSTILE_ID).waitFor({ state: 'detached', ...WAIT });
  });

  it('opened no dialog, made no request to any host but the server, and raised no page errors', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
