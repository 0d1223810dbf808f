// `bulwark media hash` on audio and video files: the Chromaprint-compatible fingerprint and the vPDQ
// hashes join the cryptographic hashes (files made with ffmpeg; skipped without it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { avNote } from './media-av.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasFfmpeg) console.log('bulwark media hash audio/video test skipped: ffmpeg is not installed (apt-get install ffmpeg).');

describe('avNote', () => {
  it('summarises the fields', () => {
    expect(avNote(undefined)).toBe('');
    expect(avNote({ chromaprint: 'AQAA', chromaprint_items: 43, duration: 8 })).toBe('chromaprint 43 items, 8.00 s');
    expect(avNote({ vpdq: [], av_error: 'chromaprint: x' })).toBe('vpdq 0 hashes, error: chromaprint: x');
  });
});

describe.skipIf(!hasFfmpeg)('bulwark media hash on audio and video', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-media-av-'));
  const ffmpeg = (...args: string[]) => {
    const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args]);
    if (r.status !== 0) throw new Error(String(r.stderr));
  };
  const wav = join(dir, 'tone.wav'); // 6 s: 66,150 samples, 46 frames, 27 items
  ffmpeg('-f', 'lavfi', '-i', "aevalsrc='sin(2*PI*t*(220+110*floor(mod(t*3,4))))':s=11025:d=6", wav);
  const silentVideo = join(dir, 'clip.mp4');
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '3', '-pix_fmt', 'yuv420p', silentVideo);

  it('adds chromaprint to audio and vpdq to video (no fingerprint, and no error, for a silent video)', () => {
    const r = spawnSync(process.execPath, [BIN, 'media', 'hash', wav, silentVideo, '--json'], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [audio, video] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audio).toMatchObject({ kind: 'audio', duration: 6, chromaprint_items: 27 });
    expect(audio!['chromaprint']).toMatch(/^AQAA/);
    expect(audio!['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(video).toMatchObject({ kind: 'video', vpdq_frames: 30, duration: 3 });
    expect((video!['vpdq'] as unknown[]).length).toBe(3);
    expect(video!['chromaprint']).toBeUndefined();
    expect(video!['av_error']).toBeUndefined();
  });
});
