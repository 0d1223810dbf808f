// `bulwark media audio`, run as the real command on sounds made with ffmpeg (skipped without ffmpeg).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../problem.ts';
import { parsePositive, rawBase64 } from './media-audio.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfmpeg) console.log('bulwark media audio test skipped: ffmpeg is not installed (apt-get install ffmpeg).');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('media audio helpers', () => {
  it('raw items as big-endian base64, positive limits', () => {
    expect(rawBase64(Uint32Array.from([1, 0xffffffff]))).toBe(Buffer.from([0, 0, 0, 1, 255, 255, 255, 255]).toString('base64'));
    expect(parsePositive('2.5', '--max-seconds', 10)).toBe(2.5);
    expect(parsePositive(undefined, '--max-seconds', 10)).toBeUndefined();
    for (const bad of ['0', '-1', 'x', '11']) expect(() => parsePositive(bad, '--max-seconds', 10)).toThrow(UsageError);
  });
});

describe.skipIf(!hasFfmpeg)('bulwark media audio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-audio-'));
  const make = (name: string, expr: string, ...extra: string[]) => {
    const out = join(dir, name);
    const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc=${expr}:s=22050:d=8`, ...extra, out]);
    if (r.status !== 0) throw new Error(String(r.stderr));
    return out;
  };
  // 8 s at 11,025 Hz: 88,200 samples, 62 frames, 43 items. A melody of changing tones, its MP3 copy, and a different melody.
  const a = make('a.wav', "'sin(2*PI*t*(220+110*floor(mod(t*3,4))))'");
  const aMp3 = make('a.mp3', "'sin(2*PI*t*(220+110*floor(mod(t*3,4))))'", '-b:a', '48k');
  const b = make('b.flac', "'sin(2*PI*t*(300+170*floor(mod(t*2,5))))*0.5'");
  writeFileSync(join(dir, 'junk.wav'), 'not audio');

  it('prints one JSON line per file with the fpcalc-style fingerprint, and matches by alignment', () => {
    const r = run('media', 'audio', a, aMp3, b, join(dir, 'junk.wav'), '--match', a, '--json');
    expect(r.code).toBe(1); // the junk file
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { match?: { match: boolean; ber: number } });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ file: a, type: 'audio', duration: 8, chromaprint_items: 43 });
    expect(lines[0]!['chromaprint']).toMatch(/^AQAA[A-Za-z0-9_-]+$/);
    expect(lines[0]!.match).toMatchObject({ match: true, ber: 0, offset: 0 });
    expect(lines[1]!.match!.match).toBe(true);
    expect(lines[2]!.match!.match).toBe(false);
    expect(lines[3]!['error']).toMatch(/ffmpeg could not decode/);
  });

  it('prints a table and refuses bad limits', () => {
    const r = run('media', 'audio', a);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FILE\s+SECONDS\s+ITEMS\s+CHROMAPRINT/);
    expect(run('media', 'audio', a, '--max-seconds', '0').stderr).toContain('--max-seconds takes a number above 0');
  });
});
