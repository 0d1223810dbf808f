// Who is asking, in the access model's terms: a user of one of this instance's organisations, or a
// federated instance (a `federation-peer` key names the peer instance; see federation).
import type { Principal } from '../../platform/index.ts';
import { receiveFilter, type ReceiveFilter } from './access/receive-filter.ts';
import type { Viewer } from './access/scope.ts';

export function viewerOf(p: Principal, instance: string): Viewer {
  return { kind: 'user', instance, org: p.orgId, user: p.userId };
}

export function accessOf(p: Principal, instance: string): ReceiveFilter {
  return receiveFilter(viewerOf(p, instance), instance);
}
