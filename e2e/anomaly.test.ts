// Entity risk page in Chromium against the real server: logins sent over HTTP raise an impossible-travel
// finding; the user (a hostile name, shown as text) is listed with a risk, its page shows the timeline
// and the explanation, and marking the finding as a false positive closes it. Nothing leaves for
// another host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Alert } from '@bulwark/contracts';
import { intToIpv4, openGeo } from '../packages/server/src/modules/anomaly/geo/geo.ts';
import { startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, openConsole, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/anomaly');

const geo = openGeo();
const ipOf = (country: string) => {
  for (const [a] of geo.rangesOf!(country)) {
    const ip = intToIpv4(a + 1);
    if (geo.lookup(ip).country?.country === country) return ip;
  }
  throw new Error(country);
};
const USER = XSS.toLowerCase();
const login = (ip: string, minutesAgo: number) => ({
  '@timestamp': new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  event: { category: 'authentication', type: 'start', outcome: 'success' }, user: { name: USER }, source: { ip }, host: { name: 'vpn-gw' },
});

describe.skipIf(skip)('entity risk page in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    await buildWeb();
    srv = await startServer();
    const auth = { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' };
    const sent = await fetch(`${srv.url}/api/v1/events`, { method: 'POST', headers: auth, body: JSON.stringify([login(ipOf('DE'), 180), login(ipOf('AU'), 120)]) });
    expect(sent.status).toBe(200);
    for (let i = 0; ; i++) {
      const list = (await (await fetch(`${srv.url}/api/v1/alerts?detector=anomaly`, { headers: auth })).json()) as { alerts: Alert[] };
      if (list.alerts.length) break;
      if (i > 400) throw new Error('no anomaly alert');
      await new Promise((r) => setTimeout(r, 50));
    }
    ui = await openConsole(srv, { open: 'Entity risk' });
    ({ page, watch } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('lists the user with a risk, shows its timeline and the explained finding, and marks it as a false positive', async () => {
    const table = page.getByRole('table', { name: 'Entities by risk' });
    await table.waitFor(WAIT);
    await table.getByRole('link', { name: USER, exact: true }).click();
    const finding = page.getByRole('article').first();
    await finding.waitFor(WAIT);
    expect(await finding.textContent()).toContain('Impossible travel');
    expect(await page.getByRole('heading', { name: /Risk timeline/ }).count()).toBe(1);
    const explanation = await page.getByLabel('Explanation').first().textContent();
    expect(explanation).toContain('speed_kmh');
    expect(explanation).toContain('previous_country');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/anomaly/false-positives')),
      page.getByRole('button', { name: /False positive/ }).click(),
    ]);
    expect(res.status()).toBe(201);
    await page.getByText('marked as a false positive').waitFor(WAIT);
    expect(await page.locator('img').count()).toBe(0);
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
