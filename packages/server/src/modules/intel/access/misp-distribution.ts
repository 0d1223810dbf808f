// MISP's numeric distribution values (events and attributes) and ours.
import type { Distribution } from './distribution.ts';

const FROM_MISP: readonly Distribution[] = ['organisation', 'community', 'connected', 'all', 'group'];

/** MISP value used by attributes and objects to inherit the event's distribution. */
export const MISP_INHERIT = 5;

/**
 * 0 your organisation only, 1 this community only, 2 connected communities, 3 all communities,
 * 4 sharing group, 5 inherit (`inherited` is then returned). Anything else is undefined: reject it.
 */
export function distributionFromMisp(value: number | string, inherited?: Distribution): Distribution | undefined {
  const n = typeof value === 'string' && /^\d$/.test(value.trim()) ? Number(value.trim()) : value;
  if (n === MISP_INHERIT) return inherited;
  return typeof n === 'number' && Number.isInteger(n) ? FROM_MISP[n] : undefined;
}

export function mispDistribution(distribution: Distribution): number {
  return FROM_MISP.indexOf(distribution);
}
