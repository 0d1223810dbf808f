// The media module as the app composes it: its routes (hash banks, checks, DISARM, disinformation
// incidents) and its background work. Bank entries are shared through the intel module's store.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { INSTANCE, SUBJECTS } from '../../platform/index.ts';
import type { IntelModule } from '../intel/index.ts';
import { LiveMediaIndex } from './banks/live-index.ts';
import { purgeExpiredMedia } from './check/store.ts';
import { ProvenanceReader, provenanceOptionsFromConfig } from './provenance/index.ts';
import { bankRoutes } from './banks/routes.ts';
import { checkRoutes } from './check/routes.ts';
import { disarmRoutes } from './disarm/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';

export interface MediaModule {
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Worker role: retention of checked media files. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface MediaDeps {
  readonly platform: Platform;
  readonly intel: IntelModule;
  /** This process's hash index of every media indicator (loaded on first use, kept current from `intel.changed`). */
  index(): Promise<LiveMediaIndex>;
  /** This process's C2PA reader (a small worker pool, started on first use). */
  provenance(): ProvenanceReader;
}

export function createMedia(platform: Platform, intel: IntelModule): MediaModule {
  let index: Promise<LiveMediaIndex> | undefined;
  let reader: ProvenanceReader | undefined;
  let purge: ReturnType<typeof setInterval> | undefined;
  const deps: MediaDeps = {
    platform,
    intel,
    index() {
      index ??= (async () => {
        const live = new LiveMediaIndex(intel.objects, platform.log, platform.config.media.pdqDistance);
        // Listen first, so that nothing stored during the load is missed (a refresh is idempotent).
        platform.bus.listen<{ ids: string[] }>(SUBJECTS.intelChanged, (m) => {
          void live.refresh(m.data.ids).catch((err: unknown) => platform.log.warn({ err }, 'media index refresh failed'));
        });
        await live.load();
        return live;
      })();
      index.catch(() => {
        index = undefined;
      });
      return index;
    },
    provenance() {
      reader ??= new ProvenanceReader({ ...provenanceOptionsFromConfig(platform.config), threads: 1 });
      return reader;
    },
  };
  return {
    async routes(app) {
      await app.register(async (child) => bankRoutes(child, deps));
      await app.register(async (child) => checkRoutes(child, deps));
      await app.register(async (child) => disarmRoutes(child, deps));
      await app.register(async (child) => incidentRoutes(child, deps));
    },
    async startWorker() {
      // Retained media files leave when their time is over (checked hourly, and once at start).
      const sweep = () => void platform.db.tx(INSTANCE, (tx) => purgeExpiredMedia(tx)).then(
        (n) => n && platform.log.info({ files: n }, 'expired media files removed'),
        (err: unknown) => platform.log.warn({ err }, 'media retention sweep failed'),
      );
      sweep();
      purge = setInterval(sweep, 3_600_000);
      purge.unref();
    },
    async stop() {
      if (purge) clearInterval(purge);
      await reader?.close();
      reader = undefined;
    },
  };
}
