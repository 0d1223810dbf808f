// Batch detectors by name: create with default options, restore from a snapshot.
import { type BatchDetector, type DetectorSnapshot, DetectorInputError } from './detector.ts';
import { Ensemble } from './ensemble.ts';
import { Hbos } from './hbos.ts';
import { IsolationForest } from './iforest.ts';
import { Inne } from './inne.ts';
import { Knn } from './knn.ts';
import { Loda } from './loda.ts';
import { Ecod } from './tails.ts';

export interface CreateOptions {
  readonly seed?: number;
}

const FACTORIES: Record<string, { readonly description: string; create(o: CreateOptions): BatchDetector }> = {
  iforest: { description: 'Isolation Forest, 100 trees, subsample 256 (Liu, Ting & Zhou 2008)', create: (o) => new IsolationForest(o) },
  hbos: { description: 'histogram-based outlier score, 10 bins per feature (Goldstein & Dengel 2012)', create: () => new Hbos() },
  loda: { description: 'lightweight on-line detector of anomalies, 100 sparse random projections (Pevný 2016)', create: (o) => new Loda(o) },
  ecod: { description: 'empirical-CDF outlier detection, parameter-free (Li et al. 2022)', create: () => new Ecod() },
  knn: { description: 'exact mean distance to the 10 nearest neighbours, standardised features', create: () => new Knn() },
  inne: { description: 'isolation using nearest-neighbour ensembles, 200 sets of 16 rows (Bandaragoda et al. 2018)', create: (o) => new Inne(o) },
  ensemble: { description: 'iforest and inne, z-scored and averaged: global axis-parallel isolation with local nearest-neighbour isolation', create: (o) => defaultEnsemble(o) },
};

export function defaultEnsemble(o: CreateOptions = {}): Ensemble {
  return new Ensemble([new IsolationForest(o), new Inne(o)], { combine: 'zscore' });
}

/** The detector `bulwark anomaly eval` uses when none is named. */
export const DEFAULT_BATCH_DETECTOR = 'ensemble';

export function batchDetectorNames(): string[] {
  return Object.keys(FACTORIES);
}

export function describeBatchDetectors(): Array<{ name: string; description: string }> {
  return Object.entries(FACTORIES).map(([name, f]) => ({ name, description: f.description }));
}

export function createBatchDetector(name: string, o: CreateOptions = {}): BatchDetector {
  const f = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!f) throw new DetectorInputError(`unknown detector ${JSON.stringify(name)}; known: ${batchDetectorNames().join(', ')}`);
  return f.create(o);
}

export function restoreBatchDetector(s: DetectorSnapshot): BatchDetector {
  switch (s?.detector) {
    case 'iforest':
      return IsolationForest.restore(s);
    case 'hbos':
      return Hbos.restore(s);
    case 'loda':
      return Loda.restore(s);
    case 'ecod':
      return Ecod.restore(s);
    case 'knn':
      return Knn.restore(s);
    case 'inne':
      return Inne.restore(s);
    case 'ensemble':
      return Ensemble.restore(s, restoreBatchDetector);
    default:
      throw new DetectorInputError(`not a detector snapshot: ${JSON.stringify(String(s?.detector))}`);
  }
}
