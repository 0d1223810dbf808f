// Z-score standardisation fitted on the training rows; constant columns get scale 1.

export interface Scaler {
  readonly mean: number[];
  readonly scale: number[];
}

export function fitScaler(rows: readonly Float64Array[]): Scaler {
  const d = rows[0]!.length;
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  for (const r of rows) for (let j = 0; j < d; j++) scale[j]! += (r[j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scale[j]! / n);
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

export function transform(s: Scaler, rows: readonly Float64Array[]): Float64Array[] {
  const d = s.mean.length;
  return rows.map((r) => {
    const o = new Float64Array(d);
    for (let j = 0; j < d; j++) o[j] = (r[j]! - s.mean[j]!) / s.scale[j]!;
    return o;
  });
}

/** A scaler read back from a snapshot: d finite means and d positive finite scales. */
export function isScaler(s: unknown, d: number): s is Scaler {
  const x = s as Scaler | null;
  return (
    x !== null && typeof x === 'object' && Array.isArray(x.mean) && Array.isArray(x.scale) && x.mean.length === d && x.scale.length === d &&
    x.mean.every((v) => Number.isFinite(v)) && x.scale.every((v) => Number.isFinite(v) && v > 0)
  );
}
