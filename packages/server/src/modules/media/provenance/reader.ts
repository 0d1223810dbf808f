// Reads and validates C2PA manifests offline, each file in a worker thread with a time limit, a heap cap
// and a WebAssembly memory cap: a file that makes the reader hang, panic or exhaust memory becomes a
// per-file error, and the next file gets a fresh worker.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sniffFormat } from './format.ts';
import { errorReport, type ProvenanceReport, type ReportLimits } from './report.ts';
import { readerModule } from './wasm.ts';

export interface ProvenanceOptions {
  /** Wall-clock limit for one file (default 20 s), not counting the worker's start; the worker is terminated when it is reached. */
  readonly timeoutMs?: number;
  /** Larger files are refused without reading (default 200 MiB). */
  readonly maxFileBytes?: number;
  /** JavaScript heap of a reader worker (default 256 MiB). */
  readonly maxHeapMb?: number;
  /** WebAssembly linear memory of a reader worker (default 1 GiB). */
  readonly maxWasmBytes?: number;
  /** Manifests in one file's store (default 100) and assertions in the active manifest (default 1000). */
  readonly maxManifests?: number;
  readonly maxAssertions?: number;
  /** PEM certificates (concatenated) that signers must chain to; without them no signer is "trusted". */
  readonly trustAnchorsPem?: string;
  /** Worker threads for several files (default: cores, at most 4). */
  readonly threads?: number;
  /** Test hook: another worker script (same protocol). */
  readonly workerUrl?: URL;
}

const DEFAULTS = { timeoutMs: 20_000, maxFileBytes: 200 * 1024 * 1024, maxHeapMb: 256, maxWasmBytes: 1024 * 1024 * 1024, maxManifests: 100, maxAssertions: 1000 };

interface Job {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly format: string;
  readonly resolve: (r: ProvenanceReport) => void;
}

/** Trust anchors from a PEM file (the media_c2pa_trust_anchors setting); throws when it holds no certificate. */
export function loadTrustAnchors(path: string): string {
  const pem = readFileSync(path, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${path}: no PEM certificate in it`);
  return pem;
}

/** Reader options from the server configuration. */
export function provenanceOptionsFromConfig(config: { readonly mediaC2paTrustAnchors?: string }): ProvenanceOptions {
  return config.mediaC2paTrustAnchors ? { trustAnchorsPem: loadTrustAnchors(config.mediaC2paTrustAnchors) } : {};
}

/** c2pa-rs settings (JSON) for an offline reader: no remote manifests, no OCSP, trust anchors if given. */
export function readerContext(trustAnchorsPem?: string): string {
  const settings: Record<string, unknown> = { verify: { remote_manifest_fetch: false, ocsp_fetch: false, verify_trust: true } };
  if (trustAnchorsPem?.trim()) settings['trust'] = { trust_anchors: trustAnchorsPem };
  return JSON.stringify(settings);
}

const STARTUP_MS = 60_000;

/** Resolves when the worker says it is ready (module instantiated); rejects when it dies or stays silent. */
function whenReady(w: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onMessage = (m: { ready?: boolean }) => {
      if (m.ready) done();
    };
    const onError = (e: Error) => done(e);
    const onExit = (code: number) => done(new Error(`exited (code ${code})`));
    const timer = setTimeout(() => done(new Error(`not ready after ${STARTUP_MS} ms`)), STARTUP_MS);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  });
}

class Slot {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly owner: ProvenanceReader;
  constructor(owner: ProvenanceReader) {
    this.owner = owner;
  }

  private drop(w: Worker): void {
    if (this.worker === w) {
      this.worker = undefined;
      this.ready = undefined;
    }
    void w.terminate();
  }

  async run(job: Job): Promise<void> {
    const o = this.owner.opts;
    const base = { file: job.file, format: job.format, bytes: job.bytes.byteLength };
    if (!this.worker) {
      this.worker = this.owner.spawn();
      this.ready = whenReady(this.worker);
    }
    const w = this.worker;
    w.ref();
    // Starting the worker (compiling and instantiating the reader) does not count against the file's time.
    try {
      await this.ready;
    } catch (e) {
      this.drop(w);
      job.resolve(errorReport(base, `reader failed to start (${e instanceof Error ? e.message : String(e)})`));
      return;
    }
    return new Promise<void>((done) => {
      const id = this.nextId++;
      const t0 = performance.now();
      let settled = false;
      const finish = (r: ProvenanceReport, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (kill) this.drop(w);
        else w.unref();
        job.resolve(r);
        done();
      };
      const elapsed = () => ({ ...base, elapsedMs: Math.round(performance.now() - t0) });
      const onMessage = (m: { id: number; report: ProvenanceReport; fatal?: boolean }) => {
        if (m.id === id) finish(m.report, m.fatal === true);
      };
      const onError = (e: Error) => {
        const code = (e as { code?: string }).code;
        finish(errorReport(elapsed(), code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reader ran out of memory (heap limit ${o.maxHeapMb} MiB)` : `reader crashed (${e.message})`), true);
      };
      const onExit = (code: number) => finish(errorReport(elapsed(), `reader exited (code ${code})`), true);
      const timer = setTimeout(() => finish(errorReport(elapsed(), `reader timed out after ${o.timeoutMs} ms`), true), o.timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      // The bytes are copied into the worker (the caller may still hold them).
      w.postMessage({ id, file: job.file, format: job.format, bytes: job.bytes });
    });
  }

  close(): Promise<unknown> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    return w ? w.terminate() : Promise.resolve();
  }
}

