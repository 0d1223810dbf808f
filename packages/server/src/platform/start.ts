// Opens what the kernel provides (logger, database, bus, metrics) from a validated configuration.
import { readFileSync } from 'node:fs';
import type { Config } from './config/config.ts';
import type { Platform } from './context.ts';
import { openBus } from './bus/open.ts';
import { openDb } from './db/open.ts';
import { createMetrics } from './http/metrics.ts';
import { createLogger, type Logger } from './log/log.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function openPlatform(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Platform> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bus = await openBus(db, log, config.natsUrl, config.natsStream);
  return { config, log, db, bus, metrics: createMetrics(), startedAt: new Date(), version: VERSION };
}
