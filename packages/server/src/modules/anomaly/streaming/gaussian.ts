// Windowed Gaussian: the score is how far the value lies in the tail of a normal fitted to the last W
// values (1 − Q(|z|)·2 style). A deliberately plain baseline, used to check the benchmark harness.
import { clamp01, expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { normalTail, Ring, type RingState } from './stats.ts';

const KIND = 'windowed-gaussian';

class WindowedGaussian implements StreamingDetector {
  readonly kind = KIND;
  readonly ring: Ring;
  n = 0;
  constructor(window: number, ring = new Ring(window)) {
    this.ring = ring;
  }
  update(value: number): number {
    const r = this.ring;
    let score = 0;
    if (r.count >= 2) {
      const sd = Math.sqrt(r.variance());
      const z = sd > 0 ? Math.abs(value - r.mean()) / sd : value === r.mean() ? 0 : 10;
      score = clamp01(1 - 2 * normalTail(z));
    }
    r.push(value);
    if (++this.n % 1000 === 0) r.resum();
    return score;
  }
  snapshot(): DetectorState {
    return { kind: KIND, version: 1, n: this.n, ring: this.ring.toJSON() };
  }
}

export const windowedGaussian: DetectorKind = {
  kind: KIND,
  description: 'normal tail of the value against the last W values (baseline)',
  create(options?: DetectorOptions) {
    return new WindowedGaussian(numberOption(options, 'window', 6400, 2, 1e6));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const ring = Ring.from(state['ring'] as RingState);
    const d = new WindowedGaussian(ring.size, ring);
    d.n = state['n'] as number;
    return d;
  },
};
