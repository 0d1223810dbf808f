// The data the access decision reads: who is asking (Viewer) and the sharing scope of one object copy.
import type { Distribution } from './distribution.ts';
import type { TlpLevel } from './tlp.ts';

/** An organisation, identified across instances: the instance id plus the organisation id there. */
export interface OrgRef {
  readonly instance: string;
  readonly org: string;
}

/** A named recipient: a whole organisation, or one individual of it when `user` is set. */
export interface Recipient extends OrgRef {
  readonly user?: string;
}

/** A named sharing group of organisations across instances. Its members travel with the object. */
export interface SharingGroup {
  readonly id: string;
  readonly members: readonly OrgRef[];
}

export type Viewer =
  /** A user of organisation `org`; served only by its own instance. `user` is needed to match named individuals. */
  | { readonly kind: 'user'; readonly instance: string; readonly org: string; readonly user?: string }
  /** A directly federated instance, pulling or being pushed to (federation egress). */
  | { readonly kind: 'peer'; readonly instance: string }
  /** Anyone: public export, unauthenticated feeds. */
  | { readonly kind: 'public' };

/** The sharing scope of one copy of an object, as held by one instance. */
export interface ObjectScope {
  /** The instance whose store holds this copy and makes the decision; the owner's instance for the original. */
  readonly holder: string;
  readonly ownerInstance: string;
  readonly ownerOrg: string;
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  /** Required for distribution `group`, ignored otherwise. */
  readonly group?: SharingGroup;
  /** Named recipients (organisations or individuals), fixed on the object. */
  readonly recipients?: readonly Recipient[];
}

export function sameOrg(a: OrgRef, b: OrgRef): boolean {
  return a.instance === b.instance && a.org === b.org;
}

/** The well-formed entries of a recipient or member list: a malformed entry grants nothing (and does not throw). */
export function orgEntries<T extends OrgRef>(list: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(list)) return [];
  return list.filter((e) => typeof e === 'object' && e !== null && typeof e.instance === 'string' && typeof e.org === 'string');
}
