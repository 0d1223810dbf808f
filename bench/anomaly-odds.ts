// `npm run bench:anomaly-odds`: every multivariate batch detector on the 17 ODDS sets, as ROC-AUC, under
// two protocols — whole set (fit and score every row, labels only for the AUC; the corpus MANIFEST's
// sklearn IsolationForest column) and PyOD's 60/40 split (fit on 60 %, ROC-AUC on the other 40 %,
// BENCH_SPLIT_SEEDS seeds) — next to PyOD's published columns (pyod-results/roc.csv, 60/40 split).
// Prints the machine, markdown tables and the run time; fit+score time per detector beside the time to
// read the CSVs and to JSON.parse the same rows.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBatchDetector, batchDetectorNames, DEFAULT_BATCH_DETECTOR } from '../packages/server/src/modules/anomaly/batch/registry.ts';
import { rocAuc } from '../packages/server/src/modules/anomaly/eval/auc.ts';
import { readLabelledCsv, type LabelledTable } from '../packages/server/src/modules/anomaly/eval/csv.ts';
import { evaluate } from '../packages/server/src/modules/anomaly/eval/evaluate.ts';
import { manifestSklearnIf, ODDS_SETS, oddsPresent, pyodRoc } from '../packages/server/src/modules/anomaly/eval/odds.ts';
import { describeMachine, machine } from './lib/machine.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const ODDS = join(CORPORA, 'odds');
const SPLIT_SEEDS = Number(process.env['BENCH_SPLIT_SEEDS'] ?? 3);
const WHOLE_SEEDS = Number(process.env['BENCH_WHOLE_SEEDS'] ?? 5);
const DETECTORS = (process.env['BENCH_DETECTORS'] ?? batchDetectorNames().join(',')).split(',');
const PYOD = ['IForest', 'INNE', 'HBOS', 'LODA', 'ECOD', 'KNN'];

if (!oddsPresent(ODDS)) {
  console.log(`bench:anomaly-odds skipped: ${ODDS}/data not found (set BULWARK_CORPORA)`);
  process.exit(0);
}

const started = performance.now();
console.log(describeMachine(machine()));

let t = performance.now();
const tables = new Map<string, LabelledTable>(ODDS_SETS.map((s) => [s, readLabelledCsv(join(ODDS, 'data', `${s}.csv`))]));
const readMs = performance.now() - t;
const asJson = [...tables.values()].map((tb) => JSON.stringify(tb.rows.map((r) => Array.from(r))));
t = performance.now();
for (const j of asJson) JSON.parse(j);
const parseMs = performance.now() - t;
const cells = [...tables.values()].reduce((n, tb) => n + tb.rows.length * tb.rows[0]!.length, 0);
console.log(`data     17 sets, ${cells} values: CSV read ${readMs.toFixed(0)} ms; JSON.parse of the same rows ${parseMs.toFixed(0)} ms (baseline)\n`);

