// A real platform and HTTP server on port 0 over a test database tier, for API tests.
import { loadConfig } from '../platform/config/config.ts';
import { bootstrap } from '../platform/identity/bootstrap.ts';
import { createLogger } from '../platform/log/log.ts';
import { createInprocBus } from '../platform/bus/inproc.ts';
import { createMetrics } from '../platform/http/metrics.ts';
import { VERSION } from '../platform/start.ts';
import type { Platform } from '../platform/context.ts';
import { buildApp, type App } from '../app.ts';
import type { Detector } from '../modules/detect/index.ts';
import { TEST_ADMIN } from './server-process.ts';
import type { Tier, TestDatabase } from './databases.ts';

export interface TestApp {
  readonly url: string;
  readonly platform: Platform;
  readonly app: App;
  readonly database: TestDatabase;
  readonly adminToken: string;
  close(): Promise<void>;
}

export async function startTestApp(tier: Tier, opts: { env?: Record<string, string>; detectors?: Detector[] } = {}): Promise<TestApp> {
  const database = await tier.open();
  const config = loadConfig({
    BULWARK_DATA_DIR: database.dataDir,
    BULWARK_PORT: '0',
    BULWARK_ADMIN_EMAIL: TEST_ADMIN.email,
    BULWARK_ADMIN_PASSWORD: TEST_ADMIN.password,
    BULWARK_ADMIN_TOKEN: TEST_ADMIN.token,
    BULWARK_ROLES: 'api,worker',
    ...opts.env,
  });
  const log = createLogger('silent');
  const platform: Platform = { config, log, db: database.db, bus: createInprocBus(database.db, log), metrics: createMetrics(), startedAt: new Date(), version: VERSION };
  await bootstrap(platform);
  const app = await buildApp(platform, opts.detectors ? { detectors: opts.detectors } : {});
  await app.start();
  await app.http!.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.http!.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    platform,
    app,
    database,
    adminToken: TEST_ADMIN.token,
    async close() {
      await app.stop();
      await database.cleanup();
    },
  };
}

/**
 * A small HTTP client for tests: JSON in, JSON (or problem+json) out. Like the CLI, it retries a call the
 * server shed before handling it (503 OVERLOADED: its event loop was delayed, as on a busy test machine),
 * up to ten times a second apart; any other answer is returned as it is.
 */
export function client(base: string, auth: { token?: string; cookie?: string; csrf?: string } = {}) {
  const once = clientOnce(base, auth);
  return async function call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    for (let i = 0; ; i++) {
      const r = await once<T>(method, path, body, headers);
      if (r.status !== 503 || (r.body as { code?: unknown } | undefined)?.code !== 'OVERLOADED' || i === 10) return r;
      await new Promise((res) => setTimeout(res, 1000));
    }
  };
}

function clientOnce(base: string, auth: { token?: string; cookie?: string; csrf?: string }) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const h: Record<string, string> = { ...headers };
    if (auth.token) h['authorization'] = `Bearer ${auth.token}`;
    if (auth.cookie) h['cookie'] = auth.cookie;
    if (auth.csrf) h['x-csrf-token'] = auth.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(base + path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}

/** A client that retries a call answered 503 (the server sheds load while its event loop is delayed) up to ten times, a second apart. */
export function retryingOn503(call: ReturnType<typeof client>): ReturnType<typeof client> {
  return (async (...args: Parameters<ReturnType<typeof client>>) => {
    for (let i = 0; ; i++) {
      const r = await call(...args);
      if (r.status !== 503 || i === 10) return r;
      await new Promise((res) => setTimeout(res, 1000));
    }
  }) as ReturnType<typeof client>;
}
