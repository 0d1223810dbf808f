// Worker thread body for MediaWorker (isolated.ts): one job per message, `hash` (file type, digests,
// PDQ), `vpdq` (video frames) or `audio` (Chromaprint fingerprint). The ids of the ffmpeg and ffprobe
// processes a job starts are reported, so that the owner can kill them if it terminates this thread.
import { parentPort } from 'node:worker_threads';
import { MediaDecodeError, observeSpawns } from '../audio/decode.ts';
import type { MediaWorkerReply, MediaWorkerRequest } from './isolated.ts';

const post = (m: MediaWorkerReply): void => parentPort?.postMessage(m);

async function perform(msg: MediaWorkerRequest): Promise<unknown> {
  switch (msg.op) {
    case 'hash': {
      const { hashMediaFile } = await import('./hash.ts');
      return hashMediaFile(msg.path, msg.opts as Parameters<typeof hashMediaFile>[1]);
    }
    case 'vpdq': {
      const { vpdqHashFile } = await import('../video/vpdq.ts');
      return vpdqHashFile(msg.path, msg.opts as Parameters<typeof vpdqHashFile>[1]);
    }
    case 'audio': {
      const { audioFingerprintFile } = await import('../audio/index.ts');
      return audioFingerprintFile(msg.path, msg.opts as Parameters<typeof audioFingerprintFile>[1]);
    }
    default:
      throw new Error(`unknown media worker job ${String((msg as { op: unknown }).op)}`);
  }
}

parentPort?.on('message', (msg: MediaWorkerRequest) => {
  observeSpawns((child) => {
    const pid = child.pid;
    if (pid === undefined) return;
    post({ id: msg.id, child: pid });
    child.once('exit', () => post({ id: msg.id, childExit: pid }));
  });
  perform(msg).then(
    (result) => post({ id: msg.id, result }),
    (e: unknown) => post({ id: msg.id, error: e instanceof Error ? e.message : String(e), ...(e instanceof MediaDecodeError ? { code: e.code } : {}) }),
  );
});
