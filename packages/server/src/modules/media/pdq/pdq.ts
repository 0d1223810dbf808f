// PDQ perceptual image hash, written from Meta's published description (ThreatExchange hashing.pdf):
// luminance → Jarosz tent filter (two box-filter passes per axis) → 64×64 samples → 2-D DCT keeping
// the 16×16 low-frequency block (DC excluded) → median threshold → 256 bits, plus a 0–100 quality
// figure from the gradients of the 64×64 image and the eight dihedral variants derived from the DCT.

/** The eight dihedral transforms, in the order and under the names ThreatExchange uses. */
export const DIHEDRAL_NAMES = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1'] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

export interface PdqResult {
  /** 64 lower-case hex characters, in the reference implementation's word and bit order. */
  hash: string;
  /** 0–100; the reference suggests discarding hashes below 50. */
  quality: number;
}

export interface PdqDihedralResult extends PdqResult {
  dihedral: Record<DihedralName, string>;
}

const N = 64;
const K = 16;

// DCT basis rows 1..16 (the DC row 0 is dropped), scaled by sqrt(2/64).
const DCT = (() => {
  const m = new Float64Array(K * N);
  const scale = Math.sqrt(2 / N);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < N; j++) m[i * N + j] = scale * Math.cos((Math.PI / (2 * N)) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

/** Window size of the box filter for shrinking `oldDim` samples to `newDim`: ceil(old / (2·new)). */
export function jaroszWindow(oldDim: number, newDim: number): number {
  return Math.floor((oldDim + 2 * newDim - 1) / (2 * newDim));
}

/** The box filter's reach for window `w`: output i averages inputs i − left … i + right (clipped at the edges). */
function reach(w: number): { left: number; right: number } {
  const half = Math.floor((w + 2) / 2);
  return { left: w - half, right: half - 1 };
}

/** Box filter along each row of a w×h image, in place (prefix sums in Float64 so long rows do not drift). */
function boxRows(buf: Float32Array, w: number, h: number, win: number): void {
  if (win <= 1) return;
  const { left, right } = reach(win);
  const pre = new Float64Array(w + 1);
  for (let r = 0; r < h; r++) {
    const base = r * w;
    for (let k = 0; k < w; k++) pre[k + 1] = pre[k]! + buf[base + k]!;
    for (let i = 0; i < w; i++) {
      const lo = i - left < 0 ? 0 : i - left;
      const hi = i + right >= w ? w - 1 : i + right;
      buf[base + i] = (pre[hi + 1]! - pre[lo]!) / (hi - lo + 1);
    }
  }
}

/** Box filter along each column of a w×h image from `src` into `dst`, a row at a time (cache-friendly running sums). */
function boxColumns(src: Float32Array, dst: Float32Array, w: number, h: number, win: number): void {
  if (win <= 1) {
    dst.set(src.subarray(0, w * h));
    return;
  }
  const { left, right } = reach(win);
  const acc = new Float64Array(w);
  let lo = 0;
  let hi = -1; // rows lo..hi are summed in acc
  for (let i = 0; i < h; i++) {
    const wantHi = i + right >= h ? h - 1 : i + right;
    const wantLo = i - left < 0 ? 0 : i - left;
    while (hi < wantHi) {
      hi++;
      const o = hi * w;
      for (let c = 0; c < w; c++) acc[c]! += src[o + c]!;
    }
    while (lo < wantLo) {
      const o = lo * w;
      for (let c = 0; c < w; c++) acc[c]! -= src[o + c]!;
      lo++;
    }
    const inv = 1 / (hi - lo + 1);
    const o = i * w;
    for (let c = 0; c < w; c++) dst[o + c] = acc[c]! * inv;
  }
}

/** Mean of get(k) over the clipped window around i. */
function windowMean(get: (k: number) => number, i: number, n: number, left: number, right: number): number {
  const lo = i - left < 0 ? 0 : i - left;
  const hi = i + right >= n ? n - 1 : i + right;
  let s = 0;
  for (let k = lo; k <= hi; k++) s += get(k);
  return s / (hi - lo + 1);
}

/**
 * Luminance (0–255 floats) from interleaved 8-bit pixels with `channels` components (1 grey, 2 grey+alpha,
 * 3 RGB, 4 RGBA). Alpha is ignored, as the reference tools do.
 */
export function luminance(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number): Float32Array {
  const n = width * height;
  if (pixels.length < n * channels) throw new Error(`pixel buffer too short: ${pixels.length} < ${n * channels}`);
  const out = new Float32Array(n);
  if (channels <= 2) {
    for (let p = 0, q = 0; p < n; p++, q += channels) out[p] = pixels[q]!;
  } else {
    for (let p = 0, q = 0; p < n; p++, q += channels) out[p] = 0.299 * pixels[q]! + 0.587 * pixels[q + 1]! + 0.114 * pixels[q + 2]!;
  }
  return out;
}

/**
 * Jarosz-filters a luminance image (two box passes, each along rows then columns, as the reference
 * does) and samples it at the 64×64 cell centres. The second pass is evaluated only where the samples
 * need it: its row filter at the 64 sampled columns, its column filter at the 64×64 samples.
 * The buffer `luma` is overwritten.
 */
export function downsample64(luma: Float32Array, width: number, height: number): Float64Array {
  if (width < 1 || height < 1) throw new Error('empty image');
  const wx = jaroszWindow(width, N);
  const wy = jaroszWindow(height, N);
  const rx = reach(wx);
  const ry = reach(wy);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < N; i++) {
    rows.push(Math.min(height - 1, Math.floor(((i + 0.5) * height) / N)));
    cols.push(Math.min(width - 1, Math.floor(((i + 0.5) * width) / N)));
  }
  // first pass, whole image
  boxRows(luma, width, height, wx);
  const b = new Float32Array(width * height);
  boxColumns(luma, b, width, height, wy);
  // second pass, rows: only at the sampled columns → height × 64
  const c = new Float64Array(height * N);
  for (let r = 0; r < height; r++) {
    const base = r * width;
    for (let j = 0; j < N; j++) c[r * N + j] = windowMean((k) => b[base + k]!, cols[j]!, width, wx <= 1 ? 0 : rx.left, wx <= 1 ? 0 : rx.right);
  }
  // second pass, columns: only at the sampled rows → 64 × 64
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) out[i * N + j] = windowMean((k) => c[k * N + j]!, rows[i]!, height, wy <= 1 ? 0 : ry.left, wy <= 1 ? 0 : ry.right);
  }
  return out;
}

