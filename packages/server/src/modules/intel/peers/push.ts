// Push to one peer: our objects the peer may receive (access model, peer viewer) added since the last
// push, each with its scope after the hop, in signed envelopes to the peer's collection. Objects that
// came from that peer are not sent back.
import { sql } from 'drizzle-orm';
import { INSTANCE, type Db } from '../../../platform/index.ts';
import { receiveFilter } from '../access/receive-filter.ts';
import type { TaxiiClient } from '../federation/index.ts';
import { queryObjects } from '../store/query.ts';
import { scopeOfRow } from '../store/scope-row.ts';
import type { PeerRow } from './peer-store.ts';
import { forPeer } from './wire-scope.ts';

const PAGE = 1000;

export async function pushToPeer(db: Db, client: TaxiiClient, peer: PeerRow, self: string, collectionUrl: string): Promise<{ pushed: number; failed: number }> {
  const access = receiveFilter({ kind: 'peer', instance: peer.instance_id }, self);
  let afterSeq = Number(peer.push_seq ?? 0);
  let pushed = 0;
  let failed = 0;
  for (let round = 0; round < 1000; round++) {
    const page = await queryObjects(db, { access, versions: ['all'], afterSeq, limit: PAGE, scope: sql`source <> ${`peer:${peer.instance_id}`}` }, 'scoped');
    if (!page.objects.length) break;
    const objects = page.objects.flatMap((o) => {
      const sent = o.scope ? forPeer(o.object, scopeOfRow(o.scope, self), peer.instance_id) : undefined;
      return sent ? [sent] : [];
    });
    if (objects.length) {
      const status = await client.postObjects(collectionUrl, objects);
      const final = status.status === 'complete' ? status : await client.waitForStatus(status.url);
      pushed += final.successCount;
      failed += final.failureCount;
    }
    afterSeq = page.objects.at(-1)!.seq;
    await db.tx(INSTANCE, (tx) => tx.execute(sql`update federation_peers set push_seq = ${afterSeq}, last_pushed = ${pushed} where id = ${peer.id}`));
    if (!page.more) break;
  }
  return { pushed, failed };
}
