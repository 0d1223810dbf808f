// Worker thread of runCorpus: scores the series it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { runSeries, type RunRequest } from './run.ts';

parentPort?.on('message', (m: { i: number; values: Float64Array; timestamps: Float64Array; req: RunRequest }) => {
  const scores = runSeries(m, m.req);
  parentPort?.postMessage({ i: m.i, scores }, [scores.buffer as ArrayBuffer]);
});
