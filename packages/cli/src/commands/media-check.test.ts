// `bulwark media check`: option parsing and the printed report (pure), then the real command against a
// small HTTP stand-in that answers as the API contract says (upload streamed, 413, URL checks, exit status).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaCheck, MediaMatch } from '@bulwark/contracts';
import { describeMatch, failure, formatCheck, parseByteSize, parseFetchUrl, parseVerdicts } from './media-check.ts';
import { ProblemError } from '../problem.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));

const match = (over: Partial<MediaMatch> = {}): MediaMatch => ({
  indicatorId: 'indicator--0b5c6f5e-0000-4000-8000-000000000001', algorithm: 'pdq', strength: 'near', distance: 12, transform: 'rotate90',
  bank: 'Known deepfakes — 2026 election', entryId: null, ownerInstance: 'ee-ria', ownerOrg: 'cert-ee', local: false,
  title: 'Minister "resigns" video', narrative: 'The minister resigned\nover a scandal', actor: 'Storm-1516', campaign: 'Doppelganger',
  disarm: ['T0086.002', 'T0023'], firstSeen: '2026-03-01T00:00:00.000Z', source: 'telegram', tlp: 'AMBER', ...over,
});

const check = (over: Partial<MediaCheck> = {}): MediaCheck => ({
  id: '5f0c1c8e-3d2a-4b7e-9a55-0a0a0a0a0a0a', name: 'clip.jpg', kind: 'image', type: 'image/jpeg', bytes: 1234,
  hashes: { sha256: 'a'.repeat(64), pdq: 'b'.repeat(64), pdqQuality: 90 }, verdict: 'near-match', summary: 'A near copy of a known fake.',
  matches: [match()], provenance: null, problems: [], retained: false, checkedAt: '2026-11-28T10:00:00.000Z', checkedBy: null, ...over,
});

