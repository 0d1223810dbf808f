// What every browser test of the console needs: the console built once (test files run in parallel,
// so the build is serialised with a lock), Debian's Chromium launched headless, a page that records
// requests to other hosts, dialogs and page errors, sign-in through the login form, and `openConsole`,
// which puts these together: a browser on the server's console, signed in, on the page under test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { REPO_ROOT, type ServerProcess } from '../packages/server/src/testing/server-process.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const XSS = '<img src=x onerror=alert(1)>';
export const WAIT = { timeout: 20_000 };

/** True when Chromium is missing, after saying once that `file` is skipped for that reason. */
export function chromiumMissing(file: string): boolean {
  if (!hasChromium) console.log(`${file}: skipped — ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  return !hasChromium;
}

const LOCK = join(REPO_ROOT, 'node_modules', '.cache', 'bulwark-web-build.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // No pid file yet: the holder is between mkdir and write; treat it as alive.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withBuildLock<T>(work: () => T): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (waited > 5_000 && !holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds packages/web when its sources changed, as shipped (NODE_ENV=production, not Vitest's test). */
export async function buildWeb(): Promise<void> {
  const build = await withBuildLock(() =>
    spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    }),
  );
  if (build.status !== 0) throw new Error('building packages/web failed');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export interface PageWatch {
  /** Requests to any host but the server. */
  readonly foreign: string[];
  /** Messages of alert/confirm/prompt dialogs (dismissed). */
  readonly dialogs: string[];
  readonly pageErrors: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { foreign: [], dialogs: [], pageErrors: [] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') watch.foreign.push(r.url());
  });
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  return watch;
}

/** Fills the login form (as the server's admin unless told otherwise) and returns the login response. */
export async function signIn(page: Page, srv: ServerProcess, password = srv.adminPassword, email = srv.adminEmail): Promise<Response> {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return res;
}

/** A link of the main navigation. */
export function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** Logs out and signs in again as `user` (the server's admin when omitted); the sign-in must succeed. */
export async function signInAgain(page: Page, srv: ServerProcess, user?: { email: string; password: string }): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  expect((await signIn(page, srv, user?.password, user?.email)).status()).toBe(200);
}

/** Creates a user of the server's organisation with `role`, through the API as the admin. */
export async function createUser(srv: ServerProcess, user: { email: string; password: string }, role: string): Promise<void> {
  const created = await fetch(`${srv.url}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...user, role }),
  });
  expect(created.status).toBe(201);
}

export interface ConsoleOptions {
  /** The browser window; 1360×900 unless told. */
  readonly viewport?: { width: number; height: number };
  /** Sign in as the server's admin (the default); false leaves the page on the login form. */
  readonly signIn?: boolean;
  /**
   * Wait up to a minute for the login form, pressing "Try again" if the console offers it: the session
   * probe can fail while the machine is busy.
   */
  readonly retrySessionProbe?: boolean;
  /** After sign-in, follow this link of the main navigation and wait for the page's heading of that name. */
  readonly open?: string;
}

export interface ConsoleSession {
  readonly page: Page;
  readonly watch: PageWatch;
  /** Closes the browser. */
  close(): Promise<void>;
}

/** Chromium on the server's console: a watched page, signed in as the admin and on the `open` page unless told otherwise. */
export async function openConsole(srv: ServerProcess, options: ConsoleOptions = {}): Promise<ConsoleSession> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1360, height: 900 } });
    const watch = watchPage(page);
    await page.goto(srv.url);
    if (options.retrySessionProbe) {
      const tryAgain = page.getByRole('button', { name: 'Try again' });
      await page.getByLabel('Email').or(tryAgain).waitFor({ timeout: 60_000 });
      if (await tryAgain.count()) await tryAgain.click();
    }
    if (options.signIn ?? true) {
      expect((await signIn(page, srv)).status()).toBe(200);
      if (options.open !== undefined) {
        await navLink(page, options.open).click();
        await page.getByRole('heading', { name: options.open, level: 2 }).waitFor(WAIT);
      }
    }
    return { page, watch, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
