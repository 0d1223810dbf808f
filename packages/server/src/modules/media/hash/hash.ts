// Hashes for one media file: type from its bytes, SHA-256 and MD5 always, PDQ (+ quality, optional
// dihedral variants) for images. Other media kinds can be given their own hasher by the caller.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { decodeImage, DEFAULT_LIMITS, ImageDecodeError, type DecodeLimits } from '../decode/decode.ts';
import { pdqHash, type DihedralName } from '../pdq/pdq.ts';
import { detectFileType, type MediaKind } from './filetype.ts';

export interface MediaHashOptions extends DecodeLimits {
  /** Also compute the eight dihedral PDQ hashes (rotations and mirrors). */
  dihedral?: boolean;
  /** Extra hashers by media kind (video, audio…), whose fields are merged into the result. */
  hashers?: Partial<Record<MediaKind, (bytes: Uint8Array) => Promise<Record<string, unknown>>>>;
}

export interface MediaHashResult {
  file?: string;
  type: string;
  kind: MediaKind;
  bytes: number;
  sha256: string;
  md5: string;
  width?: number;
  height?: number;
  /** EXIF Orientation tag found (1 = none/upright). */
  exif_orientation?: number;
  /** PDQ, 64 hex characters (images). */
  pdq?: string;
  /** PDQ quality 0–100; hashes below 50 are unreliable. */
  pdq_quality?: number;
  pdq_dihedral?: Record<DihedralName, string>;
  /** Why the perceptual hash could not be computed (the cryptographic hashes are still given). */
  error?: string;
  [extra: string]: unknown;
}

export async function hashMedia(bytes: Uint8Array, opts: MediaHashOptions = {}): Promise<MediaHashResult> {
  const { mime, kind } = detectFileType(bytes);
  const result: MediaHashResult = {
    type: mime,
    kind,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    md5: createHash('md5').update(bytes).digest('hex'),
  };
  try {
    if (kind === 'image') {
      const img = await decodeImage(bytes, opts);
      const r = pdqHash(img, { dihedral: opts.dihedral === true });
      result.width = img.width;
      result.height = img.height;
      result.exif_orientation = img.orientation;
      result.pdq = r.hash;
      result.pdq_quality = r.quality;
      if ('dihedral' in r) result.pdq_dihedral = r.dihedral;
    }
    const extra = opts.hashers?.[kind];
    if (extra) Object.assign(result, await extra(bytes));
  } catch (e) {
    result.error = e instanceof ImageDecodeError ? `${e.reason}: ${e.message}` : e instanceof Error ? e.message : String(e);
  }
  return result;
}

/** Hashes a file, refusing it before reading when it is over the byte limit. Throws only on I/O errors. */
export async function hashMediaFile(path: string, opts: MediaHashOptions = {}): Promise<MediaHashResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > maxBytes) throw new ImageDecodeError('too-large', `${st.size} bytes exceeds the ${maxBytes}-byte limit`);
    const bytes = await fh.readFile();
    return { file: path, ...(await hashMedia(bytes, opts)) };
  } finally {
    await fh.close();
  }
}
