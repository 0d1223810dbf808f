// vPDQ for video: frames decoded with ffmpeg and hashed with PDQ (matching lives in match/).
export { vpdqHashFile, probeVideo, formatVpdq, type VpdqFrame, type VpdqOptions, type VpdqResult } from './vpdq.ts';
