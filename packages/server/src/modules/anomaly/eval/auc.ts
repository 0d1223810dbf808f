// ROC-AUC as the Mann–Whitney statistic: the probability that a random outlier scores above a random
// inlier, ties counting one half. Computed from average ranks, O(n log n).

export class AucError extends Error {
  readonly code = 'anomaly.auc_undefined';
}

export function rocAuc(scores: readonly number[], labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new AucError(`${n} scores but ${labels.length} labels`);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l !== 0 && l !== 1) throw new AucError(`label ${i} is ${String(l)}, not 0 or 1`);
    if (!Number.isFinite(scores[i])) throw new AucError(`score ${i} is ${String(scores[i])}, not a finite number`);
    pos += l;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new AucError(`ROC-AUC needs both classes; all ${n} rows are labelled ${pos === 0 ? 0 : 1}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based; ties share their average rank
    for (let k = i; k <= j; k++) if (labels[order[k]!] === 1) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
