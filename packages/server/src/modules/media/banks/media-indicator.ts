// Reads a media indicator back (ours or a federated peer's: untrusted input) into what the match index
// needs: the hashes, the publisher's threshold and the context to show. Anything malformed is refused
// with a reason; strings are cut to the same limits the API puts on entries.
import type { MediaKind, VpdqFrame } from '@bulwark/contracts';
import { decompressFingerprint } from '../audio/compress.ts';
import { parseVpdqHashes } from '../match/vpdq.ts';
import { AUDIO_BER, MEDIA_PROPERTY, VPDQ_SHARE } from './stix.ts';

export const LIMITS = { frames: 20_000, chromaprintChars: 200_000, patternChars: 2_000_000 } as const;

export interface MediaIndicator {
  readonly id: string;
  readonly kind: MediaKind;
  readonly algorithm: 'pdq' | 'vpdq' | 'chromaprint' | 'digest';
  /** PDQ / vPDQ frame distance; audio: bit error rate. */
  readonly threshold: number;
  /** vPDQ: share of frames (percent) for a match. */
  readonly share?: number;
  readonly pdq?: string;
  readonly frames?: readonly VpdqFrame[];
  readonly chromaprint?: Uint32Array;
  readonly sha256?: string;
  readonly md5?: string;
  readonly context: MediaContext;
}

export interface MediaContext {
  readonly bank: string;
  readonly title: string;
  readonly narrative: string;
  readonly actor: string;
  readonly campaign: string;
  readonly disarm: string[];
  readonly firstSeen: string | null;
  readonly source: string;
  readonly hashes: { sha256?: string; md5?: string; pdq?: string; pdqQuality?: number; duration?: number };
}

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');
const hex = (v: unknown, n: number): string | undefined => (typeof v === 'string' && new RegExp(`^[0-9a-fA-F]{${n}}$`).test(v) ? v.toLowerCase() : undefined);
const KINDS = new Set(['image', 'video', 'audio', 'other']);

function contextOf(o: Record<string, unknown>): MediaContext {
  const m = (typeof o[MEDIA_PROPERTY] === 'object' && o[MEDIA_PROPERTY] !== null ? o[MEDIA_PROPERTY] : {}) as Record<string, unknown>;
  const h = (typeof m['hashes'] === 'object' && m['hashes'] !== null ? m['hashes'] : {}) as Record<string, unknown>;
  const num = (v: unknown, lo: number, hi: number) => (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : undefined);
  const disarm = Array.isArray(m['disarm']) ? m['disarm'].filter((d): d is string => typeof d === 'string' && /^T\d{4}(\.\d{3})?$/.test(d)).slice(0, 50) : [];
  const first = typeof m['first_seen'] === 'string' && !Number.isNaN(Date.parse(m['first_seen'])) ? new Date(m['first_seen']).toISOString() : null;
  const hashes: MediaContext['hashes'] = {};
  const sha256 = hex(h['sha256'], 64);
  const md5 = hex(h['md5'], 32);
  const pdq = hex(h['pdq'], 64);
  const quality = num(h['pdq_quality'], 0, 100);
  const duration = num(h['duration'], 0, 1e7);
  if (sha256) hashes.sha256 = sha256;
  if (md5) hashes.md5 = md5;
  if (pdq) hashes.pdq = pdq;
  if (quality !== undefined) hashes.pdqQuality = quality;
  if (duration !== undefined) hashes.duration = duration;
  return {
    bank: text(m['bank'], 200), title: text(m['title'], 300) || text(o['name'], 300), narrative: text(m['narrative'], 4000) || text(o['description'], 4000),
    actor: text(m['actor'], 300), campaign: text(m['campaign'], 300), disarm, firstSeen: first, source: text(m['source'], 1000), hashes,
  };
}

const DIGEST = /^\[file:hashes\.(?:'SHA-256'|MD5) = '([0-9a-fA-F]+)'\]$/;

