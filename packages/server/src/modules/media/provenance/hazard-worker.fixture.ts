// A stand-in reader worker for provenance-hazards.test.ts: behaves like a reader that hangs, exhausts
// its heap, dies or throws, chosen by the file name of the request; otherwise answers "no manifest".
import { parentPort } from 'node:worker_threads';
import { noManifestReport } from './report.ts';

parentPort!.postMessage({ ready: true });
parentPort!.on('message', (req: { id: number; file: string; format: string; bytes: Uint8Array }) => {
  const base = { file: req.file, format: req.format, bytes: req.bytes.byteLength };
  if (req.file === 'hang') for (;;);
  if (req.file === 'oom') {
    const keep: number[][] = [];
    for (;;) keep.push(new Array<number>(100_000).fill(keep.length));
  }
  if (req.file === 'exit') process.exit(3);
  if (req.file === 'throw') throw new Error('boom');
  parentPort!.postMessage({ id: req.id, report: noManifestReport(base) });
});
