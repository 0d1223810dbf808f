// `npm run bench:anomaly-nab`: every streaming detector over the whole NAB corpus (58 series, 365,558
// values) on one thread: values per second and the three NAB scores, beside JSON.parse of the same rows
// (one `{"timestamp":…,"value":…}` object per value) in the same run. Prints the machine and a markdown table.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNabDir, loadCorpus } from '../packages/server/src/modules/anomaly/nab/corpus.ts';
import { runSeries } from '../packages/server/src/modules/anomaly/nab/run.ts';
import { PROFILE_NAMES, scoreCorpus } from '../packages/server/src/modules/anomaly/nab/scorer.ts';
import { detectorKinds } from '../packages/server/src/modules/anomaly/streaming/registry.ts';
import { describeMachine, machine } from './lib/machine.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const NAB = join(CORPORA, 'nab');
const DETECTORS = (process.env['BENCH_DETECTORS'] ?? detectorKinds().map((k) => k.kind).join(',')).split(',');

if (!isNabDir(NAB)) {
  console.log(`bench:anomaly-nab skipped: ${NAB} not found (set BULWARK_CORPORA)`);
  process.exit(0);
}

console.log(describeMachine(machine()));
const corpus = loadCorpus(NAB);
const rows = corpus.reduce((n, s) => n + s.length, 0);
const lines = corpus.flatMap((s) => Array.from(s.values, (v, i) => JSON.stringify({ timestamp: new Date(s.timestamps[i]!).toISOString(), value: v })));
let t = performance.now();
for (const l of lines) JSON.parse(l);
const parsePerS = rows / ((performance.now() - t) / 1000);
console.log(`NAB: ${corpus.length} series, ${rows} values; JSON.parse of one object per value: ${Math.round(parsePerS).toLocaleString('en')} values/s (baseline)\n`);

console.log('| detector | values/s (1 thread) | × JSON.parse | standard | low FP | low FN |');
console.log('|---|---|---|---|---|---|');
for (const kind of DETECTORS) {
  t = performance.now();
  const scores = corpus.map((s) => runSeries(s, { kind }));
  const perS = rows / ((performance.now() - t) / 1000);
  const items = corpus.map((series, i) => ({ series, scores: scores[i]! }));
  const [std, lowFp, lowFn] = PROFILE_NAMES.map((p) => scoreCorpus(items, p).normalised.toFixed(2));
  console.log(`| ${kind} | ${Math.round(perS).toLocaleString('en')} | ${(perS / parsePerS).toFixed(3)} | ${std} | ${lowFp} | ${lowFn} |`);
}
