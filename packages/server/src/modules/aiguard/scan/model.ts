// The trained classifier: loading the committed artefact (model.json, written by train.ts) and scoring.
// Two linear heads over the hashed features of features.ts: a binary head (malicious probability) and a
// multinomial head over the malicious categories (which category a malicious text most resembles).
// Weights are stored as little-endian int16 with one scale per head, base64-encoded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MALICIOUS_CATEGORIES, type Category } from './categories.ts';
import { FEATURE_BITS, type Features } from './features.ts';

export const MODEL_FORMAT = 'bulwark-aiguard-linear/1';
export const MODEL_PATH = join(import.meta.dirname, 'model.json');
const MAX_MODEL_BYTES = 16 * 1024 * 1024;

export class ModelError extends Error {
  readonly code = 'aiguard.model_invalid';
  override name = 'ModelError';
}

export interface ModelFile {
  readonly format: string;
  readonly script: { readonly name: string; readonly version: number };
  readonly data: { readonly file: string; readonly sha256: string; readonly rows: number };
  readonly featureBits: number;
  readonly hyper: Readonly<Record<string, number>>;
  readonly binary: { readonly bias: number; readonly scale: number; readonly weights: string };
  readonly categories: { readonly labels: readonly string[]; readonly bits: number; readonly bias: readonly number[]; readonly scale: number; readonly weights: string };
  readonly cv?: unknown;
}

export interface Model {
  readonly file: ModelFile;
  readonly w: Float32Array;
  readonly b: number;
  readonly catW: Float32Array;
  readonly catB: Float32Array;
  readonly catMask: number;
  readonly catDim: number;
  readonly labels: readonly Category[];
}

/** int16 little-endian ↔ base64, with a scale so that w = int16 · scale. */
export function encodeWeights(w: ArrayLike<number>): { scale: number; weights: string } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max > 0 ? max / 32767 : 1;
  const buf = Buffer.alloc(w.length * 2);
  for (let i = 0; i < w.length; i++) buf.writeInt16LE(Math.round(w[i]! / scale), i * 2);
  return { scale, weights: buf.toString('base64') };
}

function decodeWeights(b64: string, scale: number, length: number, where: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length !== length * 2) throw new ModelError(`${where}: ${buf.length / 2} weights, expected ${length}`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = buf.readInt16LE(i * 2) * scale;
  return out;
}

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(`${where} must be a finite number`);
  return v;
}

/** Parses and checks a model artefact; throws ModelError naming the field that is wrong. */
export function parseModel(json: string): Model {
  let f: ModelFile;
  try {
    f = JSON.parse(json) as ModelFile;
  } catch (e) {
    throw new ModelError(`model is not JSON: ${(e as Error).message}`);
  }
  if (typeof f !== 'object' || f === null) throw new ModelError('model must be a JSON object');
  if (f.format !== MODEL_FORMAT) throw new ModelError(`format is ${JSON.stringify(f.format)}, expected ${MODEL_FORMAT}`);
  if (f.featureBits !== FEATURE_BITS) throw new ModelError(`featureBits is ${String(f.featureBits)}, this scanner hashes into ${FEATURE_BITS} bits`);
  if (typeof f.data?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.data.sha256)) throw new ModelError('data.sha256 must be the hex sha256 of the training file');
  if (typeof f.binary?.weights !== 'string') throw new ModelError('binary.weights must be base64');
  const w = decodeWeights(f.binary.weights, num(f.binary.scale, 'binary.scale'), 1 << FEATURE_BITS, 'binary.weights');
  const c = f.categories;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.labels) || !Array.isArray(c.bias)) throw new ModelError('categories must hold labels, bias, bits, scale and weights');
  for (const l of c.labels) if (!(MALICIOUS_CATEGORIES as readonly string[]).includes(l)) throw new ModelError(`categories.labels: unknown category ${JSON.stringify(l)}`);
  if (c.bias.length !== c.labels.length) throw new ModelError('categories.bias must have one value per label');
  const bits = num(c.bits, 'categories.bits');
  if (!Number.isInteger(bits) || bits < 8 || bits > FEATURE_BITS) throw new ModelError(`categories.bits must be an integer in 8..${FEATURE_BITS}`);
  const catDim = 1 << bits;
  const catW = decodeWeights(c.weights, num(c.scale, 'categories.scale'), catDim * c.labels.length, 'categories.weights');
  return { file: f, w, b: num(f.binary.bias, 'binary.bias'), catW, catB: Float32Array.from(c.bias.map((x, i) => num(x, `categories.bias[${i}]`))), catMask: catDim - 1, catDim, labels: c.labels as Category[] };
}

let loaded: Model | undefined;

/** The committed model, read once. */
export function loadModel(path: string = MODEL_PATH): Model {
  if (path === MODEL_PATH && loaded) return loaded;
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_MODEL_BYTES) throw new ModelError(`${path}: larger than ${MAX_MODEL_BYTES} bytes`);
  const m = parseModel(text);
  if (path === MODEL_PATH) loaded = m;
  return m;
}

/** Malicious probability of a feature vector. */
export function scoreBinary(m: Model, x: Features): number {
  let z = m.b;
  const { idx, val, n } = x;
  const w = m.w;
  for (let k = 0; k < n; k++) z += w[idx[k]!]! * val[k]!;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The malicious category a feature vector most resembles, with its softmax probability. */
export function scoreCategory(m: Model, x: Features): { category: Category; p: number } {
  const { idx, val, n } = x;
  let best = 0;
  let bestZ = -Infinity;
  const zs = new Float64Array(m.labels.length);
  for (let c = 0; c < m.labels.length; c++) {
    let z = m.catB[c]!;
    const base = c * m.catDim;
    for (let k = 0; k < n; k++) z += m.catW[base + (idx[k]! & m.catMask)]! * val[k]!;
    zs[c] = z;
    if (z > bestZ) {
      bestZ = z;
      best = c;
    }
  }
  let sum = 0;
  for (let c = 0; c < zs.length; c++) sum += Math.exp(zs[c]! - bestZ);
  return { category: m.labels[best]!, p: 1 / sum };
}
