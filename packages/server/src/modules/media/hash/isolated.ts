// Hashing in a worker thread with a time limit per file and a memory cap: a decoder that hangs or
// exhausts its heap costs that file only (the worker is replaced), never the calling process.
import { Worker } from 'node:worker_threads';
import type { MediaHashOptions, MediaHashResult } from './hash.ts';

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
  let worker: Worker | undefined;
  const spawn = (): Worker =>
    new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
  try {
    let id = 0;
    for (const path of paths) {
      worker ??= spawn();
      const w = worker;
      const myId = ++id;
      const outcome = await new Promise<IsolatedResult>((resolve) => {
        const done = (r: IsolatedResult, kill: boolean): void => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          if (kill) {
            void w.terminate();
            worker = undefined;
          }
          resolve(r);
        };
        const onMessage = (m: { id: number; result?: MediaHashResult; error?: string }): void => {
          if (m.id !== myId) return;
          done(m.result ? { file: path, ok: true, result: m.result } : { file: path, ok: false, error: m.error ?? 'unknown error' }, false);
        };
        const onError = (e: Error): void => done({ file: path, ok: false, error: `decoder failed: ${e.message}` }, true);
        const onExit = (code: number): void => done({ file: path, ok: false, error: `decoder exited (code ${code})` }, true);
        const timer = setTimeout(() => done({ file: path, ok: false, error: `timeout: not done within ${timeoutMs} ms` }, true), timeoutMs);
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ id: myId, path, opts: hashOpts });
      });
      yield outcome;
    }
  } finally {
    if (worker) await worker.terminate();
  }
}
