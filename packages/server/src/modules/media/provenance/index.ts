// C2PA provenance: read and validate Content Credentials offline (see ../README.md, "Provenance").
export { ProvenanceReader, readProvenance, readerContext, loadTrustAnchors, provenanceOptionsFromConfig, type ProvenanceOptions } from './reader.ts';
export { AI_SOURCE_TYPES, buildReport, shortSourceType, type ProvenanceReport, type ProvenanceStatus, type ValidationCode } from './report.ts';
export { sniffFormat } from './format.ts';
export { capMemory } from './wasm.ts';
export { checkDataHash, type DataHashCheck } from './datahash.ts';
export { decodeCbor } from './cbor.ts';
