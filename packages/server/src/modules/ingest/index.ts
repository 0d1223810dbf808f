// Ingest module: HTTP and syslog inputs, parsing, normalisation, the event store, search and the live stream.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { IngestPipeline } from './pipeline.ts';
import { scheduleRetention } from './retention.ts';
import { ingestRoutes } from './routes.ts';
import { EventStore } from './store.ts';
import { streamRoutes } from './stream.ts';

export type { EventsMessage, EventWire } from './store.ts';
export type { NormalizedEvent } from './normalize.ts';
export { applyRetention } from './retention.ts';

export interface IngestModule {
  readonly pipeline: IngestPipeline;
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Background work (worker role): retention. */
  startWorker(): void;
  close(): Promise<void>;
}

export function createIngest(platform: Platform): IngestModule {
  const store = new EventStore(platform.db, platform.bus);
  const pipeline = new IngestPipeline(store);
  const stops: Array<() => void> = [];
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
    async close() {
      for (const s of stops) s();
    },
  };
}
