// Audio fingerprints compatible with Chromaprint (fpcalc's default algorithm): decode with ffmpeg,
// fingerprint, compress to fpcalc's string, match by alignment.
import { chromaprint, SAMPLE_RATE } from './chromaprint.ts';
import { compressFingerprint } from './compress.ts';
import { decodeAudio, type AudioDecodeLimits, type AudioInput } from './decode.ts';

export { chromaprint, ITEM_SECONDS, SAMPLE_RATE } from './chromaprint.ts';
export { compressFingerprint, decompressFingerprint } from './compress.ts';
export { decodeAudio, runFfmpeg, ffmpegPath, MediaDecodeError, type AudioDecodeLimits, type AudioInput } from './decode.ts';
export { matchFingerprints, popcount32, type AudioMatch, type AudioMatchOptions } from './match.ts';
export { AudioFingerprintIndex, type AudioSearchHit, type AudioSearchOptions } from './search.ts';

export interface AudioFingerprint {
  /** Seconds of audio decoded (at most the decode limit, 120 s by default as fpcalc). */
  duration: number;
  /** Raw sub-fingerprints, unsigned 32-bit, as `fpcalc -raw`. */
  raw: Uint32Array;
  /** fpcalc's compressed fingerprint string (URL-safe base64), as AcoustID takes it. */
  chromaprint: string;
}

/** Fingerprint of audio given as a file path or bytes (any format ffmpeg reads). */
export async function audioFingerprint(input: AudioInput, limits?: AudioDecodeLimits): Promise<AudioFingerprint> {
  const samples = await decodeAudio(input, limits);
  const raw = chromaprint(samples);
  return { duration: Math.round((samples.length / SAMPLE_RATE) * 100) / 100, raw, chromaprint: compressFingerprint(raw) };
}

/** Fingerprint of an audio (or video with sound) file. */
export function audioFingerprintFile(path: string, limits?: AudioDecodeLimits): Promise<AudioFingerprint> {
  return audioFingerprint({ path }, limits);
}

/** Raw fingerprint as base64 of its big-endian 32-bit words (for storage and JSON). */
export function rawToBase64(raw: ArrayLike<number>): string {
  const b = Buffer.alloc(raw.length * 4);
  for (let i = 0; i < raw.length; i++) b.writeUInt32BE(raw[i]! >>> 0, i * 4);
  return b.toString('base64');
}

export function rawFromBase64(text: string): Uint32Array {
  const b = Buffer.from(text, 'base64');
  if (b.length % 4 !== 0) throw new Error('raw fingerprint length is not a multiple of 4 bytes');
  const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32BE(i * 4);
  return out;
}

/** Fingerprints bytes held in memory (uploads), fed to ffmpeg through stdin. */
export async function audioFingerprintBytes(data: Uint8Array, limits?: AudioDecodeLimits): Promise<AudioFingerprint> {
  return audioFingerprint({ data }, limits);
}


/**
 * Fields for `hashMedia`'s per-kind hashers (audio, and the sound of a video): `chromaprint` (fpcalc's
 * compressed string), `chromaprint_raw` (base64 of the big-endian 32-bit items), `chromaprint_items`
 * and `duration` in seconds.
 */
export async function audioHashFields(bytes: Uint8Array, limits?: AudioDecodeLimits): Promise<Record<string, unknown>> {
  const fp = await audioFingerprintBytes(bytes, limits);
  return { duration: fp.duration, chromaprint: fp.chromaprint, chromaprint_raw: rawToBase64(fp.raw), chromaprint_items: fp.raw.length };
}
