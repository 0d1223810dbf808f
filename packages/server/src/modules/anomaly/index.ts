// Public API of the anomaly module (DESIGN.md: other modules and the CLI import only from here).
export * as nab from './nab/index.ts';
export * as batch from './batch/index.ts';
export * as evaluation from './eval/index.ts';
export * as streaming from './streaming/index.ts';
export { createAnomaly, type AnomalyModule } from './module.ts';
export * as securityJobs from './jobs/index.ts';
export * as logGenerator from './generator/index.ts';
export { evaluateCsv as anomalyEvalCsv } from './eval/index.ts';
export { geoPathsOf, loadGeo, type GeoLookup } from './geo/geo.ts';
