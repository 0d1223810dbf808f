// Detect module: the detector port, the alert store and API, and the worker that runs detectors.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import type { Detector } from './port.ts';
import { alertRoutes } from './routes.ts';
import { runDetectors } from './runner.ts';
import { severityDetector } from './severity-detector.ts';

export type { DetectedAlert, Detector } from './port.ts';
export { alertId, raiseAlerts } from './alert-store.ts';

export interface DetectModule {
  routes(app: FastifyInstance): void;
  startWorker(): void;
}

export function createDetect(platform: Platform, extra: readonly Detector[] = []): DetectModule {
  const detectors = [severityDetector, ...extra];
  return {
    routes: (app) => alertRoutes(app, platform),
    startWorker: () => runDetectors(platform, detectors),
  };
}
