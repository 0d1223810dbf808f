// The respond module as the app composes it: incidents grouped from alerts and NIS2 reminders (worker
// role), the incident, block-list and NIS2 reporting API (api role).
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { parseAllowList, type Platform } from '../../platform/index.ts';
import { geoPathsOf, loadGeo, type GeoLookup } from '../anomaly/index.ts';
import type { IntelModule } from '../intel/index.ts';
import { respondActions } from './actions/respond-actions.ts';
import { emailAction } from './actions/notify-email.ts';
import { mqttAction } from './actions/notify-mqtt.ts';
import { webhookAction } from './actions/webhook.ts';
import { assetRoutes } from './assets/routes.ts';
import { blocklistRoutes } from './blocklist/routes.ts';
import { startGrouping } from './incidents/grouping-consumer.ts';
import { incidentRoutes } from './incidents/routes.ts';
import type { Placed } from './incidents/store.ts';
import { startReminders } from './reporting/reminders.ts';
import { reportingRoutes } from './reporting/routes.ts';
import { vocabularySource } from './reporting/vocabulary-source.ts';
import { playbookRoutes } from './runner/routes.ts';
import { createRunner, startRunner } from './runner/runs.ts';
import type { ActionContext, ActionDefinition, ActionRegistry, TriggerEvent } from './playbooks/index.ts';
import { audited } from './runner/audited.ts';

export interface RespondModule {
  /** HTTP routes (api role). */
  routes(app: FastifyInstance): Promise<void>;
  /** Worker role: alerts into incidents. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
  /** Test hook: called with each placed alert. */
  onPlaced(fn: (p: Placed) => void): void;
  /** Stores the playbook runs an event triggers and starts them (what the bus consumers call); returns the new run ids. */
  dispatch(orgId: string, event: TriggerEvent, triggerId: string): Promise<string[]>;
  /** The worker's minute-by-minute upkeep at once: continues interrupted runs, starts queued runs whose key is free, applies approval timeouts. */
  upkeep(): Promise<number>;
  /** Resolves when the runs this process started have ended their stretch. */
  idle(): Promise<void>;
}

export function createRespond(platform: Platform, intel: IntelModule): RespondModule {
  const stops: Array<() => Promise<void>> = [];
  const listeners: Array<(p: Placed) => void> = [];
  const vocabulary = vocabularySource(platform.config.mispTaxonomies, platform.log);
  const { config } = platform;
  const allow = config.egressAllow.length ? parseAllowList(config.egressAllow.join(',')) : undefined;
  let geo: Promise<GeoLookup | undefined> | undefined;
  const geoOf = () => (geo ??= loadGeo(geoPathsOf(config.anomaly))
    .catch((err: unknown) => (platform.log.warn({ err }, 'respond: no geolocation table'), undefined)));
  let registry: ActionRegistry | undefined;
  const orgOf = (ctx: ActionContext) => runner.orgOf(ctx.runId);
  const actions = (): ActionRegistry => (registry ??= new Map<string, ActionDefinition>([...new Map<string, ActionDefinition>([
    ...respondActions({ platform, intel, orgOf, geo: geoOf }),
    ['notify.webhook', webhookAction('notify', { ...(allow ? { allow } : {}), ...(config.respond.webhookSecret ? { secret: config.respond.webhookSecret } : {}) })],
    ['contain.webhook', webhookAction('contain', { ...(allow ? { allow } : {}), ...(config.respond.webhookSecret ? { secret: config.respond.webhookSecret } : {}) })],
    ...notifyActions(),
  ])].map(([name, def]) => [name, audited(name, def, platform, orgOf)] as const)));
  const runner = createRunner(platform, actions);

  /** Notification actions configured by settings (each only when its server is set and usable). */
  function notifyActions(): Array<[string, ActionDefinition]> {
    const out: Array<[string, ActionDefinition]> = [];
    const { smtp, mqtt } = config.respond;
    try {
      if (smtp) out.push(['notify.email', emailAction({ ...smtp, secure: smtp.security, ...(smtp.caFile ? { ca: readFileSync(smtp.caFile, 'utf8') } : {}), ...(allow ? { allow } : {}) })]);
    } catch (err) {
      platform.log.warn({ err }, 'notify.email is not offered: the SMTP settings are not usable');
    }
    try {
      if (mqtt) out.push(['notify.mqtt', mqttAction({ ...mqtt, ...(mqtt.caFile ? { ca: readFileSync(mqtt.caFile, 'utf8') } : {}), ...(allow ? { allow } : {}) })]);
    } catch (err) {
      platform.log.warn({ err }, 'notify.mqtt is not offered: the MQTT settings are not usable');
    }
    return out;
  }
  return {
    async routes(app) {
      await app.register(async (child) => {
        incidentRoutes(child, platform);
        blocklistRoutes(child, platform);
        assetRoutes(child, platform);
        reportingRoutes(child, platform, vocabulary);
        playbookRoutes(child, platform, runner, actions());
      });
    },
    async startWorker() {
      stops.push(startGrouping(platform, (p) => listeners.forEach((l) => l(p))));
      const stopReminders = startReminders(platform);
      stops.push(startRunner(platform, runner));
      stops.push(async () => stopReminders());
    },
    async stop() {
      for (const s of stops.splice(0)) await s();
      runner.close();
    },
    onPlaced(fn) {
      listeners.push(fn);
    },
    dispatch: (orgId, event, triggerId) => runner.dispatch(orgId, event, triggerId),
    upkeep: async () => (await runner.continueInterrupted()) + (await runner.expireApprovals()),
    idle: () => runner.idle(),
  };
}
