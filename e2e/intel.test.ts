// The intelligence and federation pages in Chromium against the real server: import a bundle through
// the console and see its defect, find the indicator, read its markings and follow its relationship
// to the malware, export a bundle, see this instance's federation identity — with a hostile object
// name shown as text throughout — and an auditor who reads intelligence but cannot import or federate.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FederationStatus, IntelImportReport } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, createUser, navLink, openConsole, signInAgain, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/intel');

const INDICATOR = `indicator--${randomUUID()}`;
const MALWARE = `malware--${randomUUID()}`;
const RELATIONSHIP = `relationship--${randomUUID()}`;
const BROKEN = `malware--${randomUUID()}`;
const INDICATOR_NAME = `${XSS} beacon to e2e-c2.example`;
const MALWARE_NAME = 'E2E Loader';
const T0 = '2026-02-01T10:00:00.000Z';

const BUNDLE = {
  type: 'bundle',
  id: `bundle--${randomUUID()}`,
  objects: [
    {
      type: 'indicator', spec_version: '2.1', id: INDICATOR, created: T0, modified: T0, name: INDICATOR_NAME,
      pattern: "[domain-name:value = 'e2e-c2.example']", pattern_type: 'stix', valid_from: T0,
    },
    { type: 'malware', spec_version: '2.1', id: MALWARE, created: T0, modified: T0, name: MALWARE_NAME, is_family: true },
    { type: 'relationship', spec_version: '2.1', id: RELATIONSHIP, created: T0, modified: T0, relationship_type: 'indicates', source_ref: INDICATOR, target_ref: MALWARE },
    // Invalid: modified before created.
    { type: 'malware', spec_version: '2.1', id: BROKEN, created: T0, modified: '2026-01-01T00:00:00.000Z', name: 'Broken', is_family: false },
  ],
};

