// Distribution levels in the MISP sense, as explicit sets of recipient classes, and their fate on
// crossing one federation hop (see README.md).
import { classSet, type RecipientClass } from './recipient-class.ts';

export const DISTRIBUTIONS = ['organisation', 'community', 'connected', 'all', 'group'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** Who may receive an object at each distribution, whatever its TLP level (which must allow it too). */
export const DISTRIBUTION_AUDIENCE: Readonly<Record<Distribution, ReadonlySet<RecipientClass>>> = Object.freeze({
  organisation: classSet('owner'),
  community: classSet('owner', 'community'),
  connected: classSet('owner', 'community', 'peer'),
  all: classSet('owner', 'community', 'peer', 'public'),
  group: classSet('owner', 'group-member', 'peer-of-group-member'),
});

export function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'string' && Object.hasOwn(DISTRIBUTION_AUDIENCE, value);
}

export function distributionAllows(distribution: Distribution, classes: Iterable<RecipientClass>): boolean {
  const audience = isDistribution(distribution) ? DISTRIBUTION_AUDIENCE[distribution] : undefined;
  if (!audience) return false;
  for (const c of classes) if (audience.has(c)) return true;
  return false;
}

/**
 * The distribution an object has on the receiving side of one federation hop, or undefined when it
 * is never sent: organisation and community stay home; connected arrives as the receiver's community;
 * all stays all (further hops allowed); group stays group (sent only to member instances).
 */
export function distributionAfterHop(distribution: Distribution): Distribution | undefined {
  switch (distribution) {
    case 'organisation':
    case 'community':
      return undefined;
    case 'connected':
      return 'community';
    case 'all':
      return 'all';
    case 'group':
      return 'group';
    default:
      return undefined;
  }
}
