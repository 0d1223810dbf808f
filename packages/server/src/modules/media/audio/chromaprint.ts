// Chromaprint-compatible audio fingerprint ("algorithm 2", fpcalc's default), written from the published
// description of how Chromaprint works: the signal (mono, 11,025 Hz) is cut into frames of 4,096 samples
// every 1,365 samples, each frame is windowed (Hamming) and transformed (FFT); the power spectrum between
// 28 and 3,520 Hz is folded into 12 chroma bands; the chroma vectors are smoothed over time with a
// 5-tap filter and scaled to unit length; 16 classifiers (a Haar-like filter over a time × chroma
// window of the resulting image, then quantised into 4 levels, Gray-coded) give 2 bits each of one
// 32-bit sub-fingerprint per frame.

export const SAMPLE_RATE = 11025;
export const FRAME_SIZE = 4096;
export const FRAME_STEP = 1365; // FRAME_SIZE - overlap (4096 - 2731)
export const MIN_FREQ = 28;
export const MAX_FREQ = 3520;
const BANDS = 12;
const CHROMA_FILTER = [0.25, 0.75, 1.0, 0.75, 0.25];
const NORM_THRESHOLD = 0.01;
/** Seconds covered by one sub-fingerprint step. */
export const ITEM_SECONDS = FRAME_STEP / SAMPLE_RATE;

/** One classifier: filter type (0-5), first chroma band, height in bands, width in frames; three thresholds. */
interface Classifier {
  type: number;
  y: number;
  height: number;
  width: number;
  t: [number, number, number];
}

function c(type: number, y: number, height: number, width: number, t0: number, t1: number, t2: number): Classifier {
  return { type, y, height, width, t: [t0, t1, t2] };
}

// Algorithm 2's trained classifiers (filter type, band, height, width; quantisation thresholds).
const CLASSIFIERS: readonly Classifier[] = [
  c(0, 4, 3, 15, 1.98215, 2.35817, 2.63523),
  c(4, 4, 6, 15, -1.03809, -0.651211, -0.282167),
  c(1, 0, 4, 16, -0.298702, 0.119262, 0.558497),
  c(3, 8, 2, 12, -0.105439, 0.0153946, 0.135898),
  c(3, 4, 4, 8, -0.142891, 0.0258736, 0.200632),
  c(4, 0, 3, 5, -0.826319, -0.590612, -0.368214),
  c(1, 2, 2, 9, -0.557409, -0.233035, 0.0534525),
  c(2, 7, 3, 4, -0.0646826, 0.00620476, 0.0784847),
  c(2, 6, 2, 16, -0.192387, -0.029699, 0.215855),
  c(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026),
  c(5, 10, 1, 15, -0.53823, -0.369934, -0.190235),
  c(3, 6, 2, 10, -0.124877, 0.0296483, 0.139239),
  c(2, 1, 1, 14, -0.101475, 0.0225617, 0.231971),
  c(3, 5, 6, 4, -0.0799915, -0.00729616, 0.063262),
  c(1, 9, 2, 12, -0.272556, 0.019424, 0.302559),
  c(3, 4, 2, 14, -0.164292, -0.0321188, 0.08463),
];
const MAX_WIDTH = Math.max(...CLASSIFIERS.map((k) => k.width));
const GRAY = [0, 1, 3, 2];

/** In-place iterative radix-2 complex FFT over (re, im) of length n (a power of two). */
class Fft {
  readonly n: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  constructor(n: number) {
    this.n = n;
    this.cos = new Float64Array(n / 2);
    this.sin = new Float64Array(n / 2);
    for (let i = 0; i < n / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / n);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / n);
    }
    const bits = Math.log2(n);
    this.rev = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
      this.rev[i] = r;
    }
  }
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const j = this.rev[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!;
          const wi = this.sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a] = re[a]! + xr;
          im[a] = im[a]! + xi;
        }
      }
    }
  }
}

let fftCache: Fft | undefined;
let windowCache: Float64Array | undefined;

/** Chroma band (0-11) of each FFT bin in [minBin, maxBin), -1 outside. */
function chromaBands(): { minBin: number; maxBin: number; band: Int8Array } {
  const freqToBin = (f: number) => Math.round((FRAME_SIZE * f) / SAMPLE_RATE);
  const minBin = Math.max(1, freqToBin(MIN_FREQ));
  const maxBin = Math.min(FRAME_SIZE / 2, freqToBin(MAX_FREQ));
  const band = new Int8Array(FRAME_SIZE / 2 + 1).fill(-1);
  const base = 440 / 16; // A0 = 27.5 Hz: octaves counted from A
  for (let i = minBin; i < maxBin; i++) {
    const freq = (i * SAMPLE_RATE) / FRAME_SIZE;
    const octave = Math.log2(freq / base);
    band[i] = Math.floor(BANDS * (octave - Math.floor(octave)));
  }
  return { minBin, maxBin, band };
}