describe('media check: parsing and printing', () => {
  it('reads --fail-on as comma lists of verdicts and refuses others', () => {
    expect([...parseVerdicts(['known-fake,near-match', 'ai-generated'])]).toEqual(['known-fake', 'near-match', 'ai-generated']);
    expect(() => parseVerdicts(['known-fake,fake'])).toThrow(/unknown verdict "fake"/);
    expect(() => parseVerdicts([','])).toThrow(/comma list/);
  });

  it('takes http(s) URLs without credentials for --fetch', () => {
    expect(parseFetchUrl('https://example.org/v.mp4')).toBe('https://example.org/v.mp4');
    expect(() => parseFetchUrl('file:///etc/passwd')).toThrow(/only http/);
    expect(() => parseFetchUrl('https://u:p@example.org/')).toThrow(/password/);
    expect(() => parseFetchUrl('not a url')).toThrow(/not a URL/);
    expect(() => parseFetchUrl(`https://example.org/${'a'.repeat(2048)}`)).toThrow(/2048/);
  });

  it('reads byte sizes with K/M/G suffixes', () => {
    expect(parseByteSize('100', '--max-bytes')).toBe(100);
    expect(parseByteSize('64M', '--max-bytes')).toBe(64 * 1024 ** 2);
    expect(parseByteSize('2GiB', '--max-bytes')).toBe(2 * 1024 ** 3);
    expect(() => parseByteSize('0', '--max-bytes')).toThrow(/above 0/);
    expect(() => parseByteSize('-5', '--max-bytes')).toThrow(/number of bytes/);
  });

  it('describes each kind of evidence', () => {
    expect(describeMatch(match())).toBe('pdq, distance 12/256 (rotate90) (near)');
    expect(describeMatch(match({ algorithm: 'sha256', strength: 'exact', distance: undefined, transform: undefined }))).toBe('sha256, identical file (exact)');
    expect(describeMatch(match({ algorithm: 'vpdq', distance: undefined, transform: undefined, queryShare: 0.9312, entryShare: 0.8 }))).toBe('vpdq, 93.1 % of the frames found in the entry, 80 % of the entry\'s frames found (near)');
    expect(describeMatch(match({ algorithm: 'chromaprint', distance: undefined, transform: undefined, ber: 0.0712, offsetSeconds: 3.25, matchedSeconds: 41 }))).toBe('chromaprint, BER 0.071, at 3.3 s, 41.0 s matched (near)');
  });

  it('prints verdict, summary, matches with their context and provenance, with server text made inert', () => {
    const lines = formatCheck('clip.jpg', check({
      summary: 'A near copy\u001b[31m of a known fake.',
      provenance: { status: 'valid', hasManifest: true, validation: 'valid', tampered: false, signerTrusted: false, digitalSourceTypes: ['trainedAlgorithmicMedia'], ingredientDigitalSourceTypes: [], aiGenerated: true, aiGeneratedValidated: true, summary: 'AI-generated (Content Credentials, signature valid)' },
      problems: ['vpdq: no video stream'],
    }));
    expect(lines).toEqual([
      'clip.jpg: near-match',
      '  A near copy\\u001b[31m of a known fake.',
      `  check 5f0c1c8e-3d2a-4b7e-9a55-0a0a0a0a0a0a: image/jpeg (image), 1234 bytes, pdq ${'b'.repeat(64)} (quality 90)`,
      '  match 1: pdq, distance 12/256 (rotate90) (near)',
      '    bank: Known deepfakes — 2026 election (ee-ria/cert-ee, federated)',
      '    title: Minister "resigns" video',
      '    narrative: The minister resigned over a scandal',
      '    actor: Storm-1516; campaign: Doppelganger',
      '    DISARM: T0086.002, T0023',
      '    first seen 2026-03-01T00:00:00.000Z; source: telegram',
      '    TLP:AMBER',
      '  provenance: AI-generated (Content Credentials, signature valid)',
      '  problem: vpdq: no video stream',
    ]);
  });

  it('turns errors into {file, error, code, status}', () => {
    const p = new ProblemError({ type: 'about:blank', title: 'Payload Too Large', status: 413, code: 'MEDIA_TOO_LARGE', detail: 'the file is over 100 MiB' });
    expect(failure('big.mp4', p)).toEqual({ file: 'big.mp4', error: 'the file is over 100 MiB (MEDIA_TOO_LARGE)', code: 'MEDIA_TOO_LARGE', status: 413 });
    expect(failure('x', new Error('boom'))).toEqual({ file: 'x', error: 'boom' });
  });
});