/** Quality 0–100 from the sum of absolute neighbour differences in the 64×64 image (reference metric). */
export function quality64(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < N - 1; i++) {
    for (let j = 0; j < N; j++) sum += Math.trunc(Math.abs(((a[i * N + j]! - a[(i + 1) * N + j]!) * 100) / 255));
  }
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N - 1; j++) sum += Math.trunc(Math.abs(((a[i * N + j]! - a[i * N + j + 1]!) * 100) / 255));
  }
  return Math.min(100, Math.trunc(sum / 90));
}

/** The 16×16 DCT block D·A·Dᵀ of a 64×64 image (row-major, index u·16 + v). */
export function dct16(a: Float64Array): Float64Array {
  const t = new Float64Array(K * N); // D·A : 16×64
  for (let i = 0; i < K; i++) {
    for (let k = 0; k < N; k++) {
      const d = DCT[i * N + k]!;
      if (d === 0) continue;
      const ro = k * N;
      const to = i * N;
      for (let j = 0; j < N; j++) t[to + j]! += d * a[ro + j]!;
    }
  }
  const b = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += t[i * N + k]! * DCT[j * N + k]!;
      b[i * K + j] = s;
    }
  }
  return b;
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  // the reference takes the lower middle element of an even-length list (Torben's method)
  return s[(s.length - 1) >> 1]!;
}