describe.skipIf(skip)('intelligence and federation pages in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;

  const objectRow = (id: string) => page.locator(`tr[data-intel-id="${id}"]`);
  const drawer = () => page.getByRole('dialog', { name: 'Intelligence object' });
  const noMarkup = async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].some((s) => s.text.includes('alert(')))).toBe(false);
  };

  beforeAll(async () => {
    await buildWeb();
    srv = await startServer();
    ui = await openConsole(srv, { open: 'Intelligence' });
    ({ page, watch } = ui);
  });

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('imports a bundle from a file and reports the invalid object with its index, path, code and message', async () => {
    const form = page.getByRole('form', { name: 'Import intelligence' });
    await form.getByLabel('STIX bundle or MISP event').setInputFiles({ name: 'e2e.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(BUNDLE)) });
    await form.getByText('e2e.json: a STIX bundle').waitFor(WAIT);
    await form.getByRole('combobox', { name: 'TLP' }).selectOption('GREEN');
    await form.getByRole('combobox', { name: 'Distribution' }).selectOption('community');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/intel/import?') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Import' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.url()).toContain('tlp=GREEN');
    expect(res.url()).toContain('distribution=community');
    expect(res.url()).not.toContain('strict');
    const report = (await res.json()) as IntelImportReport;
    expect(report).toMatchObject({ received: 4, stored: 3, rejected: 1 });
    const defect = report.defects.find((d) => d.severity === 'error')!;
    expect(defect.index).toBe(3);

    const shown = page.getByRole('region', { name: 'Import report' });
    await shown.getByText('Received 4, stored 3, unchanged 0, rejected 1.').waitFor(WAIT);
    const row = shown.locator('tr[data-defect="error"]');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual([String(defect.index), defect.id ?? '—', defect.path || '(the object)', defect.code, defect.message]);
    expect(cells[5]).toBe('error');
  });

  it('finds the indicator by search, with its TLP badge and a hostile name shown as text', async () => {
    await page.getByRole('searchbox', { name: 'Find objects' }).fill('e2e-c2.example');
    await objectRow(INDICATOR).waitFor(WAIT);
    await objectRow(MALWARE).waitFor({ state: 'detached', ...WAIT });
    const row = objectRow(INDICATOR);
    expect(await row.getByRole('link').textContent()).toBe(INDICATOR_NAME);
    expect(await row.locator('[data-tlp]').textContent()).toBe('TLP:GREEN');
    expect(await row.textContent()).toContain('indicator');
    expect(await row.textContent()).toContain('This instance\'s community');
    await noMarkup();

    await page.getByRole('combobox', { name: 'Type' }).selectOption('malware');
    await page.getByText('No objects match.').waitFor(WAIT);
    await page.getByRole('combobox', { name: 'Type' }).selectOption('');
    await objectRow(INDICATOR).waitFor(WAIT);
  });

  it('opens the indicator with its markings, versions, relationship and STIX JSON, and follows the relationship to the malware', async () => {
    await objectRow(INDICATOR).getByRole('link').click();
    expect(page.url()).toContain(`#/intel/${INDICATOR}`);
    const d = drawer();
    await d.getByRole('heading', { name: INDICATOR_NAME }).waitFor(WAIT);
    expect(await d.getByTestId('intel-scope').textContent()).toBe('TLP:GREEN, shared with this instance\'s community');
    expect(await d.locator('[data-tlp]').first().textContent()).toBe('TLP:GREEN');
    const json = JSON.parse((await d.getByLabel('STIX JSON').textContent()) ?? '') as { id: string; name: string };
    expect(json).toMatchObject({ id: INDICATOR, name: INDICATOR_NAME });
    expect(await d.getByRole('table', { name: 'Versions' }).locator('tbody tr').count()).toBe(1);
    // An old domain indicator has decayed to 0; its value correlates with nothing; a true positive brings it back.
    expect(await d.locator('[data-score]').first().textContent()).toBe('expired');
    await d.locator('[data-intel-correlations]').getByText('No other object.').waitFor(WAIT);
    await d.getByLabel('Note').fill(`${XSS} seen at the proxy`);
    const [sighted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sightings') && r.request().method() === 'POST'),
      d.getByRole('button', { name: 'Mark true positive' }).click(),
    ]);
    expect(sighted.status()).toBe(201);
    await d.getByText('1 true positive, 0 false positives').waitFor(WAIT);
    expect(await d.locator('tr[data-kind="true-positive"]').textContent()).toContain(`${XSS} seen at the proxy`);
    await d.locator('[data-score="100"]').waitFor(WAIT);
    const rel = d.locator(`tr[data-relationship="${RELATIONSHIP}"]`);
    await rel.waitFor(WAIT);
    expect(await rel.textContent()).toContain('this indicator');
    expect(await rel.textContent()).toContain('indicates');
    await noMarkup();

    await rel.getByRole('link', { name: MALWARE }).click();
    await d.getByRole('heading', { name: MALWARE_NAME }).waitFor(WAIT);
    expect(page.url()).toContain(`#/intel/${MALWARE}`);
    const back = d.locator(`tr[data-relationship="${RELATIONSHIP}"]`);
    expect(await back.textContent()).toContain('this malware');
    await back.getByRole('link', { name: INDICATOR }).waitFor(WAIT);

    await d.getByRole('button', { name: 'Close object detail' }).click();
    await d.waitFor({ state: 'hidden', ...WAIT });
    expect(page.url()).toMatch(/#\/intel$/);
  });

  it('exports the objects as a STIX bundle file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export STIX bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-intel-\d{4}-\d{2}-\d{2}\.json$/);
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as { type: string; objects: Array<{ id: string }> };
    expect(bundle.type).toBe('bundle');
    const ids = bundle.objects.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([INDICATOR, MALWARE, RELATIONSHIP]));
    expect(ids).not.toContain(BROKEN);
  });

  it('shows this instance\'s id, key fingerprint and public key, and no peers', async () => {
    const res = await fetch(`${srv.url}/api/v1/federation`, { headers: { authorization: `Bearer ${srv.adminToken}` } });
    const status = (await res.json()) as FederationStatus;
    await navLink(page, 'Federation').click();
    await page.getByRole('heading', { name: 'Federation', level: 2 }).waitFor(WAIT);
    expect(await page.getByTestId('instance-id').textContent()).toBe(status.instanceId);
    expect(await page.getByTestId('fingerprint').textContent()).toBe(status.fingerprint);
    expect(JSON.parse((await page.getByLabel('Public key (JWK)').textContent()) ?? '')).toEqual(status.publicKey);
    await page.getByTestId('no-peers').waitFor(WAIT);
    expect(await page.getByTestId('no-peers').textContent()).toMatch(/^No peers yet/);
  });

  it('lets an auditor read intelligence but not import it, and hides federation', async () => {
    const auditor = { email: 'auditor@e2e.example', password: 'auditor password 0123456789' };
    await createUser(srv, auditor, 'auditor');
    await signInAgain(page, srv, auditor);
    await navLink(page, 'Intelligence').click();
    await page.getByText('Your role may read intelligence but not import it.').waitFor(WAIT);
    await objectRow(INDICATOR).waitFor(WAIT);
    expect(await page.getByRole('form', { name: 'Import intelligence' }).count()).toBe(0);
    // It sees the sightings of its organisation, and cannot report one.
    await objectRow(INDICATOR).getByRole('link').click();
    await drawer().getByText('1 true positive, 0 false positives').waitFor(WAIT);
    expect(await drawer().getByRole('button', { name: 'Mark true positive' }).count()).toBe(0);
    await drawer().getByRole('button', { name: 'Close object detail' }).click();
    expect(await navLink(page, 'Federation').count()).toBe(0);
    await page.goto(`${srv.url}/#/federation`);
    await page.getByText('Your role in this organisation may not open this page.').waitFor(WAIT);
    expect(await page.getByTestId('instance-id').count()).toBe(0);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  it('opened no dialog, made no request to any host but the server, and raised no page errors', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
