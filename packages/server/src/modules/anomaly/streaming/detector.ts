// The streaming detector contract: one value at a time, a score in [0, 1] that uses only what came
// before, and the whole state as plain JSON so a detector survives a restart (snapshot → JSON → restore).

export interface StreamingDetector {
  /** Registry name of the kind of detector. */
  readonly kind: string;
  /** Takes the next value of the series and returns its anomaly score in [0, 1]. */
  update(value: number, timestampMs: number): number;
  /** The full state as plain JSON (numbers, strings, arrays, objects): restoring it gives the same future scores. */
  snapshot(): DetectorState;
}

export interface DetectorState {
  readonly kind: string;
  readonly version: number;
  readonly [key: string]: unknown;
}

export interface DetectorOptions {
  /** Seed of the detector's PRNG (detectors without random choices ignore it). */
  readonly seed?: number;
  readonly [key: string]: unknown;
}

export interface DetectorKind {
  readonly kind: string;
  readonly description: string;
  create(options?: DetectorOptions): StreamingDetector;
  restore(state: DetectorState): StreamingDetector;
}

/** Checks a snapshot's kind and version before a detector reads it. */
export function expectState(state: DetectorState, kind: string, version: number): void {
  if (state.kind !== kind || state.version !== version) throw new Error(`not a ${kind} v${version} snapshot: ${String(state.kind)} v${String(state.version)}`);
}

/** Reads a numeric option with a default and bounds. */
export function numberOption(options: DetectorOptions | undefined, key: string, fallback: number, min: number, max: number): number {
  const v = options?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Error(`option ${key} must be a number in [${min}, ${max}]`);
  return v;
}

export const clamp01 = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);