const HEX = '0123456789abcdef';

/**
 * 256 bits from a 16×16 block: bit u·16+v is set when the coefficient exceeds the median. The hex form
 * prints sixteen 16-bit words from word 15 (row 15) down to word 0, each most significant bit first.
 */
export function hashFromDct(b: Float64Array): string {
  const m = median(b);
  let out = '';
  for (let u = K - 1; u >= 0; u--) {
    let word = 0;
    for (let v = 0; v < K; v++) if (b[u * K + v]! > m) word |= 1 << v;
    out += HEX[(word >> 12) & 15]! + HEX[(word >> 8) & 15]! + HEX[(word >> 4) & 15]! + HEX[word & 15]!;
  }
  return out;
}

/**
 * A DCT block of the transformed image. Mirroring a 64-sample axis multiplies basis k (= index + 1) by
 * (−1)^k, so coefficients with an even index change sign; transposing the image transposes the block.
 */
export function dihedralDct(b: Float64Array, name: DihedralName): Float64Array {
  const transpose = name === 'rotate90' || name === 'rotate270' || name === 'flipPlus1' || name === 'flipMinus1';
  // after the optional transpose: negate rows (vertical mirror) and/or columns (horizontal mirror) with even index
  let negRows = false;
  let negCols = false;
  switch (name) {
    case 'rotate90': negRows = true; break; // counter-clockwise: transpose, then top↔bottom
    case 'rotate270': negCols = true; break; // clockwise: transpose, then left↔right
    case 'rotate180': negRows = true; negCols = true; break;
    case 'flipX': negRows = true; break; // top↔bottom
    case 'flipY': negCols = true; break; // left↔right
    case 'flipMinus1': negRows = true; negCols = true; break; // anti-diagonal
    case 'original': case 'flipPlus1': break; // flipPlus1: transpose only
  }
  const out = new Float64Array(K * K);
  for (let u = 0; u < K; u++) {
    for (let v = 0; v < K; v++) {
      let x = transpose ? b[v * K + u]! : b[u * K + v]!;
      if ((negRows && (u & 1) === 0) !== (negCols && (v & 1) === 0)) x = -x;
      out[u * K + v] = x;
    }
  }
  return out;
}

export interface PdqInput {
  /** Interleaved 8-bit samples. */
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** Components per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
}

/** PDQ of an image given as 8-bit pixels. */
export function pdqHash(img: PdqInput): PdqResult;
export function pdqHash(img: PdqInput, opts: { dihedral: true }): PdqDihedralResult;
export function pdqHash(img: PdqInput, opts?: { dihedral?: boolean }): PdqResult | PdqDihedralResult;
export function pdqHash(img: PdqInput, opts: { dihedral?: boolean } = {}): PdqResult | PdqDihedralResult {
  const luma = luminance(img.data, img.width, img.height, img.channels);
  return pdqFromLuminance(luma, img.width, img.height, opts);
}

/** PDQ of a luminance image (0–255 floats; the buffer is overwritten by the filter). */
export function pdqFromLuminance(luma: Float32Array, width: number, height: number, opts: { dihedral?: boolean } = {}): PdqResult | PdqDihedralResult {
  const a = downsample64(luma, width, height);
  const quality = quality64(a);
  const b = dct16(a);
  const hash = hashFromDct(b);
  if (!opts.dihedral) return { hash, quality };
  const dihedral = {} as Record<DihedralName, string>;
  for (const name of DIHEDRAL_NAMES) dihedral[name] = name === 'original' ? hash : hashFromDct(dihedralDct(b, name));
  return { hash, quality, dihedral };
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Hamming distance between two 64-hex-character PDQ hashes. */
export function pdqDistance(a: string, b: string): number {
  if (!isPdqHex(a) || !isPdqHex(b)) throw new Error('a PDQ hash is 64 hexadecimal characters');
  let d = 0;
  for (let i = 0; i < 64; i++) d += POPCOUNT4[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}

export function isPdqHex(s: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(s);
}
