// The media module as the app composes it: its routes (hash banks, checks, DISARM, disinformation
// incidents) and its background work. Bank entries are shared through the intel module's store.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import type { IntelModule } from '../intel/index.ts';
import { bankRoutes } from './banks/routes.ts';
import { checkRoutes } from './check/routes.ts';
import { disarmRoutes } from './disarm/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';

export interface MediaModule {
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Worker role: retention of checked media. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface MediaDeps {
  readonly platform: Platform;
  readonly intel: IntelModule;
}

export function createMedia(platform: Platform, intel: IntelModule): MediaModule {
  const deps: MediaDeps = { platform, intel };
  return {
    async routes(app) {
      await app.register(async (child) => bankRoutes(child, deps));
      await app.register(async (child) => checkRoutes(child, deps));
      await app.register(async (child) => disarmRoutes(child, deps));
      await app.register(async (child) => incidentRoutes(child, deps));
    },
    async startWorker() {},
    async stop() {},
  };
}
