// The anomaly module's security analytics side: the jobs as a detector (run by the detect module's
// worker), their API, and the reload of an organisation's policy when it changes.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { raiseAlerts } from '../detect/index.ts';
import { AnomalyDetector, ANOMALY_CHANGED, ANOMALY_DETECTOR } from './detector.ts';
import { geoPathsOf, loadGeo, type GeoLookup } from './geo/geo.ts';
import { anomalyRoutes } from './routes.ts';

export interface AnomalyModule {
  /** The detector to hand to the detect module. */
  readonly detector: AnomalyDetector;
  routes(app: FastifyInstance): void;
  /** Worker role: reload an organisation's policy when it changes; with NATS, take entity partitions. */
  startWorker(): Promise<void>;
  /** Saves job state (after the bus stopped delivering). */
  stop(): Promise<void>;
}

export function createAnomaly(platform: Platform): AnomalyModule {
  const { db, log, config, bus } = platform;
  let geo: GeoLookup | undefined;
  let geoLoading: Promise<void> | undefined;
  // Loaded in the background when the worker starts (without blocking the event loop); the first
  // batches wait for it, so no event misses the travel and country/ASN jobs.
  const startGeo = (): Promise<void> => {
    geoLoading ??= (async () => {
      const started = Date.now();
      try {
        geo = await loadGeo(geoPathsOf(config.anomaly));
        log.info({ ms: Date.now() - started }, 'anomaly jobs: geolocation databases loaded');
      } catch (err) {
        log.warn({ err }, 'anomaly jobs: the geolocation databases could not be read; travel and first-seen country/ASN jobs are idle');
      }
    })();
    return geoLoading;
  };
  const detector = new AnomalyDetector({
    db, log, geo: () => geo, ready: startGeo, saveMs: config.anomaly.saveSeconds * 1000,
    // Several processes share the event stream only over NATS: then the jobs' state is partitioned by entity.
    ...(bus.kind === 'nats' ? { partitioned: { bus, raise: async (orgId, alerts) => void (await raiseAlerts(db, bus, orgId, ANOMALY_DETECTOR, alerts)) } } : {}),
  });
  let stopListening: (() => void) | undefined;
  return {
    detector,
    routes: (app) => anomalyRoutes(app, platform, (orgId) => detector.invalidate(orgId)),
    async startWorker() {
      void startGeo();
      stopListening = bus.listen<{ orgId: string }>(ANOMALY_CHANGED, (m) => detector.invalidate(m.data.orgId));
      await detector.start();
    },
    async stop() {
      stopListening?.();
      await detector.close();
    },
  };
}
