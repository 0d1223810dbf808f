// Federation peers in the database: adding one also creates the organisation, user and key the peer
// uses to call this instance (shown once); the outbound credentials are never returned.
import { sql } from 'drizzle-orm';
import type { AddPeer, FederationPeer, UpdatePeer } from '@bulwark/contracts';
import { errors, INSTANCE, issueKey, rows, type Db, type Tx } from '../../../platform/index.ts';
import { peerKeys } from './identity.ts';
import type { PullState } from '../federation/index.ts';

/** The federation collection of a Bulwark peer (taxii/collections.ts): objects for connected communities. */
export const DEFAULT_COLLECTION = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d04';

export interface PeerRow {
  id: string;
  instance_id: string;
  url: string;
  auth: { kind: 'bearer' | 'basic'; token: string; user?: string };
  tls: { cert?: string; key?: string; ca?: string } | null;
  collections: string[];
  direction: 'pull' | 'push' | 'both';
  trust: 'trusted' | 'restricted';
  public_key: Record<string, unknown> | null;
  org_id: string | null;
  default_tlp: string;
  default_distribution: string;
  pull_state: Record<string, PullState & { lastAdded?: string }>;
  tombstone_seq: string | number;
  push_seq: string | number;
  last_pushed: number;
  last_sync_at: Date | string | null;
  last_error: string | null;
  last_pulled: number;
}

export function toPeer(r: PeerRow): FederationPeer {
  const newest = Object.values(r.pull_state ?? {}).map((s) => s.addedAfter).filter((x): x is string => typeof x === 'string').sort().at(-1);
  return {
    id: r.id, instanceId: r.instance_id, url: r.url, collections: r.collections, direction: r.direction, trust: r.trust, signed: r.public_key !== null,
    lastSyncAt: r.last_sync_at ? new Date(r.last_sync_at).toISOString() : null, lastError: r.last_error, lastPulled: r.last_pulled, lastPushed: r.last_pushed ?? 0,
    lagSeconds: newest && r.last_sync_at ? Math.max(0, (new Date(r.last_sync_at).getTime() - Date.parse(newest)) / 1000) : null,
  };
}

export async function listPeers(db: Db): Promise<PeerRow[]> {
  return db.tx(INSTANCE, (tx) => rows<PeerRow>(tx, sql`select * from federation_peers order by instance_id`));
}

export async function getPeer(db: Db, id: string): Promise<PeerRow | undefined> {
  const [r] = await db.tx(INSTANCE, (tx) => rows<PeerRow>(tx, sql`select * from federation_peers where id::text = ${id} or instance_id = ${id}`));
  return r;
}

export async function addPeer(tx: Tx, body: AddPeer, self: string): Promise<{ peer: PeerRow; inboundToken: string }> {
  if (body.instanceId === self) throw errors.invalid('a peer cannot have this instance\'s own id');
  if (body.publicKey) {
    try {
      if (!peerKeys(body.publicKey).length) throw new Error('an empty key set');
    } catch (err) {
      throw errors.invalid(`publicKey: ${(err as Error).message}`);
    }
  }
  const [exists] = await rows(tx, sql`select 1 from federation_peers where instance_id = ${body.instanceId}`);
  if (exists) throw errors.conflict(`peer ${body.instanceId} is already configured`);
  const slug = `peer-${body.instanceId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63);
  const [org] = await rows<{ id: string }>(tx, sql`insert into organisations (name, slug) values (${`Federation peer ${body.instanceId}`}, ${slug})
    on conflict (slug) do update set name = excluded.name returning id`);
  const email = `peer+${slug}@federation.invalid`;
  const [user] = await rows<{ id: string }>(tx, sql`insert into users (email, display_name) values (${email}, ${`Peer ${body.instanceId}`})
    on conflict ((lower(email))) do update set display_name = excluded.display_name returning id`);
  await tx.execute(sql`insert into memberships (user_id, org_id, role) values (${user!.id}, ${org!.id}, 'federation-peer') on conflict do nothing`);
  const { token } = await issueKey(tx, { orgId: org!.id, userId: user!.id, name: `federation ${body.instanceId}`, role: 'federation-peer' });
  const auth = body.username !== undefined ? { kind: 'basic', token: body.token, user: body.username } : { kind: 'bearer', token: body.token };
  const [peer] = await rows<PeerRow>(tx, sql`insert into federation_peers (instance_id, url, auth, tls, collections, direction, trust, public_key, org_id, default_tlp, default_distribution)
    values (${body.instanceId}, ${body.url}, ${JSON.stringify(auth)}::jsonb, ${body.tls ? JSON.stringify(body.tls) : null}::jsonb, ${JSON.stringify(body.collections ?? [DEFAULT_COLLECTION])}::jsonb,
      ${body.direction ?? 'pull'}, ${body.trust ?? 'trusted'}, ${body.publicKey ? JSON.stringify(body.publicKey) : null}::jsonb, ${org!.id},
      ${body.tlp ?? 'GREEN'}, ${body.distribution ?? 'community'})
    returning *`);
  return { peer: peer!, inboundToken: token };
}

export async function updatePeer(tx: Tx, peer: PeerRow, change: UpdatePeer): Promise<PeerRow> {
  if (change.publicKey) {
    try {
      if (!peerKeys(change.publicKey).length) throw new Error('an empty key set');
    } catch (err) {
      throw errors.invalid(`publicKey: ${(err as Error).message}`);
    }
  }
  const token = change.token ?? peer.auth.token;
  const user = change.username === null ? undefined : change.username ?? peer.auth.user;
  const auth = user !== undefined ? { kind: 'basic', token, user } : { kind: 'bearer', token };
  const [row] = await rows<PeerRow>(tx, sql`update federation_peers set
      url = ${change.url ?? peer.url}, auth = ${JSON.stringify(auth)}::jsonb,
      public_key = ${change.publicKey === undefined ? (peer.public_key ? JSON.stringify(peer.public_key) : null) : change.publicKey ? JSON.stringify(change.publicKey) : null}::jsonb,
      collections = ${JSON.stringify(change.collections ?? peer.collections)}::jsonb, direction = ${change.direction ?? peer.direction}, trust = ${change.trust ?? peer.trust}
    where id = ${peer.id} returning *`);
  return row!;
}
