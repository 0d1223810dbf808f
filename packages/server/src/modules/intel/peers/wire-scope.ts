// The sharing scope on the wire between Bulwark instances: each object sent to a peer carries
// `x_bulwark_scope` (owner, distribution after the hop, sharing group, named recipients); the receiver
// verifies the page's signature, takes the scope (from trusted peers) and strips the property before
// storing, so the object is stored exactly as its author wrote it.
import { downgradeForHop } from '../access/forward.ts';
import { isDistribution, type Distribution } from '../access/distribution.ts';
import type { ObjectScope, OrgRef, Recipient } from '../access/scope.ts';
import { isTlpLevel, type TlpLevel } from '../access/tlp.ts';

export const SCOPE_PROPERTY = 'x_bulwark_scope';

export interface WireScope {
  readonly owner_instance: string;
  readonly owner_org: string;
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  readonly group?: { readonly id: string; readonly members: readonly OrgRef[] };
  readonly recipients?: readonly Recipient[];
}

/** The object as sent to `peer`: with the scope it has on the peer's side; undefined when it must not go. */
export function forPeer(object: Record<string, unknown>, scope: ObjectScope, peer: string): Record<string, unknown> | undefined {
  const after = downgradeForHop(scope, peer);
  if (!after) return undefined;
  const wire: WireScope = {
    owner_instance: after.ownerInstance, owner_org: after.ownerOrg, tlp: after.tlp, distribution: after.distribution,
    ...(after.group ? { group: after.group } : {}), ...(after.recipients?.length ? { recipients: after.recipients } : {}),
  };
  return { ...object, [SCOPE_PROPERTY]: wire };
}

const orgRefs = (v: unknown): OrgRef[] | undefined =>
  Array.isArray(v) && v.every((m) => m && typeof m === 'object' && typeof (m as OrgRef).instance === 'string' && typeof (m as OrgRef).org === 'string')
    ? (v as OrgRef[]).map((m) => ({ instance: m.instance, org: m.org, ...((m as Recipient).user ? { user: String((m as Recipient).user) } : {}) }))
    : undefined;

/** Splits a received object into the object as authored and the scope it came with (if well-formed). */
export function fromPeer(received: Record<string, unknown>): { object: Record<string, unknown>; scope?: WireScope } {
  const { [SCOPE_PROPERTY]: raw, ...object } = received;
  const w = raw as Partial<WireScope> | undefined;
  if (!w || typeof w !== 'object' || typeof w.owner_instance !== 'string' || typeof w.owner_org !== 'string' || !isTlpLevel(w.tlp) || !isDistribution(w.distribution)) return { object };
  const group = w.group && typeof w.group.id === 'string' ? { id: w.group.id, members: orgRefs(w.group.members) ?? [] } : undefined;
  const recipients = orgRefs(w.recipients);
  return { object, scope: { owner_instance: w.owner_instance, owner_org: w.owner_org, tlp: w.tlp, distribution: w.distribution, ...(group ? { group } : {}), ...(recipients ? { recipients } : {}) } };
}
