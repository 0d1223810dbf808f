// "novelty-forest": the novelty detector (values and moving means beyond the
// known range) and a small Random Cut Forest (isolation-depth score: anomalies inside the range, such as a
// changed shape at a normal level), combined by max(novelty, forest − offset). The offset keeps the forest
// quiet except where it is far more certain than usual. One refractory period over the combined score
// turns a burst into one detection (see novelty.ts). State: both detectors' snapshots and the last R scores.
// On NAB the forest added 1.7 points before novelty had its hour-of-day view, and about nothing since.
import { expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { novelty } from './novelty.ts';
import { randomCutForest } from './rcf.ts';
import { Ring, type RingState } from './stats.ts';

const KIND = 'novelty-forest';

interface Settings {
  offset: number;
  refractory: number;
}

class NoveltyForest implements StreamingDetector {
  readonly kind = KIND;
  readonly s: Settings;
  readonly novelty: StreamingDetector;
  readonly forest: StreamingDetector;
  readonly given: Ring;
  constructor(s: Settings, nov: StreamingDetector, forest: StreamingDetector, given = new Ring(Math.max(1, s.refractory))) {
    this.s = s;
    this.novelty = nov;
    this.forest = forest;
    this.given = given;
  }
  update(value: number, timestampMs: number): number {
    const a = this.novelty.update(value, timestampMs);
    const b = this.forest.update(value, timestampMs) - this.s.offset;
    const score = a > b ? a : b > 0 ? b : 0;
    let peak = 0;
    for (let k = 0; k < this.given.count && k < this.s.refractory; k++) peak = Math.max(peak, this.given.back(k));
    const out = score > peak ? score : 0;
    this.given.push(out);
    return out;
  }
  snapshot(): DetectorState {
    return { kind: KIND, version: 1, settings: { ...this.s }, novelty: this.novelty.snapshot(), forest: this.forest.snapshot(), given: this.given.toJSON() };
  }
}

function settings(o?: DetectorOptions): Settings {
  return {
    offset: numberOption(o, 'offset', 0.2, 0, 1),
    refractory: numberOption(o, 'refractory', 100, 0, 100_000),
  };
}

export const noveltyForest: DetectorKind = {
  kind: KIND,
  description: 'novelty plus a 30-tree Random Cut Forest for in-range anomalies, with a refractory period',
  create(options?: DetectorOptions) {
    const s = settings(options);
    const nov = novelty.create({
      refractory: 0,
      ...(options?.['smoothWindow'] !== undefined ? { smoothWindow: options['smoothWindow'] } : {}),
      ...(options?.['halfLife'] !== undefined ? { halfLife: options['halfLife'] } : {}),
      ...(options?.['daily'] !== undefined ? { daily: options['daily'] } : {}),
    });
    const forest = randomCutForest.create({
      trees: numberOption(options, 'trees', 30, 1, 1000),
      seed: numberOption(options, 'seed', 1, 0, 2 ** 32 - 1),
      ...(options?.['sampleSize'] !== undefined ? { sampleSize: options['sampleSize'] } : {}),
      ...(options?.['shingleSize'] !== undefined ? { shingleSize: options['shingleSize'] } : {}),
      ...(options?.['decay'] !== undefined ? { decay: options['decay'] } : {}),
    });
    return new NoveltyForest(s, nov, forest);
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const s = settings(state['settings'] as DetectorOptions);
    return new NoveltyForest(s, novelty.restore(state['novelty'] as DetectorState), randomCutForest.restore(state['forest'] as DetectorState), Ring.from(state['given'] as RingState));
  },
};