const pyod = pyodRoc(ODDS);
const sklearn = manifestSklearnIf(ODDS);
const mean = (a: readonly number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const f3 = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

// Whole-set protocol, seed 1: the figure `bulwark anomaly eval` prints.
const whole = new Map<string, number[]>();
const seconds = new Map<string, number>();
for (const d of DETECTORS) {
  const aucs: number[] = [];
  let ms = 0;
  for (const s of ODDS_SETS) {
    const tb = tables.get(s)!;
    const t0 = performance.now();
    const scores = createBatchDetector(d, { seed: 1 }).fitScore(tb.rows);
    ms += performance.now() - t0;
    aucs.push(rocAuc(scores, tb.labels));
  }
  whole.set(d, aucs);
  seconds.set(d, ms / 1000);
}

console.log('### Whole set (fit and score every row), ROC-AUC, seed 1\n');
console.log(`| data set | ${DETECTORS.map((d) => (d === DEFAULT_BATCH_DETECTOR ? `**${d}**` : d)).join(' | ')} | sklearn IF (MANIFEST) | ${PYOD.map((p) => `PyOD ${p}`).join(' | ')} |`);
console.log(`|---|${DETECTORS.map(() => '---:').join('|')}|---:|${PYOD.map(() => '---:').join('|')}|`);
ODDS_SETS.forEach((s, i) => {
  console.log(`| ${s} | ${DETECTORS.map((d) => f3(whole.get(d)![i])).join(' | ')} | ${f3(sklearn.get(s))} | ${PYOD.map((p) => f3(pyod.get(s)?.get(p))).join(' | ')} |`);
});
console.log(`| **mean** | ${DETECTORS.map((d) => `**${mean(whole.get(d)!).toFixed(4)}**`).join(' | ')} | **${mean([...sklearn.values()]).toFixed(4)}** | ${PYOD.map((p) => `**${mean(ODDS_SETS.map((s) => pyod.get(s)?.get(p) ?? NaN)).toFixed(4)}**`).join(' | ')} |`);
console.log(`| fit+score, s | ${DETECTORS.map((d) => seconds.get(d)!.toFixed(1)).join(' | ')} | | ${PYOD.map(() => '').join(' | ')} |`);

// Seed spread of the randomised detectors under the whole-set protocol.
console.log(`\n### Whole set, mean ROC-AUC over seeds 1..${WHOLE_SEEDS}\n`);
console.log('| detector | mean | min | max | iforest: mean gap to sklearn per set |');
console.log('|---|---:|---:|---:|---:|');
for (const d of DETECTORS.filter((x) => ['iforest', 'inne', 'loda', DEFAULT_BATCH_DETECTOR].includes(x))) {
  const means: number[] = [];
  const perSet = ODDS_SETS.map(() => 0);
  for (let seed = 1; seed <= WHOLE_SEEDS; seed++) {
    const aucs = seed === 1 ? whole.get(d)! : ODDS_SETS.map((s) => rocAuc(createBatchDetector(d, { seed }).fitScore(tables.get(s)!.rows), tables.get(s)!.labels));
    aucs.forEach((a, i) => (perSet[i]! += a / WHOLE_SEEDS));
    means.push(mean(aucs));
  }
  const gap = d === 'iforest' ? mean(ODDS_SETS.map((s, i) => Math.abs(perSet[i]! - sklearn.get(s)!))).toFixed(4) : '';
  console.log(`| ${d} | ${mean(means).toFixed(4)} | ${Math.min(...means).toFixed(4)} | ${Math.max(...means).toFixed(4)} | ${gap} |`);
}

// PyOD's protocol: 60/40 split, mean over SPLIT_SEEDS seeds per set.
console.log(`\n### 60/40 split (fit on 60 %, ROC-AUC on the 40 %), mean of ${SPLIT_SEEDS} seeds per set\n`);
console.log(`| data set | ${DETECTORS.join(' | ')} | ${PYOD.map((p) => `PyOD ${p}`).join(' | ')} |`);
console.log(`|---|${DETECTORS.map(() => '---:').join('|')}|${PYOD.map(() => '---:').join('|')}|`);
const split = new Map<string, number[]>(DETECTORS.map((d) => [d, []]));
for (const s of ODDS_SETS) {
  const row = DETECTORS.map((d) => {
    let a = 0;
    for (let seed = 1; seed <= SPLIT_SEEDS; seed++) a += evaluate(tables.get(s)!, { detector: d, protocol: 'split', seed }).roc_auc / SPLIT_SEEDS;
    split.get(d)!.push(a);
    return a;
  });
  console.log(`| ${s} | ${row.map(f3).join(' | ')} | ${PYOD.map((p) => f3(pyod.get(s)?.get(p))).join(' | ')} |`);
}
console.log(`| **mean** | ${DETECTORS.map((d) => `**${mean(split.get(d)!).toFixed(4)}**`).join(' | ')} | ${PYOD.map((p) => `**${mean(ODDS_SETS.map((s) => pyod.get(s)?.get(p) ?? NaN)).toFixed(4)}**`).join(' | ')} |`);

console.log(`\nrun time ${((performance.now() - started) / 1000).toFixed(0)} s`);
