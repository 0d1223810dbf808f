// The media page in Chromium against the real server: create a hash bank, check a generated image
// (unknown), add it to the bank from the check with its disinformation context, check it again (known
// fake, with the entry as evidence), record a disinformation incident linked to the entry (DISARM
// technique names from the imported framework when ../shared/corpora/disarm is present) and export it
// as STIX, withdraw the entry with a reason (history shows it), check it once more (unknown), and
// delete another bank after the confirmation that says its entries are withdrawn everywhere.
// Hostile file names, narratives and titles are shown as text; nothing leaves for another host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { MediaBank, MediaBankEntry, MediaCheck, MediaIncident } from '@bulwark/contracts';
import { REPO_ROOT, startServer, type ServerProcess } from '../packages/server/src/testing/server-process.ts';
import { WAIT, XSS, buildWeb, chromiumMissing, createUser, navLink, openConsole, signInAgain, type ConsoleSession, type PageWatch } from './harness.ts';

const skip = chromiumMissing('e2e/media');

const DISARM_BUNDLE = join(process.env.BULWARK_CORPORA ?? join(REPO_ROOT, '..', 'shared', 'corpora'), 'disarm', 'DISARM.json');
const hasDisarm = existsSync(DISARM_BUNDLE);
if (!skip && !hasDisarm) console.log(`e2e/media: DISARM technique names not checked — ${DISARM_BUNDLE} is absent`);

/** A 256×256 picture with structure at several scales (PDQ quality well above 50), the same every run. */
function testImage(): Buffer {
  const size = 256;
  const png = new PNG({ width: size, height: size });
  let seed = 0x2545f491;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const blobs = Array.from({ length: 12 }, () => ({ x: rnd() * size, y: rnd() * size, r: 20 + rnd() * 50, v: rnd() * 160 - 80 }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let v = 128 + 40 * Math.sin(x / 11) * Math.cos(y / 17) + 30 * Math.sin((x + 2 * y) / 29);
      for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) v += b.v;
      const g = Math.max(0, Math.min(255, Math.round(v)));
      const i = (y * size + x) * 4;
      png.data[i] = g;
      png.data[i + 1] = Math.max(0, Math.min(255, g + Math.round(30 * Math.sin(y / 7))));
      png.data[i + 2] = 255 - g;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const IMAGE = testImage();

/** The same picture mirrored left to right (another SHA-256, the same PDQ under a dihedral transform). */
function mirrored(png: Buffer): Buffer {
  const src = PNG.sync.read(png);
  const out = new PNG({ width: src.width, height: src.height });
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      src.data.copy(out.data, (y * src.width + x) * 4, (y * src.width + (src.width - 1 - x)) * 4, (y * src.width + (src.width - x)) * 4);
    }
  }
  return PNG.sync.write(out);
}
const FILE_NAME = `e2e ${XSS}.png`;
const BANK_NAME = `Known deepfakes — e2e ${XSS}`;
const NARRATIVE = `${XSS} fabricated speech of a head of state`;
const SOURCE = 'https://video.example/watch?v=e2e';
const MAX_UPLOAD = 1024 * 1024;
const INCIDENT_TITLE = `${XSS} deepfake of the prime minister`;
const CHANNEL_URL = 'https://t.me/e2e_news';

