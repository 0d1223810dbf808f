import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFileType } from './filetype.ts';
import { hashMedia, hashMediaFile } from './hash.ts';
import { hashFilesIsolated, type IsolatedResult } from './isolated.ts';

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
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) b.fill((x * 7 + y * y) & 255, 54 + y * stride + x * 3, 54 + y * stride + x * 3 + 3);
  return b;
}

describe('media hashing', () => {
  it('detects types from bytes', () => {
    expect(detectFileType(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')).mime).toBe('image/png');
    expect(detectFileType(Buffer.from('\0\0\0\x18ftypisom', 'latin1'))).toEqual({ mime: 'video/mp4', kind: 'video' });
    expect(detectFileType(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')).kind).toBe('audio');
    expect(detectFileType(deflateSync(Buffer.from('x'))).kind).toBe('other');
  });

  it('gives SHA-256, MD5 and PDQ for an image, and only the digests for other files', async () => {
    const img = bmp24(200, 150);
    const r = await hashMedia(img, { dihedral: true });
    expect(r.sha256).toBe(createHash('sha256').update(img).digest('hex'));
    expect(r.md5).toBe(createHash('md5').update(img).digest('hex'));
    expect(r).toMatchObject({ type: 'image/bmp', kind: 'image', width: 200, height: 150 });
    expect(r.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(r.pdq_dihedral?.original).toBe(r.pdq);
    expect(r.pdq_quality).toBeGreaterThanOrEqual(0);
    const t = await hashMedia(Buffer.from('hello'));
    expect(t).toMatchObject({ kind: 'other', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    expect(t.pdq).toBeUndefined();
    const broken = await hashMedia(img.subarray(0, 100));
    expect(broken.error).toMatch(/^corrupt: /);
    expect(broken.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an oversized file before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-media-'));
    writeFileSync(join(dir, 'big.bmp'), bmp24(100, 100));
    await expect(hashMediaFile(join(dir, 'big.bmp'), { maxBytes: 1000 })).rejects.toThrow(/exceeds the 1000-byte limit/);
  });

  it('hashes in a worker: per-file errors and time limits do not stop the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-media-'));
    writeFileSync(join(dir, 'a.bmp'), bmp24(64, 64));
    writeFileSync(join(dir, 'bad.png'), Buffer.from('\x89PNG\r\n\x1a\nnope', 'latin1'));
    const files = [join(dir, 'a.bmp'), join(dir, 'missing.jpg'), join(dir, 'bad.png'), join(dir, 'a.bmp')];
    const out: IsolatedResult[] = [];
    for await (const r of hashFilesIsolated(files, { timeoutMs: 20_000 })) out.push(r);
    expect(out.map((r) => r.ok)).toEqual([true, false, true, true]);
    const [a, missing, bad, again] = out;
    if (!a?.ok || !bad?.ok || !again?.ok || missing?.ok !== false) throw new Error('unexpected');
    expect(a.result.pdq).toBe(again.result.pdq);
    expect(missing.error).toMatch(/ENOENT/);
    expect(bad.result.error).toMatch(/corrupt/);
    // a time limit that cannot be met ends that file only
    const timed: IsolatedResult[] = [];
    for await (const r of hashFilesIsolated([join(dir, 'a.bmp')], { timeoutMs: 1 })) timed.push(r);
    expect(timed[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^timeout/) as unknown });
  }, 60_000);
});
