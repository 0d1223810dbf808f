// `bulwark media disarm …` and `bulwark media incident …`: flag parsing, then the real command against a
// real server (in this process, embedded database): DISARM imported (DISARM's bundle when the corpus is
// present, else a small bundle of the same shape) and listed, incidents created from flags and from a
// JSON file, listed, shown, changed, exported as STIX and deleted, errors reported with their reason.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisarmCatalogue, DisarmImportReport, MediaIncident, MediaIncidentList } from '@bulwark/contracts';
import { databaseTiers } from '../../../server/src/testing/databases.ts';
import { startTestApp, type TestApp } from '../../../server/src/testing/app.ts';
import { incidentFromFlags, parseActor, parseChannel, parseTime } from './media-incident.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../shared/corpora');
const CORPUS_FILE = join(CORPORA, 'disarm/DISARM.json');
const present = existsSync(CORPUS_FILE);
if (!present) console.log(`DISARM corpus absent (${CORPUS_FILE}): the CLI test imports a small bundle of the same shape.`);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-incident-'));

const MINI = {
  type: 'bundle', id: 'bundle--4b8b0d29-e85e-4299-81d4-749033173d09',
  objects: [
    { type: 'x-mitre-tactic', spec_version: '2.1', id: 'x-mitre-tactic--1ed7bc00-68bf-42dd-9954-09e7957a1f02', name: 'Develop Content', x_mitre_shortname: 'develop-content', external_references: [{ source_name: 'DISARM', external_id: 'TA06' }] },
    ...[['T0086', '5f8a5d7e-fc17-48f2-a6fa-38fcf7843bdf'], ['T0086.002', '7b6c328e-b050-4d76-8e11-ff3b3fe7dea3']].map(([t, u]) => ({
      type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${u}`, name: `Develop Image-Based Content ${t}`, kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'develop-content' }],
      external_references: [{ source_name: 'mitre-attack', external_id: t }],
    })),
  ],
};
const disarmFile = present ? CORPUS_FILE : join(dir, 'mini-disarm.json');
if (!present) writeFileSync(disarmFile, JSON.stringify(MINI));

describe('media incident flags', () => {
  it('reads channels, actors and times, and says what is wrong', () => {
    expect(parseChannel('platform=Telegram,name=@newsflash,kind=messaging-channel,url=https://t.me/newsflash,attribution=state-aligned,actor=Actor X')).toEqual({
      platform: 'Telegram', name: '@newsflash', kind: 'messaging-channel', url: 'https://t.me/newsflash', attribution: 'state-aligned', actor: 'Actor X',
    });
    expect(parseChannel('platform=web,name=fake.example')).toEqual({ platform: 'web', name: 'fake.example', kind: 'other' });
    expect(() => parseChannel('Telegram @x')).toThrow(/key=value/);
    expect(() => parseChannel('platform=X,name=a,kind=blog')).toThrow(/kind is one of/);
    expect(() => parseChannel('platform=X,name=a,colour=red')).toThrow(/unknown key "colour"/);
    expect(() => parseChannel('platform=X,name=a,url=javascript:alert(1)')).toThrow(/http\(s\) URL/);
    expect(parseActor('Actor X:70')).toEqual({ name: 'Actor X', confidence: 70 });
    expect(parseActor('Ministry: Department 5')).toEqual({ name: 'Ministry: Department 5' });
    expect(() => parseActor('X:170')).toThrow(/0-100/);
    expect(parseTime('2026-05-01', '--first-seen')).toBe('2026-05-01T00:00:00.000Z');
    expect(parseTime('none', '--last-seen')).toBeNull();
    expect(() => parseTime('2026-02-31', '--first-seen')).toThrow(/no such date/);
    expect(incidentFromFlags({ title: 'T', disarm: ['t0086.002,T0086'], status: 'Closed', tlp: 'tlp:green' })).toEqual({ title: 'T', techniques: ['T0086.002', 'T0086'], status: 'closed', tlp: 'GREEN' });
    expect(() => incidentFromFlags({ entry: ['not-a-uuid'] })).toThrow(/--entry/);
  });
});

describe('bulwark media disarm and media incident', () => {
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

  it('imports DISARM (again without change) and lists techniques by tactic and text', async () => {
    const first = await run(['media', 'disarm', 'import', disarmFile]);
    expect(first.code, first.stderr).toBe(0);
    const total = present ? 391 + 16 : 3;
    expect(first.stdout).toContain(`added ${total}, updated 0, unchanged 0`);
    const again = await run(['--json', 'media', 'disarm', 'import', disarmFile]);
    expect((JSON.parse(again.stdout) as DisarmImportReport)).toMatchObject({ added: 0, updated: 0, unchanged: total, defects: [] });
    const list = await run(['media', 'disarm', 'list', '--tactic', 'TA06', '--q', 'image']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^T0086\.002\s+TA06\s+/m);
    expect(list.stderr).toContain('CC BY-SA');
    const json = JSON.parse((await run(['media', 'disarm', 'list', '--json'])).stdout) as DisarmCatalogue;
    expect(json.total).toBe(present ? 391 : 2);
    expect((await run(['media', 'disarm', 'list', '--tactics'])).stdout).toMatch(/^TA06\s+develop-content/m);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"type": "report"}');
    const refused = await run(['media', 'disarm', 'import', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('expected "bundle", not "report"');
  }, 120_000);

  it('creates incidents from flags and from a file, lists, shows, changes, exports and deletes them', async () => {
    const made = await run([
      '--json', 'media', 'incident', 'create', '--title', 'Fake video of the minister', '--summary', 'face swap', '--first-seen', '2026-05-01',
      '--narrative', 'The election is rigged', 'The minister resigned', '--actor', 'Actor X:70',
      '--channel', 'platform=Telegram,name=@newsflash,kind=messaging-channel,url=https://t.me/newsflash,actor=Actor X',
      '--disarm', 'T0086.002', '--tlp', 'green',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const a = JSON.parse(made.stdout) as MediaIncident;
    expect(a).toMatchObject({ title: 'Fake video of the minister', tlp: 'GREEN', narratives: ['The election is rigged', 'The minister resigned'], actors: [{ name: 'Actor X', confidence: 70 }], techniques: ['T0086.002'] });

    const file = join(dir, 'incident.json');
    writeFileSync(file, JSON.stringify({ title: 'from a file', narratives: ['n1'], channels: [{ platform: 'web', name: 'fake.example', kind: 'website' }], techniques: ['T0086'] }));
    const fromFile = await run(['--json', 'media', 'incident', 'create', '--file', file, '--status', 'investigating']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const b = JSON.parse(fromFile.stdout) as MediaIncident;
    expect(b).toMatchObject({ title: 'from a file', status: 'investigating', channels: [{ platform: 'web', name: 'fake.example', kind: 'website' }] });

    const list = await run(['media', 'incident', 'list', '--status', 'open']);
    expect(list.stdout).toContain('Fake video of the minister');
    expect(list.stdout).not.toContain('from a file');
    expect((JSON.parse((await run(['--json', 'media', 'incident', 'list', '--q', 'fake.example'])).stdout) as MediaIncidentList).incidents.map((i) => i.id)).toEqual([b.id]);

    const shown = await run(['media', 'incident', 'show', a.id]);
    expect(shown.stdout).toContain('T0086.002 [TA06]');
    expect(shown.stdout).toContain('Actor X (confidence 70)');
    expect(shown.stdout).toMatch(/Telegram\s+@newsflash\s+messaging-channel/);

    const updated = await run(['--json', 'media', 'incident', 'update', a.id, '--status', 'closed', '--last-seen', '2026-05-03T20:00:00Z']);
    expect((JSON.parse(updated.stdout) as MediaIncident)).toMatchObject({ status: 'closed', lastSeen: '2026-05-03T20:00:00.000Z', narratives: a.narratives });

    const out = join(dir, 'incident.stix.json');
    const exported = await run(['media', 'incident', 'export', a.id, '-o', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as { type: string; objects: Array<{ type: string; id: string }> };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.find((o) => o.type === 'incident')!.id).toBe(`incident--${a.id}`);
    expect(bundle.objects.some((o) => o.id === 'attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3')).toBe(true);
    const stdout = await run(['media', 'incident', 'export', a.id]);
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));

    const unknown = await run(['media', 'incident', 'create', '--title', 'x', '--disarm', 'T9999']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown DISARM technique T9999');
    const noTitle = await run(['media', 'incident', 'create', '--summary', 'x']);
    expect(noTitle.stderr).toContain('give a --title');

    expect((await run(['media', 'incident', 'delete', b.id])).stdout).toContain('deleted');
    const gone = await run(['media', 'incident', 'show', b.id]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/No such incident/);
  }, 120_000);
});