describe('bulwark media check against an HTTP stand-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-check-'));
  const uploads: { name: string | null; type: string | undefined; length: string | undefined; bytes: number; sha256: string }[] = [];
  const fetched: string[] = [];
  let server: Server;
  let url = '';

  const problem = (status: number, code: string, detail: string) => JSON.stringify({ type: 'about:blank', title: code, status, code, detail });
  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (req.headers.authorization !== 'Bearer t0ken') {
        res.writeHead(401, { 'content-type': 'application/problem+json' }).end(problem(401, 'UNAUTHENTICATED', 'no token'));
        return;
      }
      const name = u.searchParams.get('name');
      if (req.method === 'POST' && u.pathname === '/api/v1/media/check' && name === 'huge.bin') {
        // Refused from the length alone, before the body is read (as a body limit does).
        res.writeHead(413, { 'content-type': 'application/problem+json', connection: 'close' }).end(problem(413, 'MEDIA_TOO_LARGE', 'the file is over the 1 MiB limit'));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void (name === 'slow.bin' ? setTimeout(answer, 2500) : answer()));
      const answer = () => {
        if (res.destroyed) return;
        const body = Buffer.concat(chunks);
        if (req.method === 'POST' && u.pathname === '/api/v1/media/check') {
          uploads.push({ name, type: req.headers['content-type'], length: req.headers['content-length'], bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
          const fake = name?.includes('fake') ?? false;
          const c = check({ name: name ?? '', bytes: body.length, verdict: fake ? 'known-fake' : 'unknown', summary: fake ? 'A known fake.' : 'No match.', matches: fake ? [match({ algorithm: 'sha256', strength: 'exact', distance: undefined, transform: undefined })] : [] });
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(c));
        } else if (req.method === 'POST' && u.pathname === '/api/v1/media/check/url') {
          const { url: target } = JSON.parse(body.toString()) as { url: string };
          fetched.push(target);
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(check({ name: target, verdict: 'ai-generated', summary: 'AI-generated per its credentials.', matches: [] })));
        } else res.writeHead(404, { 'content-type': 'application/problem+json' }).end(problem(404, 'NOT_FOUND', 'no route'));
      };
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (args: string[], token = 't0ken') => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, BULWARK_URL: url, BULWARK_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  const photo = join(dir, 'photo.jpg');
  const fake = join(dir, 'fake-speech.mp4');
  const huge = join(dir, 'huge.bin');
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  writeFileSync(photo, bytes);
  writeFileSync(fake, 'not really a video');
  writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024));

  it('uploads each file as raw bytes with its name, has the server fetch URLs, and prints one check per line', async () => {
    uploads.length = 0;
    const r = await run(['media', 'check', photo, fake, '--fetch', 'https://example.org/a.png', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as MediaCheck & { file: string });
    expect(lines.map((l) => [l.file, l.verdict])).toEqual([[photo, 'unknown'], [fake, 'known-fake'], ['https://example.org/a.png', 'ai-generated']]);
    expect(uploads[0]).toEqual({ name: 'photo.jpg', type: 'application/octet-stream', length: String(bytes.length), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(uploads[1]!.name).toBe('fake-speech.mp4');
    expect(fetched).toContain('https://example.org/a.png');
  });

  it('--fail-on makes the exit status 3 for the verdicts named, and 0 otherwise', async () => {
    expect((await run(['media', 'check', photo, fake, '--fail-on', 'known-fake,near-match'])).code).toBe(3);
    expect((await run(['media', 'check', photo, '--fail-on', 'known-fake'])).code).toBe(0);
    expect((await run(['media', 'check', photo, '--fail-on', 'fake'])).code).toBe(1);
  });

  it('prints the report for people', async () => {
    const r = await run(['media', 'check', fake]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${fake}: known-fake\n  A known fake.\n`);
    expect(r.stdout).toContain('  match 1: sha256, identical file (exact)\n    bank: Known deepfakes — 2026 election (ee-ria/cert-ee, federated)\n');
    expect(r.stdout).toContain('  provenance: not read\n');
  });

  it('reports a file the server refuses (413), a missing file and one over --max-bytes, checks the others and exits 1', async () => {
    uploads.length = 0;
    const r = await run(['media', 'check', huge, join(dir, 'absent.png'), photo, '--json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ file: huge, error: 'the file is over the 1 MiB limit (MEDIA_TOO_LARGE)', code: 'MEDIA_TOO_LARGE', status: 413 });
    expect(lines[1]).toEqual({ file: join(dir, 'absent.png'), error: 'cannot read the file (ENOENT)' });
    expect(lines[2]).toMatchObject({ file: photo, verdict: 'unknown' });

    const limited = await run(['media', 'check', photo, fake, '--max-bytes', '1M', '--fail-on', 'known-fake']);
    expect(limited.code).toBe(3);
    expect(limited.stderr).toBe(`error: ${photo}: ${bytes.length} bytes, more than --max-bytes 1048576: not uploaded\n`);
    expect(uploads.map((u) => u.name)).toEqual(['photo.jpg', 'fake-speech.mp4']);
  });

  it('gives up on a check after --timeout seconds and goes on with the others', async () => {
    const slow = join(dir, 'slow.bin');
    writeFileSync(slow, 'x');
    const r = await run(['media', 'check', slow, fake, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${slow}: no answer within 1 s (a longer --timeout gives the server more time)\n`);
    expect(r.stdout).toContain(`${fake}: known-fake`);
  });

  it('refuses a missing token per file, and bad usage before any upload', async () => {
    const r = await run(['media', 'check', photo, fake], 'wrong');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(2);
    expect((await run(['media', 'check'])).stderr).toContain('give files to check, or --fetch <url>');
    expect((await run(['media', 'check', photo, '--fetch', 'ftp://x/y'])).stderr).toContain('only http:// and https://');
  });
});
