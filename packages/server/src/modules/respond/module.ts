// The respond module as the app composes it: incidents grouped from alerts (worker role), the incident
// and block-list API (api role).
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { blocklistRoutes } from './blocklist/routes.ts';
import { startGrouping } from './incidents/grouping-consumer.ts';
import { incidentRoutes } from './incidents/routes.ts';
import type { Placed } from './incidents/store.ts';

export interface RespondModule {
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Worker role: alerts into incidents. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
  /** Test hook: called with each placed alert. */
  onPlaced(fn: (p: Placed) => void): void;
}

export function createRespond(platform: Platform): RespondModule {
  const stops: Array<() => Promise<void>> = [];
  const listeners: Array<(p: Placed) => void> = [];
  return {
    async routes(app) {
      await app.register(async (child) => {
        incidentRoutes(child, platform);
        blocklistRoutes(child, platform);
      });
    },
    async startWorker() {
      stops.push(startGrouping(platform, (p) => listeners.forEach((l) => l(p))));
    },
    async stop() {
      for (const s of stops.splice(0)) await s();
    },
    onPlaced(fn) {
      listeners.push(fn);
    },
  };
}
