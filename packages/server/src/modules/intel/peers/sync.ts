// One pull from one peer: its collections page by page from the saved state (signatures verified when
// the peer has a key), each object stored with the scope the peer signed (trusted peer) or this peer's
// defaults, then its retractions (deleted objects, or objects we may no longer have) removed here.
// Every request goes through the egress guard; the state is saved after each page.
import { sql } from 'drizzle-orm';
import type { SyncResult } from '@bulwark/contracts';
import { egressFetch, INSTANCE, parseAllowList, rows, type Bus, type Db, type Logger, type Tx } from '../../../platform/index.ts';
import type { Distribution } from '../access/distribution.ts';
import type { TlpLevel } from '../access/tlp.ts';
import { createTaxiiClient, envelopeVerifier, SIGNATURE_HEADER, type EnvelopeVerifier, type ReplayCache, type Signer } from '../federation/index.ts';
import { peerKeys } from './identity.ts';
import { refreshPeerKeys } from './keys.ts';
import { pushToPeer } from './push.ts';
import { announceChanged } from '../live-indicators.ts';
import { importObjects, type ImportScope } from '../store/import.ts';
import { validateObject } from '../stix/index.ts';
import type { PeerRow } from './peer-store.ts';
import { fromPeer } from './wire-scope.ts';

export interface SyncContext {
  readonly db: Db;
  readonly bus: Bus;
  readonly log: Logger;
  readonly self: string;
  readonly egressAllow: readonly string[];
  /** Signs what this instance pushes. */
  readonly signer: Signer;
  /** Signatures already accepted (shared by the instance's processes: peers/replay-store.ts). */
  readonly replay: ReplayCache;
}


function verifierFor(peer: PeerRow, self: string, replay: ReplayCache): EnvelopeVerifier | undefined {
  if (!peer.public_key) return undefined;
  const keys = peerKeys(peer.public_key);
  return envelopeVerifier({ publicKeyOf: (kid: string) => (kid === peer.instance_id ? keys : undefined), seen: replay, audience: self, expectKid: peer.instance_id });
}

function connection(peer: PeerRow, ctx: SyncContext) {
  return {
    auth: peer.auth.kind === 'basic' ? { type: 'basic' as const, username: peer.auth.user ?? '', password: peer.auth.token } : { type: 'bearer' as const, token: peer.auth.token },
    ...(peer.tls ? { tls: peer.tls } : {}),
    ...(ctx.egressAllow.length ? { allow: parseAllowList(ctx.egressAllow.join(',')) } : {}),
  };
}

/** Stores one page of a peer's objects (pulled or pushed to us), grouped by the scope they arrive with. */
export async function storePage(ctx: Pick<SyncContext, 'db' | 'bus' | 'log' | 'self'>, peer: PeerRow, received: ReadonlyArray<Record<string, unknown>>): Promise<{ stored: number; rejected: number; failures: Map<string, string> }> {
  const groups = new Map<string, { scope: ImportScope; objects: Record<string, unknown>[] }>();
  for (const raw of received) {
    const { object, scope } = fromPeer(raw);
    const s: ImportScope = scope && peer.trust === 'trusted'
      ? {
        ownerInstance: scope.owner_instance, ownerOrg: scope.owner_org, tlp: scope.tlp, distribution: scope.distribution,
        ...(scope.group ? { group: scope.group } : {}), ...(scope.recipients ? { recipients: scope.recipients } : {}),
      }
      : { ownerInstance: peer.instance_id, ownerOrg: peer.instance_id, tlp: peer.default_tlp as TlpLevel, distribution: peer.default_distribution as Distribution };
    const key = JSON.stringify(s);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { scope: s, objects: [] }));
    g.objects.push(object);
  }
  let stored = 0;
  let rejected = 0;
  const failures = new Map<string, string>();
  for (const g of groups.values()) {
    const r = await importObjects(ctx.db, g.objects, validateObject, { scope: g.scope, source: `peer:${peer.instance_id}`, peer: { instance: peer.instance_id, self: ctx.self }, announce: announceChanged(ctx.bus) });
    stored += r.stored;
    rejected += r.rejected;
    for (const d of r.defects.filter((x) => x.severity === 'error')) {
      if (d.id && !failures.has(d.id)) failures.set(d.id, `${d.code} at ${d.path}: ${d.message}`);
      if (failures.size <= 5) ctx.log.warn({ peer: peer.instance_id, id: d.id, code: d.code, message: d.message }, 'object from peer refused');
    }
  }
  return { stored, rejected, failures };
}

