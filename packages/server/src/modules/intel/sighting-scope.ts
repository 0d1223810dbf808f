// The sharing scope of a sighting or a false-positive opinion, by the instance's policy
// (`intel_sighting_distribution`):
//
// - `organisation` (default): kept to the organisation that reports it (TLP:AMBER, or the object's when stricter);
// - `follow`: the TLP, distribution, sharing group and named recipients of the object sighted — never wider;
// - `community`, `connected`, `all`: the same, with that distribution as a ceiling (the narrower of the two;
//   an object shared with a sharing group then stays in the organisation).
//
// Beyond the organisation, the object's owner is named too: it may receive the object, so naming it widens
// nothing, and the author of an indicator learns that it was seen. A sighting of an object from another
// instance goes back to that instance as TLP:AMBER naming the owner (see the end of sightingScope). The TLP goes on the
// object as an OASIS TLP 2.0 marking, so it travels with it (TAXII, export, federation).
import type { Distribution } from './access/distribution.ts';
import { tlpMarkingId } from './access/marking-ids.ts';
import type { ObjectScope, Recipient, SharingGroup } from './access/scope.ts';
import { mostRestrictive, type TlpLevel } from './access/tlp.ts';

export type SightingPolicy = 'organisation' | 'follow' | 'community' | 'connected' | 'all';

export interface SightingScope {
  readonly tlp: TlpLevel;
  readonly distribution: Distribution;
  readonly group?: SharingGroup;
  readonly recipients: readonly Recipient[];
  /** The TLP marking to put on the object. */
  readonly marking: string;
}

const WIDTH: Record<Distribution, number> = { organisation: 0, community: 1, connected: 2, all: 3, group: -1 };

export function sightingScope(policy: SightingPolicy, sighted: Omit<ObjectScope, 'holder'>, author: { instance: string; org: string }): SightingScope {
  if (policy === 'organisation') {
    const tlp = mostRestrictive(['AMBER', sighted.tlp]) ?? 'AMBER';
    return { tlp, distribution: 'organisation', recipients: [], marking: tlpMarkingId(tlp) };
  }
  let distribution: Distribution = sighted.distribution;
  if (policy !== 'follow') {
    if (sighted.distribution === 'group') distribution = 'organisation';
    else if (WIDTH[policy] < WIDTH[sighted.distribution]) distribution = policy;
  }
  const recipients: Recipient[] = [...(sighted.recipients ?? [])];
  const ownerIsAuthor = sighted.ownerInstance === author.instance && sighted.ownerOrg === author.org;
  if (!ownerIsAuthor && !recipients.some((r) => r.instance === sighted.ownerInstance && r.org === sighted.ownerOrg && r.user === undefined)) {
    recipients.push({ instance: sighted.ownerInstance, org: sighted.ownerOrg });
  }
  // The object came from another instance: its distribution narrowed on the way (connected arrives as
  // community), which alone would keep the sighting here. It goes back to the owner only: TLP:AMBER (or
  // the object's when stricter) with the owner named, across one hop; no other instance may receive it.
  if (sighted.ownerInstance !== author.instance && (distribution === 'community' || distribution === 'connected')) {
    const tlp = mostRestrictive(['AMBER', sighted.tlp]) ?? 'AMBER';
    return { tlp, distribution: 'connected', recipients, marking: tlpMarkingId(tlp) };
  }
  return {
    tlp: sighted.tlp, distribution, recipients, marking: tlpMarkingId(sighted.tlp),
    ...(distribution === 'group' && sighted.group ? { group: sighted.group } : {}),
  };
}
