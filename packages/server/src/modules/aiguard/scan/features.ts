// Hashed text features shared by the trainer and the scanner: word unigrams and bigrams, and character
// 3-, 4- and 5-grams over the normalised text with whitespace runs collapsed. Each group is weighted by
// log(1 + count) and scaled to unit L2 norm, so long and short prompts score on the same footing.
// Feature extraction works on the normalised text (see normalize.ts) and allocates nothing per n-gram.

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;
const SEED_UNI = 0x1b873593;
const SEED_BI = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;

/** murmur3's 32-bit finaliser: spreads the bits of an n-gram hash before it is masked to the table. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff65) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** A sparse feature vector; idx may repeat (the two groups can collide), which is harmless for dot products. */
export interface Features {
  readonly idx: Int32Array;
  readonly val: Float32Array;
  readonly n: number;
}

const counts = new Uint16Array(FEATURE_DIM);
let touched = new Int32Array(65536);
let outIdx = new Int32Array(65536);
let outVal = new Float32Array(65536);
let squeezed = new Uint16Array(16384);

function ensure(n: number): void {
  if (touched.length >= n) return;
  let size = touched.length;
  while (size < n) size *= 2;
  touched = new Int32Array(size);
  const i2 = new Int32Array(size * 2);
  i2.set(outIdx.subarray(0, Math.min(outIdx.length, size * 2)));
  outIdx = i2;
  const v2 = new Float32Array(size * 2);
  v2.set(outVal.subarray(0, Math.min(outVal.length, size * 2)));
  outVal = v2;
}

/** Moves a counted group (touched[0..nTouched)) into the output from `start`, log-weighted and L2-normalised. */
function flushGroup(nTouched: number, start: number): number {
  const t = touched;
  const oi = outIdx;
  const ov = outVal;
  let sq = 0;
  let n = start;
  for (let k = 0; k < nTouched; k++) {
    const j = t[k]!;
    const v = Math.log1p(counts[j]!);
    counts[j] = 0;
    oi[n] = j;
    ov[n++] = v;
    sq += v * v;
  }
  if (sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let k = start; k < n; k++) ov[k] = ov[k]! * inv;
  }
  return n;
}

/**
 * Features of a normalised text. The returned arrays are views into buffers reused by the next call:
 * copy them (trainer) or use them before calling again (scanner).
 */
export function extractFeatures(norm: string): Features {
  const len = norm.length;
  // At most 2 word features per character and 3 character n-grams per character.
  ensure(3 * len + 16);
  const t = touched;
  const cnt = counts;
  // Words: unigrams and bigrams of runs of letters, digits and underscores.
  let nt = 0;
  let h = 0;
  let inWord = false;
  let prev = 0;
  let havePrev = false;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? norm.charCodeAt(i) : 32;
    if (isWordUnit(c)) {
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (inWord) {
      inWord = false;
      const w = mix(h ^ SEED_UNI);
      let j = w & MASK;
      let k = cnt[j]!;
      if (k === 0) t[nt++] = j;
      if (k < 65535) cnt[j] = k + 1;
      if (havePrev) {
        j = mix(Math.imul(prev, 0x9e3779b1) ^ w ^ SEED_BI) & MASK;
        k = cnt[j]!;
        if (k === 0) t[nt++] = j;
        if (k < 65535) cnt[j] = k + 1;
      }
      prev = w;
      havePrev = true;
    }
  }
  let nOut = flushGroup(nt, 0);
  // Characters: 3- to 5-grams over the text with whitespace runs collapsed to one space.
  if (squeezed.length < len + 2) squeezed = new Uint16Array(len * 2 + 2);
  const sq = squeezed;
  let m = 0;
  let lastSpace = true;
  for (let i = 0; i < len; i++) {
    const c = norm.charCodeAt(i);
    if (isSpace(c)) {
      if (!lastSpace) sq[m++] = 32;
      lastSpace = true;
    } else {
      sq[m++] = c;
      lastSpace = false;
    }
  }
  nt = 0;
  for (let i = 0; i + 3 <= m; i++) {
    let g = Math.imul(SEED_CHAR ^ sq[i]!, 0x01000193);
    g = Math.imul(g ^ sq[i + 1]!, 0x01000193);
    g = Math.imul(g ^ sq[i + 2]!, 0x01000193);
    let j = mix(g + 2) & MASK;
    let k = cnt[j]!;
    if (k === 0) t[nt++] = j;
    if (k < 65535) cnt[j] = k + 1;
    if (i + 4 > m) continue;
    g = Math.imul(g ^ sq[i + 3]!, 0x01000193);
    j = mix(g + 3) & MASK;
    k = cnt[j]!;
    if (k === 0) t[nt++] = j;
    if (k < 65535) cnt[j] = k + 1;
    if (i + 5 > m) continue;
    g = Math.imul(g ^ sq[i + 4]!, 0x01000193);
    j = mix(g + 4) & MASK;
    k = cnt[j]!;
    if (k === 0) t[nt++] = j;
    if (k < 65535) cnt[j] = k + 1;
  }
  nOut = flushGroup(nt, nOut);
  return { idx: outIdx.subarray(0, nOut), val: outVal.subarray(0, nOut), n: nOut };
}