/** The peer's retractions since the saved point: removes the copies that came from this peer. */
async function pullTombstones(ctx: SyncContext, peer: PeerRow, apiRoot: string, verify: EnvelopeVerifier | undefined): Promise<number> {
  let after = Number(peer.tombstone_seq);
  let removed = 0;
  const conn = connection(peer, ctx);
  const auth = conn.auth.type === 'basic' ? `Basic ${Buffer.from(`${conn.auth.username}:${conn.auth.password}`).toString('base64')}` : `Bearer ${conn.auth.token}`;
  for (const collection of peer.collections) {
    for (let round = 0; round < 1000; round++) {
      const url = new URL(`collections/${encodeURIComponent(collection)}/x-bulwark-tombstones/?after=${after}&limit=1000`, apiRoot).toString();
      const res = await egressFetch(url, { headers: { accept: 'application/taxii+json;version=2.1', authorization: auth }, maxRedirects: 0, ...(conn.allow ? { allow: conn.allow } : {}), ...(conn.tls ? { tls: conn.tls } : {}) });
      if (res.status === 404) return removed; // not a Bulwark peer: no retractions to follow
      if (res.status !== 200) throw new Error(`retractions from ${peer.instance_id}: HTTP ${res.status}`);
      const body = JSON.parse(res.body.toString('utf8')) as { more?: boolean; next_after?: number; tombstones?: Array<{ id: string }> };
      const sig = res.headers[SIGNATURE_HEADER.toLowerCase()];
      if (verify) await verify(body, typeof sig === 'string' ? sig : undefined, url);
      const ids = (body.tombstones ?? []).map((t) => t.id).filter((id) => typeof id === 'string');
      if (ids.length) {
        const list = `{${ids.map((i) => JSON.stringify(i)).join(',')}}`;
        removed += await ctx.db.tx(INSTANCE, async (tx: Tx) => {
          const gone = await rows<{ id: string }>(tx, sql`delete from intel_objects where id = any(${list}::text[]) and source = ${`peer:${peer.instance_id}`} returning id`);
          if (gone.length) {
            await tx.execute(sql`update intel_objects o set is_latest = (o.version = m.maxv), is_first = (o.version = m.minv)
              from (select id, max(version) as maxv, min(version) as minv from intel_objects where id = any(${list}::text[]) group by id) m where o.id = m.id`);
            await announceChanged(ctx.bus)(tx, [...new Set(gone.map((g) => g.id))].map((id) => ({ id })));
          }
          return new Set(gone.map((g) => g.id)).size;
        });
      }
      after = typeof body.next_after === 'number' && body.next_after > after ? body.next_after : after;
      if (!body.more) break;
    }
  }
  await ctx.db.tx(INSTANCE, (tx) => tx.execute(sql`update federation_peers set tombstone_seq = ${after} where id = ${peer.id}`));
  return removed;
}

export async function syncPeer(ctx: SyncContext, peer: PeerRow): Promise<SyncResult> {
  const result = { pulled: 0, stored: 0, rejected: 0, retracted: 0, pushed: 0, error: null as string | null };
  try {
    // The peer's published keys first (a rotation it made), taken only when a key we trust vouches for them.
    if (peer.public_key) {
      try {
        if ((await refreshPeerKeys(ctx, peer)) === 'updated') ctx.log.info({ peer: peer.instance_id }, 'peer signing keys updated from its published key set');
      } catch (err) {
        ctx.log.warn({ peer: peer.instance_id, err: (err as Error).message }, 'peer key set refused; keeping the configured keys');
      }
    }
    const verify = verifierFor(peer, ctx.self, ctx.replay);
    const client = createTaxiiClient({ ...connection(peer, ctx), ...(verify ? { verifyResponses: verify } : {}), signer: ctx.signer, audience: peer.instance_id });
    const discovery = await client.discover(peer.url);
    const apiRoot = discovery.default ?? discovery.apiRoots[0];
    if (!apiRoot) throw new Error(`${peer.url} names no API root`);
    const state = { ...(peer.pull_state ?? {}) };
    for (const collection of peer.direction === 'push' ? [] : peer.collections) {
      const url = new URL(`collections/${encodeURIComponent(collection)}/`, apiRoot).toString();
      await client.pullAll(url, {
        ...(state[collection] ? { from: state[collection] } : {}),
        onPage: async (page) => {
          const r = await storePage(ctx, peer, page.objects);
          result.pulled += page.objects.length;
          result.stored += r.stored;
          result.rejected += r.rejected;
          state[collection] = page.state;
          await ctx.db.tx(INSTANCE, (tx) => tx.execute(sql`update federation_peers set pull_state = ${JSON.stringify(state)}::jsonb where id = ${peer.id}`));
        },
      });
    }
    if (peer.direction !== 'push') result.retracted = await pullTombstones(ctx, peer, apiRoot, verify);
    if (peer.direction !== 'pull') {
      const target = new URL(`collections/${encodeURIComponent(peer.collections[0] ?? '')}/`, apiRoot).toString();
      result.pushed = (await pushToPeer(ctx.db, client, peer, ctx.self, target)).pushed;
    }
  } catch (err) {
    result.error = (err as Error).message;
    ctx.log.warn({ peer: peer.instance_id, err: result.error }, 'federation sync failed');
  }
  await ctx.db.tx(INSTANCE, (tx) => tx.execute(sql`update federation_peers set last_sync_at = now(), last_error = ${result.error}, last_pulled = ${result.pulled} where id = ${peer.id}`));
  return result;
}
