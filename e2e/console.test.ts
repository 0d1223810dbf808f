// Browser tests of the console (packages/web) against the real server, driven through Debian's
// Chromium with playwright-core. Skips with one line when /usr/bin/chromium is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { IngestResult, Problem } from '@bulwark/contracts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, navLink, openConsole, signIn as signInAs, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/console');

describe.skipIf(skip)('console in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  const run = Date.now().toString(36);

  async function ingest(events: object[]): Promise<IngestResult> {
    const res = await fetch(`${srv.url}/api/v1/events?source=e2e-console`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    const body = (await res.json()) as IngestResult;
    expect(res.status, JSON.stringify(body)).toBeLessThan(300);
    expect(body.rejected).toEqual([]);
    return body;
  }

  const signIn = (password: string) => signInAs(page, srv, password);
  const nav = (name: string) => navLink(page, name);

  beforeAll(async () => {
    await buildWeb();
    srv = await startServer();
    ui = await openConsole(srv, { viewport: { width: 1360, height: 860 }, signIn: false });
    ({ page, watch } = ui);
  });

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('shows the problem detail when the password is wrong', async () => {
    const res = await signIn('not the password');
    expect(res.status()).toBe(401);
    const problem = (await res.json()) as Problem;
    const alert = page.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain(problem.detail ?? problem.title);
    expect(await nav('Live events').count()).toBe(0);
  });

  it('signs in and shows the shell with navigation, user and organisation', async () => {
    const res = await signIn(srv.adminPassword);
    expect(res.status()).toBe(200);
    await nav('Live events').waitFor(WAIT);
    for (const name of ['Search', 'Alerts', 'Detection rules', 'Health']) expect(await nav(name).isVisible()).toBe(true);
    expect(await page.getByTestId('current-user').filter({ visible: true }).textContent()).toBeTruthy();
    expect(await page.getByRole('combobox', { name: 'Organisation' }).locator('option').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'API docs' }).getAttribute('href')).toBe('/docs');
    await page.locator('[data-testid="stream-status"][data-status="open"]').waitFor(WAIT);
  });

  it('shows ingested events live and finds them in search', async () => {
    const marker = `e2e-live-${run}`;
    await ingest([{ message: `login failure ${marker}`, hostname: 'ws-e2e-01', src_ip: '10.0.0.1', user: 'alice' }]);
    const liveRow = page.getByRole('row').filter({ hasText: marker });
    await liveRow.waitFor(WAIT);
    expect(await liveRow.textContent()).toContain('ws-e2e-01');
    expect(await page.getByTestId('received-count').textContent()).toMatch(/^[1-9]\d* events?,/);
    await page.screenshot({ path: '/tmp/console.png', fullPage: false });

    await nav('Search').click();
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill(marker);
    await page.getByRole('button', { name: 'Add field filter' }).click();
    await page.getByRole('textbox', { name: 'Field filter 1 (path=value)' }).fill('ocsf.src_endpoint.ip=10.0.0.1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByRole('row').filter({ hasText: marker });
    await hit.waitFor(WAIT);
    await hit.getByRole('button', { name: 'Show event details' }).click();
    const native = page.getByLabel('Native event JSON');
    await native.waitFor(WAIT);
    expect(await native.textContent()).toContain(marker);
    expect(await page.getByLabel('OCSF event JSON').textContent()).toContain('10.0.0.1');

    await page.getByRole('textbox', { name: 'Field filter 1 (path=value)' }).fill('ocsf.src_endpoint.ip=10.9.9.9');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No events match.').waitFor(WAIT);
  });

  it('renders markup in event fields as inert text', async () => {
    const marker = `e2e-xss-${run}`;
    await ingest([{ message: `${XSS} ${marker}`, hostname: XSS, url: 'https://evil.example/x', user: XSS }]);
    await nav('Live events').click();
    const row = page.getByRole('row').filter({ hasText: marker });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);

    await nav('Search').click();
    // Count the filters only once the search page is there (the navigation renders asynchronously).
    await page.getByRole('heading', { name: 'Search events' }).waitFor(WAIT);
    const removers = page.getByRole('button', { name: /Remove field filter/ });
    while ((await removers.count()) > 0) await removers.first().click();
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill(marker);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.getByRole('row').filter({ hasText: marker });
    await hit.waitFor(WAIT);
    await hit.getByRole('button', { name: 'Show event details' }).click();
    expect(await page.getByLabel('Native event JSON').textContent()).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('a[href*="evil.example"]').count()).toBe(0);
    expect(watch.dialogs).toEqual([]);
  });

  it('lists alerts live, filters them and acts on them', async () => {
    await nav('Alerts').click();
    await page.getByRole('heading', { name: 'Alerts' }).waitFor(WAIT);
    await page.getByText(/alerts? shown/).waitFor(WAIT);
    // The server's built-in detector raises an alert for an event its source rates critical; the
    // title quotes the event's message, so the markup must stay text here too.
    const marker = `e2e-alert-${run}`;
    await ingest([{ message: `${XSS} ${marker}`, severity: 'critical', hostname: 'dc-e2e-01' }]);
    const row = page.locator('tr[data-alert-id]').filter({ hasText: marker });
    await row.waitFor(WAIT); // arrives through the live stream, no reload
    expect(await row.textContent()).toContain(XSS);
    expect(await row.getAttribute('data-severity')).toBe('critical');
    expect(await page.locator('img').count()).toBe(0);
    // The detail shows the rule and the fields it looked at, still as text.
    await row.getByRole('button', { name: 'Show alert details' }).click();
    const details = page.locator(`tr[data-alert-details="${await row.getAttribute('data-alert-id')}"]`);
    await details.waitFor(WAIT);
    expect(await details.textContent()).toContain('critical-source-severity');
    expect(await details.getByLabel('Fields that matched').textContent()).toContain('dc-e2e-01');
    await row.getByRole('button', { name: 'Hide alert details' }).click();

    const [byStatus] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/alerts?') && r.url().includes('status=closed')),
      page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('closed'),
    ]);
    expect(byStatus.status()).toBe(200);
    await page.getByText(/alerts? shown|No alerts match/).first().waitFor(WAIT);
    await row.waitFor({ state: 'detached', ...WAIT });
    for (const s of await page.locator('tr[data-alert-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) {
      expect(s).toBe('closed');
    }
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('open');
    const [bySeverity] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('severity=critical') && r.url().includes('status=open')),
      page.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('critical'),
    ]);
    expect(bySeverity.status()).toBe(200);
    await row.waitFor(WAIT);

    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('');
    await row.getByRole('button', { name: /^Acknowledge/ }).click();
    await page.locator('tr[data-alert-id][data-status="acknowledged"]').filter({ hasText: marker }).waitFor(WAIT);
    await row.getByRole('button', { name: /to me$/ }).click();
    await row.getByRole('cell', { name: 'me', exact: true }).waitFor(WAIT);
    await row.getByRole('button', { name: /^Close/ }).click();
    await page.locator('tr[data-alert-id][data-status="closed"]').filter({ hasText: marker }).waitFor(WAIT);
    await page.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('');
  });

  it('reaches the navigation with the keyboard alone (Tab + Enter)', async () => {
    await page.goto(`${srv.url}/#/live`);
    await page.reload(); // a fresh document: focus starts at the top
    await nav('Live events').waitFor(WAIT);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.tagName === 'A' && el.closest('nav') !== null && el.textContent?.trim() === 'Health';
      });
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Health' }).waitFor(WAIT);
    expect(page.url()).toMatch(/#\/health$/);
    await page.getByTestId('health').waitFor(WAIT);
  });

  it('returns to the login screen when the session is gone (401)', async () => {
    await page.context().clearCookies();
    await nav('Alerts').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    const res = await signIn(srv.adminPassword);
    expect(res.status()).toBe(200);
    await nav('Live events').waitFor(WAIT);
  });

  it('logs out back to the login screen', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    expect(await nav('Live events').count()).toBe(0);
  });

  it('made no request to any host but the server, and raised no page errors', () => {
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
