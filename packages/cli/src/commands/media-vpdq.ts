// `bulwark media vpdq <files...> [--json] [--every-frame] [--match <video-or-hash-list>]`: vPDQ hashes
// of video files (one PDQ per frame, one frame per second by default), computed locally with ffmpeg.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { printNdjson, printTable, println, sanitize } from '../output.ts';
import { UsageError } from '../problem.ts';
import { loadServerPackage } from '../server-package.ts';
import { parsePositive } from './media-audio.ts';

interface VpdqFrame {
  readonly frame: number;
  readonly quality: number;
  readonly pdq: string;
  readonly seconds: number;
}
interface VpdqResult {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  readonly hashes: VpdqFrame[];
}
interface VpdqMatchResult {
  readonly queryMatchPercent: number;
  readonly comparedMatchPercent: number;
  readonly queryFramesUsed: number;
  readonly comparedFramesUsed: number;
}
interface VpdqApi {
  vpdqHashFile(path: string, opts?: { secondsPerHash?: number; maxSeconds?: number }): Promise<VpdqResult>;
  formatVpdq(hashes: readonly VpdqFrame[]): string;
  parseVpdqHashes(text: string): VpdqFrame[];
  matchVpdq(query: readonly VpdqFrame[], compared: readonly VpdqFrame[]): VpdqMatchResult;
  isVpdqMatch(result: VpdqMatchResult): boolean;
}

interface Options {
  everyFrame?: boolean;
  secondsPerHash?: string;
  maxSeconds?: string;
  match?: string;
  lines?: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function registerMediaVpdq(media: Command, app: App): void {
  media
    .command('vpdq')
    .description('vPDQ hashes of videos (a PDQ hash per frame, one frame per second by default), computed locally with ffmpeg; --match compares with another video or a vPDQ hash list')
    .argument('<files...>', 'video files (any format ffmpeg reads)')
    .option('--every-frame', 'hash every frame (as the reference hash lists are made)')
    .option('--seconds-per-hash <s>', 'seconds between hashed frames (default 1)')
    .option('--max-seconds <s>', 'seconds of video decoded at most (default 600)')
    .option('--match <file>', "also compare each video with this video or vPDQ hash list (.txt, 'frame,quality,pdq,seconds' lines): shares of matching frames, match at 80 %")
    .option('--lines', 'print the hashes as vPDQ hash-list lines (frame,quality,pdq,seconds) instead of a summary')
    .action(async (files: string[], o: Options, cmd: Command) => {
      const ctx = app.ctx(cmd);
      if (o.everyFrame && o.secondsPerHash !== undefined) throw new UsageError('give --every-frame or --seconds-per-hash, not both');
      const secondsPerHash = o.everyFrame ? 0 : parsePositive(o.secondsPerHash, '--seconds-per-hash', 3600);
      const maxSeconds = parsePositive(o.maxSeconds, '--max-seconds', 86400);
      const api = await loadServerPackage<VpdqApi>('media vpdq', ['vpdqHashFile', 'formatVpdq', 'parseVpdqHashes', 'matchVpdq', 'isVpdqMatch']);
      const opts = { ...(secondsPerHash !== undefined ? { secondsPerHash } : {}), ...(maxSeconds !== undefined ? { maxSeconds } : {}) };
      let reference: VpdqFrame[] | undefined;
      if (o.match !== undefined) {
        try {
          reference = /\.txt$/i.test(o.match) ? api.parseVpdqHashes(await readFile(o.match, 'utf8')) : (await api.vpdqHashFile(o.match, opts)).hashes;
        } catch (e) {
          throw new UsageError(`--match ${o.match}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const rows: { file: string; size: string; fps: string; frames: string; hashes: string; match: string; note: string }[] = [];
      for (const file of files) {
        if (ctx.signal.aborted) break;
        let r: VpdqResult;
        try {
          r = await api.vpdqHashFile(file, opts);
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          ctx.exit(1);
          if (ctx.json) printNdjson(ctx.out, { file, type: 'video', error });
          else rows.push({ file, size: '', fps: '', frames: '', hashes: '', match: '', note: `error: ${error}` });
          continue;
        }
        const m = reference ? api.matchVpdq(r.hashes, reference) : undefined;
        const match = m ? { reference: o.match, match: api.isVpdqMatch(m), ...m, queryMatchPercent: round2(m.queryMatchPercent), comparedMatchPercent: round2(m.comparedMatchPercent) } : undefined;
        if (ctx.json) {
          printNdjson(ctx.out, { file, type: 'video', width: r.width, height: r.height, fps: round2(r.fps), frames: r.frames, vpdq: r.hashes, ...(match ? { match } : {}) });
          continue;
        }
        if (o.lines) {
          println(ctx.out, `# ${sanitize(file)}`);
          ctx.out.stdout.write(api.formatVpdq(r.hashes));
          if (match) println(ctx.out, `# match ${match.match ? 'yes' : 'no'}: ${match.queryMatchPercent}% of this video, ${match.comparedMatchPercent}% of ${sanitize(o.match)}`);
          continue;
        }
        const low = r.hashes.filter((h) => h.quality < 50).length;
        rows.push({
          file,
          size: `${r.width}x${r.height}`,
          fps: String(round2(r.fps)),
          frames: String(r.frames),
          hashes: String(r.hashes.length),
          match: match ? `${match.match ? 'yes' : 'no'} ${match.queryMatchPercent}% / ${match.comparedMatchPercent}%` : '',
          note: low > 0 ? `${low} hashes of quality below 50` : '',
        });
      }
      if (ctx.json || o.lines) return;
      printTable(ctx.out, rows, [
        { header: 'file', value: (x) => sanitize(x.file) },
        { header: 'size', value: (x) => x.size },
        { header: 'fps', value: (x) => x.fps },
        { header: 'frames', value: (x) => x.frames },
        { header: 'hashes', value: (x) => x.hashes },
        ...(reference ? [{ header: 'match (query / compared)', value: (x: (typeof rows)[number]) => x.match }] : []),
        { header: 'note', value: (x) => sanitize(x.note) },
      ]);
    });
}
