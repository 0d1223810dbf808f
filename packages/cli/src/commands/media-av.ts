// Audio and video hashes for `bulwark media hash`: the Chromaprint-compatible fingerprint of audio
// files (and of the sound of videos) and the vPDQ hashes of videos (one frame per second), both
// computed locally with ffmpeg. Fields are merged into the file's result.
import { loadServerPackage } from '../server-package.ts';

interface AvApi {
  audioFingerprintFile(path: string): Promise<{ duration: number; raw: Uint32Array; chromaprint: string }>;
  vpdqHashFile(path: string): Promise<{ fps: number; frames: number; hashes: { frame: number; quality: number; pdq: string; seconds: number }[] }>;
}

export interface AvFields {
  duration?: number;
  chromaprint?: string;
  chromaprint_items?: number;
  vpdq?: { frame: number; quality: number; pdq: string; seconds: number }[];
  vpdq_frames?: number;
  /** Why a fingerprint could not be computed (the other fields are still given). */
  av_error?: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Audio fingerprint (audio, video) and vPDQ (video) of a file; undefined for other kinds. */
export async function avHashes(kind: string, file: string): Promise<AvFields | undefined> {
  if (kind !== 'audio' && kind !== 'video') return undefined;
  const api = await loadServerPackage<AvApi>('media hash', ['audioFingerprintFile', 'vpdqHashFile']);
  const out: AvFields = {};
  const errors: string[] = [];
  if (kind === 'video') {
    try {
      const v = await api.vpdqHashFile(file);
      out.vpdq = v.hashes;
      out.vpdq_frames = v.frames;
      out.duration = Math.round((v.frames / v.fps) * 100) / 100;
    } catch (e) {
      errors.push(`vpdq: ${message(e)}`);
    }
  }
  try {
    const a = await api.audioFingerprintFile(file);
    out.chromaprint = a.chromaprint;
    out.chromaprint_items = a.raw.length;
    out.duration ??= a.duration;
  } catch (e) {
    // A video without sound has no fingerprint, and that is not an error.
    if (!(kind === 'video' && /no audio stream/.test(message(e)))) errors.push(`chromaprint: ${message(e)}`);
  }
  if (errors.length > 0) out.av_error = errors.join('; ');
  return out;
}

/** One line for the table's note column. */
export function avNote(f: AvFields | undefined): string {
  if (!f) return '';
  const parts: string[] = [];
  if (f.vpdq) parts.push(`vpdq ${f.vpdq.length} hashes`);
  if (f.chromaprint) parts.push(`chromaprint ${f.chromaprint_items} items`);
  if (f.duration !== undefined) parts.push(`${f.duration.toFixed(2)} s`);
  if (f.av_error) parts.push(`error: ${f.av_error}`);
  return parts.join(', ');
}
