// Composes the platform and the modules for the roles this process plays.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { scheduleAnalyze } from './platform/db/analyze.ts';
import { createHttpServer } from './platform/http/server.ts';
import { ingestMetrics, instrumentHttp } from './platform/http/metrics.ts';
import { opsRoutes } from './platform/http/ops-routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { keyRoutes } from './platform/identity/key-routes.ts';
import { organisationRoutes } from './platform/identity/organisation-routes.ts';
import { sessionRoutes } from './platform/identity/session-routes.ts';
import { userRoutes } from './platform/identity/user-routes.ts';
import type { Platform } from './platform/context.ts';
import { createDetect, type Detector } from './modules/detect/index.ts';
import { createIngest, type IngestModule, type SyslogPorts } from './modules/ingest/index.ts';
import { createIntel } from './modules/intel/index.ts';
import { createAnomaly } from './modules/anomaly/index.ts';
import { createMedia } from './modules/media/index.ts';
import { createAiguard, type AiguardModule } from './modules/aiguard/index.ts';
import { createRespond, type RespondModule } from './modules/respond/index.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface App {
  readonly http: FastifyInstance | undefined;
  readonly ingest: IngestModule;
  readonly aiguard: AiguardModule;
  readonly respond: RespondModule;
  /** Bound syslog ports (ingest role, once started; empty when none is configured). */
  readonly syslogPorts: SyslogPorts;
  /** Starts background work, the bus and the syslog inputs. */
  start(): Promise<void>;
  /** Stops inputs first (draining), then background work and the bus. */
  stop(): Promise<void>;
  /** Reloads detection rules from disk without stopping the pipeline. */
  reloadRules(): Promise<void>;
}

export interface AppOptions {
  readonly detectors?: readonly Detector[];
  readonly webDist?: string;
}

export async function buildApp(platform: Platform, opts: AppOptions = {}): Promise<App> {
  const roles = new Set(platform.config.roles);
  const ingest = createIngest(platform);
  const intel = createIntel(platform);
  const anomaly = createAnomaly(platform);
  const media = createMedia(platform, intel);
  const aiguard = createAiguard(platform, intel);
  const respond = createRespond(platform, intel);
  const detect = createDetect(platform, [...(opts.detectors ?? []), anomaly.detector], () => intel.startIndicators());
  ingestMetrics(platform.metrics, ingest.pipeline.counters);

  let http: FastifyInstance | undefined;
  if (roles.has('api')) {
    http = await createHttpServer(platform, { webDist: opts.webDist ?? WEB_DIST });
    instrumentHttp(http, platform.metrics);
    opsRoutes(http, platform, ingest.pipeline);
    sessionRoutes(http, platform);
    organisationRoutes(http, platform);
    userRoutes(http, platform);
    keyRoutes(http, platform);
    auditRoutes(http, platform);
    await ingest.routes(http);
    detect.routes(http);
    anomaly.routes(http);
    await intel.routes(http);
    await media.routes(http);
    await aiguard.routes(http);
    await respond.routes(http);
  }
  let stopAnalyze: (() => void) | undefined;
  if (roles.has('worker')) {
    stopAnalyze = scheduleAnalyze(platform.db, platform.log);
    await anomaly.startWorker();
    await detect.startWorker();
    ingest.startWorker();
    await intel.startFederation();
    await media.startWorker();
    aiguard.startWorker();
    await respond.startWorker();
  }
  let syslogPorts: SyslogPorts = {};
  return {
    http,
    ingest,
    aiguard,
    respond,
    get syslogPorts() {
      return syslogPorts;
    },
    async start() {
      await platform.bus.start();
      if (roles.has('ingest')) syslogPorts = await ingest.startInputs();
    },
    reloadRules: () => detect.reloadRules(),
    async stop() {
      const { log } = platform;
      if (http) {
        await http.close();
        log.info('shutdown: HTTP closed (requests in flight completed)');
      }
      await ingest.close(); // syslog inputs drain here, before the bus stops
      log.info('shutdown: inputs drained');
      await intel.stop();
      await media.stop();
      await aiguard.stop();
      stopAnalyze?.();
      await platform.bus.stop();
      log.info('shutdown: bus stopped');
      await detect.stop();
      await respond.stop();
      await anomaly.stop();
    },
  };
}
