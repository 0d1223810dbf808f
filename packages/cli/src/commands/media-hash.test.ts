// `bulwark media hash`, run as the real command on generated files (and the PDQ corpus when present).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../shared/corpora/', import.meta.url));
const BRIDGE = join(CORPORA, 'pdq/bridge-mods/aaa-orig.jpg');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-hash-'));

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
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) b.fill((x * 5 + ((y * y) >> 3)) & 255, 54 + y * stride + x * 3, 54 + y * stride + x * 3 + 3);
  return b;
}
const image = join(dir, 'picture.bmp');
writeFileSync(image, bmp24(160, 120));
const text = join(dir, 'notes.txt');
writeFileSync(text, 'hello');
const broken = join(dir, 'broken.png');
writeFileSync(broken, Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark media hash', () => {
  it('--json prints one object per file with type, digests and, for images, PDQ and quality', () => {
    const r = run('media', 'hash', image, text, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: image, type: 'image/bmp', kind: 'image', width: 160, height: 120 });
    expect(lines[0]!['pdq']).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof lines[0]!['pdq_quality']).toBe('number');
    expect(lines[1]).toEqual({
      file: text, type: 'application/octet-stream', kind: 'other', bytes: 5,
      sha256: createHash('sha256').update('hello').digest('hex'), md5: createHash('md5').update('hello').digest('hex'),
    });
  });

  it('reports per-file errors, carries on with the other files and exits 1', () => {
    const r = run('media', 'hash', broken, join(dir, 'absent.jpg'), image, '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['file'])).toEqual([broken, join(dir, 'absent.jpg'), image]);
    expect(lines[0]).toMatchObject({ type: 'image/png', error: expect.stringMatching(/^corrupt: /) as unknown });
    expect(lines[0]!['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[1]!['error']).toMatch(/ENOENT/);
    expect(lines[2]!['pdq']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints a table, with the dihedral hashes on request, and refuses bad options', () => {
    const r = run('media', 'hash', image, '--dihedral');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FILE\s+TYPE\s+SHA256\s+MD5\s+PDQ\s+QUALITY/);
    expect(r.stdout).toContain('dihedral PDQ:');
    for (const name of ['rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1']) expect(r.stdout).toContain(name);
    expect(run('media', 'hash', image, '--exif', 'sideways').code).toBe(1);
    const small = run('media', 'hash', image, '--max-pixels', '100', '--json');
    expect(small.code).toBe(1);
    expect(JSON.parse(small.stdout)).toMatchObject({ error: expect.stringMatching(/^too-many-pixels/) as unknown });
  });

  it.skipIf(!existsSync(BRIDGE))('hashes the bridge photo of the PDQ corpus within 10 bits of the reference', () => {
    const r = run('media', 'hash', BRIDGE, '--json', '--dihedral');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { pdq: string; pdq_quality: number; pdq_dihedral: Record<string, string> };
    const reference = 'f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22'; // pdq/cpp/bin/README.md
    let d = 0;
    for (let i = 0; i < 64; i++) d += [...(parseInt(o.pdq[i]!, 16) ^ parseInt(reference[i]!, 16)).toString(2)].filter((c) => c === '1').length;
    expect(d).toBeLessThanOrEqual(10);
    expect(o.pdq_quality).toBe(100);
    expect(Object.keys(o.pdq_dihedral)).toHaveLength(8);
  });
});
