// `bulwark anomaly nab`: runs a streaming detector (or reads a reference detector's shipped results) over
// the NAB corpus and scores it with our scorer for the three profiles.
import { join } from 'node:path';
import { BEST_STREAMING_DETECTOR, createDetector } from '../streaming/registry.ts';
import type { DetectorOptions } from '../streaming/detector.ts';
import { isNabDir, loadCorpus, readResultScores } from './corpus.ts';
import { runCorpus } from './run.ts';
import { PROFILE_NAMES, scoreCorpus, type ProfileName, type ProfileReport } from './scorer.ts';

export interface NabBenchmarkOptions {
  /** Streaming detector to run (default: our best). */
  readonly detector?: string;
  readonly options?: DetectorOptions;
  /** Score the shipped per-row results of this reference detector instead of running one. */
  readonly results?: string;
  /** Folder of the reference results (default <nab-dir>/results). */
  readonly resultsDir?: string;
  readonly threads?: number;
  readonly onSeries?: (name: string, done: number, total: number) => void;
}

export interface NabBenchmarkResult {
  readonly detector: string;
  readonly series: number;
  readonly rows: number;
  /** Seconds spent running the detector (0 for shipped results). */
  readonly detectSeconds: number;
  readonly profiles: Record<ProfileName, ProfileReport>;
}

export async function nabBenchmark(nabDir: string, opts: NabBenchmarkOptions = {}): Promise<NabBenchmarkResult> {
  if (!isNabDir(nabDir)) throw new Error(`${nabDir} is not a NAB folder (data/ and labels/combined_windows.json expected)`);
  const corpus = loadCorpus(nabDir);
  let scores: Float64Array[];
  let detectSeconds = 0;
  let detector: string;
  if (opts.results) {
    detector = opts.results;
    const dir = opts.resultsDir ?? join(nabDir, 'results');
    scores = corpus.map((s) => readResultScores(dir, opts.results!, s.name));
    scores.forEach((sc, i) => {
      if (sc.length !== corpus[i]!.length) throw new Error(`${opts.results} ${corpus[i]!.name}: ${sc.length} scores for ${corpus[i]!.length} rows`);
    });
  } else {
    detector = opts.detector ?? BEST_STREAMING_DETECTOR;
    createDetector(detector, opts.options); // unknown names and bad settings fail here, not in a worker
    const started = performance.now();
    scores = await runCorpus(corpus, { kind: detector, ...(opts.options ? { options: opts.options } : {}) }, { ...(opts.threads ? { threads: opts.threads } : {}), ...(opts.onSeries ? { onSeries: opts.onSeries } : {}) });
    detectSeconds = (performance.now() - started) / 1000;
  }
  const items = corpus.map((series, i) => ({ series, scores: scores[i]! }));
  const profiles = Object.fromEntries(PROFILE_NAMES.map((p) => [p, scoreCorpus(items, p)])) as Record<ProfileName, ProfileReport>;
  return { detector, series: corpus.length, rows: corpus.reduce((n, s) => n + s.length, 0), detectSeconds, profiles };
}
