// Builds the OpenAPI document from the route schemas (on a throw-away embedded database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { createInprocBus } from './platform/bus/inproc.ts';
import { loadConfig } from './platform/config/config.ts';
import { openDb } from './platform/db/open.ts';
import { createMetrics } from './platform/http/metrics.ts';
import { createLogger } from './platform/log/log.ts';
import { VERSION } from './platform/start.ts';

export const OPENAPI_FILE = new URL('../../../docs/openapi.json', import.meta.url);

export async function buildOpenApi(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-openapi-'));
  const db = await openDb({ dataDir });
  try {
    const config = loadConfig({ BULWARK_DATA_DIR: dataDir, BULWARK_ROLES: 'api' });
    const log = createLogger('silent');
    const app = await buildApp({ config, log, db, bus: createInprocBus(db, log), metrics: createMetrics(), startedAt: new Date(), version: VERSION });
    await app.http!.ready();
    const doc = app.http!.swagger() as { info: { version: string } };
    await app.stop();
    return `${JSON.stringify(doc, null, 2)}\n`;
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
