// Runs a streaming detector over NAB series (each series from a fresh detector with the same settings,
// as NAB's rules require), in worker threads when there is more than one series and more than one core.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createDetector } from '../streaming/registry.ts';
import type { DetectorOptions } from '../streaming/detector.ts';
import type { NabSeries } from './corpus.ts';

export interface RunRequest {
  readonly kind: string;
  readonly options?: DetectorOptions;
}

/** Scores of one series, row by row. */
export function runSeries(series: Pick<NabSeries, 'values' | 'timestamps'>, req: RunRequest): Float64Array {
  const d = createDetector(req.kind, req.options);
  const out = new Float64Array(series.values.length);
  for (let i = 0; i < out.length; i++) out[i] = d.update(series.values[i]!, series.timestamps[i]!);
  return out;
}

export interface RunOptions {
  /** Worker threads (default: available cores, at most the number of series; 1 runs in this thread). */
  readonly threads?: number;
  readonly onSeries?: (name: string, done: number, total: number) => void;
}

/** Runs the detector over every series; resolves to the scores in the same order as the series. */
export async function runCorpus(corpus: readonly NabSeries[], req: RunRequest, opts: RunOptions = {}): Promise<Float64Array[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), corpus.length));
  const out: Float64Array[] = new Array<Float64Array>(corpus.length);
  let done = 0;
  if (threads === 1) {
    corpus.forEach((s, i) => {
      out[i] = runSeries(s, req);
      opts.onSeries?.(s.name, ++done, corpus.length);
    });
    return out;
  }
  // Longest series first, each to the next free worker.
  const queue = corpus.map((s, i) => i).sort((a, b) => corpus[b]!.length - corpus[a]!.length);
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./run-worker.ts', import.meta.url));
        const next = (): void => {
          const i = queue.shift();
          if (i === undefined) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const s = corpus[i]!;
          worker.postMessage({ i, values: s.values, timestamps: s.timestamps, req });
        };
        worker.on('message', (m: { i: number; scores: Float64Array }) => {
          out[m.i] = m.scores;
          opts.onSeries?.(corpus[m.i]!.name, ++done, corpus.length);
          next();
        });
        worker.on('error', reject);
        next();
      }),
    ),
  );
  return out;
}
