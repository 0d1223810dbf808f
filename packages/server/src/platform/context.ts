// What the kernel hands to every module: configuration, logger, database, bus and metrics.
import type { Registry } from 'prom-client';
import type { Bus } from './bus/port.ts';
import type { Config } from './config/config.ts';
import type { Db } from './db/db.ts';
import type { Logger } from './log/log.ts';

export interface Platform {
  readonly config: Config;
  readonly log: Logger;
  readonly db: Db;
  readonly bus: Bus;
  readonly metrics: Registry;
  readonly startedAt: Date;
  readonly version: string;
}
