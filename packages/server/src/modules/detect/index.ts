// Detect module: the detector port, the alert store and API, and the worker that runs detectors.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import type { Detector } from './port.ts';
import { alertRoutes } from './routes.ts';
import { runDetectors } from './runner.ts';
import { severityDetector } from './severity-detector.ts';
import { loadSigmaDetector, type SigmaDetector } from './sigma-detector.ts';
import { sigmaMetrics } from './sigma-metrics.ts';
import { dbStateStore } from './state-store.ts';
import { loadPlaceholdersFile } from './sigma/placeholders-file.ts';

export type { DetectedAlert, Detector } from './port.ts';
export { alertId, raiseAlerts } from './alert-store.ts';
export { hunt, type HuntOptions, type HuntResult } from './hunt/run.ts';
export * as huntReport from './hunt/report.ts';

export interface DetectModule {
  routes(app: FastifyInstance): void;
  /** Loads the configured Sigma rules and starts consuming events. */
  startWorker(): Promise<void>;
  /** Reloads the Sigma rule packs from disk (SIGHUP); events keep flowing meanwhile. */
  reloadRules(): Promise<void>;
  /** Saves detector state (after the bus stopped delivering). */
  stop(): Promise<void>;
}

export function createDetect(platform: Platform, extra: readonly Detector[] = []): DetectModule {
  let sigma: SigmaDetector | undefined;
  return {
    routes: (app) => alertRoutes(app, platform),
    async startWorker() {
      const detectors: Detector[] = [severityDetector, ...extra];
      const { rules, placeholdersFile } = platform.config.sigma;
      if (rules.length > 0) {
        sigma = await loadSigmaDetector(rules, platform.log, placeholdersFile ? loadPlaceholdersFile(placeholdersFile) : undefined, dbStateStore(platform.db));
        sigmaMetrics(platform.metrics, sigma);
        detectors.push(sigma);
      }
      runDetectors(platform, detectors);
    },
    async reloadRules() {
      if (sigma) await sigma.reload();
    },
    async stop() {
      await sigma?.close();
    },
  };
}
