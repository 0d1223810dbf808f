// NAB scoring (Lavin & Ahmad 2015; rules as summarised in the corpus's SCORING.md): anomaly windows,
// the scaled sigmoid, the probationary period, the three cost profiles, a corpus-wide threshold sweep and
// normalisation between the null and the perfect detector. Pure functions over arrays: no file access.

export interface CostProfile {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The cost matrices of NAB's config/profiles.json (tnWeight is never used by the score). */
export const PROFILES: Readonly<Record<ProfileName, CostProfile>> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

/** One series to score: its length and its anomaly windows as inclusive row index ranges, in order. */
export interface LabelledSeries {
  readonly name: string;
  readonly length: number;
  readonly windows: ReadonlyArray<readonly [number, number]>;
}

export interface FileScore {
  readonly name: string;
  readonly score: number;
  readonly tp: number;
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly total: number;
}

/** Rows ignored at the start of a series of n rows: 15 %, at most 750. */
export function probationLength(n: number): number {
  return Math.min(Math.floor(0.15 * n), 750);
}

/** The scaled sigmoid A(y) = 2σ(−5y) − 1, and −1 beyond y = 3. */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

const A_FIRST = scaledSigmoid(-1);

/**
 * Per-row weights of a series under one profile, independent of the detector: for a row in window k
 * (index into series.windows) its TP value; for a row outside, its (negative) FP value. Probationary
 * rows get window −2 and are never counted.
 */
export interface RowWeights {
  /** −2: probationary; −1: outside every window; k ≥ 0: inside window k. */
  readonly window: Int32Array;
  /** TP value inside a window, FP value (≤ 0) outside. */
  readonly value: Float64Array;
  /** Windows with at least one scored row. */
  readonly scoredWindows: boolean[];
}

export function rowWeights(series: LabelledSeries, profile: CostProfile): RowWeights {
  const n = series.length;
  const probation = probationLength(n);
  const window = new Int32Array(n).fill(-1);
  const value = new Float64Array(n);
  const scoredWindows = series.windows.map(([, b]) => b >= probation);
  for (let k = 0; k < series.windows.length; k++) {
    const [a, b] = series.windows[k]!;
    const w = b - a + 1;
    for (let i = Math.max(a, 0); i <= b && i < n; i++) {
      window[i] = k;
      value[i] = (scaledSigmoid(-(b - i + 1) / w) / A_FIRST) * profile.tpWeight;
    }
  }
  let last = -1; // index of the most recent window that has ended
  let next = 0;
  for (let i = 0; i < n; i++) {
    while (next < series.windows.length && series.windows[next]![1] < i) last = next++;
    if (window[i]! >= 0) continue;
    if (last < 0) value[i] = -profile.fpWeight;
    else {
      const [a, b] = series.windows[last]!;
      const w = b - a + 1;
      value[i] = scaledSigmoid((i - b) / (w - 1)) * profile.fpWeight;
    }
  }
  for (let i = 0; i < probation && i < n; i++) window[i] = -2;
  return { window, value, scoredWindows };
}

/** Score of one series at a threshold (a row is a detection when score ≥ threshold). */
export function scoreFile(series: LabelledSeries, scores: ArrayLike<number>, threshold: number, profile: CostProfile, weights = rowWeights(series, profile)): FileScore {
  const best = series.windows.map(() => Number.NEGATIVE_INFINITY);
  let fpSum = 0;
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < series.length; i++) {
    const k = weights.window[i]!;
    if (k === -2) continue;
    const hit = scores[i]! >= threshold;
    if (k >= 0) {
      if (hit) {
        tp++;
        if (weights.value[i]! > best[k]!) best[k] = weights.value[i]!;
      } else fn++;
    } else if (hit) {
      fp++;
      fpSum += weights.value[i]!;
    } else tn++;
  }
  let score = fpSum;
  for (let k = 0; k < best.length; k++) {
    if (!weights.scoredWindows[k]) continue;
    score += best[k] === Number.NEGATIVE_INFINITY ? -profile.fnWeight : best[k]!;
  }
  return { name: series.name, score, tp, tn, fp, fn, total: series.length };
}

export interface SweepResult {
  readonly threshold: number;
  /** Raw corpus score at that threshold. */
  readonly raw: number;
}

/**
 * NAB's threshold optimisation: sweeps every distinct score from high to low (starting with "nothing
 * detected") and returns the threshold with the highest raw corpus score; on a tie the higher threshold.
 * O(R log R) over all R rows: each row changes the corpus score by a known amount when it turns into a detection.
 */
