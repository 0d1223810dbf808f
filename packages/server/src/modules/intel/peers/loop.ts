// Background federation: one worker process of the instance (a lease) pulls from and pushes to every peer in turn,
// every BULWARK_FEDERATION_SYNC_SECONDS.
import { PartitionLeases, type Platform } from '../../../platform/index.ts';
import type { InstanceIdentity } from './identity.ts';
import { listPeers } from './peer-store.ts';
import { replayCacheOf } from './replay-store.ts';
import { syncPeer } from './sync.ts';

export function federationLoop(platform: Platform, identity: () => Promise<InstanceIdentity>): { start(): Promise<void>; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    const id = await identity();
    const ctx = { db: platform.db, bus: platform.bus, log: platform.log, self: id.instanceId, egressAllow: platform.config.egressAllow, signer: { privateKey: id.privateKey, kid: id.instanceId }, replay: replayCacheOf(platform) };
    for (const peer of await listPeers(platform.db)) await syncPeer(ctx, peer);
  };
  const leases = new PartitionLeases(platform.db, {
    name: 'federation-sync', partitions: 1, log: platform.log,
    onGain: async () => {
      timer = setInterval(() => {
        running = running.then(round).catch((err: unknown) => platform.log.warn({ err }, 'federation round failed'));
      }, platform.config.federationSyncSeconds * 1000);
      timer.unref();
    },
    onLose: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  });
  return { start: () => leases.start(), stop: () => leases.stop() };
}
