// A check of a video keeps the calling thread free: the frames are hashed and the sound fingerprinted in
// the media worker, so the event loop stays responsive (compared with hashing the same frames on this
// thread); a video part that overruns its worker's time limit is a problem of the check, its ffmpeg is
// killed, and the digests and the sound's fingerprint still count.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../audio/decode.ts';
import { ProvenanceReader } from '../provenance/index.ts';
import { vpdqHashFile } from '../video/vpdq.ts';
import { analyse, VPDQ_SECONDS_PER_HASH } from './analyse.ts';

const ffmpeg = spawnSync(ffmpegPath(), ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!ffmpeg) console.log('media check isolation tests skipped: ffmpeg is not installed (apt-get install ffmpeg).');

/** How long the event loop was busy (ms) and its longest delay (ms) while `f` ran. */
async function loopCost<T>(f: () => Promise<T>): Promise<{ result: T; activeMs: number; maxDelayMs: number; wallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  const result = await f();
  const used = performance.eventLoopUtilization(elu);
  h.disable();
  return { result, activeMs: used.active, maxDelayMs: h.max / 1e6, wallMs: performance.now() - t0 };
}

/** ffmpeg processes started by this process that still exist (zombies included). */
function ffmpegChildren(): string[] {
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const m = /^\d+ \((.*)\) (\S) (\d+)/.exec(readFileSync(`/proc/${d}/stat`, 'utf8'));
      if (m && Number(m[3]) === process.pid && /ffmpeg|ffprobe/.test(m[1]!)) out.push(`${d} ${m[1]} ${m[2]}`);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

describe.runIf(ffmpeg)('media checks of videos run off the calling thread', () => {
  let dir: string;
  let video: Buffer;
  let reader: ProvenanceReader;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-media-check-'));
    // Four seconds of 1280×720 test pattern at 25 fps with a tone (mpeg4 and aac: ffmpeg's own encoders).
    const r = spawnSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=25:duration=4', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-c:v', 'mpeg4', '-q:v', '5', '-c:a', 'aac', '-shortest', join(dir, 'clip.mp4')]);
    if (r.status !== 0) throw new Error(`ffmpeg could not make the test video: ${r.stderr.toString()}`);
    video = readFileSync(join(dir, 'clip.mp4'));
    reader = new ProvenanceReader();
    // The first read compiles the C2PA reader once per process (an API process does it once, not per check).
    await reader.readFile(join(dir, 'clip.mp4'));
  }, 120_000);
  afterAll(async () => {
    await reader?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the event loop responsive while a video is hashed', async () => {
    // The same frames hashed on this thread, for comparison.
    const onThread = await loopCost(() => vpdqHashFile(join(dir, 'clip.mp4'), { secondsPerHash: VPDQ_SECONDS_PER_HASH }));
    const checked = await loopCost(() => analyse(video, { maxBytes: 50 * 1024 * 1024, provenance: () => reader }));
    const fmt = (c: { activeMs: number; maxDelayMs: number; wallMs: number }) => `busy ${Math.round(c.activeMs)} ms, longest delay ${Math.round(c.maxDelayMs)} ms, ${Math.round(c.wallMs)} ms in all`;
    console.log(`video hashed on this thread: ${fmt(onThread)}; checked in the worker: ${fmt(checked)}`);

    const a = checked.result;
    expect(a.kind).toBe('video');
    expect(a.problems).toEqual([]);
    expect(a.hashes.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    // the worker's frame hashes are those of the on-thread run (structured cloning loses nothing)
    expect(a.hashes.vpdq).toEqual(onThread.result.hashes);
    expect(a.hashes.vpdq!.length).toBeGreaterThan(30);
    expect(a.hashes.duration).toBeCloseTo(4, 1);
    expect(a.chromaprint).toBeInstanceOf(Uint32Array);
    expect(a.hashes.chromaprint).toMatch(/^[\w-]+$/);

    // On this thread the hashing keeps the loop busy for seconds; the check leaves it nearly idle.
    expect(onThread.activeMs).toBeGreaterThan(500);
    expect(checked.activeMs).toBeLessThan(onThread.activeMs / 5);
    expect(checked.maxDelayMs).toBeLessThan(200);
  }, 120_000);

  it('reports a video part that overruns its time limit as a problem; the rest of the check counts', async () => {
    const a = await analyse(video, { maxBytes: 50 * 1024 * 1024, provenance: () => reader, partTimeoutMs: { video: 300 } });
    expect(a.kind).toBe('video');
    expect(a.problems).toEqual([expect.stringMatching(/^video: timeout: not done within 300 ms/)]);
    expect(a.hashes.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    expect(a.hashes.md5).toBe(createHash('md5').update(video).digest('hex'));
    expect(a.hashes.vpdq).toBeUndefined();
    // the sound is fingerprinted by a fresh worker
    expect(a.chromaprint?.length).toBeGreaterThan(10);
    expect(a.hashes.duration).toBeCloseTo(4, 0);
    // the terminated worker's ffmpeg was killed and collected
    expect(ffmpegChildren()).toEqual([]);
  }, 120_000);
});
