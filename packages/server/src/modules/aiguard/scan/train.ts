// Trains the scanner's classifier from the shared corpus and writes model.json beside this file.
//   npm run aiguard:train [-- --data <train.jsonl>] [--force] [--cv] [--out <path>]
// Reproducible: the same train.jsonl (its sha256 is checked against TRAIN_SHA256 and written into the
// artefact) and this script version give a byte-identical model.json. The training data stays outside
// the repository. --cv runs a grouped 5-fold cross-validation on train and prints out-of-fold figures.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MALICIOUS_CATEGORIES } from './categories.ts';
import { parseCorpus, type CorpusRow } from './corpus.ts';
import { extractFeatures, FEATURE_BITS, FEATURE_DIM, type Features } from './features.ts';
import { officeTexts } from './augment.ts';
import { clip } from './limits.ts';
import { encodeWeights, MODEL_FORMAT, MODEL_PATH, type ModelFile } from './model.ts';
import { normalize } from './normalize.ts';
import { ruleKeep } from './scan.ts';
import { rng, trainBinary, trainMultinomial, type Row } from './sgd.ts';

export const SCRIPT_VERSION = 2;
/** sha256 of the train.jsonl this script was tuned on (corpus MANIFEST.md). */
export const TRAIN_SHA256 = 'e4dbe35bbdb39191b68518e064553de9d20af5d8366f952498df0f89fe9df9bf';
export const DEFAULT_HYPER = { lambda: 3e-5, epochs: 12, lr0: 0.5, seed: 20261128, catBits: 15, catLambda: 3e-5, catEpochs: 10, fragmentsPerRow: 2, fragmentWeight: 0.25, officeCount: 4000, officeWeight: 0.5 } as const;
let HYPER: { -readonly [K in keyof typeof DEFAULT_HYPER]: number } = { ...DEFAULT_HYPER };

const DEFAULT_DATA = join(import.meta.dirname, '../../../../../../../shared/corpora/aiguard/train.jsonl');

function copyFeatures(text: string): Features {
  const x = extractFeatures(normalize(clip(text).text).text);
  return { idx: x.idx.slice(), val: x.val.slice(), n: x.n };
}

/** Sample weights: both labels weigh the same in total; inside a label, categories by √count. */
function weights(rows: readonly CorpusRow[]): number[] {
  const byCat = new Map<string, number>();
  for (const r of rows) byCat.set(r.category, (byCat.get(r.category) ?? 0) + 1);
  const raw = rows.map((r) => 1 / Math.sqrt(byCat.get(r.category)!));
  const total = { malicious: 0, benign: 0 };
  rows.forEach((r, i) => (total[r.label] += raw[i]!));
  return rows.map((r, i) => (raw[i]! * rows.length) / 2 / total[r.label]);
}

interface Trained {
  readonly binary: { w: Float64Array; b: number };
  readonly cat: { w: Float64Array; b: Float64Array };
}

/**
 * Short benign texts cut from the benign training rows: their sentences and lines of 4 to 40 words.
 * Without them the benign side of the corpus is almost all long, templated prompts, and a linear model
 * learns "short and plain" as a sign of malice; these teach it that ordinary short requests are benign.
 * Drawn from the training file alone, deterministically.
 */
export function benignFragments(rows: readonly CorpusRow[], perRow: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    if (r.label !== 'benign') continue;
    let taken = 0;
    for (const part of r.text.split(/(?<=[.!?])\s+|\n+/)) {
      const t = part.trim();
      const words = t.split(/\s+/).length;
      if (words < 4 || words > 40 || seen.has(t)) continue;
      seen.add(t);
      out.push(t);
      if (++taken >= perRow) break;
    }
  }
  return out;
}