/** The media indicator in a STIX indicator, or a reason why it is not one. */
export function readMediaIndicator(o: Record<string, unknown>, defaults: { pdqDistance: number }): MediaIndicator | { error: string } {
  const id = typeof o['id'] === 'string' ? o['id'] : '';
  const type = typeof o['pattern_type'] === 'string' ? o['pattern_type'] : '';
  const pattern = typeof o['pattern'] === 'string' ? o['pattern'] : '';
  if (pattern.length > LIMITS.patternChars) return { error: `pattern longer than ${LIMITS.patternChars} characters` };
  const context = contextOf(o);
  const m = (o[MEDIA_PROPERTY] ?? {}) as Record<string, unknown>;
  const declared = typeof m['kind'] === 'string' && KINDS.has(m['kind']) ? (m['kind'] as MediaKind) : undefined;
  const base = { id, context, ...(context.hashes.sha256 ? { sha256: context.hashes.sha256 } : {}), ...(context.hashes.md5 ? { md5: context.hashes.md5 } : {}) };
  let r: RegExpExecArray | null;
  if ((r = /^pdq(?:-hamming-(\d{1,3}))?$/.exec(type))) {
    const pdq = hex(pattern.trim(), 64);
    if (!pdq) return { error: 'a PDQ pattern must be 64 hex characters' };
    const d = r[1] === undefined ? defaults.pdqDistance : Number(r[1]);
    if (d > 128) return { error: `PDQ distance ${d} is over 128` };
    return { ...base, kind: declared ?? 'image', algorithm: 'pdq', threshold: d, pdq };
  }
  if ((r = /^vpdq(?:-hamming-(\d{1,3})(?:-share-(\d{1,3}))?)?$/.exec(type))) {
    const d = r[1] === undefined ? defaults.pdqDistance : Number(r[1]);
    const share = r[2] === undefined ? VPDQ_SHARE : Number(r[2]);
    if (d > 128 || share > 100) return { error: 'vPDQ distance over 128 or share over 100' };
    if (pattern.split('\n').length > LIMITS.frames) return { error: `more than ${LIMITS.frames} vPDQ frames` };
    try {
      const frames = parseVpdqHashes(pattern);
      if (!frames.length) return { error: 'no vPDQ frames' };
      return { ...base, kind: declared ?? 'video', algorithm: 'vpdq', threshold: d, share, frames: frames.map((f) => ({ ...f, seconds: Number.isFinite(f.seconds) ? f.seconds : 0 })) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if ((r = /^chromaprint(?:-ber-(0(?:\.\d{1,4})?|1))?$/.exec(type))) {
    if (pattern.length > LIMITS.chromaprintChars) return { error: `fingerprint longer than ${LIMITS.chromaprintChars} characters` };
    try {
      const { raw } = decompressFingerprint(pattern.trim());
      if (raw.length < 10) return { error: 'fingerprint shorter than 10 items' };
      return { ...base, kind: declared ?? 'audio', algorithm: 'chromaprint', threshold: r[1] === undefined ? AUDIO_BER : Number(r[1]), chromaprint: raw };
    } catch (e) {
      return { error: `fingerprint: ${(e as Error).message}` };
    }
  }
  if (type === 'stix' && o[MEDIA_PROPERTY] !== undefined) {
    const d = DIGEST.exec(pattern.trim());
    const digest = d?.[1]?.toLowerCase();
    const sha256 = base.sha256 ?? (digest?.length === 64 ? digest : undefined);
    const md5 = base.md5 ?? (digest?.length === 32 ? digest : undefined);
    if (!sha256 && !md5) return { error: 'no SHA-256 or MD5 in the media indicator' };
    return { ...base, ...(sha256 ? { sha256 } : {}), ...(md5 ? { md5 } : {}), kind: declared ?? 'other', algorithm: 'digest', threshold: 0 };
  }
  return { error: `pattern type ${JSON.stringify(type.slice(0, 50))} is not a media hash` };
}
