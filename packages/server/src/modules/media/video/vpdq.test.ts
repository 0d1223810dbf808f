// vPDQ against ../shared/corpora/vpdq (or BULWARK_CORPORA): frame hashes of every video present agree
// with the reference hash files (upstream's tolerance: distance < 31 where both frames have quality
// ≥ 50), and the matcher reproduces derived_match_matrix.csv for every pair of hash files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MediaDecodeError } from '../audio/decode.ts';
import { pdqDistance } from '../pdq/pdq.ts';
import { formatVpdq, matchVpdq, parseVpdq, vpdqHashFile, type VpdqFrame } from './index.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const VPDQ = `${CORPORA}/vpdq`;
const hasCorpus = existsSync(`${VPDQ}/index.csv`) && existsSync(`${VPDQ}/derived_match_matrix.csv`);
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasCorpus) console.log(`vPDQ corpus test skipped: ${VPDQ}/index.csv is absent (set BULWARK_CORPORA).`);
if (!hasFfmpeg) console.log('vPDQ decoding tests skipped: ffmpeg is not installed (apt-get install ffmpeg).');

const hashes = new Map<string, VpdqFrame[]>();
function refHashes(id: string): VpdqFrame[] {
  let h = hashes.get(id);
  if (!h) hashes.set(id, (h = parseVpdq(readFileSync(`${VPDQ}/sample-hashes/${id}.txt`, 'utf8'))));
  return h;
}

describe('vPDQ text format', () => {
  it('round-trips and refuses malformed lines', () => {
    const frames: VpdqFrame[] = [{ frame: 0, quality: 100, pdq: 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c', timestamp: 0 }, { frame: 1, quality: 49, pdq: 'f'.repeat(64), timestamp: 0.033 }];
    expect(formatVpdq(frames)).toBe(`0,100,${frames[0]!.pdq},0.000\n1,49,${'f'.repeat(64)},0.033\n`);
    expect(parseVpdq(formatVpdq(frames))).toEqual(frames);
    expect(() => parseVpdq('0,100,xyz,0.000')).toThrow(/line 1/);
    expect(() => parseVpdq('0,101,' + 'a'.repeat(64))).toThrow();
  });
  it('matching leaves out low-quality frames and duplicates', () => {
    const a = 'a'.repeat(64);
    const m = matchVpdq([{ pdq: a, quality: 90 }, { pdq: a, quality: 90 }, { pdq: '0'.repeat(64), quality: 10 }], [{ pdq: a, quality: 60 }]);
    expect(m).toMatchObject({ match: true, queryMatchPercent: 100, comparedMatchPercent: 100, queryFramesUsed: 1, comparedFramesUsed: 1 });
    expect(matchVpdq([], [{ pdq: a, quality: 60 }]).match).toBe(false);
  });
});

describe.skipIf(!hasCorpus)('vPDQ matcher against derived_match_matrix.csv', () => {
  it('every ordered pair gives the same shares and frame counts', () => {
    const rows = readFileSync(`${VPDQ}/derived_match_matrix.csv`, 'utf8').trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [q, c, qp, cp, qn, cn, quality, distance] = row.split(',');
      const m = matchVpdq(refHashes(q!), refHashes(c!), { minQuality: Number(quality), maxDistance: Number(distance) });
      expect([m.queryMatchPercent.toFixed(2), m.comparedMatchPercent.toFixed(2), m.queryFramesUsed, m.comparedFramesUsed], row).toEqual([qp, cp, Number(qn), Number(cn)]);
    }
  });
});

describe.skipIf(!hasCorpus || !hasFfmpeg)('vPDQ frame hashes against the reference hash files', () => {
  const present = hasCorpus
    ? readFileSync(`${VPDQ}/index.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((c) => c[2] === 'present').map((c) => c[0]!)
    : [];

  // Every 6th frame is hashed (one in 0.2 s at 30 fps) to keep the suite short; every frame is
  // decoded, so frame numbers line up with the reference. `bulwark media vpdq --every-frame` checks all.
  it.each(present)('%s', async (id) => {
    const ref = refHashes(id);
    const r = await vpdqHashFile(`${VPDQ}/videos/${id}.mp4`, { secondsPerHash: 0.2 });
    expect(r.frames).toBe(ref.length);
    let compared = 0;
    for (const h of r.hashes) {
      const want = ref[h.frame]!;
      expect(h.timestamp).toBeCloseTo(want.timestamp, 2);
      if (h.quality < 50 || want.quality < 50) continue;
      compared++;
      expect(pdqDistance(h.pdq, want.pdq), `${id} frame ${h.frame}`).toBeLessThan(31);
    }
    expect(compared).toBeGreaterThan(0);
  }, 60_000);

  it('a file without video is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-vpdq-'));
    writeFileSync(join(dir, 'x.mp4'), 'not a video');
    await expect(vpdqHashFile(join(dir, 'x.mp4'))).rejects.toBeInstanceOf(MediaDecodeError);
  });
});
