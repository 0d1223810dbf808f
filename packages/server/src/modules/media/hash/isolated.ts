// Media work in a worker thread with a time limit per file and a memory cap: image hashing, vPDQ frame
// hashing and audio fingerprinting. A decoder or hasher that hangs or exhausts its heap costs that file
// (or that part of a check) only: the worker is terminated, the ffmpeg processes it started are
// killed, and the next job gets a fresh worker. The calling thread only waits, so an API process stays
// responsive while a video's frames are hashed.
import { Worker } from 'node:worker_threads';
import { MediaDecodeError, type AudioDecodeLimits } from '../audio/decode.ts';
import type { AudioFingerprint } from '../audio/index.ts';
import type { VpdqOptions, VpdqResult } from '../video/vpdq.ts';
import type { MediaHashOptions, MediaHashResult } from './hash.ts';

/** What the media worker does: options in, result out (both survive structured cloning). */
export interface MediaWorkerOps {
  hash: { opts: Omit<MediaHashOptions, 'hashers'>; result: MediaHashResult };
  vpdq: { opts: VpdqOptions; result: VpdqResult };
  audio: { opts: AudioDecodeLimits; result: AudioFingerprint };
}
export type MediaWorkerOp = keyof MediaWorkerOps;

/** A job's outcome; `code` is a MediaDecodeError's code when the job reported one. */
export type MediaWorkerOutcome<T> = { ok: true; result: T } | { ok: false; error: string; code?: string };

/** The messages between MediaWorker and worker.ts. */
export interface MediaWorkerRequest {
  id: number;
  op: MediaWorkerOp;
  path: string;
  opts: unknown;
}
export type MediaWorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: string; code?: string }
  | { id: number; child: number }
  | { id: number; childExit: number };

/** How long a terminated job's worker may take to collect its killed ffmpeg processes, ms. */
const REAP_GRACE_MS = 1000;

const FAILED: Record<MediaWorkerOp, string> = { hash: 'decoder', vpdq: 'video frame hashing', audio: 'audio fingerprinting' };

/**
 * One worker thread, started on first use and reused while it behaves; jobs run one at a time. Each job
 * has its own time limit; a worker that overruns it, crashes or exceeds its heap is terminated (with
 * the ffmpeg processes it started) and replaced for the next job.
 */
export class MediaWorker {
  readonly #maxHeapMb: number;
  #worker: Worker | undefined;
  #nextId = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: { maxHeapMb?: number } = {}) {
    this.#maxHeapMb = opts.maxHeapMb ?? 2048;
  }

  /** Runs one job within `timeoutMs` (counted from the request, worker start-up included). */
  run<K extends MediaWorkerOp>(op: K, path: string, opts: MediaWorkerOps[K]['opts'], timeoutMs: number): Promise<MediaWorkerOutcome<MediaWorkerOps[K]['result']>> {
    const job = this.#queue.then(() => this.#run(op, path, opts, timeoutMs));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    await this.#queue;
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.terminate();
  }

  #run<K extends MediaWorkerOp>(op: K, path: string, opts: MediaWorkerOps[K]['opts'], timeoutMs: number): Promise<MediaWorkerOutcome<MediaWorkerOps[K]['result']>> {
    type Out = MediaWorkerOutcome<MediaWorkerOps[K]['result']>;
    const w = (this.#worker ??= new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb } }));
    const id = ++this.#nextId;
    const children = new Set<number>();
    return new Promise<Out>((resolve) => {
      let settled = false;
      let reaped: (() => void) | undefined;
      const done = (r: Out, kill: boolean, alive = true): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.off('error', onError);
        w.off('exit', onExit);
        if (!kill) {
          w.off('message', onMessage);
          resolve(r);
          return;
        }
        if (this.#worker === w) this.#worker = undefined;
        for (const pid of children) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        // A live worker's event loop collects its killed children (and says so) if given a moment; a
        // thread terminated first would leave them as zombies until the process ends.
        const finish = (): void => {
          clearTimeout(grace);
          w.off('message', onMessage);
          void w.terminate();
          resolve(r);
        };
        const grace = setTimeout(finish, alive && children.size > 0 ? REAP_GRACE_MS : 0);
        reaped = finish;
      };
      const onMessage = (m: MediaWorkerReply): void => {
        if (m.id !== id) return;
        if ('child' in m) children.add(m.child);
        else if ('childExit' in m) {
          children.delete(m.childExit);
          if (reaped && children.size === 0) reaped();
        } else if ('result' in m) done({ ok: true, result: m.result as MediaWorkerOps[K]['result'] }, false);
        else done({ ok: false, error: m.error, ...(m.code ? { code: m.code } : {}) }, false);
      };
      const onError = (e: Error): void => done({ ok: false, error: `${FAILED[op]} failed: ${e.message}` }, true, false);
      const onExit = (code: number): void => done({ ok: false, error: `${FAILED[op]} exited (code ${code})` }, true, false);
      const timer = setTimeout(() => done({ ok: false, error: `timeout: not done within ${timeoutMs} ms` }, true), timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      const req: MediaWorkerRequest = { id, op, path, opts };
      w.postMessage(req);
    });
  }
}

