// PDQ match index: exact Hamming-distance range search over 256-bit PDQ hashes (multi-index hashing).
export { PdqIndex, DEFAULT_PDQ_DISTANCE, type PdqMatch } from './pdq-index.ts';
export { parsePdqHex, pdqToHex, hamming as pdqWordsDistance, popcount32, PDQ_WORDS } from './hex.ts';
export { matchVpdq, isVpdqMatch, parseVpdqHashes, VPDQ_DEFAULTS, type VpdqFrame, type VpdqMatchOptions, type VpdqMatchResult } from './vpdq.ts';
