// `bulwark media hash <files...> [--json] [--dihedral]`: file type, SHA-256 and MD5 of each file, and for
// images the PDQ perceptual hash with its quality (and, with --dihedral, the hashes of the seven rotated and
// mirrored variants). Computed locally, one file at a time in a worker thread with a time limit, so a file
// that breaks or stalls a decoder is reported and the others still get hashed.
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { printNdjson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';
import { avHashes, avNote } from './media-av.ts';

interface HashResult {
  type: string;
  kind: string;
  bytes: number;
  sha256: string;
  md5: string;
  width?: number;
  height?: number;
  exif_orientation?: number;
  pdq?: string;
  pdq_quality?: number;
  pdq_dihedral?: Record<string, string>;
  error?: string;
}
type Outcome = { file: string; ok: true; result: HashResult } | { file: string; ok: false; error: string };
interface MediaHashApi {
  mediaHashFiles(
    paths: string[],
    opts: { dihedral?: boolean; exifOrientation?: 'ignore' | 'apply'; maxBytes?: number; maxPixels?: number; timeoutMs?: number },
  ): AsyncIterable<Outcome>;
}

interface Options {
  dihedral?: boolean;
  exif?: string;
  maxBytes?: string;
  maxPixels?: string;
  fileTimeout?: string;
}

function positiveInt(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > max) throw new UsageError(`${name} takes a whole number above 0 and at most ${max}`);
  return n;
}

interface Row {
  file: string;
  type: string;
  sha256: string;
  md5: string;
  pdq: string;
  quality: string;
  note: string;
}

export function registerMediaHash(media: Command, app: App): void {
  media
    .command('hash')
    .description('file type, SHA-256 and MD5 of each file, and for images the PDQ hash and its quality (0-100; below 50 is unreliable)')
    .argument('<files...>', 'files to hash (images: JPEG, PNG, GIF, BMP, WebP)')
    .option('--dihedral', 'also give the PDQ hashes of the image rotated by 90/180/270 degrees and mirrored')
    .option('--exif <policy>', "EXIF orientation: 'ignore' hashes the stored pixels like the reference PDQ tools (default), 'apply' hashes the upright image")
    .option('--max-bytes <n>', 'largest file accepted (default 67108864)')
    .option('--max-pixels <n>', 'largest image accepted, width x height (default 50000000)')
    .option('--file-timeout <s>', 'time limit per file in seconds (default 30)')
    .action(async (files: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      if (o.exif !== undefined && o.exif !== 'ignore' && o.exif !== 'apply') throw new UsageError("--exif is 'ignore' or 'apply'");
      const maxBytes = positiveInt(o.maxBytes, '--max-bytes', 2 ** 40);
      const maxPixels = positiveInt(o.maxPixels, '--max-pixels', 1_000_000_000);
      const timeoutS = positiveInt(o.fileTimeout, '--file-timeout', 3600);
      const api = await loadServerPackage<MediaHashApi>('media hash', ['mediaHashFiles']);
      const exifOrientation: 'ignore' | 'apply' = o.exif === 'apply' ? 'apply' : 'ignore';
      const opts = {
        dihedral: o.dihedral === true,
        exifOrientation,
        ...(maxBytes !== undefined ? { maxBytes } : {}),
        ...(maxPixels !== undefined ? { maxPixels } : {}),
        ...(timeoutS !== undefined ? { timeoutMs: timeoutS * 1000 } : {}),
      };
      const rows: Row[] = [];
      const dihedral: { file: string; hashes: Record<string, string> }[] = [];
      for await (const r of api.mediaHashFiles(files, opts)) {
        if (ctx.signal.aborted) break;
        if (!r.ok || r.result.error !== undefined) ctx.exit(1);
        // Audio fingerprint and vPDQ for audio and video files (ffmpeg).
        const av = r.ok && r.result.error === undefined ? await avHashes(r.result.kind, r.file) : undefined;
        if (av?.av_error !== undefined) ctx.exit(1);
        if (ctx.json) {
          if (!r.ok) printNdjson(ctx.out, { file: r.file, error: r.error });
          else {
            const x = r.result;
            printNdjson(ctx.out, {
              file: r.file,
              type: x.type,
              kind: x.kind,
              bytes: x.bytes,
              sha256: x.sha256,
              md5: x.md5,
              ...(x.width !== undefined ? { width: x.width, height: x.height, exif_orientation: x.exif_orientation } : {}),
              ...(x.pdq !== undefined ? { pdq: x.pdq, pdq_quality: x.pdq_quality } : {}),
              ...(x.pdq_dihedral ? { pdq_dihedral: x.pdq_dihedral } : {}),
              ...(x.error !== undefined ? { error: x.error } : {}),
              ...av,
            });
          }
          continue;
        }
        if (!r.ok) {
          rows.push({ file: r.file, type: '', sha256: '', md5: '', pdq: '', quality: '', note: `error: ${r.error}` });
          continue;
        }
        const x = r.result;
        const note = x.error !== undefined ? `error: ${x.error}` : x.pdq_quality !== undefined && x.pdq_quality < 50 ? 'low quality' : avNote(av);
        rows.push({ file: r.file, type: x.type, sha256: x.sha256, md5: x.md5, pdq: x.pdq ?? '', quality: x.pdq_quality === undefined ? '' : String(x.pdq_quality), note });
        if (x.pdq_dihedral) dihedral.push({ file: r.file, hashes: x.pdq_dihedral });
      }
      if (ctx.json) return;
      printTable(ctx.out, rows, [
        { header: 'file', value: (r) => sanitize(r.file) },
        { header: 'type', value: (r) => r.type },
        { header: 'sha256', value: (r) => r.sha256 },
        { header: 'md5', value: (r) => r.md5 },
        { header: 'pdq', value: (r) => r.pdq },
        { header: 'quality', value: (r) => r.quality },
        { header: 'note', value: (r) => sanitize(r.note) },
      ]);
      for (const d of dihedral) {
        println(ctx.out);
        println(ctx.out, `${sanitize(d.file)} dihedral PDQ:`);
        printTable(
          ctx.out,
          Object.entries(d.hashes).map(([name, hash]) => ({ name, hash })),
          [
            { header: 'transform', value: (r) => r.name },
            { header: 'pdq', value: (r) => r.hash },
          ],
        );
      }
    });
}
