// `bulwark media audio <files...> [--json] [--match <reference>]`: Chromaprint-compatible fingerprints
// of audio files (or the sound of video files), computed locally with ffmpeg; with --match, each file's
// best alignment against a reference recording.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { printNdjson, printTable, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';

interface AudioFingerprint {
  readonly duration: number;
  readonly raw: Uint32Array;
  readonly chromaprint: string;
}
interface AudioMatch {
  readonly match: boolean;
  readonly ber: number;
  readonly offset: number;
  readonly offsetSeconds: number;
  readonly overlapItems: number;
  readonly matchedSeconds: number;
}
interface AudioApi {
  audioFingerprintFile(path: string, limits?: { maxSeconds?: number; timeoutMs?: number }): Promise<AudioFingerprint>;
  matchAudioFingerprints(query: ArrayLike<number>, reference: ArrayLike<number>, opts?: { maxBer?: number }): AudioMatch;
}

interface Options {
  match?: string;
  maxSeconds?: string;
  maxBer?: string;
  raw?: boolean;
}

/** Raw items as base64 of big-endian 32-bit words. */
export function rawBase64(raw: Uint32Array): string {
  const b = Buffer.alloc(raw.length * 4);
  raw.forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b.toString('base64');
}

export function parsePositive(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`${name} takes a number above 0 and at most ${max}`);
  return n;
}

interface Row {
  file: string;
  duration?: number;
  items?: number;
  chromaprint?: string;
  chromaprint_raw?: string;
  match?: AudioMatch;
  error?: string;
}

export function registerMediaAudio(media: Command, app: App): void {
  media
    .command('audio')
    .description('Chromaprint-compatible audio fingerprints (as fpcalc), computed locally with ffmpeg; --match compares each file with a reference recording')
    .argument('<files...>', 'audio files, or video files with sound (any format ffmpeg reads)')
    .option('--match <reference>', 'also align each file with this recording and report bit error rate, offset and matched seconds')
    .option('--max-seconds <s>', 'seconds of audio fingerprinted from the start of each file (default 120, as fpcalc)')
    .option('--max-ber <rate>', 'bit error rate at or under which --match reports a match (default 0.15)')
    .option('--raw', 'also print the raw 32-bit items (base64, big-endian) in the table output; --json always has them')
    .action(async (files: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      const maxSeconds = parsePositive(o.maxSeconds, '--max-seconds', 3600);
      const maxBer = parsePositive(o.maxBer, '--max-ber', 1);
      const api = await loadServerPackage<AudioApi>('media audio', ['audioFingerprintFile', 'matchAudioFingerprints']);
      const limits = maxSeconds === undefined ? {} : { maxSeconds };
      let reference: AudioFingerprint | undefined;
      if (o.match !== undefined) {
        try {
          reference = await api.audioFingerprintFile(o.match, limits);
        } catch (e) {
          throw new UsageError(`--match ${o.match}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const rows: Row[] = [];
      for (const file of files) {
        if (ctx.signal.aborted) break;
        let row: Row;
        try {
          const fp = await api.audioFingerprintFile(file, limits);
          row = { file, duration: fp.duration, items: fp.raw.length, chromaprint: fp.chromaprint, chromaprint_raw: rawBase64(fp.raw) };
          if (reference) row.match = api.matchAudioFingerprints(fp.raw, reference.raw, maxBer === undefined ? {} : { maxBer });
        } catch (e) {
          row = { file, error: e instanceof Error ? e.message : String(e) };
          ctx.exit(1);
        }
        if (ctx.json) {
          printNdjson(ctx.out, {
            file: row.file,
            type: 'audio',
            ...(row.error !== undefined
              ? { error: row.error }
              : { duration: row.duration, chromaprint: row.chromaprint, chromaprint_raw: row.chromaprint_raw, chromaprint_items: row.items }),
            ...(row.match ? { match: { reference: o.match, ...row.match, ber: Math.round(row.match.ber * 10000) / 10000 } } : {}),
          });
        } else rows.push(row);
      }
      if (ctx.json) return;
      printTable(ctx.out, rows, [
        { header: 'file', value: (r) => sanitize(r.file) },
        { header: 'seconds', value: (r) => (r.duration === undefined ? '' : r.duration.toFixed(2)) },
        { header: 'items', value: (r) => r.items ?? '' },
        ...(reference
          ? [
              { header: 'match', value: (r: Row) => (r.match ? (r.match.match ? 'yes' : 'no') : '') },
              { header: 'BER', value: (r: Row) => (r.match ? r.match.ber.toFixed(4) : '') },
              { header: 'offset s', value: (r: Row) => (r.match ? r.match.offsetSeconds.toFixed(2) : '') },
              { header: 'matched s', value: (r: Row) => (r.match ? r.match.matchedSeconds.toFixed(2) : '') },
            ]
          : []),
        { header: 'chromaprint', value: (r) => sanitize(r.error !== undefined ? `error: ${r.error}` : o.raw ? `${r.chromaprint} raw:${r.chromaprint_raw}` : r.chromaprint) },
      ]);
    });
}
