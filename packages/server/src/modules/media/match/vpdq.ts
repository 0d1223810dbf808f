// vPDQ video matching by share of matching frames, as the vPDQ description defines it: drop frames
// below the quality threshold (50) and exact-duplicate frame hashes, then a query frame matches when
// any frame of the compared video lies within the distance (≤ 31), and vice versa. A video matches
// when the query share reaches the query threshold (80 %) and the compared share its own (0 %).
import { parsePdqHex, PDQ_WORDS } from './hex.ts';
import { PdqIndex } from './pdq-index.ts';

export interface VpdqFrame {
  readonly frame: number;
  readonly quality: number;
  readonly pdq: string;
  readonly seconds: number;
}

export interface VpdqMatchOptions {
  /** Hamming distance at which two frames match (default 31, inclusive). */
  readonly distance?: number;
  /** Frames of lower PDQ quality are ignored (default 50). */
  readonly quality?: number;
}

export interface VpdqMatchResult {
  /** Share (0-100) of the query's usable unique frames with a match in the compared video. */
  readonly queryMatchPercent: number;
  /** Share (0-100) of the compared video's usable unique frames with a match in the query. */
  readonly comparedMatchPercent: number;
  readonly queryFramesUsed: number;
  readonly comparedFramesUsed: number;
}

export const VPDQ_DEFAULTS = { distance: 31, quality: 50, queryThreshold: 80, comparedThreshold: 0 } as const;

/**
 * Parses a vPDQ hash list: one frame per line, `frame_number,quality,pdq_hex[,timestamp_seconds]`
 * (the upstream tools' format). Blank lines are skipped; anything else malformed throws with its line.
 */
export function parseVpdqHashes(text: string): VpdqFrame[] {
  const frames: VpdqFrame[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(',');
    const [frame, quality, pdq, seconds] = parts;
    const bad = (why: string) => new Error(`vPDQ hash list line ${i + 1}: ${why}`);
    if (parts.length < 3 || parts.length > 4) throw bad('expected frame_number,quality,pdq_hex[,timestamp_seconds]');
    if (!/^\d+$/.test(frame!)) throw bad(`frame number ${JSON.stringify(frame)} is not a non-negative integer`);
    if (!/^\d+$/.test(quality!) || Number(quality) > 100) throw bad(`quality ${JSON.stringify(quality)} is not an integer from 0 to 100`);
    try {
      parsePdqHex(pdq!);
    } catch (e) {
      throw bad((e as Error).message);
    }
    const s = seconds === undefined ? Number.NaN : Number(seconds);
    if (seconds !== undefined && (!Number.isFinite(s) || s < 0)) throw bad(`timestamp ${JSON.stringify(seconds)} is not a number of seconds`);
    frames.push({ frame: Number(frame), quality: Number(quality), pdq: pdq!.toLowerCase(), seconds: s });
  });
  return frames;
}

function usable(frames: readonly Pick<VpdqFrame, 'quality' | 'pdq'>[], quality: number): string[] {
  const seen = new Set<string>();
  for (const f of frames) if (f.quality >= quality) seen.add(f.pdq.toLowerCase());
  return [...seen];
}

/** Shares of matching frames between two videos' frame hashes, both ways. */
export function matchVpdq(query: readonly Pick<VpdqFrame, 'quality' | 'pdq'>[], compared: readonly Pick<VpdqFrame, 'quality' | 'pdq'>[], options: VpdqMatchOptions = {}): VpdqMatchResult {
  const distance = options.distance ?? VPDQ_DEFAULTS.distance;
  const quality = options.quality ?? VPDQ_DEFAULTS.quality;
  const q = usable(query, quality);
  const c = usable(compared, quality);
  const index = PdqIndex.fromHex(c.map((h, i) => [i, h] as const));
  const comparedHit = new Uint8Array(c.length);
  const words = new Uint32Array(PDQ_WORDS);
  let queryHits = 0;
  for (const h of q) {
    const matches = index.query(parsePdqHex(h, words), distance);
    if (matches.length > 0) queryHits += 1;
    for (const m of matches) comparedHit[m.id] = 1;
  }
  const comparedHits = comparedHit.reduce((a, b) => a + b, 0);
  const pct = (hits: number, of: number) => (of === 0 ? 0 : (hits * 100) / of);
  return { queryMatchPercent: pct(queryHits, q.length), comparedMatchPercent: pct(comparedHits, c.length), queryFramesUsed: q.length, comparedFramesUsed: c.length };
}

/** The vPDQ verdict: query share ≥ 80 % and compared share ≥ 0 % unless told otherwise. */
export function isVpdqMatch(result: VpdqMatchResult, thresholds: { readonly query?: number; readonly compared?: number } = {}): boolean {
  return result.queryFramesUsed > 0 && result.queryMatchPercent >= (thresholds.query ?? VPDQ_DEFAULTS.queryThreshold) && result.comparedMatchPercent >= (thresholds.compared ?? VPDQ_DEFAULTS.comparedThreshold);
}