/** Extra benign examples: fragments cut from the benign training rows, and generated office text (augment.ts). */
function extras(rows: readonly CorpusRow[]): Array<{ x: Features; w: number }> {
  const out = benignFragments(rows, HYPER.fragmentsPerRow).map((t) => ({ x: copyFeatures(t), w: HYPER.fragmentWeight }));
  for (const t of officeTexts(HYPER.officeCount, HYPER.seed + 11)) out.push({ x: copyFeatures(t), w: HYPER.officeWeight });
  return out;
}

function fit(rows: readonly CorpusRow[], feats: readonly Features[], more: ReadonlyArray<{ x: Features; w: number }> = []): Trained {
  const w = weights(rows);
  const bin: Row[] = rows.map((r, i) => ({ x: feats[i]!, y: r.label === 'malicious' ? 1 : 0, w: w[i]! }));
  for (const e of more) bin.push({ x: e.x, y: 0, w: e.w });
  const binary = trainBinary(bin, FEATURE_DIM, { epochs: HYPER.epochs, lambda: HYPER.lambda, lr0: HYPER.lr0, seed: HYPER.seed });
  const mal: Row[] = [];
  const catCount = new Map<string, number>();
  rows.forEach((r) => r.label === 'malicious' && catCount.set(r.category, (catCount.get(r.category) ?? 0) + 1));
  rows.forEach((r, i) => {
    const y = (MALICIOUS_CATEGORIES as readonly string[]).indexOf(r.category);
    if (r.label === 'malicious' && y >= 0) mal.push({ x: feats[i]!, y, w: 1 / Math.sqrt(catCount.get(r.category)! / 100) });
  });
  const cat = trainMultinomial(mal, 1 << HYPER.catBits, MALICIOUS_CATEGORIES.length, { epochs: HYPER.catEpochs, lambda: HYPER.catLambda, lr0: HYPER.lr0, seed: HYPER.seed + 1 });
  return { binary, cat };
}

