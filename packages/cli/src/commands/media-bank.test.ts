// `bulwark media bank`: option parsing, bank names, printing and the local hashing of `add --file` (pure and
// local), then the real command against a small HTTP stand-in: banks named by name, only hashes sent.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaBankEntry } from '@bulwark/contracts';
import {
  describeFields, entryContext, formatEntry, hashKinds, hashesFromFile, hashesFromFlags, parseDisarm, parseDistribution, parseFirstSeen, parseTlp, pickBank,
} from './media-bank.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-bank-'));
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfmpeg) console.log('bulwark media bank add --file: the video and audio cases are skipped, ffmpeg is not installed (apt-get install ffmpeg).');

function bmp24(width: number, height: number): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const b = Buffer.alloc(54 + stride * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) b.fill((x * 7 + ((y * y) >> 2)) & 255, 54 + y * stride + x * 3, 54 + y * stride + x * 3 + 3);
  return b;
}
const image = join(dir, 'poster.bmp');
writeFileSync(image, bmp24(200, 150));
const text = join(dir, 'statement.txt');
writeFileSync(text, 'a statement');

const entry = (over: Partial<MediaBankEntry> = {}): MediaBankEntry => ({
  id: '11111111-2222-4333-8444-555555555555', bankId: '99999999-2222-4333-8444-555555555555', status: 'active', kind: 'image', title: 'Fake poster',
  hashes: { sha256: 'a'.repeat(64), pdq: 'b'.repeat(64), pdqQuality: 88 }, narrative: 'Polls\nclosed early', actor: '', campaign: 'C1', disarm: ['T0086.002'],
  firstSeen: null, source: '', tlp: 'GREEN', version: 2, indicatorId: 'indicator--x', withdrawReason: null, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-02T00:00:00.000Z', ...over,
});

