// The common interface of the multivariate batch detectors: fit on rows of numeric features, score rows
// (higher = more anomalous), and a plain-JSON snapshot to persist a fitted model.

export type Rows = readonly (Float64Array | readonly number[])[];

/** A fitted model as plain JSON: `detector` names the registry entry that restores it. */
export interface DetectorSnapshot {
  readonly detector: string;
  readonly version: 1;
  readonly state: unknown;
}

export interface BatchDetector {
  readonly name: string;
  fit(rows: Rows): this;
  /** One score per row; higher means more anomalous. Only comparable between rows scored by the same model. */
  score(rows: Rows): number[];
  /** fit(rows) then score(rows). */
  fitScore(rows: Rows): number[];
  snapshot(): DetectorSnapshot;
}

export const LIMITS = {
  /** Rows accepted by fit or score. */
  maxRows: 1_000_000,
  /** Feature columns. */
  maxColumns: 10_000,
  /** rows × columns. */
  maxCells: 100_000_000,
} as const;

export class DetectorInputError extends Error {
  readonly code = 'anomaly.invalid_input';
}

/** Checks shape and values and returns the rows as Float64Arrays (copies only when needed). */
export function checkRows(rows: Rows, expectedColumns?: number): Float64Array[] {
  if (!Array.isArray(rows)) throw new DetectorInputError('rows must be an array of numeric rows');
  if (rows.length === 0) throw new DetectorInputError('no rows');
  if (rows.length > LIMITS.maxRows) throw new DetectorInputError(`${rows.length} rows: at most ${LIMITS.maxRows} are accepted`);
  const first = rows[0];
  const d = expectedColumns ?? first?.length ?? 0;
  if (d === 0) throw new DetectorInputError('rows have no columns');
  if (d > LIMITS.maxColumns) throw new DetectorInputError(`${d} columns: at most ${LIMITS.maxColumns} are accepted`);
  if (rows.length * d > LIMITS.maxCells) throw new DetectorInputError(`${rows.length} × ${d} values: at most ${LIMITS.maxCells} are accepted`);
  const out = new Array<Float64Array>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === undefined || (r.length !== d)) {
      throw new DetectorInputError(`row ${i} has ${r?.length ?? 0} columns, expected ${d}${expectedColumns !== undefined ? ' (as at fit)' : ''}`);
    }
    const a = r instanceof Float64Array ? r : Float64Array.from(r);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(a[j])) throw new DetectorInputError(`row ${i}, column ${j}: ${String(r[j])} is not a finite number`);
    }
    out[i] = a;
  }
  return out;
}

export class NotFittedError extends Error {
  readonly code = 'anomaly.not_fitted';
  constructor(name: string) {
    super(`${name}: score() before fit()`);
  }
}

export function checkSnapshot(s: DetectorSnapshot, name: string): Record<string, unknown> {
  if (s === null || typeof s !== 'object' || s.detector !== name || s.version !== 1 || s.state === null || typeof s.state !== 'object') {
    throw new DetectorInputError(`not a ${name} snapshot (version 1)`);
  }
  return s.state as Record<string, unknown>;
}
