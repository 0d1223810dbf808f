// Streaming detectors by name: create one with options, or restore one from its snapshot.
import type { DetectorKind, DetectorOptions, DetectorState, StreamingDetector } from './detector.ts';
import { windowedGaussian } from './gaussian.ts';
import { halfSpaceTrees } from './hst.ts';
import { novelty } from './novelty.ts';
import { noveltyForest } from './novelty-forest.ts';
import { randomCutForest } from './rcf.ts';

const KINDS: readonly DetectorKind[] = [novelty, noveltyForest, randomCutForest, halfSpaceTrees, windowedGaussian];

/** Our best streaming detector on NAB. */
export const BEST_STREAMING_DETECTOR = 'novelty';

export function detectorKinds(): ReadonlyArray<{ kind: string; description: string }> {
  return KINDS.map(({ kind, description }) => ({ kind, description }));
}

function find(kind: string): DetectorKind {
  const k = KINDS.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown streaming detector ${JSON.stringify(kind)} (known: ${KINDS.map((x) => x.kind).join(', ')})`);
  return k;
}

/** A value that is not a finite number (a gap, a parse error) scores 0 and leaves the state as it was. */
function finiteOnly(d: StreamingDetector): StreamingDetector {
  return {
    kind: d.kind,
    update: (value, timestampMs) => (Number.isFinite(value) ? d.update(value, timestampMs) : 0),
    snapshot: () => d.snapshot(),
  };
}

export function createDetector(kind: string, options?: DetectorOptions): StreamingDetector {
  return finiteOnly(find(kind).create(options));
}

export function restoreDetector(state: DetectorState): StreamingDetector {
  return finiteOnly(find(state.kind).restore(state));
}
