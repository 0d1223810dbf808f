// Fingerprint matching by alignment: slide one raw fingerprint over the other, and at each integer
// offset count the differing bits (XOR, popcount) over the overlapping items. The offset with the
// lowest bit error rate (BER) wins; the two recordings are the same when that BER is under a threshold.
// Unrelated speech sits near 0.34-0.5 BER, re-encoded, resampled, noisier or trimmed copies under 0.1.
import { ITEM_SECONDS } from './chromaprint.ts';

export interface AudioMatchOptions {
  /** BER at or under which two fingerprints are the same recording. Default 0.15. */
  maxBer?: number;
  /** Largest offset searched, in items either way. Default: every offset with enough overlap. */
  maxOffset?: number;
  /** Overlap needed, as a share of the shorter fingerprint. Default 0.5. */
  minOverlapShare?: number;
  /** Overlap needed, in items, whatever the share. Default 10 (about 1.2 s). */
  minOverlapItems?: number;
}

export interface AudioMatch {
  /** True when the best-aligned BER is at or under `maxBer`. */
  match: boolean;
  /** Lowest bit error rate over the offsets tried (1 when no offset overlaps enough). */
  ber: number;
  /** Item of `reference` aligned with the query's first item (negative: the query starts earlier). */
  offset: number;
  offsetSeconds: number;
  /** Items compared at the best offset. */
  overlapItems: number;
  /** Duration matched: the overlap in seconds when `match`, else 0. */
  matchedSeconds: number;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Best alignment of `query` against `reference` (both raw Chromaprint fingerprints). */
export function matchFingerprints(query: ArrayLike<number>, reference: ArrayLike<number>, opts: AudioMatchOptions = {}): AudioMatch {
  const maxBer = opts.maxBer ?? 0.15;
  const qn = query.length;
  const rn = reference.length;
  const shorter = Math.min(qn, rn);
  const minOverlap = Math.max(1, Math.min(shorter, Math.max(opts.minOverlapItems ?? 10, Math.ceil(shorter * (opts.minOverlapShare ?? 0.5)))));
  const limit = opts.maxOffset ?? Math.max(qn, rn);
  let best: { ber: number; offset: number; overlap: number } | undefined;
  for (let offset = -Math.min(limit, qn); offset <= Math.min(limit, rn); offset++) {
    // query[i] against reference[i + offset]
    const from = Math.max(0, -offset);
    const to = Math.min(qn, rn - offset);
    const overlap = to - from;
    if (overlap < minOverlap || overlap <= 0) continue;
    let bits = 0;
    for (let i = from; i < to; i++) bits += popcount32((query[i]! ^ reference[i + offset]!) >>> 0);
    const ber = bits / (32 * overlap);
    // Ties: the longer overlap, then the smaller shift.
    if (!best || ber < best.ber || (ber === best.ber && (overlap > best.overlap || (overlap === best.overlap && Math.abs(offset) < Math.abs(best.offset))))) {
      best = { ber, offset, overlap };
    }
  }
  if (!best) return { match: false, ber: 1, offset: 0, offsetSeconds: 0, overlapItems: 0, matchedSeconds: 0 };
  const match = best.ber <= maxBer;
  return {
    match,
    ber: best.ber,
    offset: best.offset,
    offsetSeconds: round3(best.offset * ITEM_SECONDS),
    overlapItems: best.overlap,
    matchedSeconds: match ? round3(best.overlap * ITEM_SECONDS) : 0,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
