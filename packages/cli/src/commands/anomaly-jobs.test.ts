// `bulwark anomaly jobs | tune | allow | allow-list | allow-remove | false-positive`: the real command
// against a real server (in this process, embedded database).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyAllowEntry, AnomalyJobList } from '@bulwark/contracts';
import { databaseTiers } from '../../../server/src/testing/databases.ts';
import { startTestApp, type TestApp } from '../../../server/src/testing/app.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));

describe('bulwark anomaly jobs and tuning', () => {
  let t: TestApp;
  const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, BULWARK_URL: t.url, BULWARK_TOKEN: t.adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
  }, 60_000);
  afterAll(async () => t?.close());

  it('lists and tunes jobs, keeps allow-list entries, and refuses bad input', async () => {
    const table = await run(['anomaly', 'jobs']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('impossible_travel');
    const tuned = await run(['anomaly', 'tune', 'login_hour', '--threshold', '90', '--disable']);
    expect(tuned.stdout).toBe('login_hour: disabled, threshold 90\n');
    const jobs = JSON.parse((await run(['--json', 'anomaly', 'jobs'])).stdout) as AnomalyJobList;
    expect(jobs.jobs.find((j) => j.name === 'login_hour')).toMatchObject({ enabled: false, threshold: 90 });
    expect((await run(['anomaly', 'tune', 'login_hour', '--threshold', 'default', '--enable'])).stdout).toBe('login_hour: enabled, threshold 80\n');
    expect((await run(['anomaly', 'tune', 'login_hour', '--threshold', '200'])).code).toBe(1);

    const added = JSON.parse((await run(['--json', 'anomaly', 'allow', 'impossible_travel', '*', '198.51.100.0/24', '--note', 'VPN'])).stdout) as AnomalyAllowEntry;
    expect(added).toMatchObject({ job: 'impossible_travel', entity: '*', value: '198.51.100.0/24', note: 'VPN' });
    expect((await run(['anomaly', 'allow-list'])).stdout).toContain('198.51.100.0/24');
    expect((await run(['anomaly', 'allow-remove', added.id])).stdout).toBe(`removed ${added.id}\n`);
    expect((await run(['anomaly', 'allow-list'])).stderr).toContain('(no entries)');
    const missing = await run(['anomaly', 'false-positive', '0'.repeat(40)]);
    expect(missing.code).not.toBe(0);
  }, 60_000);
});
