// The database test tier: every suite that uses it runs on embedded PGlite and, when
// BULWARK_TEST_DATABASE_URL names a PostgreSQL server (as .ci/run does), on a fresh database there too.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../platform/db/open.ts';
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db } from '../platform/db/db.ts';

export interface TestDatabase {
  readonly db: Db;
  /** Connection URL (PostgreSQL) or data directory (PGlite), to start a server process on the same data. */
  readonly url: string | undefined;
  readonly dataDir: string;
  /** A raw owner connection for checks the application role may not do (PostgreSQL only). */
  cleanup(): Promise<void>;
}

export interface Tier {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export const postgresUrl: string | undefined = process.env['BULWARK_TEST_DATABASE_URL'];
let announced = false;

export function databaseTiers(): Tier[] {
  const tiers: Tier[] = [{ name: 'pglite', open: openPgliteTier }];
  if (postgresUrl) tiers.push({ name: 'postgres', open: () => openPostgresTier(postgresUrl) });
  else if (!announced) {
    announced = true;
    console.log('PostgreSQL tier skipped: BULWARK_TEST_DATABASE_URL is not set (PGlite tier runs).');
  }
  return tiers;
}

async function openPgliteTier(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-test-'));
  const db = await openDb({ dataDir });
  return {
    db,
    url: undefined,
    dataDir,
    async cleanup() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database on the PostgreSQL server and returns its URL. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function openPostgresTier(baseUrl: string): Promise<TestDatabase> {
  const created = await createPostgresDatabase(baseUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-test-'));
  const db = await openDb({ databaseUrl: created.url, dataDir, poolSize: 4 });
  return {
    db,
    url: created.url,
    dataDir,
    async cleanup() {
      await db.close();
      await created.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an organisation directly in the database (for tests below the HTTP API) and returns its id. */
export async function createOrganisation(db: Db, slug: string, opts: { home?: boolean } = {}): Promise<string> {
  const [row] = await db.tx(INSTANCE, (tx) =>
    rows<{ id: string }>(tx, sql`insert into organisations (name, slug, is_home) values (${slug}, ${slug}, ${opts.home ?? false}) returning id`),
  );
  return row!.id;
}
