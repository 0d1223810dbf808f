// vPDQ video matching by share of matching frames (brute force, as ThreatExchange's reference matcher
// describes it): from each video keep the frames of quality ≥ 50 and drop exact duplicate hashes; a
// frame of one video matches when any kept frame of the other lies within Hamming distance ≤ 31. The
// result is the share of the query's frames that match and the share of the compared video's frames
// that match; a video is the same footage when the query share reaches 80 %.
import type { VpdqFrame } from './vpdq.ts';

export interface VpdqMatchOptions {
  /** Frames below this quality are left out. Default 50. */
  minQuality?: number;
  /** Largest Hamming distance (of 256 bits) at which two frames match. Default 31. */
  maxDistance?: number;
  /** Query share (percent) at or above which the videos match. Default 80. */
  queryMatchPercent?: number;
  /** Compared-video share (percent) needed as well. Default 0. */
  comparedMatchPercent?: number;
}

export interface VpdqMatch {
  match: boolean;
  /** Percent of the query's frames (kept, distinct) with a match in the compared video. */
  queryMatchPercent: number;
  /** Percent of the compared video's frames (kept, distinct) with a match in the query. */
  comparedMatchPercent: number;
  queryFramesUsed: number;
  comparedFramesUsed: number;
}

/** Distinct hashes of the frames of at least `minQuality`, as 8 words of 32 bits each. */
export function vpdqFrameWords(frames: readonly Pick<VpdqFrame, 'pdq' | 'quality'>[], minQuality = 50): Uint32Array {
  const seen = new Set<string>();
  for (const f of frames) if (f.quality >= minQuality) seen.add(f.pdq.toLowerCase());
  const out = new Uint32Array(seen.size * 8);
  let i = 0;
  for (const hex of seen) {
    for (let w = 0; w < 8; w++) out[i * 8 + w] = parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
    i++;
  }
  return out;
}

function pop(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Which frames of `a` have a frame of `b` within `maxDistance`; and the same for `b`. */
function matchedFrames(a: Uint32Array, b: Uint32Array, maxDistance: number): { a: number; b: number } {
  const na = a.length / 8;
  const nb = b.length / 8;
  const hitB = new Uint8Array(nb);
  let countA = 0;
  for (let i = 0; i < na; i++) {
    const o = i * 8;
    let hit = false;
    for (let j = 0; j < nb; j++) {
      const p = j * 8;
      let d = 0;
      for (let w = 0; w < 8 && d <= maxDistance; w++) d += pop((a[o + w]! ^ b[p + w]!) >>> 0);
      if (d <= maxDistance) {
        hit = true;
        hitB[j] = 1;
      }
    }
    if (hit) countA++;
  }
  let countB = 0;
  for (let j = 0; j < nb; j++) countB += hitB[j]!;
  return { a: countA, b: countB };
}

/** Compares the vPDQ hashes of a query video with those of another video. */
export function matchVpdq(query: readonly Pick<VpdqFrame, 'pdq' | 'quality'>[], compared: readonly Pick<VpdqFrame, 'pdq' | 'quality'>[], opts: VpdqMatchOptions = {}): VpdqMatch {
  const minQuality = opts.minQuality ?? 50;
  const q = vpdqFrameWords(query, minQuality);
  const c = vpdqFrameWords(compared, minQuality);
  const { a, b } = matchedFrames(q, c, opts.maxDistance ?? 31);
  const nq = q.length / 8;
  const nc = c.length / 8;
  const queryMatchPercent = nq === 0 ? 0 : (100 * a) / nq;
  const comparedMatchPercent = nc === 0 ? 0 : (100 * b) / nc;
  return {
    match: nq > 0 && queryMatchPercent >= (opts.queryMatchPercent ?? 80) && comparedMatchPercent >= (opts.comparedMatchPercent ?? 0),
    queryMatchPercent,
    comparedMatchPercent,
    queryFramesUsed: nq,
    comparedFramesUsed: nc,
  };
}
