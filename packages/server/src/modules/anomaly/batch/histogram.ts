// Equal-width histograms shared by HBOS and LODA: a value's bin height, normalised or as a density.

export interface Histogram {
  readonly lo: number;
  readonly width: number;
  readonly counts: number[];
}

export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(lo, width, bins, values[i]!)]!++;
  return { lo, width, counts };
}

function binOf(lo: number, width: number, bins: number, v: number): number {
  const b = Math.floor((v - lo) / width);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** The count of v's bin, or 0 when v lies outside the range seen at fit (beyond half a bin). */
export function countAt(h: Histogram, v: number): number {
  const bins = h.counts.length;
  const pos = (v - h.lo) / h.width;
  if (pos < -0.5 || pos > bins + 0.5) return 0;
  return h.counts[binOf(h.lo, h.width, bins, v)]!;
}
