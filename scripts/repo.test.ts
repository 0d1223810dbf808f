// Repository-wide checks: types, lint (with the import boundaries), and generated artefacts that are
// committed (OpenAPI document, SQL migrations, README configuration table) not drifting from their source.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, OPENAPI_FILE } from '../packages/server/src/openapi.ts';
import { configTable } from './config-table.ts';

const ROOT = resolve(import.meta.dirname, '..');
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('repository', () => {
  it('typechecks (server, cli, contracts, web, e2e)', () => {
    const r = run('npm', ['run', '-s', 'typecheck']);
    expect(r.stdout + r.stderr, 'tsc output').toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('lints clean, import boundaries included', () => {
    const r = run('npx', ['eslint', '.', '--max-warnings=0']);
    expect(r.stdout + r.stderr, 'eslint output').toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('docs/openapi.json matches the routes (run `npm run openapi`)', async () => {
    expect(await buildOpenApi()).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
  });

  it('the committed migrations match the schema (run `npm run migrations:generate`)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bw-mig-'));
    cpSync(join(ROOT, 'packages/server/migrations'), join(tmp, 'migrations'), { recursive: true });
    const before = readdirSync(join(tmp, 'migrations')).sort();
    const cfg = join(tmp, 'drizzle.config.json');
    writeFileSync(cfg, JSON.stringify({ dialect: 'postgresql', schema: join(ROOT, 'packages/server/src/platform/db/schema.ts'), out: join(tmp, 'migrations') }));
    const r = run('npx', ['drizzle-kit', 'generate', '--config', cfg]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(join(tmp, 'migrations')).sort()).toEqual(before);
  }, 120_000);

  it('the README configuration table matches the settings (run `node scripts/config-table.ts`)', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(configTable());
  });
});
