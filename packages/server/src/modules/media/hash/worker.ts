// Worker thread body for hashFilesIsolated: hashes one file per message.
import { parentPort } from 'node:worker_threads';
import { hashMediaFile, type MediaHashOptions } from './hash.ts';

parentPort?.on('message', (msg: { id: number; path: string; opts: MediaHashOptions }) => {
  hashMediaFile(msg.path, msg.opts).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
