// The AI gateway module as the app composes it: the OpenAI-compatible gateway at /v1/ and its
// management API. The gateway checks requests against the intel module's live indicators (known
// actors), so it asks intel for its index; autonomous systems come from the anomaly module's tables.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { INSTANCE, parseAllowList, rows, type Platform } from '../../platform/index.ts';
import { geoPathsOf, loadGeo, type GeoLookup } from '../anomaly/index.ts';
import type { IntelModule, LiveIndicators } from '../intel/index.ts';
import { ActorCheck } from './actors/check.ts';
import { setupRoutes } from './admin/setup-routes.ts';
import { watchRoutes } from './admin/watch-routes.ts';
import { AccountRisk } from './accounts/store.ts';
import { GatewayKeys } from './gateway/keys.ts';
import { GatewayLimits } from './gateway/limits.ts';
import { pseudonymiser, type Pseudonymise } from './gateway/pseudonym.ts';
import { RequestLog, type RequestRecord } from './gateway/record.ts';
import { gatewayRoutes } from './gateway/routes.ts';
import { Upstreams } from './gateway/upstream.ts';

export interface AiguardModule {
  /** HTTP routes (api role): the gateway and its management API. */
  routes(app: FastifyInstance): Promise<void>;
  /** Test hook: called with each recorded gateway request. */
  onRecorded(fn: (r: RequestRecord) => void): void;
  /** Worker role: kept prompts leave the request log when their retention is over (hourly). */
  startWorker(): void;
  /** Stops the sweep and waits (up to 10 s) for request records still being written. */
  stop(): Promise<void>;
}

/** Removes kept prompts whose time is over (the log entries stay). Returns how many. */
export async function purgeExpiredPrompts(db: Platform['db']): Promise<number> {
  const done = await db.tx(INSTANCE, (tx) => rows<{ id: string }>(tx, sql`update aiguard_requests set prompt = null, prompt_expires_at = null
    where prompt_expires_at is not null and prompt_expires_at <= now() returning id`));
  return done.length;
}

export function createAiguard(platform: Platform, intel: IntelModule): AiguardModule {
  const { db, config } = platform;
  let pseudonym: Promise<Pseudonymise> | undefined;
  const pseudo = () => (pseudonym ??= pseudonymiser(db));
  let geo: GeoLookup | undefined;
  let indicators: LiveIndicators | undefined;
  const listeners: Array<(r: RequestRecord) => void> = [];
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const pending = new Set<Promise<void>>();
  let log: RequestLog | undefined;
  return {
    startWorker() {
      const sweep = () => void purgeExpiredPrompts(db).then(
        (n) => n && platform.log.info({ prompts: n }, 'expired gateway prompts removed'),
        (err: unknown) => platform.log.warn({ err }, 'gateway prompt retention sweep failed'),
      );
      sweep();
      sweeper = setInterval(sweep, 3_600_000);
      sweeper.unref();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await log?.flush();
      await Promise.race([Promise.all([...pending]), new Promise((r) => setTimeout(r, 10_000).unref())]);
    },
    onRecorded(fn) {
      listeners.push(fn);
    },
    async routes(app) {
      // The known-actor check needs the live indicator index and the ASN table. Both start loading, in
      // the background, with the gateway's first request (not at start: a process that never serves the
      // gateway never pays for them); until they are there, requests are checked against the block lists.
      let started = false;
      const warmUp = () => {
        if (started) return;
        started = true;
        void intel.startIndicators().then((i) => (indicators = i), (err: unknown) => platform.log.warn({ err }, 'aiguard: indicator index unavailable'));
        void loadGeo(geoPathsOf(config.anomaly))
          .then((g) => (geo = g), (err: unknown) => platform.log.warn({ err }, 'aiguard: ASN table unavailable'));
      };
      const keys = new GatewayKeys(db, pseudo);
      const upstreams = new Upstreams(db, config.egressAllow.length ? parseAllowList(config.egressAllow.join(',')) : undefined);
      const actors = new ActorCheck(db, async () => (warmUp(), indicators), () => geo);
      const risk = new AccountRisk(db);
      const limits = new GatewayLimits(db, { rpm: config.aiguard.defaultRpm, dailyTokens: config.aiguard.defaultDailyTokens });
      const requestLog = new RequestLog(db, config.aiguard, limits);
      log = requestLog;
      await app.register(async (child) => gatewayRoutes(child, { platform, keys, limits, log: requestLog, upstreams, actors, risk, recorded: (r) => listeners.forEach((l) => l(r)), pending }));
      await app.register(async (child) => setupRoutes(child, platform, upstreams, keys, pseudo));
      await app.register(async (child) => watchRoutes(child, platform, intel, actors, risk));
    },
  };
}
