// vPDQ for video: frames decoded with ffmpeg and hashed with PDQ; matching by share of matching frames.
export { vpdqHashFile, probeVideo, formatVpdq, parseVpdq, type VpdqFrame, type VpdqOptions, type VpdqResult } from './vpdq.ts';
export { matchVpdq, vpdqFrameWords, type VpdqMatch, type VpdqMatchOptions } from './match.ts';
