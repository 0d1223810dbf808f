// Streaming detectors by name: create one with options, or restore one from its snapshot.
import type { DetectorKind, DetectorOptions, DetectorState, StreamingDetector } from './detector.ts';
import { windowedGaussian } from './gaussian.ts';
import { halfSpaceTrees } from './hst.ts';
import { novelty } from './novelty.ts';
import { noveltyForest } from './novelty-forest.ts';
import { randomCutForest } from './rcf.ts';

const KINDS: readonly DetectorKind[] = [noveltyForest, novelty, randomCutForest, halfSpaceTrees, windowedGaussian];

/** Our best streaming detector on NAB. */
export const BEST_STREAMING_DETECTOR = 'novelty-forest';

export function detectorKinds(): ReadonlyArray<{ kind: string; description: string }> {
  return KINDS.map(({ kind, description }) => ({ kind, description }));
}

function find(kind: string): DetectorKind {
  const k = KINDS.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown streaming detector ${JSON.stringify(kind)} (known: ${KINDS.map((x) => x.kind).join(', ')})`);
  return k;
}

export function createDetector(kind: string, options?: DetectorOptions): StreamingDetector {
  return find(kind).create(options);
}

export function restoreDetector(state: DetectorState): StreamingDetector {
  return find(state.kind).restore(state);
}
