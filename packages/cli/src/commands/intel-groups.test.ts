// `bulwark intel groups`: the real command against a real server (in this process, embedded database).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharingGroup } from '@bulwark/contracts';
import { databaseTiers } from '../../../server/src/testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../server/src/testing/app.ts';
import { parseMember } from './intel-groups.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));

describe('bulwark intel groups', () => {
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

  it('reads members as org or instance/org', () => {
    expect(parseMember('agency-a')).toEqual({ org: 'agency-a' });
    expect(parseMember('de-bsi/kritis')).toEqual({ instance: 'de-bsi', org: 'kritis' });
    expect(() => parseMember('/x')).toThrow(/instance\/org/);
  });

  it('creates, lists, shows, changes members of and deletes a group', async () => {
    await client(t.url, { token: t.adminToken })('POST', '/api/v1/organisations', { name: 'Agency Q', slug: 'agency-q' });
    const created = await run(['--json', 'intel', 'groups', 'create', 'Energy ISAC', '--description', 'grid operators', '--member', 'de-bsi/kritis']);
    expect(created.code, created.stderr).toBe(0);
    const g = JSON.parse(created.stdout) as SharingGroup;
    expect(g.members).toHaveLength(2);
    expect((await run(['intel', 'groups', 'list'])).stdout).toContain('Energy ISAC');
    const added = await run(['intel', 'groups', 'add-member', g.id, 'agency-q']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(6);
    const removed = await run(['--json', 'intel', 'groups', 'remove-member', g.id, 'de-bsi/kritis']);
    expect((JSON.parse(removed.stdout) as SharingGroup).members.map((m) => m.instance === 'de-bsi')).toEqual([false, false]);
    expect((await run(['intel', 'groups', 'show', g.id])).stdout).toContain('grid operators');
    expect((await run(['intel', 'groups', 'delete', g.id])).stdout).toContain('deleted');
    const gone = await run(['intel', 'groups', 'show', g.id]);
    expect(gone.code).not.toBe(0);
  });
});
