// Multivariate batch detectors: fit on rows of numeric features, score rows (higher = more anomalous).
export { type BatchDetector, type DetectorSnapshot, type Rows, LIMITS as BATCH_LIMITS, DetectorInputError, NotFittedError, checkRows } from './detector.ts';
export { createBatchDetector, restoreBatchDetector, batchDetectorNames, describeBatchDetectors, defaultEnsemble, DEFAULT_BATCH_DETECTOR, type CreateOptions } from './registry.ts';
export { IsolationForest, cFactor, type IsolationForestOptions } from './iforest.ts';
export { Hbos, type HbosOptions } from './hbos.ts';
export { Loda, type LodaOptions } from './loda.ts';
export { Ecod } from './tails.ts';
export { Knn, type KnnOptions } from './knn.ts';
export { Inne, type InneOptions } from './inne.ts';
export { Ensemble, type Combine } from './ensemble.ts';
export { seeded, type Random } from './random.ts';
