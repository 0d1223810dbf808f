// Baselines for the anomaly jobs: seeded, deterministic, bounded, and serialisable as JSON.
export { Ewma, type EwmaState } from './ewma.ts';
export { HoltWinters, type HoltWintersOptions, type HoltWintersState } from './holt-winters.ts';
export { CountMinSketch, type CountMinState } from './count-min.ts';
export { FirstSeen, type FirstSeenState } from './first-seen.ts';
export { hash32, prng } from './hash.ts';
