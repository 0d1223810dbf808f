// Evaluation of a batch detector on a labelled table. Two protocols:
//   whole — unsupervised: fit and score every row; the labels are used only for the ROC-AUC (the
//           protocol of the ODDS corpus's sklearn IsolationForest column).
//   split — PyOD's benchmark protocol: a seeded 60/40 train/test split; fit on the training part, ROC-AUC
//           on the test part.
import { createBatchDetector, DEFAULT_BATCH_DETECTOR } from '../batch/registry.ts';
import { sampleIndices, seeded } from '../batch/random.ts';
import { rocAuc } from './auc.ts';
import { readLabelledCsv, type LabelledTable } from './csv.ts';

export type Protocol = 'whole' | 'split';

export interface EvalOptions {
  readonly detector?: string;
  readonly protocol?: Protocol;
  readonly seed?: number;
}

export interface EvalResult {
  readonly roc_auc: number;
  readonly detector: string;
  readonly protocol: Protocol;
  /** Rows scored (all rows, or the test part of a split). */
  readonly rows: number;
  readonly outliers: number;
  readonly seconds: number;
}

export function evaluate(table: LabelledTable, o: EvalOptions = {}): EvalResult {
  const detector = o.detector ?? DEFAULT_BATCH_DETECTOR;
  const protocol = o.protocol ?? 'whole';
  const seed = o.seed ?? 1;
  const model = createBatchDetector(detector, { seed });
  const started = performance.now();
  let scores: number[];
  let labels: ArrayLike<number>;
  if (protocol === 'whole') {
    scores = model.fitScore(table.rows);
    labels = table.labels;
  } else {
    const n = table.rows.length;
    const order = sampleIndices(n, n, seeded(seed ^ 0x5eed));
    const cut = Math.round(n * 0.6);
    const train = order.slice(0, cut);
    const test = order.slice(cut);
    model.fit(train.map((i) => table.rows[i]!));
    scores = model.score(test.map((i) => table.rows[i]!));
    labels = test.map((i) => table.labels[i]!);
  }
  const roc = rocAuc(scores, labels);
  let outliers = 0;
  for (let i = 0; i < labels.length; i++) outliers += labels[i]!;
  return { roc_auc: roc, detector, protocol, rows: labels.length, outliers, seconds: (performance.now() - started) / 1000 };
}

/** Reads a labelled CSV (see csv.ts) and evaluates a detector on it: `bulwark anomaly eval`. */
export function evaluateCsv(path: string, o: EvalOptions = {}): EvalResult {
  return evaluate(readLabelledCsv(path), o);
}
