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
