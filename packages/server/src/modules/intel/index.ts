// Intel module: the STIX 2.1 store with TLP and distribution enforced on every read, its API, and the
// TAXII 2.1 server. Pure parts: stix/ (validation), access/ (who may see what), misp/, pattern/, indicators/.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/index.ts';
import { instanceId } from './instance-id.ts';
import { intelRoutes } from './routes.ts';
import { TAXII_PREFIX, taxiiRoutes } from './taxii/routes.ts';

export interface IntelModule {
  /** HTTP routes (api role): the intel API and the TAXII server, each with its own body parsers. */
  routes(app: FastifyInstance): Promise<void>;
  /** This instance's id among federated instances. */
  instanceId(): Promise<string>;
}

export function createIntel(platform: Platform): IntelModule {
  let id: Promise<string> | undefined;
  const instance = () => (id ??= instanceId(platform.db, platform.config.instanceId));
  return {
    instanceId: instance,
    async routes(app) {
      await app.register(async (child) => intelRoutes(child, platform, instance));
      await app.register(async (child) => taxiiRoutes(child, platform, instance), { prefix: TAXII_PREFIX });
    },
  };
}