describe.skipIf(skip)('media page in Chromium', () => {
  let srv: ServerProcess;
  let ui: ConsoleSession | undefined;
  let page: Page;
  let watch: PageWatch;
  let entry: MediaBankEntry;
  let knownCheck: MediaCheck;

  const noMarkup = async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].some((s) => s.text.includes('alert(')))).toBe(false);
  };

  /** Drops bytes on the drop zone as a file would be dropped from the desktop. */
  const dropFile = async (buffer: Buffer, name: string) => {
    const transfer = await page.evaluateHandle(({ b64, fileName }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], fileName, { type: 'image/png' }));
      return dt;
    }, { b64: buffer.toString('base64'), fileName: name });
    await page.getByRole('group', { name: 'Drop a file to check it' }).dispatchEvent('drop', { dataTransfer: transfer });
  };

  /** Uploads the image (chosen with the file input, or dropped) and waits for the verdict of that check. */
  const checkImage = async (via: 'choose' | 'drop' = 'choose'): Promise<{ check: MediaCheck; verdict: string }> => {
    await page.getByRole('tab', { name: 'Check' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/media/check?') && r.request().method() === 'POST'),
      via === 'drop'
        ? dropFile(IMAGE, FILE_NAME)
        : page.getByLabel('Media file to check').setInputFiles({ name: FILE_NAME, mimeType: 'image/png', buffer: IMAGE }),
    ]);
    expect(res.status()).toBe(200);
    expect(res.request().headers()['content-type']).toBe('application/octet-stream');
    const check = (await res.json()) as MediaCheck;
    const section = page.locator(`section[data-check="${check.id}"]`);
    await section.waitFor(WAIT);
    const verdict = (await section.getByTestId('verdict').textContent()) ?? '';
    return { check, verdict };
  };

  beforeAll(async () => {
    await buildWeb();
    srv = await startServer({ env: { BULWARK_MEDIA_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) } });
    if (hasDisarm) {
      const res = await fetch(`${srv.url}/api/v1/media/disarm`, {
        method: 'POST', headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' }, body: readFileSync(DISARM_BUNDLE),
      });
      expect(res.status).toBe(200);
    }
    ui = await openConsole(srv, { viewport: { width: 1440, height: 1000 }, retrySessionProbe: true, open: 'Media' });
    ({ page, watch } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await srv?.stop();
  });

  it('creates a hash bank', async () => {
    await page.getByRole('tab', { name: 'Hash banks' }).click();
    expect(page.url()).toContain('#/media/banks');
    const form = page.getByRole('form', { name: 'New hash bank' });
    await form.getByLabel('Bank name').fill(BANK_NAME);
    await form.getByRole('combobox', { name: 'Default TLP of the entries' }).selectOption('GREEN');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/media/banks') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create bank' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const bank = (await res.json()) as MediaBank;
    const row = page.locator(`tr[data-bank="${bank.id}"]`);
    await row.waitFor(WAIT);
    expect(await row.getByRole('link').textContent()).toBe(BANK_NAME);
    expect(await row.locator('[data-tlp]').textContent()).toBe('TLP:GREEN');
    await noMarkup();
  });

  it('checks an image no bank knows: unknown, with its hashes and the file name as text', async () => {
    const { check, verdict } = await checkImage();
    expect(check.verdict).toBe('unknown');
    expect(verdict).toBe('Unknown');
    expect(check.hashes.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(page.url()).toContain(`#/media/check/${check.id}`);
    const section = page.locator(`section[data-check="${check.id}"]`);
    expect(await section.getByTestId('check-name').textContent()).toBe(FILE_NAME);
    expect(await section.locator('[data-hash="SHA-256"]').textContent()).toBe(check.hashes.sha256);
    await page.getByRole('table', { name: 'Recent checks' }).locator(`tr[data-check="${check.id}"]`).waitFor(WAIT);
    await noMarkup();
  });

  it('adds the checked image to the bank with its context', async () => {
    const section = page.locator('section[data-check]').first();
    await section.getByRole('button', { name: 'Add to bank' }).click();
    const form = page.getByRole('form', { name: 'Add to bank' });
    await form.getByLabel('Narrative').fill(NARRATIVE);
    await form.getByLabel('Actor').fill('Storm-E2E');
    await form.getByLabel('DISARM techniques').fill('T0086.002, t0023');
    await form.getByLabel('Source').fill(SOURCE);
    if (hasDisarm) {
      const chosen = form.getByLabel('Techniques chosen');
      await chosen.getByText('Develop AI-Generated Images (Deepfakes)').waitFor(WAIT);
      expect(await chosen.textContent()).toContain('Distort Facts');
    }
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/media\/banks\/[^/]+\/entries$/.test(r.url()) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Add entry' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const sent = res.request().postDataJSON() as Record<string, unknown>;
    expect(sent).toMatchObject({ narrative: NARRATIVE, actor: 'Storm-E2E', disarm: ['T0086.002', 'T0023'], source: SOURCE });
    expect(typeof sent.checkId).toBe('string');
    entry = (await res.json()) as MediaBankEntry;
    expect(entry.status).toBe('active');
    await page.getByTestId('added-entry').waitFor(WAIT);
  });

  it('checks it again: known fake, with the entry and its context as evidence', async () => {
    const { check, verdict } = await checkImage();
    knownCheck = check;
    expect(check.verdict).toBe('known-fake');
    expect(verdict).toBe('Known fake');
    const row = page.locator(`section[data-check="${check.id}"]`).getByRole('table', { name: 'Matching bank entries' }).locator('tbody tr').first();
    await row.waitFor(WAIT);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(NARRATIVE);
    expect(text).toContain('Storm-E2E');
    expect(text).toContain('T0086.002');
    expect(text).toContain(BANK_NAME);
    expect(text).toContain('this instance');
    const source = row.getByRole('link', { name: SOURCE });
    expect(await source.getAttribute('href')).toBe(SOURCE);
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
    await noMarkup();
  });

  it('finds a mirrored copy by its PDQ hash and says how far it is and under which transform', async () => {
    await page.getByRole('tab', { name: 'Check' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/media/check?') && r.request().method() === 'POST'),
      page.getByLabel('Media file to check').setInputFiles({ name: 'mirrored.png', mimeType: 'image/png', buffer: mirrored(IMAGE) }),
    ]);
    const check = (await res.json()) as MediaCheck;
    expect(['known-fake', 'near-match']).toContain(check.verdict);
    const pdq = check.matches.find((m) => m.algorithm === 'pdq');
    expect(pdq?.entryId).toBe(entry.id);
    const section = page.locator(`section[data-check="${check.id}"]`);
    const row = section.getByRole('table', { name: 'Matching bank entries' }).locator('tbody tr').filter({ hasText: 'PDQ' });
    await row.waitFor(WAIT);
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe(`distance ${pdq!.distance} of 256 bits${pdq!.transform && pdq!.transform !== 'original' ? ` (${pdq!.transform})` : ''}`);
    expect(cells[2]).toBe(pdq!.strength);
  });

  it('records an incident linked to the entry, edits its status, lists it by status and exports it as STIX', async () => {
    await page.goto(`${srv.url}/#/media/check/${knownCheck.id}`);
    await page.locator(`section[data-check="${knownCheck.id}"]`).getByRole('button', { name: 'Open an incident' }).click();
    expect(page.url()).toContain('#/media/incident/new');
    const form = page.getByRole('form', { name: 'New incident' });
    // Started from the check: the check, its entry and the entry's context.
    expect(await form.getByLabel('Narrative 1', { exact: true }).inputValue()).toBe(NARRATIVE);
    expect(await form.getByLabel('Actor 1 name').inputValue()).toBe('Storm-E2E');
    expect(await form.getByLabel('DISARM techniques').inputValue()).toBe('T0086.002, T0023');
    expect(await form.getByLabel('Linked bank entries').inputValue()).toBe(entry.id);
    expect(await form.getByLabel('Linked checks').inputValue()).toBe(knownCheck.id);
    await form.getByLabel('Title').fill(INCIDENT_TITLE);
    await form.getByRole('button', { name: 'Add a channel' }).click();
    await form.getByLabel('Channel 1 platform').fill('Telegram');
    await form.getByLabel('Channel 1 name').fill('@e2e_news');
    await form.getByLabel('Channel 1 URL').fill(CHANNEL_URL);
    await form.getByRole('combobox', { name: 'Channel 1 attribution' }).selectOption('state-linked');
    await form.getByLabel('Actor 1 confidence').fill('70');
    await form.getByLabel('DISARM techniques').fill('T0086.002');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/media/incidents') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create incident' }).click(),
    ]);
    expect(res.status()).toBe(201);
    const incident = (await res.json()) as MediaIncident;
    expect(incident).toMatchObject({ title: INCIDENT_TITLE, narratives: [NARRATIVE], techniques: ['T0086.002'], mediaEntries: [entry.id], mediaChecks: [knownCheck.id] });
    expect(incident.channels).toEqual([{ platform: 'Telegram', name: '@e2e_news', url: CHANNEL_URL, kind: 'social-media-account', attribution: 'state-linked' }]);
    expect(incident.actors).toEqual([{ name: 'Storm-E2E', confidence: 70 }]);

    await page.getByRole('heading', { name: INCIDENT_TITLE, level: 3 }).waitFor(WAIT);
    expect(page.url()).toContain(`#/media/incident/${incident.id}`);
    const technique = page.locator('tr[data-technique="T0086.002"]');
    if (hasDisarm) expect(await technique.textContent()).toContain('Develop AI-Generated Images (Deepfakes)');
    expect(await page.getByTestId('disarm-source').textContent()).toContain(hasDisarm ? 'DISARM technique names:' : 'not imported');
    const channel = page.getByRole('region', { name: 'Channels' }).getByRole('link', { name: CHANNEL_URL });
    expect(await channel.getAttribute('rel')).toBe('noopener noreferrer');
    const linked = page.getByRole('region', { name: 'Linked media' });
    await linked.locator(`a[href="#/media/entry/${entry.id}"]`).filter({ hasText: entry.title }).waitFor(WAIT);
    await linked.locator(`a[href="#/media/check/${knownCheck.id}"]`).filter({ hasText: FILE_NAME }).waitFor(WAIT);
    await linked.locator('[data-verdict="known-fake"]').waitFor(WAIT);
    await noMarkup();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('form', { name: 'Edit incident' }).getByRole('combobox', { name: 'Status' }).selectOption('investigating');
    const [patch] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/media/incidents/${incident.id}`) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Save incident' }).click(),
    ]);
    expect(patch.status()).toBe(200);
    await page.locator('[data-status="investigating"]').first().waitFor(WAIT);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export STIX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bulwark-incident-[0-9a-f]{8}-[a-z0-9-]+\.stix\.json$/);
    const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { type: string; objects: { type: string; name?: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.find((o) => o.type === 'incident')?.name).toBe(INCIDENT_TITLE);

    await page.getByRole('link', { name: '← All incidents' }).click();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Investigating' }).click();
    await page.locator(`tr[data-incident="${incident.id}"]`).waitFor(WAIT);
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Closed' }).click();
    await page.getByText('No incidents match.').waitFor(WAIT);
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'All' }).click();
    await page.getByRole('link', { name: 'New incident' }).click();
    expect(await page.getByRole('form', { name: 'New incident' }).getByLabel('Title').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator(`tr[data-incident="${incident.id}"]`).waitFor(WAIT);
  });

  it('withdraws the entry with a reason, and the history shows it', async () => {
    await page.goto(`${srv.url}/#/media/entry/${entry.id}`);
    const drawer = page.getByRole('dialog', { name: 'Bank entry' });
    await drawer.getByText('active', { exact: true }).waitFor(WAIT);
    expect(await drawer.locator('[data-hash^="PDQ"]').textContent()).toBe(entry.hashes.pdq);
    if (hasDisarm) expect(await drawer.getByLabel('Context').textContent()).toContain('T0086.002 Develop AI-Generated Images (Deepfakes)');
    await drawer.getByRole('button', { name: 'Withdraw…' }).click();
    await drawer.getByLabel('Reason').fill('Shown to be authentic footage');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/media/entries/${entry.id}/withdraw`)),
      drawer.getByRole('button', { name: 'Withdraw the entry' }).click(),
    ]);
    expect(res.status()).toBe(200);
    await drawer.getByTestId('entry-status').filter({ hasText: 'withdrawn' }).waitFor(WAIT);
    const history = drawer.getByLabel('Entry history');
    await history.locator('[data-action="withdraw"]').waitFor(WAIT);
    expect(await history.locator('[data-action="withdraw"]').textContent()).toContain('Shown to be authentic footage');
    expect(await history.locator('[data-action="add"]').count()).toBe(1);
    await drawer.getByRole('button', { name: 'Close entry' }).click();
    expect(page.url()).toContain(`#/media/bank/${entry.bankId}`);
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Withdrawn' }).click();
    expect(await page.getByRole('radio', { name: 'Withdrawn' }).isChecked()).toBe(true);
    await page.locator(`tr[data-entry="${entry.id}"][data-status="withdrawn"]`).waitFor(WAIT);
  });

  it('says why a file too large or a URL the server may not fetch was not checked', async () => {
    await page.getByRole('tab', { name: 'Check' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/media/check?') && r.request().method() === 'POST'),
      dropFile(Buffer.alloc(MAX_UPLOAD + 4096, 7), 'too-large.png'),
    ]);
    expect(res.status()).toBe(413);
    const problem = (await res.json()) as { detail: string };
    const shown = page.getByRole('alert').filter({ hasText: 'Could not check too-large.png' });
    await shown.waitFor(WAIT);
    expect(await shown.textContent()).toContain(problem.detail);

    await page.getByLabel('Or a URL').fill('javascript:alert(1)');
    expect(await page.getByRole('button', { name: 'Check URL' }).isDisabled()).toBe(true);
    await page.getByLabel('Or a URL').fill('http://127.0.0.1:9/fake.png');
    const [byUrl] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/media/check/url')),
      page.getByRole('button', { name: 'Check URL' }).click(),
    ]);
    expect(byUrl.status()).toBeGreaterThanOrEqual(400);
    const refused = (await byUrl.json()) as { detail: string };
    const urlAlert = page.getByRole('alert').filter({ hasText: 'Could not check the URL' });
    await urlAlert.waitFor(WAIT);
    expect(await urlAlert.textContent()).toContain(refused.detail);
  });

  it('checks it once more (dropped on the zone): unknown again', async () => {
    const { check, verdict } = await checkImage('drop');
    expect(check.verdict).toBe('unknown');
    expect(verdict).toBe('Unknown');
    expect(check.matches).toEqual([]);
    await noMarkup();
  });

  it('deletes a bank after saying that its entries are withdrawn and the withdrawals shared', async () => {
    const call = async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${srv.url}${path}`, { method, headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      return (await res.json()) as T;
    };
    const bank = await call<MediaBank>('POST', '/api/v1/media/banks', { name: 'Drill bank', distribution: 'community' });
    await call<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.id}/entries`, { hashes: { sha256: '9e'.repeat(32) }, title: 'Drill entry' });
    await page.goto(`${srv.url}/#/media/bank/${bank.id}`);
    await page.getByRole('button', { name: 'Delete bank' }).click();
    const form = page.getByRole('form', { name: 'Delete bank' });
    expect(await form.getByRole('alert').textContent()).toContain('Deleting "Drill bank" withdraws its 1 active entry: they stop matching here, and the withdrawals are sent to every organisation and federated instance');
    await form.getByLabel('Reason').fill('the drill is over');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/media/banks/${bank.id}`) && r.request().method() === 'DELETE'),
      form.getByRole('button', { name: 'Delete the bank' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ withdrawn: 1, bank: { id: bank.id } });
    await page.waitForURL(/#\/media\/banks$/, WAIT);
    await page.locator(`tr[data-bank="${entry.bankId}"]`).waitFor(WAIT);
    expect(await page.locator(`tr[data-bank="${bank.id}"]`).count()).toBe(0);
    await page.goto(`${srv.url}/#/media/bank/${bank.id}`);
    await page.getByText(/^Deleted .*: its entries were withdrawn/).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Delete bank' }).count()).toBe(0);
  });

  it('lets an auditor check media and read banks, entries and incidents, but change nothing', async () => {
    const auditor = { email: 'auditor@media.e2e.example', password: 'auditor password 0123456789' };
    await createUser(srv, auditor, 'auditor');
    await signInAgain(page, srv, auditor);
    await navLink(page, 'Media').click();
    await page.getByText('Your role may check media and read the banks but not change them.').waitFor(WAIT);
    const { check } = await checkImage();
    expect(check.verdict).toBe('unknown');
    expect(await page.getByRole('button', { name: 'Add to bank' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Hash banks' }).click();
    await page.locator(`tr[data-bank="${entry.bankId}"]`).waitFor(WAIT);
    expect(await page.getByRole('form', { name: 'New hash bank' }).count()).toBe(0);
    await page.goto(`${srv.url}/#/media/entry/${entry.id}`);
    const drawer = page.getByRole('dialog', { name: 'Bank entry' });
    await drawer.getByTestId('entry-status').waitFor(WAIT);
    expect(await drawer.getByRole('button', { name: /Edit|Withdraw/ }).count()).toBe(0);
    await drawer.getByRole('button', { name: 'Close entry' }).click();
    await page.getByRole('heading', { name: BANK_NAME, level: 3 }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: /Edit bank|Delete bank/ }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Incidents' }).click();
    await page.locator('tr[data-incident]').first().waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'New incident' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  it('opened no dialog, made no request to any host but the server, and raised no page errors', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