/** A pool of reader workers; reuse one for many files, and close it when done. */
export class ProvenanceReader {
  readonly opts: typeof DEFAULTS & { trustAnchorsPem?: string; workerUrl: URL; threads: number };
  private module: WebAssembly.Module | undefined;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private busy = 0;

  constructor(opts: ProvenanceOptions = {}) {
    const pick = <K extends keyof typeof DEFAULTS>(k: K, min: number, max: number): number => {
      const v = opts[k] ?? DEFAULTS[k];
      if (!Number.isFinite(v) || v < min || v > max) throw new RangeError(`${k} must be between ${min} and ${max}`);
      return v;
    };
    this.opts = {
      timeoutMs: pick('timeoutMs', 10, 600_000),
      maxFileBytes: pick('maxFileBytes', 1, 2 ** 32),
      maxHeapMb: pick('maxHeapMb', 16, 4096),
      maxWasmBytes: pick('maxWasmBytes', 16 * 1024 * 1024, 4 * 1024 * 1024 * 1024 - 65536),
      maxManifests: pick('maxManifests', 1, 10_000),
      maxAssertions: pick('maxAssertions', 1, 100_000),
      ...(opts.trustAnchorsPem ? { trustAnchorsPem: opts.trustAnchorsPem } : {}),
      workerUrl: opts.workerUrl ?? new URL('./worker.ts', import.meta.url),
      threads: Math.max(1, Math.min(opts.threads ?? Math.min(4, availableParallelism()), 16)),
    };
    this.slots = Array.from({ length: this.opts.threads }, () => new Slot(this));
  }

  /** @internal */
  spawn(): Worker {
    this.module ??= readerModule(this.opts.maxWasmBytes);
    const limits: ReportLimits = { maxManifests: this.opts.maxManifests, maxAssertions: this.opts.maxAssertions };
    const w = new Worker(this.opts.workerUrl, {
      workerData: { module: this.module, context: readerContext(this.opts.trustAnchorsPem), limits },
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.opts.maxHeapMb / 8)) },
      stdout: true,
      stderr: true,
    });
    // The reader's own logging is not ours to print.
    w.stdout.resume();
    w.stderr.resume();
    return w;
  }

  /** Reads one file's provenance from memory. `file` only labels the report. */
  readBytes(file: string, bytes: Uint8Array): Promise<ProvenanceReport> {
    if (bytes.byteLength > this.opts.maxFileBytes) return Promise.resolve(errorReport({ file, bytes: bytes.byteLength }, `file too large (${bytes.byteLength} bytes, limit ${this.opts.maxFileBytes})`));
    const format = sniffFormat(bytes);
    if (!format) return Promise.resolve(errorReport({ file, bytes: bytes.byteLength }, 'unsupported media type'));
    return new Promise((resolve) => {
      this.queue.push({ file, bytes, format, resolve });
      this.pump();
    });
  }

  /** Reads one file from disk (size checked before reading). */
  async readFile(path: string): Promise<ProvenanceReport> {
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) return errorReport({ file: path, bytes: 0 }, 'not a regular file');
      size = s.size;
    } catch (e) {
      return errorReport({ file: path, bytes: 0 }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (size > this.opts.maxFileBytes) return errorReport({ file: path, bytes: size }, `file too large (${size} bytes, limit ${this.opts.maxFileBytes})`);
    return this.readBytes(path, await readFile(path));
  }

  private pump(): void {
    while (this.busy < this.slots.length && this.queue.length) {
      const slot = this.slots[this.busy++]!;
      const job = this.queue.shift()!;
      void slot.run(job).then(() => {
        this.busy--;
        // Slots are interchangeable: move the freed one to the front half.
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.slots.splice(this.busy, 0, slot);
        this.pump();
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close()));
  }
}

/** Reads several files (in order) with a pool made for the call. */
export async function readProvenance(paths: readonly string[], opts: ProvenanceOptions = {}): Promise<ProvenanceReport[]> {
  const reader = new ProvenanceReader({ ...opts, threads: Math.min(opts.threads ?? Math.min(4, availableParallelism()), Math.max(1, paths.length)) });
  try {
    return await Promise.all(paths.map((p) => reader.readFile(p)));
  } finally {
    await reader.close();
  }
}