/** The 12-band chroma vector of every frame (before smoothing), frames × 12, row-major. */
export function chromaFrames(samples: Int16Array): Float64Array[] {
  if (samples.length < FRAME_SIZE) return [];
  const fft = (fftCache ??= new Fft(FRAME_SIZE));
  if (!windowCache) {
    windowCache = new Float64Array(FRAME_SIZE);
    // Hamming window; samples scaled to [-1, 1].
    for (let i = 0; i < FRAME_SIZE; i++) windowCache[i] = (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME_SIZE - 1))) / 32767;
  }
  const win = windowCache;
  const { minBin, maxBin, band } = chromaBands();
  const re = new Float64Array(FRAME_SIZE);
  const im = new Float64Array(FRAME_SIZE);
  const out: Float64Array[] = [];
  for (let start = 0; start + FRAME_SIZE <= samples.length; start += FRAME_STEP) {
    for (let i = 0; i < FRAME_SIZE; i++) {
      re[i] = samples[start + i]! * win[i]!;
      im[i] = 0;
    }
    fft.transform(re, im);
    const chroma = new Float64Array(BANDS);
    for (let i = minBin; i < maxBin; i++) chroma[band[i]!]! += re[i]! * re[i]! + im[i]! * im[i]!;
    out.push(chroma);
  }
  return out;
}

/** Smoothing over time with the 5-tap kernel, then each vector scaled to unit Euclidean length. */
function smoothAndNormalise(frames: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  const k = CHROMA_FILTER.length;
  for (let t = 0; t + k <= frames.length; t++) {
    const v = new Float64Array(BANDS);
    for (let j = 0; j < k; j++) {
      const f = frames[t + j]!;
      for (let b = 0; b < BANDS; b++) v[b]! += CHROMA_FILTER[j]! * f[b]!;
    }
    let norm = 0;
    for (let b = 0; b < BANDS; b++) norm += v[b]! * v[b]!;
    norm = Math.sqrt(norm);
    if (norm < NORM_THRESHOLD) v.fill(0);
    else for (let b = 0; b < BANDS; b++) v[b]! /= norm;
    out.push(v);
  }
  return out;
}

/** Summed-area table over rows (time) × 12 columns (bands), with a zero row and column in front. */
class Integral {
  private readonly s: Float64Array;
  constructor(rows: Float64Array[]) {
    const w = BANDS + 1;
    this.s = new Float64Array((rows.length + 1) * w);
    for (let r = 0; r < rows.length; r++) {
      let line = 0;
      for (let b = 0; b < BANDS; b++) {
        line += rows[r]![b]!;
        this.s[(r + 1) * w + b + 1] = this.s[r * w + b + 1]! + line;
      }
    }
  }
  /** Sum over rows [x1, x2) and bands [y1, y2). */
  area(x1: number, y1: number, x2: number, y2: number): number {
    if (x2 <= x1 || y2 <= y1) return 0;
    const w = BANDS + 1;
    return this.s[x2 * w + y2]! - this.s[x1 * w + y2]! - this.s[x2 * w + y1]! + this.s[x1 * w + y1]!;
  }
}

const cmp = (a: number, b: number) => Math.log((1 + a) / (1 + b));

/** Haar-like filter response at time x: width w frames from x, bands y..y+h. */
function filter(img: Integral, k: Classifier, x: number): number {
  const { type, y, height: h, width: w } = k;
  switch (type) {
    case 0:
      return cmp(img.area(x, y, x + w, y + h), 0);
    case 1: {
      // upper half of the bands against the lower half
      const h2 = Math.floor(h / 2);
      return cmp(img.area(x, y + h2, x + w, y + h), img.area(x, y, x + w, y + h2));
    }
    case 2: {
      // later half of the frames against the earlier half
      const w2 = Math.floor(w / 2);
      return cmp(img.area(x + w2, y, x + w, y + h), img.area(x, y, x + w2, y + h));
    }
    case 3: {
      // checkerboard of four quadrants
      const w2 = Math.floor(w / 2);
      const h2 = Math.floor(h / 2);
      const a = img.area(x, y + h2, x + w2, y + h) + img.area(x + w2, y, x + w, y + h2);
      const b = img.area(x, y, x + w2, y + h2) + img.area(x + w2, y + h2, x + w, y + h);
      return cmp(a, b);
    }
    case 4: {
      // middle third of the bands against the outer thirds
      const h3 = Math.floor(h / 3);
      const a = img.area(x, y + h3, x + w, y + 2 * h3);
      const b = img.area(x, y, x + w, y + h3) + img.area(x, y + 2 * h3, x + w, y + h);
      return cmp(a, b);
    }
    default: {
      // middle third of the frames against the outer thirds
      const w3 = Math.floor(w / 3);
      const a = img.area(x + w3, y, x + 2 * w3, y + h);
      const b = img.area(x, y, x + w3, y + h) + img.area(x + 2 * w3, y, x + w, y + h);
      return cmp(a, b);
    }
  }
}

function quantise(v: number, t: [number, number, number]): number {
  if (v < t[1]) return v < t[0] ? 0 : 1;
  return v < t[2] ? 2 : 3;
}

/**
 * Raw fingerprint of mono 11,025 Hz signed 16-bit samples: one unsigned 32-bit sub-fingerprint per
 * 1,365 samples (about 0.124 s), the same values as `fpcalc -raw` prints.
 */
export function chromaprint(samples: Int16Array): Uint32Array {
  const image = smoothAndNormalise(chromaFrames(samples));
  const count = image.length - MAX_WIDTH + 1;
  if (count <= 0) return new Uint32Array(0);
  const img = new Integral(image);
  const out = new Uint32Array(count);
  for (let x = 0; x < count; x++) {
    let bits = 0;
    for (const k of CLASSIFIERS) bits = ((bits << 2) | GRAY[quantise(filter(img, k, x), k.t)]!) >>> 0;
    out[x] = bits;
  }
  return out;
}
