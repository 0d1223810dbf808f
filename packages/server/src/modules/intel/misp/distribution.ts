// MISP distribution along the event → object → attribute chain, reduced to what a recipient must satisfy.
import type { MispDistribution, MispSharingGroup } from './event-types.ts';

export interface DistributionHolder {
  distribution?: MispDistribution;
  sharingGroup?: MispSharingGroup;
  sharingGroupId?: string;
}

export interface EffectiveDistribution {
  /** 0 your organisation, 1 this community, 2 connected communities, 3 all, 4 sharing group(s). */
  level: 0 | 1 | 2 | 3 | 4;
  /** With level 4: every group the recipient must belong to (UUIDs, nearest first). */
  sharingGroups: string[];
  /** Why the result is narrower than the data said (a sharing group without its UUID, a missing level). */
  notes: string[];
}

/**
 * Combines the chain (outermost first). A holder with 5 (inherit) or no distribution takes its parent's;
 * the event itself defaults to `fallback`. A recipient must pass every link, so the result is the
 * narrowest: 0 wins; else any sharing group makes it 4 with all groups named; else the lowest of 1–3.
 * MISP's own access check works this way: an attribute visible to "all" in an event limited to a sharing
 * group is visible to that group only. A sharing group without a UUID cannot be enforced and gives 0.
 */
export function effectiveDistribution(chain: readonly DistributionHolder[], fallback: 0 | 1 | 2 | 3, cap?: 0 | 1 | 2 | 3): EffectiveDistribution {
  let min = 3;
  let zero = false;
  const groups: string[] = [];
  const notes: string[] = [];
  chain.forEach((h, i) => {
    let d = h.distribution;
    if (d === 5 || d === undefined) {
      if (i > 0) return;
      d = fallback;
      if (h.distribution === undefined) notes.push(`no distribution given; ${fallback} assumed`);
    }
    if (d === 4) {
      if (h.sharingGroup) {
        if (!groups.includes(h.sharingGroup.uuid)) groups.push(h.sharingGroup.uuid);
      } else {
        zero = true;
        notes.push(`sharing group ${h.sharingGroupId ?? '(no id)'} is not described (no SharingGroup with a uuid); narrowed to your organisation`);
      }
      return;
    }
    if (d === 0) zero = true;
    else if (d < min) min = d;
  });
  if (cap !== undefined && cap < min) min = cap;
  if (zero || cap === 0) return { level: 0, sharingGroups: [], notes };
  if (groups.length > 0) return { level: 4, sharingGroups: groups.reverse(), notes };
  return { level: min as 1 | 2 | 3, sharingGroups: [], notes };
}
