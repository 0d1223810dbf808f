// `bulwark intel groups` and `bulwark intel import --group`: the real commands against a real server (in
// this process, embedded database).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntelImportReport, IntelObjectPage, SharingGroup } from '@bulwark/contracts';
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

  it('imports a STIX bundle for a sharing group named by id or name, and says why it will not for MISP or with --distribution', async () => {
    const created = await run(['--json', 'intel', 'groups', 'create', 'Health ISAC', '--member', 'de-bsi/kliniken']);
    const g = JSON.parse(created.stdout) as SharingGroup;
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-group-'));
    try {
      const now = new Date().toISOString();
      const bundle = (n: number) => ({ type: 'bundle', id: `bundle--0000000${n}-0000-4000-8000-000000000000`, objects: [{
        type: 'indicator', spec_version: '2.1', id: `indicator--0000000${n}-1111-4000-8000-000000000000`, created: now, modified: now,
        name: `group test ${n}`, pattern: `[ipv4-addr:value = '192.0.2.${n}']`, pattern_type: 'stix', valid_from: now,
      }] });
      const files = [1, 2].map((n) => join(dir, `b${n}.json`));
      for (const [i, f] of files.entries()) await writeFile(f, JSON.stringify(bundle(i + 1)));
      const byName = await run(['--json', 'intel', 'import', files[0]!, '--group', 'health isac', '--tlp', 'GREEN']);
      expect(byName.code, byName.stderr).toBe(0);
      expect((JSON.parse(byName.stdout) as IntelImportReport).stored).toBe(1);
      const byId = await run(['--json', 'intel', 'import', files[1]!, '--group', g.id]);
      expect(byId.code, byId.stderr).toBe(0);
      const objects = (await client(t.url, { token: t.adminToken })<IntelObjectPage>('GET', '/api/v1/intel/objects?type=indicator&search=group%20test')).body.objects;
      expect(objects.map((o) => [o.name, o.distribution]).sort()).toEqual([['group test 1', 'group'], ['group test 2', 'group']]);

      const unknown = await run(['intel', 'import', files[0]!, '--group', 'Transport ISAC']);
      expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/no sharing group Transport ISAC/)]);
      const both = await run(['intel', 'import', files[0]!, '--group', g.id, '--distribution', 'community']);
      expect(both.stderr).toMatch(/leave out --distribution/);
      const misp = join(dir, 'event.json');
      await writeFile(misp, JSON.stringify({ Event: { uuid: '5a8c1e1c-0000-4000-8000-000000000001', info: 'x', Attribute: [] } }));
      const refused = await run(['intel', 'import', misp, '--group', g.id]);
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/--group is for STIX bundles/)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
