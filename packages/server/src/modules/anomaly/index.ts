// Public API of the anomaly module (DESIGN.md: other modules and the CLI import only from here).
export * as nab from './nab/index.ts';