describe('media bank: parsing and printing', () => {
  it('reads TLP in any case and distributions', () => {
    expect(parseTlp('amber+strict')).toBe('AMBER+STRICT');
    expect(parseTlp('TLP:clear')).toBe('CLEAR');
    expect(() => parseTlp('white')).toThrow(/CLEAR, GREEN, AMBER, AMBER\+STRICT, RED/);
    expect(parseDistribution('Community')).toBe('community');
    expect(() => parseDistribution('world')).toThrow(/organisation, community, connected, all/);
  });

  it('reads DISARM ids repeated or as comma lists, and none to clear them', () => {
    expect(parseDisarm(['t0086.002', 'T0019,T0023.001', 'T0086.002'])).toEqual(['T0086.002', 'T0019', 'T0023.001']);
    expect(parseDisarm(['none'])).toEqual([]);
    expect(() => parseDisarm(['T86'])).toThrow(/"T86" is not a DISARM technique id/);
    expect(() => parseDisarm([Array.from({ length: 51 }, (_, i) => `T${String(i).padStart(4, '0')}`).join(',')])).toThrow(/at most 50/);
  });

  it('reads first-seen dates and times, and refuses the impossible and the zoneless', () => {
    expect(parseFirstSeen('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseFirstSeen('2026-03-01T10:30:00+02:00')).toBe('2026-03-01T08:30:00.000Z');
    expect(parseFirstSeen('none')).toBeNull();
    expect(() => parseFirstSeen('2026-02-31')).toThrow(/no such date/);
    expect(() => parseFirstSeen('2026-03-01T10:30')).toThrow(/with its zone/);
    expect(() => parseFirstSeen('yesterday')).toThrow(/with its zone/);
  });

  it('builds the context of an entry from the flags given, and only those', () => {
    expect(entryContext({})).toEqual({});
    expect(entryContext({ title: 'T', narrative: 'N', actor: 'A', campaign: 'C', disarm: ['T0086.002'], firstSeen: '2026-01-02', source: 'S', tlp: 'red' })).toEqual({
      title: 'T', narrative: 'N', actor: 'A', campaign: 'C', disarm: ['T0086.002'], firstSeen: '2026-01-02T00:00:00.000Z', source: 'S', tlp: 'RED',
    });
    expect(() => entryContext({ title: 'x'.repeat(301) })).toThrow(/--title: at most 300/);
  });

  it('reads hash flags', () => {
    expect(hashesFromFlags({})).toBeUndefined();
    expect(hashesFromFlags({ pdq: 'AB'.repeat(32), pdqQuality: '77' })).toEqual({ kind: 'image', hashes: { pdq: 'ab'.repeat(32), pdqQuality: 77 } });
    expect(hashesFromFlags({ sha256: 'c'.repeat(64), md5: 'd'.repeat(32), kind: 'video' })).toEqual({ kind: 'video', hashes: { sha256: 'c'.repeat(64), md5: 'd'.repeat(32) } });
    expect(() => hashesFromFlags({ sha256: 'abc' })).toThrow(/--sha256 takes 64 hexadecimal digits/);
    expect(() => hashesFromFlags({ pdqQuality: '50' })).toThrow(/goes with --pdq/);
    expect(() => hashesFromFlags({ pdq: 'a'.repeat(64), pdqQuality: '101' })).toThrow(/0 to 100/);
    expect(() => hashesFromFlags({ md5: 'a'.repeat(32), kind: 'text' })).toThrow(/--kind is one of/);
  });

  it('finds a bank by id, exact name, then name in any case; refuses unknown and ambiguous names', () => {
    const banks = [
      { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Election 2026' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'election 2026' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000003', name: 'Voice clones' },
    ];
    expect(pickBank(banks, 'Election 2026')).toBe(banks[0]!.id);
    expect(pickBank(banks, 'voice CLONES')).toBe(banks[2]!.id);
    expect(pickBank([], 'AAAAAAAA-0000-4000-8000-00000000000F')).toBe('AAAAAAAA-0000-4000-8000-00000000000F');
    expect(() => pickBank(banks, 'ELECTION 2026')).toThrow(/2 hash banks are named "ELECTION 2026": give the id/);
    expect(() => pickBank(banks, 'Nope')).toThrow(/no hash bank is named "Nope"/);
  });

  it('prints entries and history changes with server text on one inert line', () => {
    expect(formatEntry(entry({ title: 'Fake\u001b]0;x\u0007 poster' }))).toEqual([
      'Fake\\u001b]0;x\\u0007 poster (11111111-2222-4333-8444-555555555555)',
      'status: active, version 2, image, TLP:GREEN',
      'bank: 99999999-2222-4333-8444-555555555555',
      `hashes: sha256 ${'a'.repeat(64)}, pdq ${'b'.repeat(64)} (quality 88)`,
      'narrative: Polls closed early',
      'campaign: C1',
      'DISARM: T0086.002',
      'shared as: indicator--x',
      'created 2026-11-01T00:00:00.000Z, updated 2026-11-02T00:00:00.000Z',
    ]);
    expect(formatEntry(entry({ status: 'withdrawn', withdrawReason: 'authentic after all' }))[1]).toBe('status: withdrawn (authentic after all), version 2, image, TLP:GREEN');
    expect(describeFields({ title: { from: 'a', to: 'b' }, disarm: { from: [], to: ['T0019', 'T0023'] }, narrative: { from: null, to: 'x'.repeat(100) } }))
      .toBe(`title: a → b; disarm: – → T0019,T0023; narrative: – → ${'x'.repeat(59)}…`);
    expect(hashKinds({ sha256: 'a', pdq: 'b', vpdq: [] })).toBe('sha256,pdq,vpdq');
  });
});

describe('media bank add --file: hashing here', () => {
  it('gives an image its digests, PDQ and quality', async () => {
    const h = await hashesFromFile(image);
    expect(h.kind).toBe('image');
    expect(Object.keys(h.hashes).sort()).toEqual(['md5', 'pdq', 'pdqQuality', 'sha256']);
    expect(h.hashes.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(h.hashes.sha256).toBe(createHash('sha256').update(bmp24(200, 150)).digest('hex'));
  });

  it('gives other files their digests only, and refuses files it cannot read or decode', async () => {
    expect(await hashesFromFile(text)).toEqual({ kind: 'other', hashes: { sha256: createHash('sha256').update('a statement').digest('hex'), md5: createHash('md5').update('a statement').digest('hex') } });
    await expect(hashesFromFile(join(dir, 'absent.jpg'))).rejects.toThrow(/cannot hash .*absent\.jpg: .*ENOENT/);
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'));
    await expect(hashesFromFile(broken)).rejects.toThrow(/cannot hash .*broken\.png: corrupt.*give --sha256/);
    await expect(hashesFromFile(image, 100)).rejects.toThrow(/exceeds the 100-byte limit/);
  });

  it.skipIf(!hasFfmpeg)('gives a video its vPDQ frames and the fingerprint of its sound, and a recording its fingerprint and duration', async () => {
    const video = join(dir, 'speech.mp4');
    const audio = join(dir, 'speech.ogg');
    const make = (args: string[]) => expect(spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args]).status).toBe(0);
    make(['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=4', '-f', 'lavfi', '-i', 'aevalsrc=sin(440*2*PI*t)*sin(3*t)+0.3*sin(1250*2*PI*t):s=22050:d=4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video]);
    make(['-f', 'lavfi', '-i', 'aevalsrc=sin(440*2*PI*t)*sin(3*t)+0.3*sin(1250*2*PI*t*(1+t/8)):s=22050:d=12', '-c:a', 'libvorbis', audio]);
    const v = await hashesFromFile(video);
    expect(v.kind).toBe('video');
    // Ten frames a second, as the server's checks hash videos.
    expect(v.hashes.vpdq!.length).toBe(40);
    expect(v.hashes.vpdq!.slice(0, 3).map((f) => [f.frame, f.seconds])).toEqual([[0, 0], [1, 0.1], [2, 0.2]]);
    expect(v.hashes.vpdq![0]!.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(v.hashes.duration).toBeCloseTo(4, 1);
    expect(v.hashes.chromaprint).toMatch(/^[A-Za-z0-9_-]+$/);
    const a = await hashesFromFile(audio);
    expect(a.kind).toBe('audio');
    expect(a.hashes.chromaprint).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a.hashes.duration).toBeCloseTo(12, 0);
    expect(a.hashes.vpdq).toBeUndefined();
  }, 60_000);
});

describe('bulwark media bank against an HTTP stand-in', () => {
  const BANK = { id: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'Known deepfakes — 2026 election', description: '', tlp: 'AMBER', distribution: 'connected', entries: 0, withdrawn: 0, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
  const requests: { method: string; path: string; length: number; body: unknown }[] = [];
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const u = new URL(req.url ?? '/', 'http://x');
        requests.push({ method: req.method ?? '', path: u.pathname + u.search, length: raw.length, body: raw.length ? JSON.parse(raw.toString()) : undefined });
        const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (req.method === 'GET' && u.pathname === '/api/v1/media/banks') return json(200, { banks: [BANK] });
        if (req.method === 'POST' && u.pathname === `/api/v1/media/banks/${BANK.id}/entries`) {
          const b = JSON.parse(raw.toString()) as { hashes?: object; kind?: string; title?: string };
          return json(201, entry({ bankId: BANK.id, kind: (b.kind ?? 'other') as MediaBankEntry['kind'], hashes: b.hashes ?? {}, title: b.title ?? '' }));
        }
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'no route' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, BULWARK_URL: url, BULWARK_TOKEN: 't' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it('add --file resolves the bank by name and sends the hashes and the context, never the media', async () => {
    requests.length = 0;
    const big = join(dir, 'big.bmp');
    writeFileSync(big, bmp24(1200, 900));
    const r = await run(['--json', 'media', 'bank', 'add', 'known deepfakes — 2026 ELECTION', '--file', big, '--title', 'Poster', '--disarm', 'T0086.002,T0019', '--first-seen', '2026-10-30', '--tlp', 'green']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^hashed .*big\.bmp here \(image\): sha256 [0-9a-f]{64}, md5 [0-9a-f]{32}, pdq [0-9a-f]{64} \(quality \d+\); only the hashes are sent\n$/);
    expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /api/v1/media/banks', `POST /api/v1/media/banks/${BANK.id}/entries`]);
    const sent = requests[1]!;
    expect(sent.length).toBeLessThan(1000);
    expect(sent.body).toEqual({
      title: 'Poster', disarm: ['T0086.002', 'T0019'], firstSeen: '2026-10-30T00:00:00.000Z', tlp: 'GREEN', kind: 'image',
      hashes: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, md5: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown, pdq: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, pdqQuality: expect.any(Number) as unknown },
    });
    expect((JSON.parse(r.stdout) as MediaBankEntry).hashes).toEqual((sent.body as { hashes: unknown }).hashes);
  });

  it('refuses unclear sources of hashes and unknown banks before sending anything', async () => {
    requests.length = 0;
    expect((await run(['media', 'bank', 'add', BANK.name])).stderr).toContain('give exactly one of --file <path>, --check <id>, or hash flags');
    expect((await run(['media', 'bank', 'add', BANK.name, '--file', image, '--sha256', 'a'.repeat(64)])).stderr).toContain('give exactly one of');
    expect((await run(['media', 'bank', 'add', BANK.name, '--check', 'abc'])).stderr).toContain('--check takes a check id');
    expect(requests).toEqual([]);
    const unknown = await run(['media', 'bank', 'add', 'Other bank', '--sha256', 'a'.repeat(64)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no hash bank is named "Other bank"');
    expect(requests.map((q) => q.method)).toEqual(['GET']);
  });
});
