// Public surface of the native EVTX reader.
export { readEvtx, readEvtxFile, type EvtxDamage, type EvtxItem, type EvtxReading, type EvtxRecord, type EvtxSummary, type ReadEvtxOptions } from './reader.ts';
export type { FileHeader } from './header.ts';
