// vPDQ hashing against ../shared/corpora/vpdq (or BULWARK_CORPORA): frame hashes of every video present
// agree with the reference hash files (upstream's tolerance: distance < 31 where both frames have
// quality ≥ 50), and hashes we compute match the reference hashes of the same footage and not others.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MediaDecodeError } from '../audio/decode.ts';
import { isVpdqMatch, matchVpdq, parseVpdqHashes } from '../match/index.ts';
import { pdqDistance } from '../pdq/pdq.ts';
import { formatVpdq, vpdqHashFile, type VpdqFrame } from './index.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const VPDQ = `${CORPORA}/vpdq`;
const hasCorpus = existsSync(`${VPDQ}/index.csv`);
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasCorpus) console.log(`vPDQ hashing corpus test skipped: ${VPDQ}/index.csv is absent (set BULWARK_CORPORA).`);
if (!hasFfmpeg) console.log('vPDQ decoding tests skipped: ffmpeg is not installed (apt-get install ffmpeg).');

const refHashes = (id: string): VpdqFrame[] => parseVpdqHashes(readFileSync(`${VPDQ}/sample-hashes/${id}.txt`, 'utf8'));

describe('vPDQ text format', () => {
  it('writes what the reference files hold and the parser reads', () => {
    const frames: VpdqFrame[] = [
      { frame: 0, quality: 100, pdq: 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c', seconds: 0 },
      { frame: 1, quality: 49, pdq: 'f'.repeat(64), seconds: 0.033 },
    ];
    expect(formatVpdq(frames)).toBe(`0,100,${frames[0]!.pdq},0.000\n1,49,${'f'.repeat(64)},0.033\n`);
    expect(parseVpdqHashes(formatVpdq(frames))).toEqual(frames);
  });
});

describe.skipIf(!hasCorpus || !hasFfmpeg)('vPDQ frame hashes against the reference hash files', () => {
  const present = hasCorpus
    ? readFileSync(`${VPDQ}/index.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((c) => c[2] === 'present').map((c) => c[0]!)
    : [];
  const ours = new Map<string, VpdqFrame[]>();

  // Every 6th frame is hashed (one in 0.2 s at 30 fps) to keep the suite short; every frame is
  // decoded, so frame numbers line up with the reference. Every frame of every video was checked the
  // same way once (figures in the module README).
  it.each(present)('%s', async (id) => {
    const ref = refHashes(id);
    const r = await vpdqHashFile(`${VPDQ}/videos/${id}.mp4`, { secondsPerHash: 0.2 });
    expect(r.frames).toBe(ref.length);
    let compared = 0;
    for (const h of r.hashes) {
      const want = ref[h.frame]!;
      expect(h.seconds).toBeCloseTo(want.seconds, 2);
      if (h.quality < 50 || want.quality < 50) continue;
      compared++;
      expect(pdqDistance(h.pdq, want.pdq), `${id} frame ${h.frame}`).toBeLessThan(31);
    }
    expect(compared).toBeGreaterThan(0);
    ours.set(id, r.hashes);
  }, 60_000);

  it('our hashes of a video match the reference hashes of the same footage, not of other footage', () => {
    const chair = ours.get('chair-19-sd-bar');
    if (!chair) return; // that video is not in this copy of the corpus
    expect(isVpdqMatch(matchVpdq(chair, refHashes('chair-orig-22-sd-bar')))).toBe(true);
    expect(isVpdqMatch(matchVpdq(chair, refHashes('doorknob-hd-no-bar')))).toBe(false);
    expect(isVpdqMatch(matchVpdq(chair, refHashes('pattern-hd-no-bar')))).toBe(false);
  });

  it('one hash per second by default; a file without video is a clear error', async () => {
    const id = present.find((p) => p === 'doorknob-hd-no-bar') ?? present[0]!;
    const r = await vpdqHashFile(`${VPDQ}/videos/${id}.mp4`);
    expect(r.hashes.map((h) => h.frame)).toEqual(Array.from({ length: Math.ceil(r.frames / 30) }, (_, i) => i * 30));
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-vpdq-'));
    writeFileSync(join(dir, 'x.mp4'), 'not a video');
    await expect(vpdqHashFile(join(dir, 'x.mp4'))).rejects.toBeInstanceOf(MediaDecodeError);
  }, 60_000);
});
