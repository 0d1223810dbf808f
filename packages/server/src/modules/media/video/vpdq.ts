// vPDQ: one PDQ hash per selected video frame. ffmpeg decodes the first video stream to raw RGB24
// frames at the stream's own size (no rotation applied, as a decoder library hands them over), piped
// to us frame by frame; each frame is hashed with our PDQ. By default one frame per second is kept
// (every round(fps)-th frame), as vPDQ does with one second per hash; `secondsPerHash: 0` keeps every
// frame, as the reference hash files of the vPDQ corpus were made.
import { spawn } from 'node:child_process';
import { ffmpegInput, INPUT_FORMATS, MediaDecodeError, noteSpawn, runFfmpeg } from '../audio/decode.ts';
import type { VpdqFrame } from '../match/vpdq.ts';
import { pdqHash } from '../pdq/pdq.ts';

export type { VpdqFrame } from '../match/vpdq.ts';

export interface VpdqOptions {
  /** Seconds between hashed frames; 0 hashes every frame. Default 1. */
  secondsPerHash?: number;
  /** Downscale every frame to this size before hashing (vPDQ's downsample option); default: native size. */
  downsample?: { width: number; height: number };
  /** Seconds of video decoded at most. Default 600. */
  maxSeconds?: number;
  /** Frames decoded at most (before selection). Default 100,000. */
  maxFrames?: number;
  /** Pixels per frame at most (width × height). Default 8,294,400 (3840 × 2160). */
  maxPixels?: number;
  /** Wall-clock limit for ffprobe and ffmpeg together; killed after it. Default 120 s. */
  timeoutMs?: number;
  /** ffmpeg executable (ffprobe is looked for beside it). Default `ffmpeg` on the PATH. */
  ffmpeg?: string;
}

export interface VpdqResult {
  width: number;
  height: number;
  fps: number;
  /** Frames decoded (whether hashed or not). */
  frames: number;
  hashes: VpdqFrame[];
}

interface StreamInfo {
  width: number;
  height: number;
  fps: number;
}

function ffprobePath(ffmpeg: string | undefined): string {
  if (!ffmpeg || ffmpeg === 'ffmpeg') return 'ffprobe';
  return ffmpeg.replace(/ffmpeg([^/]*)$/, 'ffprobe$1');
}

/** Width, height and frame rate of the first video stream (ffprobe, no shell). */
export function probeVideo(path: string, opts: { ffmpeg?: string; timeoutMs?: number } = {}): Promise<StreamInfo> {
  return new Promise((resolve, reject) => {
    const exe = ffprobePath(opts.ffmpeg);
    const child = spawn(exe, ['-v', 'error', '-protocol_whitelist', 'file', '-format_whitelist', INPUT_FORMATS, '-select_streams', 'v:0', '-show_entries', 'stream=width,height,avg_frame_rate,r_frame_rate', '-of', 'json', `file:${path}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    noteSpawn(child);
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.stdout.on('data', (c: Buffer) => {
      if (out.length < 65536) out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 4096) err += c.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new MediaDecodeError('ffmpeg-missing', `ffprobe not found (${exe}); install ffmpeg, e.g. apt-get install ffmpeg`) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new MediaDecodeError('timeout', 'ffprobe did not finish in time'));
      if (code !== 0) return reject(new MediaDecodeError('decode-failed', `ffprobe could not read the input: ${err.trim().split('\n').slice(-2).join('; ') || `exit ${code}`}`));
      let stream: { width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string } | undefined;
      try {
        stream = (JSON.parse(out) as { streams?: (typeof stream)[] }).streams?.[0];
      } catch {
        return reject(new MediaDecodeError('decode-failed', 'ffprobe printed no readable stream description'));
      }
      if (!stream || !stream.width || !stream.height) return reject(new MediaDecodeError('no-video', 'the input has no video stream'));
      const rate = (s: string | undefined) => {
        const [n, d] = (s ?? '').split('/').map(Number);
        return n && d ? n / d : 0;
      };
      const fps = rate(stream.avg_frame_rate) || rate(stream.r_frame_rate);
      resolve({ width: stream.width, height: stream.height, fps: fps > 0 && fps < 1000 ? fps : 30 });
    });
  });
}

/** vPDQ hashes of a video file. */
export async function vpdqHashFile(path: string, opts: VpdqOptions = {}): Promise<VpdqResult> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const info = await probeVideo(path, { ffmpeg: opts.ffmpeg, timeoutMs });
  const width = opts.downsample?.width ?? info.width;
  const height = opts.downsample?.height ?? info.height;
  const maxPixels = opts.maxPixels ?? 3840 * 2160;
  if (!(width > 0 && height > 0) || width * height > maxPixels) throw new MediaDecodeError('too-large', `frames of ${width}×${height} exceed ${maxPixels} pixels`);
  const secondsPerHash = opts.secondsPerHash ?? 1;
  const every = secondsPerHash > 0 ? Math.max(1, Math.round(info.fps * secondsPerHash)) : 1;
  const maxFrames = opts.maxFrames ?? 100_000;
  const frameBytes = width * height * 3;
  const args = ['-noautorotate', ...ffmpegInput({ path }), '-map', '0:v:0', '-an', '-sn', '-dn', '-t', String(opts.maxSeconds ?? 600), '-frames:v', String(maxFrames)];
  // Every decoded frame is passed on as it comes (no frame-rate conversion: -fps_mode passthrough).
  args.push('-fps_mode', 'passthrough');
  if (opts.downsample) args.push('-vf', `scale=${width}:${height}:flags=area`);
  args.push('-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1');
  const hashes: VpdqFrame[] = [];
  const frameBuf = Buffer.alloc(frameBytes);
  let filled = 0;
  let frame = 0;
  const take = (data: Buffer) => {
    if (frame % every === 0) {
      const r = pdqHash({ data, width, height, channels: 3 });
      hashes.push({ frame, quality: r.quality, pdq: r.hash, seconds: Math.round((frame / info.fps) * 1000) / 1000 });
    }
    frame++;
  };
  await runFfmpeg(args, {
    maxOutputBytes: frameBytes * maxFrames,
    timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)),
    ffmpeg: opts.ffmpeg,
    onChunk(chunk) {
      // Copy into one frame buffer; hash each frame once it is complete.
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        chunk.copy(frameBuf, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === frameBytes) {
          take(frameBuf);
          filled = 0;
        }
      }
    },
  });
  return { width, height, fps: info.fps, frames: frame, hashes };
}

/** The reference vPDQ text format, `frame,quality,pdq,timestamp` per line (read by `parseVpdqHashes`). */
export function formatVpdq(hashes: readonly VpdqFrame[]): string {
  return hashes.map((h) => `${h.frame},${h.quality},${h.pdq},${h.seconds.toFixed(3)}\n`).join('');
}
