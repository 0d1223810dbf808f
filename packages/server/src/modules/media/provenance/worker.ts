// Worker thread that runs the C2PA reader: one file per message. Runs with a capped heap and a capped
// WebAssembly memory, and without network access (fetch refuses), so remote manifests and OCSP are never
// fetched whatever the settings say. A trap inside the reader (a Rust panic or an allocation failure)
// leaves the module unusable: the worker reports it and exits, and the parent starts a fresh one.
import { parentPort, workerData } from 'node:worker_threads';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import { checkDataHash, type DataHashCheck } from './datahash.ts';
import { buildReport, errorReport, noManifestReport, type ReportLimits } from './report.ts';

interface Init {
  readonly module: WebAssembly.Module;
  readonly context: string;
  readonly limits: ReportLimits;
}
export interface ReadRequest {
  readonly id: number;
  readonly file: string;
  readonly format: string;
  readonly bytes: Uint8Array;
}

const init = workerData as Init;
const RuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError;
globalThis.fetch = () => Promise.reject(new Error('network access is disabled in the C2PA reader'));
initSync({ module: init.module });
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (req: ReadRequest) => {
  void (async () => {
    const base = { file: req.file, format: req.format, bytes: req.bytes.byteLength };
    const t0 = performance.now();
    let reader: WasmReader | undefined;
    try {
      reader = await WasmReader.fromBytes(req.format, req.bytes, init.context);
      const store = JSON.parse(reader.json()) as unknown;
      let dataHash: DataHashCheck | undefined;
      if (req.format === 'image/jpeg' || req.format === 'image/png') {
        try {
          dataHash = checkDataHash(req.bytes);
        } catch {
          dataHash = undefined;
        }
      }
      const report = buildReport({ ...base, elapsedMs: Math.round(performance.now() - t0) }, store, init.limits, dataHash);
      parentPort!.postMessage({ id: req.id, report });
    } catch (e) {
      const elapsed = { ...base, elapsedMs: Math.round(performance.now() - t0) };
      const msg = e instanceof Error ? e.message : String(e);
      const fatal = e instanceof RuntimeError;
      // c2pa-rs errors arrive as "C2pa(Name)" strings; JumbfNotFound means the file carries no manifest.
      const name = /^C2pa\((\w+)/.exec(msg)?.[1];
      if (name === 'JumbfNotFound') parentPort!.postMessage({ id: req.id, report: noManifestReport(elapsed) });
      else if (name === 'RemoteManifestUrl') {
        // Only a reference to a manifest elsewhere: reported, never fetched.
        const url = /https?:\/\/[^\s"')\\]{1,2000}/.exec(msg)?.[0];
        const r = errorReport(elapsed, name, true);
        parentPort!.postMessage({ id: req.id, report: { ...r, ...(url ? { remoteManifest: url } : {}), summary: `the Content Credentials are remote${url ? ` (${url})` : ''} and were not fetched` } });
      } else parentPort!.postMessage({ id: req.id, report: errorReport(elapsed, fatal ? `reader aborted (WebAssembly trap "${msg}": a panic in the reader or its memory limit reached)` : (name ?? msg)), fatal });
      if (fatal) process.exit(1);
    } finally {
      try {
        reader?.free();
      } catch {
        /* already freed or poisoned */
      }
    }
  })();
});