/** A failed outcome as an error: a MediaDecodeError when the worker reported one, else an Error. */
export function outcomeError(o: { error: string; code?: string }): Error {
  return o.code && MEDIA_DECODE_CODES.has(o.code) ? new MediaDecodeError(o.code as MediaDecodeError['code'], o.error) : new Error(o.error);
}
const MEDIA_DECODE_CODES = new Set<string>(['ffmpeg-missing', 'timeout', 'too-large', 'decode-failed', 'no-audio', 'no-video']);

export interface IsolatedOptions extends Omit<MediaHashOptions, 'hashers'> {
  /** Per-file time limit, ms (default 30 s). */
  timeoutMs?: number;
  /** Worker heap limit, MiB (default 2048). */
  maxHeapMb?: number;
}

export type IsolatedResult = { file: string; ok: true; result: MediaHashResult } | { file: string; ok: false; error: string };

/** Hashes files one after another in a worker; yields one outcome per file, in order. */
export async function* hashFilesIsolated(paths: string[], opts: IsolatedOptions = {}): AsyncGenerator<IsolatedResult> {
  const { timeoutMs = 30_000, maxHeapMb = 2048, ...hashOpts } = opts;
  const worker = new MediaWorker({ maxHeapMb });
  try {
    for (const path of paths) {
      const r = await worker.run('hash', path, hashOpts, timeoutMs);
      yield r.ok ? { file: path, ok: true, result: r.result } : { file: path, ok: false, error: r.error };
    }
  } finally {
    await worker.close();
  }
}

export interface IsolatedAvOptions {
  /** Time limit of the worker, ms (default: the job's own ffmpeg limit plus 5 s). */
  workerTimeoutMs?: number;
  /** Worker heap limit, MiB (default 2048). */
  maxHeapMb?: number;
  /** A worker to use (and leave open) instead of a fresh one. */
  worker?: MediaWorker;
}

async function runOnce<K extends 'vpdq' | 'audio'>(op: K, path: string, opts: MediaWorkerOps[K]['opts'], iso: IsolatedAvOptions, defaultMs: number): Promise<MediaWorkerOps[K]['result']> {
  const worker = iso.worker ?? new MediaWorker({ maxHeapMb: iso.maxHeapMb });
  try {
    const r = await worker.run(op, path, opts, iso.workerTimeoutMs ?? (opts.timeoutMs ?? defaultMs) + 5000);
    if (!r.ok) throw outcomeError(r);
    return r.result;
  } finally {
    if (!iso.worker) await worker.close();
  }
}

/** `vpdqHashFile` in a worker thread (ffmpeg is started from the worker; frames are hashed there). */
export function vpdqHashFileIsolated(path: string, opts: VpdqOptions = {}, iso: IsolatedAvOptions = {}): Promise<VpdqResult> {
  return runOnce('vpdq', path, opts, iso, 120_000);
}

/** `audioFingerprintFile` in a worker thread. */
export function audioFingerprintFileIsolated(path: string, limits: AudioDecodeLimits = {}, iso: IsolatedAvOptions = {}): Promise<AudioFingerprint> {
  return runOnce('audio', path, limits, iso, 30_000);
}
