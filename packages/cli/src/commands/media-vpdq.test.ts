// `bulwark media vpdq`, run as the real command on videos made with ffmpeg (skipped without ffmpeg).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasFfmpeg) console.log('bulwark media vpdq test skipped: ffmpeg is not installed (apt-get install ffmpeg).');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasFfmpeg)('bulwark media vpdq', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-vpdq-'));
  const make = (name: string, source: string) => {
    const out = join(dir, name);
    const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${source}=size=160x120:rate=10`, '-t', '3', '-pix_fmt', 'yuv420p', out]);
    if (r.status !== 0) throw new Error(String(r.stderr));
    return out;
  };
  const a = make('a.mp4', 'testsrc');
  const b = make('b.mp4', 'mandelbrot');
  writeFileSync(join(dir, 'junk.mp4'), 'not a video');

  it('one hash per second by default, every frame on request, and frame-share matching', () => {
    let r = run('media', 'vpdq', a, '--json');
    expect(r.code).toBe(0);
    const one = JSON.parse(r.stdout) as { frames: number; fps: number; width: number; vpdq: { frame: number; pdq: string }[] };
    expect(one).toMatchObject({ frames: 30, fps: 10, width: 160 });
    expect(one.vpdq.map((h) => h.frame)).toEqual([0, 10, 20]);
    expect(one.vpdq[0]!.pdq).toMatch(/^[0-9a-f]{64}$/);

    r = run('media', 'vpdq', a, b, join(dir, 'junk.mp4'), '--every-frame', '--match', a, '--json');
    expect(r.code).toBe(1); // the junk file
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { vpdq?: unknown[]; match?: { match: boolean }; error?: string });
    expect(lines[0]!.vpdq).toHaveLength(30);
    expect(lines[0]!.match!.match).toBe(true);
    expect(lines[1]!.match!.match).toBe(false);
    expect(lines[2]!.error).toBeTruthy();
  });

  it('prints hash-list lines and refuses contradictory options', () => {
    const r = run('media', 'vpdq', a, '--lines');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^0,\d+,[0-9a-f]{64},0\.000$/);
    expect(run('media', 'vpdq', a, '--every-frame', '--seconds-per-hash', '2').stderr).toContain('not both');
  });
});
