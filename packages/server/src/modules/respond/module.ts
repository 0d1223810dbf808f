// The respond module as the app composes it: incidents grouped from alerts and NIS2 reminders (worker
// role), the incident, block-list and NIS2 reporting API (api role).
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { blocklistRoutes } from './blocklist/routes.ts';
import { startGrouping } from './incidents/grouping-consumer.ts';
import { incidentRoutes } from './incidents/routes.ts';
import type { Placed } from './incidents/store.ts';
import { startReminders } from './reporting/reminders.ts';
import { reportingRoutes } from './reporting/routes.ts';
import { vocabularySource } from './reporting/vocabulary-source.ts';

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
  const vocabulary = vocabularySource(platform.config.mispTaxonomies, platform.log);
  return {
    async routes(app) {
      await app.register(async (child) => {
        incidentRoutes(child, platform);
        blocklistRoutes(child, platform);
        reportingRoutes(child, platform, vocabulary);
      });
    },
    async startWorker() {
      stops.push(startGrouping(platform, (p) => listeners.forEach((l) => l(p))));
      const stopReminders = startReminders(platform);
      stops.push(async () => stopReminders());
    },
    async stop() {
      for (const s of stops.splice(0)) await s();
    },
    onPlaced(fn) {
      listeners.push(fn);
    },
  };
}