export function optimiseThreshold(items: ReadonlyArray<{ series: LabelledSeries; scores: ArrayLike<number> }>, profile: CostProfile): SweepResult {
  let rows = 0;
  for (const it of items) rows += it.series.length;
  const score = new Float64Array(rows);
  const gain = new Float64Array(rows); // FP value, or TP value for window rows
  const win = new Int32Array(rows); // global window id, −1 outside
  let raw = 0;
  let windows = 0;
  let r = 0;
  for (const it of items) {
    const w = rowWeights(it.series, profile);
    for (let k = 0; k < it.series.windows.length; k++) if (w.scoredWindows[k]) raw -= profile.fnWeight;
    for (let i = 0; i < it.series.length; i++) {
      const k = w.window[i]!;
      if (k === -2) continue;
      score[r] = it.scores[i]!;
      gain[r] = w.value[i]!;
      win[r] = k >= 0 ? windows + k : -1;
      r++;
    }
    windows += it.series.windows.length;
  }
  const order = new Uint32Array(r);
  for (let i = 0; i < r; i++) order[i] = i;
  order.sort((x, y) => score[y]! - score[x]!);
  const contrib = new Float64Array(windows).fill(-profile.fnWeight);
  let bestRaw = raw;
  let bestThreshold = r > 0 ? score[order[0]!]! + 1 : 1.1;
  for (let j = 0; j < r; ) {
    const s = score[order[j]!]!;
    for (; j < r && score[order[j]!]! === s; j++) {
      const i = order[j]!;
      const k = win[i]!;
      if (k < 0) raw += gain[i]!;
      else if (gain[i]! > contrib[k]!) {
        raw += gain[i]! - contrib[k]!;
        contrib[k] = gain[i]!;
      }
    }
    if (raw > bestRaw + 1e-12) {
      bestRaw = raw;
      bestThreshold = s;
    }
  }
  return { threshold: bestThreshold, raw: bestRaw };
}

/** Raw corpus scores of the null detector (every window missed) and of the perfect one. */
export function nullAndPerfect(series: ReadonlyArray<LabelledSeries>, profile: CostProfile): { null: number; perfect: number } {
  let windows = 0;
  for (const s of series) {
    const p = probationLength(s.length);
    for (const [, b] of s.windows) if (b >= p) windows++;
  }
  return { null: -profile.fnWeight * windows, perfect: profile.tpWeight * windows };
}

/** NAB's normalised score: 0 for the null detector, 100 for the perfect one. */
export function normalise(raw: number, bounds: { null: number; perfect: number }): number {
  return (100 * (raw - bounds.null)) / (bounds.perfect - bounds.null);
}

export interface ProfileReport {
  readonly profile: ProfileName;
  readonly threshold: number;
  readonly raw: number;
  readonly normalised: number;
  readonly tp: number;
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  /** Windows with at least one detection, and windows in all. */
  readonly windowsDetected: number;
  readonly windows: number;
  readonly files: FileScore[];
}

/** Scores a detector's output over a corpus for one profile, at a given threshold or at the optimum. */
export function scoreCorpus(items: ReadonlyArray<{ series: LabelledSeries; scores: ArrayLike<number> }>, profileName: ProfileName, threshold?: number): ProfileReport {
  const profile = PROFILES[profileName];
  const t = threshold ?? optimiseThreshold(items, profile).threshold;
  const files: FileScore[] = [];
  let raw = 0;
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let windowsDetected = 0;
  let windows = 0;
  for (const it of items) {
    const w = rowWeights(it.series, profile);
    const f = scoreFile(it.series, it.scores, t, profile, w);
    files.push(f);
    raw += f.score;
    tp += f.tp;
    tn += f.tn;
    fp += f.fp;
    fn += f.fn;
    for (let k = 0; k < it.series.windows.length; k++) {
      if (!w.scoredWindows[k]) continue;
      windows++;
      const [a, b] = it.series.windows[k]!;
      for (let i = a; i <= b; i++) {
        if (it.scores[i]! >= t) {
          windowsDetected++;
          break;
        }
      }
    }
  }
  const normalised = normalise(raw, nullAndPerfect(items.map((i) => i.series), profile));
  return { profile: profileName, threshold: t, raw, normalised, tp, tn, fp, fn, windowsDetected, windows, files };
}
