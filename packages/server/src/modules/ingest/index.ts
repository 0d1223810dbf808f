// Ingest module: HTTP and syslog inputs, parsing, normalisation, the event store, search and the live stream.
import type { FastifyInstance } from 'fastify';
import { SUBJECTS, type Platform } from '../../platform/index.ts';
import { IngestPipeline } from './pipeline.ts';
import { scheduleRetention } from './retention.ts';
import { ingestRoutes } from './routes.ts';
import { EventStore, hydrateEvents } from './store.ts';
import { streamRoutes } from './stream.ts';
import { startConfiguredSyslog } from './syslog/configured.ts';
import type { SyslogInputs, SyslogPorts } from './syslog/inputs.ts';

export { eventsByIds, type EventsMessage, type EventWire } from './store.ts';
export { normalize, type NormalizedEvent, type RawEvent } from './normalize.ts';
export { applyRetention } from './retention.ts';
export { readEvtx, readEvtxFile, type EvtxItem, type EvtxReading, type EvtxRecord, type EvtxSummary } from './evtx/index.ts';
export { eventTime } from './parse/ocsf.ts';
export type { SyslogPorts } from './syslog/inputs.ts';

export interface IngestModule {
  readonly pipeline: IngestPipeline;
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Background work (worker role): retention. */
  startWorker(): void;
  /** Syslog listeners (ingest role), as configured; returns their bound ports. */
  startInputs(): Promise<SyslogPorts>;
  /** Drains the inputs (stop reading, commit what was received), then stops background work. */
  close(): Promise<void>;
}

export function createIngest(platform: Platform): IngestModule {
  const store = new EventStore(platform.db, platform.bus);
  platform.bus.hydrate(SUBJECTS.eventNormalized, (stored) => hydrateEvents(platform.db, stored));
  const pipeline = new IngestPipeline(store, platform.config.retentionDays);
  const stops: Array<() => void> = [];
  let syslog: SyslogInputs | undefined;
  return {
    pipeline,
    async routes(app) {
      await app.register(async (child) => {
        await ingestRoutes(child, platform, pipeline);
      });
      streamRoutes(app, platform);
    },
    startWorker() {
      stops.push(scheduleRetention(platform.db, platform.config.retentionDays, platform.log, () => store.forget()));
    },
    async startInputs() {
      syslog ??= await startConfiguredSyslog(platform, pipeline);
      return syslog?.ports ?? {};
    },
    async close() {
      await syslog?.close();
      for (const s of stops) s();
    },
  };
}
