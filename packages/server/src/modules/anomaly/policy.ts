// An organisation's tuning of the anomaly jobs: which run, the score from which a finding becomes an
// alert, allow-listed values, and the (job, entity, feature) triples marked as false positives.
import { ipv4ToInt } from './geo/geo.ts';

export interface AllowEntry {
  readonly job: string;
  readonly entity: string;
  readonly value: string;
}

export interface JobSetting {
  readonly enabled: boolean;
  readonly threshold: number | null;
}

export interface Policy {
  readonly settings: ReadonlyMap<string, JobSetting>;
  readonly allow: readonly AllowEntry[];
  readonly suppressed: ReadonlySet<string>;
}

export const EMPTY_POLICY: Policy = { settings: new Map(), allow: [], suppressed: new Set() };

export const suppressKey = (job: string, entity: string, feature: string) => `${job}\n${entity}\n${feature}`;

function cidr(value: string): [number, number] | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value);
  if (!m) return undefined;
  const base = ipv4ToInt(m[1]!);
  const bits = Number(m[2]);
  if (base === undefined || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return [(base & mask) >>> 0, mask];
}

/** Whether an entry allows one of `values`: exact (case-insensitive), an IPv4 CIDR network, or '*' (anything). */
export function entryAllows(entry: AllowEntry, values: readonly string[]): boolean {
  if (entry.value === '*') return true;
  const v = entry.value.toLowerCase();
  const net = cidr(entry.value);
  for (const x of values) {
    if (x.toLowerCase() === v) return true;
    if (net) {
      const n = ipv4ToInt(x);
      if (n !== undefined && ((n & net[1]) >>> 0) === net[0]) return true;
    }
  }
  return false;
}

export function allowed(policy: Policy, job: string, entity: string, values: readonly string[]): boolean {
  for (const e of policy.allow) {
    if ((e.job === job || e.job === '*') && (e.entity === '*' || e.entity.toLowerCase() === entity) && entryAllows(e, values)) return true;
  }
  return false;
}
