// Who is asking, in the access model's terms: a user of one of this instance's organisations, or a
// federated instance (a `federation-peer` key belongs to the organisation that stands for the peer).
import { sql } from 'drizzle-orm';
import { INSTANCE, rows, type Db, type Principal } from '../../platform/index.ts';
import { receiveFilter } from './access/receive-filter.ts';
import type { StoreAccess } from './store/scope-sql.ts';
import type { Viewer } from './access/scope.ts';

const peers = new Map<string, { instance: string | null; at: number }>();
const TTL_MS = 10_000;

/** The peer instance an organisation stands for (cached briefly), or null. */
async function peerInstanceOf(db: Db, orgId: string): Promise<string | null> {
  const hit = peers.get(orgId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.instance;
  const [row] = await db.tx(INSTANCE, (tx) => rows<{ instance_id: string }>(tx, sql`select instance_id from federation_peers where org_id = ${orgId}`));
  const instance = row?.instance_id ?? null;
  if (peers.size > 10_000) peers.clear();
  peers.set(orgId, { instance, at: Date.now() });
  return instance;
}

export async function viewerOf(db: Db, p: Principal, instance: string): Promise<Viewer> {
  if (p.role === 'federation-peer') {
    const peer = await peerInstanceOf(db, p.orgId);
    // A peer key whose peer was removed sees nothing: a peer viewer for an instance no object names.
    return { kind: 'peer', instance: peer ?? `removed-peer:${p.orgId}` };
  }
  return { kind: 'user', instance, org: p.orgId, user: p.userId };
}

/** What the principal may receive: the access model's filter, and for a user its organisation's receipts (store/import.ts). */
export async function accessOf(db: Db, p: Principal, instance: string): Promise<{ viewer: Viewer; access: StoreAccess }> {
  const viewer = await viewerOf(db, p, instance);
  return { viewer, access: { ...receiveFilter(viewer, instance), ...(viewer.kind === 'user' ? { receiptsOf: viewer.org } : {}) } };
}
