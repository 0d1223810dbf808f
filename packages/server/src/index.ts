// Public entry of the server package (used by the CLI's local commands).
import type { Config } from './platform/config/config.ts';
import { openDb } from './platform/db/open.ts';
import { logGenerator, nab } from './modules/anomaly/index.ts';

export { loadConfig, ConfigError, type Config } from './platform/config/config.ts';
export { runServer } from './serve.ts';
export { hunt, huntReport } from './modules/detect/index.ts';
export { readEvtx, readEvtxFile } from './modules/ingest/evtx/index.ts';
export { compilePack as sigmaCompilePack, runRegression as sigmaRegress, loadPlaceholdersFile as sigmaPlaceholders } from './modules/detect/sigma/index.ts';
export { anomalyEvalCsv } from './modules/anomaly/index.ts';
export { readProvenance as mediaProvenance } from './modules/media/index.ts';
export { hashFilesIsolated as mediaHashFiles } from './modules/media/index.ts';
export { audioFingerprintFile, matchAudioFingerprints } from './modules/media/index.ts';
/** `bulwark aiguard eval`: the AI gateway's abuse scanner on a labelled prompt corpus. */
export { evaluateFile as aiguardEvalFile } from './modules/aiguard/scan/index.ts';
export { vpdqHashFile, formatVpdq, parseVpdqHashes, matchVpdq, isVpdqMatch } from './modules/media/index.ts';

/** `bulwark anomaly generate`: authentication and network logs with injected attacks, and the jobs' scores on them. */
export const anomalyGenerate = logGenerator.generateLogs;
export const anomalyScoreGenerated = logGenerator.scoreGenerated;

/** `bulwark anomaly nab`: a streaming detector over the NAB corpus, scored with our NAB scorer. */
export const anomalyNab = nab.nabBenchmark;

/** Applies pending migrations to the configured database and closes it. */
export async function migrate(config: Config): Promise<void> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  await db.close();
}
