// Intel module: the STIX 2.1 store with TLP and distribution enforced on every read, its API, and the
// TAXII 2.1 server. Pure parts: stix/ (validation), access/ (who may see what), misp/, pattern/, indicators/.
import type { FastifyInstance } from 'fastify';
import { SUBJECTS, type Platform } from '../../platform/index.ts';
import { backfillValues } from './correlation.ts';
import { instanceId } from './instance-id.ts';
import { LiveIndicators, type IntelChanged } from './live-indicators.ts';
import { warninglistLoader } from './misp-import.ts';
import { currentIdentity, type InstanceIdentity } from './peers/identity.ts';
import { federationLoop } from './peers/loop.ts';
import { federationRoutes } from './peers/routes.ts';
import { intelObjects, type IntelObjects } from './objects-port.ts';
import { orgIntel, type OrgIntel } from './org-actions.ts';
import { intelRoutes } from './routes.ts';
import { sharingGroupRoutes } from './groups/routes.ts';
import { signalRoutes } from './signal-routes.ts';
import { TAXII_PREFIX, taxiiRoutes } from './taxii/routes.ts';

export interface IntelModule {
  /** HTTP routes (api role): the intel API and the TAXII server, each with its own body parsers. */
  routes(app: FastifyInstance): Promise<void>;
  /** This instance's id among federated instances. */
  instanceId(): Promise<string>;
  /** The store as other modules use it: publish as an organisation, read what a user may receive. */
  readonly objects: IntelObjects;
  /** Intelligence as an organisation without a user (playbooks): look up, sight, promote. */
  readonly org: OrgIntel;
  /** The worker's live indicator index: loaded from the store, kept current from `intel.changed`. */
  startIndicators(): Promise<LiveIndicators>;
  /** Worker role: pull from federation peers in the background (one process of the instance at a time). */
  startFederation(): Promise<void>;
  stop(): Promise<void>;
}

export type { IndicatorMeta } from './live-indicators.ts';
export type { IntelObjects, PublishScope, SharingGroupRef, StoredLatest } from './objects-port.ts';
export { observable, type OrgIntel, type ValueIndicator } from './org-actions.ts';
// For modules that write STIX: deterministic ids, the OASIS TLP 2.0 markings, the validator.
export { uuidv5 } from './misp/uuid5.ts';
export { tlpMarkingId, tlpMarkingObject } from './access/marking-ids.ts';
export { validateObject } from './stix/index.ts';
export type { TlpLevel } from './access/tlp.ts';
export type { Distribution } from './access/distribution.ts';
export type { LiveIndicators, LiveMatch } from './live-indicators.ts';
export type { IndicatorMatch } from './indicators/index.ts';
export type { Observation, ObservedObject } from './pattern/index.ts';

export function createIntel(platform: Platform): IntelModule {
  let id: Promise<string> | undefined;
  const instance = () => (id ??= instanceId(platform.db, platform.config.instanceId));
  // Re-read every few seconds: a key rotated by another process is used within seconds.
  const identity: () => Promise<InstanceIdentity> = currentIdentity(platform.db, instance);
  let live: Promise<LiveIndicators> | undefined;
  let loop: ReturnType<typeof federationLoop> | undefined;
  const warninglists = warninglistLoader(platform.config.mispWarninglists, platform.log);
  const objects = intelObjects(platform.db, platform.bus, instance);
  return {
    instanceId: instance,
    objects,
    org: orgIntel(platform.db, platform.bus, objects, instance, platform.config.intel.sightingDistribution),
    startIndicators() {
      live ??= (async () => {
        const indicators = new LiveIndicators(platform.db, platform.log, instance, platform.config.intel.sightingDistribution);
        // Correlation values of objects stored before intel_values existed (once, in the background).
        void backfillValues(platform.db, platform.log).catch((err: unknown) => platform.log.warn({ err }, 'correlation backfill failed'));
        // Listen first, so that nothing stored during the load is missed (a refresh is idempotent).
        platform.bus.listen<IntelChanged>(SUBJECTS.intelChanged, (m) => {
          void indicators.refresh(m.data.ids).catch((err: unknown) => platform.log.warn({ err }, 'indicator refresh failed'));
        });
        await indicators.load();
        return indicators;
      })();
      return live;
    },
    async startFederation() {
      loop = federationLoop(platform, identity);
      await loop.start();
    },
    async stop() {
      await loop?.stop();
    },
    async routes(app) {
      await app.register(async (child) => federationRoutes(child, platform, identity));
      await app.register(async (child) => sharingGroupRoutes(child, platform, instance));
      await app.register(async (child) => intelRoutes(child, platform, instance, warninglists));
      await app.register(async (child) => signalRoutes(child, platform, instance));
      await app.register(async (child) => taxiiRoutes(child, platform, instance, identity), { prefix: TAXII_PREFIX });
    },
  };
}
