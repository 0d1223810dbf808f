// `bulwark media check` and `bulwark media bank …`: the real command against a real server (in this
// process, embedded database): banks and entries with history, entries added from local hashes and from a
// check, checks of files and URLs with verdicts and evidence, the upload limit, sharing with another
// organisation, withdrawal, deleting a bank, a bank shared with a sharing group.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeletedMediaBank, MediaBank, MediaBankEntry, MediaBankEntryList, MediaBankList, MediaCheck, MediaEntryHistory, SharedMediaEntryList, SharingGroup } from '@bulwark/contracts';
import { databaseTiers } from '../../../server/src/testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../server/src/testing/app.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-api-'));
const UPLOAD_LIMIT = 1024 * 1024;
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfmpeg) console.log('bulwark media check of videos and recordings skipped: ffmpeg is not installed (apt-get install ffmpeg).');

/** A 24-bit BMP with pixels from px(x, y) (top row first). */
function bmp(width: number, height: number, px: (x: number, y: number) => [number, number, number]): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const b = Buffer.alloc(54 + stride * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, bl] = px(x, y);
      const o = 54 + (height - 1 - y) * stride + x * 3;
      b[o] = bl;
      b[o + 1] = g;
      b[o + 2] = r;
    }
  }
  return b;
}
const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
const scene = (x: number, y: number): [number, number, number] => {
  const c = clamp(128 + 60 * Math.sin(x / 9) * Math.cos(y / 13) + 50 * Math.sin((x + 2 * y) / 23) + ((x * 31 + y * 17) % 7) * 2);
  return [c, (c * 3 + x) & 255, (255 - c + y) & 255];
};
const W = 240;
const H = 180;
const fake = join(dir, 'fake-poster.bmp');
writeFileSync(fake, bmp(W, H, scene));
// The same picture brighter (other bytes, same PDQ) and turned by 90 degrees (found through the dihedral hashes).
const brighter = join(dir, 'brighter.bmp');
writeFileSync(brighter, bmp(W, H, (x, y) => scene(x, y).map((c) => clamp(c + 12)) as [number, number, number]));
const turned = join(dir, 'turned.bmp');
writeFileSync(turned, bmp(H, W, (x, y) => scene(W - 1 - y, x)));
const unrelated = join(dir, 'unrelated.bmp');
writeFileSync(unrelated, bmp(W, H, (x, y) => {
  const c = clamp(128 + 100 * Math.cos((x * y) / 400));
  return [c, 255 - c, (x * 3) & 255];
}));
const leaflet = join(dir, 'leaflet.txt');
writeFileSync(leaflet, 'Polling stations close at noon.\n');
const huge = join(dir, 'huge.bin');
writeFileSync(huge, Buffer.alloc(UPLOAD_LIMIT * 2, 1));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('bulwark media check and media bank', () => {
  let t: TestApp;
  let otherToken = '';
  let files: Server;
  let filesUrl = '';

  const run = (args: string[], token?: string) => new Promise<Run>((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, BULWARK_URL: t.url, BULWARK_TOKEN: token ?? t.adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  const json = async <T>(args: string[], token?: string): Promise<T> => {
    const r = await run(['--json', ...args], token);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const checks = (r: Run) => r.stdout.trim().split('\n').map((l) => JSON.parse(l) as MediaCheck & { file: string; error?: string; code?: string; status?: number });

  beforeAll(async () => {
    // A web server on loopback for --fetch (the egress guard lets the server reach it through egress_allow).
    files = createServer((req, res) => {
      if (req.url === '/poster.bmp') res.writeHead(200, { 'content-type': 'image/bmp' }).end(readFileSync(fake));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_MEDIA_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT), BULWARK_EGRESS_ALLOW: '127.0.0.1/32' } });
    const root = client(t.url, { token: t.adminToken });
    const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency M', slug: 'agency-m' });
    const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@m.example', role: 'analyst', organisationId: org.body.id });
    const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@m.example', password: user.body.password }) });
    const info = (await login.json()) as { csrfToken: string };
    const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
    otherToken = key.body.token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  });

  it('manages banks and entries: create, add from local hashes, check, edit, history, share, withdraw', async () => {
    // Banks: create, list, show and update by name.
    const bank = await json<MediaBank>(['media', 'bank', 'create', 'Known deepfakes — 2026 election', '--description', 'Fabricated media about the vote', '--tlp', 'green', '--distribution', 'community']);
    expect(bank).toMatchObject({ name: 'Known deepfakes — 2026 election', tlp: 'GREEN', distribution: 'community', entries: 0 });
    const list = await run(['media', 'bank', 'list']);
    expect(list.stdout).toMatch(/Known deepfakes — 2026 election\s+GREEN\s+community\s+0\s+0/);
    expect((await run(['media', 'bank', 'show', 'known deepfakes — 2026 ELECTION'])).stdout).toContain(`Known deepfakes — 2026 election (${bank.id})\ndescription: Fabricated media about the vote\nTLP:GREEN, distribution community\n`);
    const updated = await json<MediaBank>(['media', 'bank', 'update', bank.id, '--description', 'Fabricated images, videos and recordings about the vote']);
    expect(updated.description).toBe('Fabricated images, videos and recordings about the vote');
    expect((await run(['media', 'bank', 'update', bank.id])).stderr).toContain('give --name, --description, --tlp, --distribution or --group');
    expect((await run(['media', 'bank', 'show', 'No such bank'])).stderr).toContain('no hash bank is named "No such bank"');

    // An entry from a file hashed here: only hashes and context reach the server.
    const added = await run(['--json', 'media', 'bank', 'add', bank.name, '--file', fake, '--title', 'Poster: "polls close at noon"', '--narrative', 'Voters are told the polls close early',
      '--actor', 'Storm-1516', '--campaign', 'Noon', '--disarm', 'T0086.002,T0019', '--first-seen', '2026-10-30', '--source', 'https://social.example/p/1']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('only the hashes are sent');
    const entry = JSON.parse(added.stdout) as MediaBankEntry;
    expect(entry).toMatchObject({ bankId: bank.id, status: 'active', kind: 'image', title: 'Poster: "polls close at noon"', actor: 'Storm-1516', disarm: ['T0086.002', 'T0019'], firstSeen: '2026-10-30T00:00:00.000Z', tlp: 'GREEN', version: 1 });
    expect(entry.hashes.pdq).toMatch(/^[0-9a-f]{64}$/);

    // Checks: the same file, a brighter copy, a turned copy, an unrelated picture, a text file and a URL.
    const r = await run(['--json', 'media', 'check', fake, brighter, turned, unrelated, leaflet, '--fetch', `${filesUrl}/poster.bmp`]);
    expect(r.code, r.stderr).toBe(0);
    const [same, bright, turn, other, text, fetched] = checks(r);
    expect(same).toMatchObject({ file: fake, name: 'fake-poster.bmp', kind: 'image', verdict: 'known-fake' });
    expect(same!.matches[0]).toMatchObject({ algorithm: 'sha256', strength: 'exact', bank: bank.name, entryId: entry.id, local: true, title: entry.title, actor: 'Storm-1516', disarm: ['T0086.002', 'T0019'], tlp: 'GREEN' });
    expect(bright).toMatchObject({ verdict: 'known-fake', matches: [{ algorithm: 'pdq', strength: 'exact', entryId: entry.id }] });
    // Turned, the picture is resampled differently: a near match (PDQ within 31 bits but over 10).
    expect(turn!.verdict).toBe('near-match');
    expect(turn!.matches[0]).toMatchObject({ algorithm: 'pdq', strength: 'near', entryId: entry.id, transform: expect.stringMatching(/^rotate(90|270)$/) as unknown });
    expect(turn!.matches[0]!.distance).toBeGreaterThan(10);
    expect(turn!.matches[0]!.distance).toBeLessThanOrEqual(31);
    expect(other).toMatchObject({ verdict: 'unknown', matches: [] });
    expect(text).toMatchObject({ kind: 'other', verdict: 'unknown' });
    expect(fetched).toMatchObject({ file: `${filesUrl}/poster.bmp`, verdict: 'known-fake' });

    // The report for people, and --fail-on for scripts.
    const human = await run(['media', 'check', turned, '--fail-on', 'known-fake,near-match']);
    expect(human.code).toBe(3);
    expect(human.stdout.startsWith(`${turned}: near-match\n  Near match: "Poster: \\"polls close at noon\\"" in bank "Known deepfakes — 2026 election" (PDQ distance `)).toBe(true);
    expect(human.stdout).toMatch(/ {2}match 1: pdq, distance \d+\/256 \(rotate(90|270)\) \(near\)\n {4}bank: Known deepfakes — 2026 election \(\S+\/\S+\), entry /);
    expect(human.stdout).toContain('    narrative: Voters are told the polls close early\n    actor: Storm-1516; campaign: Noon\n    DISARM: T0086.002, T0019\n');
    expect(human.stdout).toContain('  provenance: ');
    expect((await run(['media', 'check', turned, unrelated, '--fail-on', 'known-fake'])).code).toBe(0);

    // An entry from a check: the text file's digests.
    const fromCheck = await json<MediaBankEntry>(['media', 'bank', 'add', bank.id, '--check', text!.id, '--title', 'Leaflet', '--tlp', 'amber']);
    expect(fromCheck).toMatchObject({ kind: 'other', tlp: 'AMBER', hashes: { sha256: text!.hashes.sha256 } });
    expect(checks(await run(['--json', 'media', 'check', leaflet]))[0]).toMatchObject({ verdict: 'known-fake', matches: [{ algorithm: 'sha256', entryId: fromCheck.id }] });

    // Hash flags.
    const byFlags = await json<MediaBankEntry>(['media', 'bank', 'add', bank.name, '--md5', 'd41d8cd98f00b204e9800998ecf8427e', '--kind', 'audio', '--title', 'Silence']);
    expect(byFlags).toMatchObject({ kind: 'audio', hashes: { md5: 'd41d8cd98f00b204e9800998ecf8427e' } });

    // Edit and history.
    const edited = await json<MediaBankEntry>(['media', 'bank', 'edit', entry.id, '--title', 'Poster: polls close at noon', '--disarm', 'T0086.002', '--first-seen', 'none']);
    expect(edited).toMatchObject({ title: 'Poster: polls close at noon', disarm: ['T0086.002'], firstSeen: null, version: 2 });
    const history = await json<MediaEntryHistory>(['media', 'bank', 'history', entry.id]);
    expect(history.changes.map((c) => c.action)).toEqual(['add', 'edit']);
    expect(history.changes[1]!.fields).toMatchObject({ title: { from: 'Poster: "polls close at noon"', to: 'Poster: polls close at noon' } });
    const historyTable = await run(['media', 'bank', 'history', entry.id]);
    expect(historyTable.stdout).toMatch(/VERSION\s+ACTION\s+AT\s+BY\s+CHANGES/);
    expect(historyTable.stdout).toContain('title: Poster: "polls close at noon" → Poster: polls close at noon');

    // Entries of the bank.
    const entries = await json<MediaBankEntryList>(['media', 'bank', 'entries', bank.name]);
    expect(entries.entries.map((e) => e.id).sort()).toEqual([entry.id, fromCheck.id, byFlags.id].sort());
    expect((await run(['media', 'bank', 'entries', bank.name])).stdout).toMatch(/Poster: polls close at noon\s+Storm-1516\s+T0086\.002\s+GREEN\s+sha256,md5,pdq/);

    // The other organisation of this instance receives the community bank's entries, hashes and context.
    const shared = await json<SharedMediaEntryList>(['media', 'bank', 'shared'], otherToken);
    const mine = shared.entries.find((e) => e.indicatorId === edited.indicatorId);
    expect(mine).toMatchObject({ bank: bank.name, kind: 'image', title: 'Poster: polls close at noon', local: true, hashes: { pdq: entry.hashes.pdq } });
    expect((await run(['media', 'bank', 'shared'], otherToken)).stdout).toContain('Poster: polls close at noon');
    const theirs = checks(await run(['--json', 'media', 'check', brighter], otherToken))[0]!;
    expect(theirs).toMatchObject({ verdict: 'known-fake', matches: [{ entryId: null, title: 'Poster: polls close at noon' }] });
    expect((await json<MediaBankList>(['media', 'bank', 'list'], otherToken)).banks).toEqual([]);

    // Withdrawal: the entry stops matching, keeps its history, and is listed among the withdrawn.
    const withdrawn = await run(['media', 'bank', 'withdraw', entry.id, '--reason', 'the poster is authentic after all']);
    expect(withdrawn.stdout).toBe('withdrawn: Poster: polls close at noon (version 3)\n');
    expect(checks(await run(['--json', 'media', 'check', brighter]))[0]).toMatchObject({ verdict: 'unknown', matches: [] });
    const gone = await json<MediaBankEntryList>(['media', 'bank', 'entries', bank.name, '--status', 'withdrawn']);
    expect(gone.entries).toEqual([expect.objectContaining({ id: entry.id, status: 'withdrawn', withdrawReason: 'the poster is authentic after all' })]);
    expect((await json<MediaEntryHistory>(['media', 'bank', 'history', entry.id])).changes.map((c) => c.action)).toEqual(['add', 'edit', 'withdraw']);
    expect((await run(['media', 'bank', 'edit', entry.id, '--title', 'x'])).code).toBe(1);
  }, 180_000);

  it('deletes a bank by name: its entries are withdrawn with the reason and stop matching; the bank leaves the list', async () => {
    const bank = await json<MediaBank>(['media', 'bank', 'create', 'Short-lived']);
    const chart = join(dir, 'chart.txt');
    writeFileSync(chart, 'Turnout was 12 %.\n');
    const e = await json<MediaBankEntry>(['media', 'bank', 'add', 'Short-lived', '--file', chart, '--title', 'Doctored chart']);
    const check = async () => checks(await run(['--json', 'media', 'check', chart]))[0]!;
    expect((await check()).verdict).toBe('known-fake');
    expect((await run(['media', 'bank', 'delete', 'Short-lived', '--reason', ''])).stderr).toContain('--reason has 1 to 1000 characters');

    const r = await run(['media', 'bank', 'delete', 'short-LIVED', '--reason', 'made for a drill']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`deleted: Short-lived (${bank.id}); 1 entry withdrawn, the withdrawals shared where the entries went\n`);
    expect((await check()).verdict).toBe('unknown');
    const history = await json<MediaEntryHistory>(['media', 'bank', 'history', e.id]);
    expect(history.changes.at(-1)).toMatchObject({ action: 'withdraw', note: 'bank deleted: made for a drill' });
    expect((await json<MediaBankList>(['media', 'bank', 'list'])).banks.map((b) => b.id)).not.toContain(bank.id);
    expect((await json<MediaBankList>(['media', 'bank', 'list', '--deleted'])).banks.map((b) => b.id)).toContain(bank.id);
    expect((await run(['media', 'bank', 'list', '--deleted'])).stdout).toMatch(/Short-lived\s+AMBER\s+organisation\s+0\s+1\s+\d{4}-/);
    expect((await run(['media', 'bank', 'show', bank.id])).stdout).toMatch(/\ndeleted \d{4}-/);

    const again = await run(['media', 'bank', 'delete', bank.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was deleted');
    expect((await run(['media', 'bank', 'delete', 'Short-lived'])).stderr).toContain('no hash bank is named "Short-lived"');
    const json2 = await json<DeletedMediaBank>(['media', 'bank', 'delete', (await json<MediaBank>(['media', 'bank', 'create', 'Short-lived'])).id]);
    expect(json2).toMatchObject({ withdrawn: 0, bank: { name: 'Short-lived', deletedAt: expect.any(String) as unknown } });
  }, 120_000);

  it.skipIf(!hasFfmpeg)('finds a re-encoded video by its vPDQ frames and a quieter, re-encoded recording by its fingerprint', async () => {
    const make = (args: string[]) => expect(spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args]).status).toBe(0);
    const sound = 'aevalsrc=0.6*sin(440*2*PI*t*(1+0.3*sin(t)))*sin(3*t)+0.3*sin(1250*2*PI*t*(1+t/9)):s=22050:d=12';
    const video = join(dir, 'speech.mp4');
    const reencoded = join(dir, 'speech-reupload.mp4');
    const recording = join(dir, 'call.wav');
    const quieter = join(dir, 'call-quieter.ogg');
    make(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=6', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', video]);
    make(['-i', video, '-vf', 'scale=240:180', '-c:v', 'libx264', '-crf', '32', '-pix_fmt', 'yuv420p', reencoded]);
    make(['-f', 'lavfi', '-i', sound, recording]);
    make(['-i', recording, '-af', 'volume=-6dB', '-c:a', 'libvorbis', '-q:a', '1', quieter]);

    await json<MediaBank>(['media', 'bank', 'create', 'Fabricated recordings']);
    const v = await json<MediaBankEntry>(['media', 'bank', 'add', 'Fabricated recordings', '--file', video, '--title', 'Speech that never was']);
    expect(v.kind).toBe('video');
    expect(v.hashes.vpdq!.length).toBe(50); // 25 frames a second, every third
    const a = await json<MediaBankEntry>(['media', 'bank', 'add', 'Fabricated recordings', '--file', recording, '--title', 'Cloned voice call']);
    expect(a).toMatchObject({ kind: 'audio', hashes: { chromaprint: expect.stringMatching(/^[A-Za-z0-9_-]+$/) as unknown } });

    const r = await run(['--json', 'media', 'check', reencoded, quieter]);
    expect(r.code, r.stderr).toBe(0);
    const [seen, heard] = checks(r);
    expect(seen!.verdict).toMatch(/^(known-fake|near-match)$/);
    expect(seen!.matches[0]).toMatchObject({ algorithm: 'vpdq', entryId: v.id, title: 'Speech that never was' });
    expect(seen!.matches[0]!.queryShare).toBeGreaterThan(0.5);
    expect(heard!.verdict).toMatch(/^(known-fake|near-match)$/);
    expect(heard!.matches[0]).toMatchObject({ algorithm: 'chromaprint', entryId: a.id });
    const human = await run(['media', 'check', reencoded, quieter]);
    expect(human.stdout).toMatch(/ {2}match 1: vpdq, [\d.]+ % of the frames found in the entry, [\d.]+ % of the entry's frames found \((exact|near)\)\n/);
    expect(human.stdout).toMatch(/ {2}match 1: chromaprint, BER 0\.\d{3}, at -?\d+\.\d s, \d+\.\d s matched \((exact|near)\)\n/);
  }, 180_000);

  it('reports files refused by the server (too large), unreadable or over --max-bytes, and checks the others', async () => {
    const r = await run(['--json', 'media', 'check', huge, join(dir, 'absent.bmp'), unrelated, '--fetch', `${filesUrl}/missing.bmp`]);
    expect(r.code).toBe(1);
    const [big, absent, ok, missing] = checks(r);
    expect(big).toMatchObject({ file: huge, status: 413 });
    expect(absent).toEqual({ file: join(dir, 'absent.bmp'), error: 'cannot read the file (ENOENT)' });
    expect(ok).toMatchObject({ file: unrelated, verdict: 'unknown' });
    expect(missing).toMatchObject({ file: `${filesUrl}/missing.bmp`, status: 400, error: expect.stringContaining('404') as unknown });
    const local = await run(['media', 'check', huge, unrelated, '--max-bytes', '1M']);
    expect(local.code).toBe(1);
    expect(local.stderr).toBe(`error: ${huge}: ${UPLOAD_LIMIT * 2} bytes, more than --max-bytes ${UPLOAD_LIMIT}: not uploaded\n`);
    expect(local.stdout).toContain(`${unrelated}: unknown`);
  }, 120_000);

  it('shares a bank with a sharing group named by name (--group), shows it, and narrows it again', async () => {
    const root = client(t.url, { token: t.adminToken });
    const group = (await root<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'EU election integrity', members: [{ org: 'agency-m' }] })).body;
    const rumour = join(dir, 'rumour.txt');
    writeFileSync(rumour, 'Ballots marked in pencil are void.\n');

    expect((await run(['media', 'bank', 'create', 'Mixed', '--group', group.id, '--distribution', 'community'])).stderr).toMatch(/leave out --distribution community/);
    expect((await run(['media', 'bank', 'create', 'Bare', '--distribution', 'group'])).stderr).toMatch(/--distribution group needs --group/);
    const unknown = await run(['media', 'bank', 'create', 'Nowhere', '--group', 'Transport ISAC']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/no sharing group Transport ISAC/)]);

    const bank = await json<MediaBank>(['media', 'bank', 'create', 'Election rumours', '--group', 'eu election INTEGRITY', '--tlp', 'amber']);
    expect(bank).toMatchObject({ distribution: 'group', group: group.id });
    expect((await run(['media', 'bank', 'show', 'Election rumours'])).stdout).toContain(`TLP:AMBER, distribution group\nsharing group: ${group.id}\n`);
    expect((await run(['media', 'bank', 'list'])).stdout).toMatch(new RegExp(`Election rumours\\s+AMBER\\s+group ${group.id}\\s+0`));
    const added = await run(['media', 'bank', 'add', bank.name, '--file', rumour, '--title', 'Pencil rumour']);
    expect(added.code, added.stderr).toBe(0);
    expect(checks(await run(['--json', 'media', 'check', rumour], otherToken))[0]).toMatchObject({ verdict: 'known-fake', matches: [{ entryId: null, title: 'Pencil rumour' }] });

    const narrowed = await json<MediaBank>(['media', 'bank', 'update', bank.name, '--distribution', 'organisation']);
    expect(narrowed).toMatchObject({ distribution: 'organisation', group: null });
    expect(checks(await run(['--json', 'media', 'check', rumour], otherToken))[0]).toMatchObject({ verdict: 'unknown' });
    expect((await json<MediaBank>(['media', 'bank', 'update', bank.name, '--group', group.id])).group).toBe(group.id);
    expect(checks(await run(['--json', 'media', 'check', rumour], otherToken))[0]).toMatchObject({ verdict: 'known-fake' });
    await run(['media', 'bank', 'delete', bank.name]);
  }, 120_000);
});
