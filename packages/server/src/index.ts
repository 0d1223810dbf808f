// Public entry of the server package (used by the CLI's local commands).
import type { Config } from './platform/config/config.ts';
import { openDb } from './platform/db/open.ts';

export { loadConfig, ConfigError, type Config } from './platform/config/config.ts';
export { runServer } from './serve.ts';

/** Applies pending migrations to the configured database and closes it. */
export async function migrate(config: Config): Promise<void> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  await db.close();
}