function sigmoidDot(t: Trained, x: Features): number {
  let z = t.binary.b;
  for (let k = 0; k < x.n; k++) z += t.binary.w[x.idx[k]!]! * x.val[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** Group key: rows that are translations or share a context fall in the same fold. */
function group(r: CorpusRow): string {
  const m = r.meta ?? {};
  const src = (r.id ?? '').split(':')[0] ?? '';
  for (const k of ['english_prompt_id', 'english_index', 'upstream_prompt_id', 'context']) {
    if (m[k] !== undefined) return `${src.replace(/_multilingual$/, '')}:${k === 'english_index' || k === 'upstream_prompt_id' ? 'e' : k}:${String(m[k])}`;
  }
  return r.id ?? `line:${r.line}`;
}

function auc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rank = 0;
  let sumPos = 0;
  let nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (labels[idx[k]!] === 1) {
      sumPos += avg;
      nPos++;
    }
    rank = j;
    i = j;
  }
  const nNeg = rank - nPos;
  return nPos === 0 || nNeg === 0 ? NaN : (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function crossValidate(rows: readonly CorpusRow[], feats: readonly Features[], dump?: string): Record<string, unknown> {
  const groups = [...new Set(rows.map(group))].sort();
  const next = rng(HYPER.seed + 7);
  const foldOf = new Map<string, number>();
  for (const g of groups) foldOf.set(g, Math.floor(next() * 5));
  const clf = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < 5; f++) {
    const tr = rows.map((_, i) => i).filter((i) => foldOf.get(group(rows[i]!)) !== f);
    const trRows = tr.map((i) => rows[i]!);
    const t = fit(trRows, tr.map((i) => feats[i]!), extras(trRows));
    rows.forEach((r, i) => {
      if (foldOf.get(group(r)) === f) clf[i] = sigmoidDot(t, feats[i]!);
    });
    process.stderr.write(`fold ${f + 1}/5 done\n`);
  }
  const keep = rows.map((r) => ruleKeep(r.text).keep);
  const combined = clf.map((p, i) => 1 - (1 - p) * keep[i]!);
  const labels = rows.map((r) => (r.label === 'malicious' ? 1 : 0));
  if (dump) writeFileSync(dump, rows.map((r, i) => JSON.stringify({ id: r.id, category: r.category, clf: clf[i], keep: keep[i] })).join('\n'));
  const report: Record<string, unknown> = { auc_classifier: auc(clf, labels), auc_combined: auc(combined, labels) };
  const cats = [...new Set(rows.map((r) => r.category))].sort();
  const rate = (ix: number[], th: number) => ix.filter((i) => combined[i]! >= th).length / Math.max(1, ix.length);
  const mal = rows.map((r, i) => (r.label === 'malicious' ? i : -1)).filter((i) => i >= 0);
  const ben = rows.map((r, i) => (r.label === 'benign' ? i : -1)).filter((i) => i >= 0);
  const benCyber = ben.filter((i) => rows[i]!.category === 'benign_cyber');
  for (const th of [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    report[`summary_${th}`] = { tpr: rate(mal, th), fpr_benign: rate(ben, th), fpr_benign_cyber: rate(benCyber, th) };
  }
  for (const th of [0.3, 0.4, 0.5, 0.55, 0.6, 0.7]) {
    const per: Record<string, string> = {};
    for (const c of cats) {
      const ix = rows.map((r, i) => (r.category === c ? i : -1)).filter((i) => i >= 0);
      per[c] = `${((100 * ix.filter((i) => combined[i]! >= th).length) / ix.length).toFixed(1)}% (clf ${((100 * ix.filter((i) => clf[i]! >= th).length) / ix.length).toFixed(1)}%)`;
    }
    report[`at_${th}`] = per;
  }
  return report;
}

function main(): void {
  const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, cv: { type: 'boolean' }, 'cv-dump': { type: 'string' }, set: { type: 'string', multiple: true } } });
  for (const kv of values.set ?? []) {
    const [k, v] = kv.split('=');
    if (k === undefined || !(k in DEFAULT_HYPER) || !Number.isFinite(Number(v))) throw new Error(`--set ${kv}: expected <hyper-parameter>=<number>, one of ${Object.keys(DEFAULT_HYPER).join(', ')}`);
    HYPER = { ...HYPER, [k]: Number(v) };
  }
  const path = values.data ?? DEFAULT_DATA;
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== TRAIN_SHA256 && !values.force) {
    process.stderr.write(`${path}: sha256 ${sha} is not the training file this script was written for (${TRAIN_SHA256}); pass --force to train on it anyway\n`);
    process.exit(2);
  }
  const { rows, problems } = parseCorpus(bytes.toString('utf8'));
  for (const p of problems) process.stderr.write(`${path}:${p.line}: ${p.message} (skipped)\n`);
  const feats = rows.map((r) => copyFeatures(r.text));
  if (values.cv) {
    process.stdout.write(`${JSON.stringify(crossValidate(rows, feats, values['cv-dump']), null, 2)}\n`);
    return;
  }
  const more = extras(rows);
  const t = fit(rows, feats, more);
  process.stderr.write(`${more.length} extra benign examples (fragments and office text) added\n`);
  const bin = encodeWeights(t.binary.w);
  const cat = encodeWeights(t.cat.w);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    script: { name: 'packages/server/src/modules/aiguard/scan/train.ts', version: SCRIPT_VERSION },
    data: { file: 'aiguard/train.jsonl', sha256: sha, rows: rows.length },
    featureBits: FEATURE_BITS,
    hyper: { ...HYPER },
    binary: { bias: t.binary.b, scale: bin.scale, weights: bin.weights },
    categories: { labels: [...MALICIOUS_CATEGORIES], bits: HYPER.catBits, bias: [...t.cat.b], scale: cat.scale, weights: cat.weights },
  };
  const out = values.out ?? MODEL_PATH;
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(out, json);
  process.stderr.write(`${rows.length} rows → ${out} (${(json.length / 1024).toFixed(0)} KiB, sha256 ${createHash('sha256').update(json).digest('hex').slice(0, 16)}…)\n`);
}

if (import.meta.main) main();
