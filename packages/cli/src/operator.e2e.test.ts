// Operator commands against a PostgreSQL server: `bulwark migrate` prepares an empty database, and
// `bulwark audit verify` reports the first audit entry edited behind the application's back.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresUrl } from '../../server/src/testing/databases.ts';
import { startServer, type ServerProcess } from '../../server/src/testing/server-process.ts';

const BIN = fileURLToPath(new URL('../bin/bulwark.mjs', import.meta.url));
if (!postgresUrl) console.log('Operator CLI test skipped: BULWARK_TEST_DATABASE_URL is not set.');

function bulwark(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) base[k] = v;
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(postgresUrl !== undefined)('operator commands on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    database = await createPostgresDatabase(postgresUrl!);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('migrate prepares an empty database, and running it again changes nothing', async () => {
    const first = await bulwark(['migrate'], { BULWARK_DATABASE_URL: database.url });
    expect(first.code, first.stderr).toBe(0);
    const again = await bulwark(['migrate'], { BULWARK_DATABASE_URL: database.url });
    expect(again.code, again.stderr).toBe(0);
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const tables = await c.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by 1`);
    await c.end();
    expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['alerts', 'api_keys', 'audit_log', 'event_keys', 'events', 'memberships', 'organisations', 'outbox', 'sessions', 'users']));
  }, 120_000);

  it('audit verify finds the first edited entry', async () => {
    server = await startServer({ env: { BULWARK_DATABASE_URL: database.url } });
    const env = { BULWARK_URL: server.url, BULWARK_TOKEN: server.adminToken };
    for (const name of ['one', 'two', 'three']) expect((await bulwark(['key', 'create', name], env)).code).toBe(0);
    const intact = await bulwark(['audit', 'verify'], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact/);
    // The table owner edits history, switching the guard trigger off and on again.
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const [row] = (await c.query<{ seq: string }>(`select seq from audit_log where action = 'key.create' order by seq limit 1`)).rows;
    await c.query('alter table audit_log disable trigger audit_log_no_update');
    await c.query(`update audit_log set details = '{"name":"innocent"}' where seq = $1`, [row!.seq]);
    await c.query('alter table audit_log enable trigger audit_log_no_update');
    await c.end();
    const broken = await bulwark(['audit', 'verify'], env);
    expect(broken.code).toBe(2);
    expect(broken.stdout + broken.stderr).toContain(`broken at entry ${row!.seq}`);
    const json = await bulwark(['--json', 'audit', 'verify'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: Number(row!.seq) } });
  }, 120_000);
});
