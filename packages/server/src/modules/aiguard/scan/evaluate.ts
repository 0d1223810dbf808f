// Evaluation of the scanner on a labelled corpus (`bulwark aiguard eval`): per-category detection rate
// (malicious categories) and false-positive rate (benign categories), overall TPR, FPR on all benign
// prompts and on benign security prompts, and ROC-AUC of the score.
import { performance } from 'node:perf_hooks';
import { readCorpus, type Corpus, type CorpusProblem } from './corpus.ts';
import { FLAG_THRESHOLD, scoreText } from './scan.ts';

export interface CategoryFigures {
  readonly label: 'malicious' | 'benign';
  readonly rows: number;
  /** Rows at or above the threshold. */
  readonly positives: number;
  /** Detection rate (malicious categories) or false-positive rate (benign ones). */
  readonly rate: number;
}

export interface EvalReport {
  readonly tpr: number;
  readonly fpr_benign: number;
  readonly fpr_benign_cyber: number;
  readonly roc_auc: number;
  readonly per_category: Record<string, CategoryFigures>;
  readonly threshold: number;
  readonly rows: number;
  readonly malicious: number;
  readonly benign: number;
  readonly skipped: readonly CorpusProblem[];
  readonly seconds: number;
  readonly ms_per_row: number;
}

/** ROC-AUC by the rank-sum statistic, ties counted half. NaN when a class is empty. */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let sumPos = 0;
  let nPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (positive[order[k]!]) {
        sumPos += rank;
        nPos++;
      }
    }
    i = j;
  }
  const nNeg = order.length - nPos;
  return nPos === 0 || nNeg === 0 ? NaN : (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

export function evaluateCorpus(corpus: Corpus, threshold: number = FLAG_THRESHOLD): EvalReport {
  const t0 = performance.now();
  const scores = corpus.rows.map((r) => scoreText(r.text, 'input'));
  const seconds = (performance.now() - t0) / 1000;
  const per = new Map<string, { label: 'malicious' | 'benign'; rows: number; positives: number }>();
  let tp = 0;
  let mal = 0;
  let fp = 0;
  let ben = 0;
  let fpCyber = 0;
  let cyber = 0;
  corpus.rows.forEach((r, i) => {
    const hit = scores[i]! >= threshold;
    const c = per.get(r.category) ?? { label: r.label, rows: 0, positives: 0 };
    c.rows++;
    if (hit) c.positives++;
    per.set(r.category, c);
    if (r.label === 'malicious') {
      mal++;
      if (hit) tp++;
    } else {
      ben++;
      if (hit) fp++;
      if (r.category === 'benign_cyber') {
        cyber++;
        if (hit) fpCyber++;
      }
    }
  });
  const per_category: Record<string, CategoryFigures> = {};
  for (const [k, v] of [...per.entries()].sort(([a], [b]) => a.localeCompare(b))) per_category[k] = { ...v, rate: ratio(v.positives, v.rows) };
  return {
    tpr: ratio(tp, mal),
    fpr_benign: ratio(fp, ben),
    fpr_benign_cyber: ratio(fpCyber, cyber),
    roc_auc: rocAuc(scores, corpus.rows.map((r) => r.label === 'malicious')),
    per_category,
    threshold,
    rows: corpus.rows.length,
    malicious: mal,
    benign: ben,
    skipped: corpus.problems,
    seconds,
    ms_per_row: corpus.rows.length === 0 ? 0 : (seconds * 1000) / corpus.rows.length,
  };
}

/** Reads a corpus file and evaluates the scanner on it (bad lines are skipped and listed in `skipped`). */
export function evaluateFile(path: string, opts: { threshold?: number } = {}): EvalReport {
  return evaluateCorpus(readCorpus(path), opts.threshold);
}
