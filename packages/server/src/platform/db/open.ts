// Opens the database named by the configuration (PGlite under the data directory, or PostgreSQL),
// brings its schema up to date and switches the connections to the application role.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { makeDb, type Db, type Orm } from './db.ts';
import { schema } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
export const APP_ROLE = 'bulwark_app';
const MIGRATION_LOCK = 7_331_001;

export interface OpenOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** Apply pending migrations before use (default true). */
  readonly migrate?: boolean;
  readonly poolSize?: number;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Db> {
  const dir = join(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const client = await PGlite.create({ dataDir: dir });
  const orm = drizzlePglite({ client, schema }) as unknown as Orm;
  if (opts.migrate !== false) await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR });
  await client.exec(`SET ROLE ${APP_ROLE}`);
  return makeDb('pglite', orm, async () => void (await client.query('select 1')), async () => client.close());
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Db> {
  if (opts.migrate !== false) await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  pool.on('connect', (c) => {
    c.query(`SET ROLE ${APP_ROLE}`).catch(() => undefined);
  });
  pool.on('error', () => undefined); // an idle client lost its server; the pool replaces it
  const orm = drizzlePg({ client: pool, schema }) as unknown as Orm;
  return makeDb('postgres', orm, async () => void (await pool.query('select 1')), async () => pool.end());
}

/** Applies pending migrations as the connecting (owner) role, one process at a time. */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
