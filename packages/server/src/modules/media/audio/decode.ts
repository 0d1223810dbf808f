// Audio decoding with ffmpeg (Debian's `ffmpeg` package): any input ffmpeg reads becomes mono
// 11,025 Hz signed 16-bit little-endian PCM, Chromaprint's input format. ffmpeg is spawned without a
// shell, its arguments as an array; the input comes from a file path or from stdin; the output is
// bounded in duration and bytes, and the process is killed after a time-out.
import { spawn, type ChildProcess } from 'node:child_process';
import { SAMPLE_RATE } from './chromaprint.ts';

let spawnObserver: ((child: ChildProcess) => void) | undefined;

/**
 * Tells `fn` of every ffmpeg and ffprobe process this thread starts from now on (undefined: stop). The
 * media worker reports their ids to its owner, which kills them when it terminates a worker that
 * overran its time: a terminated thread's children would otherwise run on.
 */
export function observeSpawns(fn: ((child: ChildProcess) => void) | undefined): void {
  spawnObserver = fn;
}

/** Called right after spawning ffmpeg or ffprobe. */
export function noteSpawn(child: ChildProcess): void {
  spawnObserver?.(child);
}

export interface AudioDecodeLimits {
  /** Seconds of audio decoded at most (ffmpeg `-t`); the rest is ignored. Default 120, as fpcalc. */
  maxSeconds?: number;
  /** Bytes accepted on stdin. Default 64 MiB. */
  maxInputBytes?: number;
  /** Wall-clock limit for ffmpeg; killed (SIGKILL) after it. Default 30 s. */
  timeoutMs?: number;
  /** ffmpeg executable. Default `ffmpeg` on the PATH. */
  ffmpeg?: string;
}

export type AudioInput = { path: string } | { data: Uint8Array };

export class MediaDecodeError extends Error {
  readonly code: 'ffmpeg-missing' | 'timeout' | 'too-large' | 'decode-failed' | 'no-audio' | 'no-video';
  constructor(code: MediaDecodeError['code'], message: string) {
    super(message);
    this.name = 'MediaDecodeError';
    this.code = code;
  }
}

export function ffmpegPath(explicit?: string): string {
  return explicit ?? 'ffmpeg';
}

export interface FfmpegRun {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg with the given arguments (no shell), feeding `stdin` if given; resolves with stdout once
 * ffmpeg exits with 0. Output beyond `maxOutputBytes` kills the process and rejects.
 */
export function runFfmpeg(
  args: readonly string[],
  opts: { stdin?: Uint8Array; maxOutputBytes: number; timeoutMs: number; ffmpeg?: string; onChunk?: (chunk: Buffer) => void },
): Promise<FfmpegRun> {
  return new Promise((resolve, reject) => {
    const exe = ffmpegPath(opts.ffmpeg);
    // -nostdin keeps ffmpeg from reading commands when stdin is not the input.
    const child = spawn(exe, [...(opts.stdin ? [] : ['-nostdin']), '-hide_banner', '-loglevel', 'error', ...args], {
      stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    noteSpawn(child);
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: MediaDecodeError | undefined;
    const fail = (e: MediaDecodeError) => {
      failure ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new MediaDecodeError('timeout', `ffmpeg did not finish within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new MediaDecodeError('ffmpeg-missing', `ffmpeg not found (${exe}); install it, e.g. apt-get install ffmpeg`) : e);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (failure) return;
      size += chunk.length;
      if (size > opts.maxOutputBytes) return fail(new MediaDecodeError('too-large', `decoded output exceeds ${opts.maxOutputBytes} bytes`));
      if (opts.onChunk) opts.onChunk(chunk);
      else chunks.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    if (opts.stdin && child.stdin) {
      child.stdin.on('error', () => {}); // ffmpeg may stop reading early (limits reached): not an error of ours
      child.stdin.end(opts.stdin);
    }
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const detail = stderr.trim().split('\n').slice(-3).join('; ') || `exit ${code ?? signal}`;
        return reject(new MediaDecodeError('decode-failed', `ffmpeg could not decode the input: ${detail}`));
      }
      resolve({ stdout: Buffer.concat(chunks), stderr });
    });
  });
}

// Demuxers ffmpeg may use on untrusted input: plain audio and video containers and streams. Playlist
// and script formats (HLS, DASH, concat, ffconcat, image sequences, subtitles…) are refused, since they
// make ffmpeg open other files or URLs named inside the input.
export const INPUT_FORMATS = [
  'mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm', 'ogg', 'mp3', 'wav', 'flac', 'aac', 'avi', 'asf', 'flv', 'mpegts', 'mpeg',
  'amr', 'aiff', 'caf', 'w64', 'au', 'ac3', 'eac3', 'dts', 'truehd', 'mlp', 'wv', 'ape', 'tta', 'h264', 'hevc', 'm4v', 'mpegvideo', 'ivf',
].join(',');

/**
 * ffmpeg's input arguments for a file path (read as `file:` only) or stdin (`pipe:` only): only local
 * reading of this one input, with the container formats above.
 */
export function ffmpegInput(input: { path: string } | { stdin: true }): string[] {
  const [protocol, source] = 'path' in input ? ['file', `file:${input.path}`] : ['pipe', 'pipe:0'];
  return ['-protocol_whitelist', protocol, '-format_whitelist', INPUT_FORMATS, '-i', source];
}

/** Decodes audio to mono 11,025 Hz signed 16-bit samples (at most `maxSeconds`). */
export async function decodeAudio(input: AudioInput, limits: AudioDecodeLimits = {}): Promise<Int16Array> {
  const maxSeconds = limits.maxSeconds ?? 120;
  const maxInputBytes = limits.maxInputBytes ?? 64 * 1024 * 1024;
  if (!(maxSeconds > 0)) throw new RangeError('maxSeconds must be positive');
  let stdin: Uint8Array | undefined;
  if ('data' in input) {
    if (input.data.length > maxInputBytes) throw new MediaDecodeError('too-large', `input is ${input.data.length} bytes, more than ${maxInputBytes}`);
    stdin = input.data;
  }
  // "file:" makes ffmpeg read exactly this path (a leading "-" or a "proto:" prefix means nothing).
  const args = [...ffmpegInput('path' in input ? { path: input.path } : { stdin: true }), '-map', '0:a:0', '-vn', '-sn', '-dn', '-t', String(maxSeconds), '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
  const maxOutputBytes = Math.ceil(maxSeconds * SAMPLE_RATE + SAMPLE_RATE) * 2;
  let run: FfmpegRun;
  try {
    run = await runFfmpeg(args, { stdin, maxOutputBytes, timeoutMs: limits.timeoutMs ?? 30_000, ffmpeg: limits.ffmpeg });
  } catch (e) {
    if (e instanceof MediaDecodeError && e.code === 'decode-failed' && /matches no streams|does not contain any stream/i.test(e.message)) {
      throw new MediaDecodeError('no-audio', 'the input has no audio stream');
    }
    throw e;
  }
  const buf = run.stdout;
  const samples = new Int16Array(buf.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(i * 2);
  return samples;
}
