// Streaming detectors: the contract, the registry and the detectors.
export type { StreamingDetector, DetectorState, DetectorOptions, DetectorKind } from './detector.ts';
export { createDetector, restoreDetector, detectorKinds, BEST_STREAMING_DETECTOR } from './registry.ts';
export { Prng } from './prng.ts';
