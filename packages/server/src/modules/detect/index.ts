// Detect module: the detector port, the alert store and API, Sigma rule packs, and the worker that runs detectors.
import type { FastifyInstance } from 'fastify';
import { SUBJECTS, type Platform } from '../../platform/index.ts';
import type { LiveIndicators } from '../intel/index.ts';
import { indicatorDetector } from './indicator-detector.ts';
import type { Detector } from './port.ts';
import { raiseAlerts } from './alert-store.ts';
import { alertRoutes } from './routes.ts';
import { runDetectors } from './runner.ts';
import { severityDetector } from './severity-detector.ts';
import { SigmaCatalog } from './sigma-catalog.ts';
import { createSigmaDetector, type SigmaDetector } from './sigma-detector.ts';
import { sigmaMetrics } from './sigma-metrics.ts';
import { sigmaRoutes } from './sigma-routes.ts';
import { dbStateStore } from './state-store.ts';
import { loadPlaceholdersFile } from './sigma/placeholders-file.ts';

export type { DetectedAlert, Detector } from './port.ts';
export { alertId, raiseAlerts } from './alert-store.ts';
export { hunt, type HuntOptions, type HuntResult } from './hunt/run.ts';
export * as huntReport from './hunt/report.ts';

export interface DetectModule {
  routes(app: FastifyInstance): void;
  /** Compiles the Sigma packs and starts consuming events. */
  startWorker(): Promise<void>;
  /** Reloads the instance's Sigma packs from disk (SIGHUP); events keep flowing meanwhile. */
  reloadRules(): Promise<void>;
  /** Saves detector state and statistics (after the bus stopped delivering). */
  stop(): Promise<void>;
}

export interface SigmaChanged {
  readonly orgId: string;
}

export function createDetect(platform: Platform, extra: readonly Detector[] = [], indicators?: () => Promise<LiveIndicators>): DetectModule {
  const { rules, placeholdersFile } = platform.config.sigma;
  const catalog = new SigmaCatalog(rules, placeholdersFile ? { placeholders: loadPlaceholdersFile(placeholdersFile) } : {}, platform.log);
  let sigma: SigmaDetector | undefined;
  return {
    routes: (app) => {
      alertRoutes(app, platform);
      sigmaRoutes(app, platform, catalog);
    },
    async startWorker() {
      const { db, bus, log, config } = platform;
      sigma = await createSigmaDetector({
        catalog, db, log, store: dbStateStore(db), saveMs: config.sigma.saveSeconds * 1000,
        // Several processes share the event stream only over NATS; then correlation state is partitioned.
        ...(bus.kind === 'nats' ? { partitioned: { bus, partitions: config.sigma.partitions, raise: async (orgId, alerts) => void (await raiseAlerts(db, bus, orgId, 'sigma', alerts)) } } : {}),
      });
      sigmaMetrics(platform.metrics, sigma);
      const live = sigma;
      platform.bus.listen<SigmaChanged>(SUBJECTS.sigmaChanged, (m) => live.invalidate(m.data.orgId));
      const byIndicator = indicators ? [indicatorDetector(await indicators())] : [];
      runDetectors(platform, [severityDetector, ...extra, sigma, ...byIndicator]);
    },
    async reloadRules() {
      if (sigma) await sigma.reload();
      else await catalog.reload();
    },
    async stop() {
      await sigma?.close();
    },
  };
}
