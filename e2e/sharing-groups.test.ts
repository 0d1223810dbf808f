// Administration pages in Chromium against the real server: on the sharing groups page an administrator
// creates a group (a hostile name shown as text), adds and removes members, and deletes it; on the
// federation page, rotates the signing key and sees the previous one still published. Nothing leaves for
// another host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SharingGroup } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, navLink, openConsole, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/sharing-groups');

describe.skipIf(skip)('sharing groups and key rotation pages in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  const NAME = `${XSS} Energy ISAC`;

  beforeAll(async () => {
    await buildWeb();
    srv = await startServer();
    const org = await fetch(`${srv.url}/api/v1/organisations`, { method: 'POST', headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Grid operator', slug: 'grid-operator' }) });
    expect(org.status).toBe(201);
    ui = await openConsole(srv, { open: 'Sharing groups' });
    ({ page, watch } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  const card = () => page.getByRole('article', { name: `Sharing group ${NAME}` });
  const memberRows = () => card().locator('tbody tr');

  it('creates a group with members of this and another instance; the hostile name is text', async () => {
    await page.getByTestId('no-groups').waitFor(WAIT);
    await page.getByLabel('Name').fill(NAME);
    await page.getByLabel('Description').fill('Operators of the grid');
    await page.getByLabel('Members').fill('grid-operator, de-bsi/kritis');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/intel/sharing-groups') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create group' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const g = (await res.json()) as SharingGroup;
    expect(g.members).toHaveLength(3);
    await card().waitFor(WAIT);
    expect(await card().getByText(NAME, { exact: true }).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await memberRows().count()).toBe(3);
    expect(await memberRows().first().textContent()).toContain('(owner)');
  });

  it('adds and removes members', async () => {
    await card().getByLabel('Add a member').fill('fr-anssi/cert-fr');
    await card().getByRole('button', { name: 'Add' }).click();
    await card().getByText('cert-fr').waitFor(WAIT);
    expect(await memberRows().count()).toBe(4);
    await card().locator('tr', { hasText: 'kritis' }).getByRole('button', { name: 'Remove' }).click();
    await card().getByText('kritis').waitFor({ state: 'detached', ...WAIT });
    expect(await memberRows().count()).toBe(3);
  });

  it('deletes the group after a confirmation', async () => {
    await card().getByRole('button', { name: 'Delete' }).click();
    await card().getByRole('button', { name: 'Keep it' }).click();
    await card().getByRole('button', { name: 'Delete' }).click();
    await card().getByRole('button', { name: 'Delete the group' }).click();
    await page.getByTestId('no-groups').waitFor(WAIT);
  });

  it('rotates the signing key from the federation page; the previous key stays listed', async () => {
    await navLink(page, 'Federation').click();
    const before = await page.getByTestId('fingerprint').textContent();
    await page.getByRole('button', { name: 'Rotate signing key' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Rotate signing key' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/federation/rotate-key')),
      page.getByRole('button', { name: 'Rotate now' }).click(),
    ]);
    expect(res.status()).toBe(200);
    await page.getByTestId('retired-keys').waitFor(WAIT);
    expect(await page.getByTestId('retired-keys').textContent()).toContain(before!.trim());
    expect((await page.getByTestId('fingerprint').textContent())?.trim()).not.toBe(before!.trim());
  });

  it('opened no dialog, made no request to any host but the server, and raised no page errors', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
