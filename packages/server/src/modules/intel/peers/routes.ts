// The federation API (administrators): this instance's identity, its peers with their sync state, adding
// and removing a peer, and a sync now.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AddedPeer, AddPeer, API, FederationPeer, FederationStatus, RotatedKey, SyncResult, UpdatePeer } from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, principalOf, type Platform } from '../../../platform/index.ts';
import { rotateKey, type InstanceIdentity } from './identity.ts';
import { addPeer, getPeer, listPeers, toPeer, updatePeer } from './peer-store.ts';
import { replayCacheOf } from './replay-store.ts';
import { syncPeer, type SyncContext } from './sync.ts';

export function federationRoutes(app: FastifyInstance, platform: Platform, identity: () => Promise<InstanceIdentity>): void {
  const { db } = platform;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
  const context = async (): Promise<SyncContext> => {
    const id = await identity();
    return { db, bus: platform.bus, log: platform.log, self: id.instanceId, egressAllow: platform.config.egressAllow, signer: { privateKey: id.privateKey, kid: id.instanceId }, replay: replayCacheOf(platform) };
  };

  r.get(API.federation, {
    config: { permission: 'federation:manage' },
    schema: { tags: ['federation'], summary: 'This instance\'s identity (give its public key to peers) and its peers', response: { 200: FederationStatus } },
  }, async () => {
    const id = await identity();
    return { instanceId: id.instanceId, publicKey: { ...id.publicJwk }, fingerprint: id.fingerprint, retiredKeys: id.retired.map((k) => ({ fingerprint: k.fingerprint, expiresAt: k.expiresAt })), peers: (await listPeers(db)).map(toPeer) };
  });

  r.post(API.federationRotateKey, {
    config: { permission: 'federation:manage' },
    schema: {
      tags: ['federation'], summary: 'Rotate this instance\'s signing key',
      description: 'A new key signs from now on (every process within seconds); the previous public key stays published at /taxii2/x-bulwark-keys/ for BULWARK_FEDERATION_KEY_GRACE_DAYS, and vouches for the new one: Bulwark peers take the new key at their next sync. Give plain peers the new key (or the key set) yourself.',
      response: { 200: RotatedKey },
    },
  }, async (req) => {
    const p = principalOf(req);
    const current = await identity();
    const { before, after } = await rotateKey(db, current.instanceId, platform.config.federationKeyGraceDays * 86_400);
    (identity as { invalidate?: () => void }).invalidate?.();
    await db.tx(INSTANCE, (tx) => audit(tx, { ...actor(p, req.ip), action: 'federation.key.rotate', target: after.instanceId, outcome: 'success', details: { before: before.fingerprint, after: after.fingerprint, graceDays: platform.config.federationKeyGraceDays } }));
    return {
      instanceId: after.instanceId, fingerprint: after.fingerprint, publicKey: { ...after.publicJwk }, previousFingerprint: before.fingerprint,
      retired: after.retired.map((k) => ({ fingerprint: k.fingerprint, publicKey: { ...k.publicJwk }, expiresAt: k.expiresAt })),
    };
  });

  r.post(API.federationPeers, {
    config: { permission: 'federation:manage' },
    schema: {
      tags: ['federation'], summary: 'Add a peer',
      description: 'Stores how to reach the peer and creates the key the peer uses to call this instance (answered once: give it to the peer with this instance\'s public key).',
      body: AddPeer, response: { 201: AddedPeer },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const self = (await identity()).instanceId;
    const added = await db.tx(INSTANCE, async (tx) => {
      const a = await addPeer(tx, req.body, self);
      await audit(tx, { ...actor(p, req.ip), action: 'federation.peer.add', target: req.body.instanceId, outcome: 'success', details: { url: req.body.url, direction: req.body.direction ?? 'pull', trust: req.body.trust ?? 'trusted', signed: req.body.publicKey !== undefined } });
      return a;
    });
    return reply.code(201).send({ peer: toPeer(added.peer), inboundToken: added.inboundToken });
  });

  r.patch(API.federationPeer(':id'), {
    config: { permission: 'federation:manage' },
    schema: { tags: ['federation'], summary: 'Change how a peer is reached (e.g. the token it issued, its public key)', params: Params, body: UpdatePeer, response: { 200: FederationPeer } },
  }, async (req) => {
    const p = principalOf(req);
    const peer = await getPeer(db, req.params.id);
    if (!peer) throw errors.notFound('peer');
    const updated = await db.tx(INSTANCE, async (tx) => {
      const u = await updatePeer(tx, peer, req.body);
      const { token: _token, ...shown } = req.body;
      await audit(tx, { ...actor(p, req.ip), action: 'federation.peer.update', target: peer.instance_id, outcome: 'success', details: { ...shown, tokenChanged: req.body.token !== undefined } });
      return u;
    });
    return toPeer(updated);
  });

  r.delete(API.federationPeer(':id'), {
    config: { permission: 'federation:manage' },
    schema: { tags: ['federation'], summary: 'Remove a peer and revoke its key', params: Params, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const peer = await getPeer(db, req.params.id);
    if (!peer) throw errors.notFound('peer');
    await db.tx(INSTANCE, async (tx) => {
      if (peer.org_id) await tx.execute(sql`update api_keys set revoked_at = now() where org_id = ${peer.org_id} and revoked_at is null`);
      await tx.execute(sql`delete from federation_peers where id = ${peer.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'federation.peer.remove', target: peer.instance_id, outcome: 'success' });
    });
    return reply.code(204).send(null);
  });

  r.post(API.federationSync(':id'), {
    config: { permission: 'federation:manage' },
    schema: { tags: ['federation'], summary: 'Pull from a peer now', params: Params, response: { 200: SyncResult } },
  }, async (req) => {
    const peer = await getPeer(db, req.params.id);
    if (!peer) throw errors.notFound('peer');
    return syncPeer(await context(), peer);
  });
}
