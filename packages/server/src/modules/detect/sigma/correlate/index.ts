// Public API of the correlation engine (see README.md).
export { CorrelationEngine, DEFAULT_ENGINE_OPTIONS } from './engine.ts';
export { SNAPSHOT_FORMAT, type EngineSnapshot } from './snapshot.ts';
export type { BaseMatch, CorrelationAlert, EngineOptions, EngineProblem, EngineStats } from './types.ts';
