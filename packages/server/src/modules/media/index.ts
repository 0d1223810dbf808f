// Public API of the media module (DESIGN.md: other modules and the CLI import only from here).
export * as provenance from './provenance/index.ts';
export { readProvenance, ProvenanceReader, type ProvenanceReport, type ProvenanceOptions } from './provenance/index.ts';
export { pdqHash, pdqFromLuminance, pdqDistance, isPdqHex, DIHEDRAL_NAMES, type DihedralName, type PdqResult, type PdqDihedralResult, type PdqInput } from './pdq/pdq.ts';
export { decodeImage, ImageDecodeError, DEFAULT_LIMITS as IMAGE_DECODE_LIMITS, type DecodeLimits, type DecodedImage } from './decode/decode.ts';
export { detectFileType, type FileType, type MediaKind } from './hash/filetype.ts';
export { hashMedia, hashMediaFile, type MediaHashOptions, type MediaHashResult } from './hash/hash.ts';
export { hashFilesIsolated, type IsolatedOptions, type IsolatedResult } from './hash/isolated.ts';
export { audioFingerprint, audioFingerprintFile, audioFingerprintBytes, audioHashFields, matchFingerprints as matchAudioFingerprints, compressFingerprint as compressChromaprint, decompressFingerprint as decompressChromaprint, rawToBase64 as chromaprintRawToBase64, rawFromBase64 as chromaprintRawFromBase64, MediaDecodeError, AudioFingerprintIndex, type AudioFingerprint, type AudioMatch, type AudioMatchOptions, type AudioDecodeLimits, type AudioSearchHit, type AudioSearchOptions } from './audio/index.ts';
export { PdqIndex, DEFAULT_PDQ_DISTANCE, parsePdqHex, pdqToHex, type PdqMatch } from './match/index.ts';
export { vpdqHashFile, formatVpdq, type VpdqFrame, type VpdqOptions, type VpdqResult } from './video/index.ts';
export { matchVpdq, isVpdqMatch, parseVpdqHashes, VPDQ_DEFAULTS, type VpdqMatchOptions, type VpdqMatchResult } from './match/index.ts';
export { createMedia, type MediaModule } from './module.ts';
