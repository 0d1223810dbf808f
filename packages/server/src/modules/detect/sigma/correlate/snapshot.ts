// Engine state ⇄ JSON-safe data, so that a worker can persist it and resume after a restart. Restoring
// checks every value (a snapshot is stored data, possibly from another version) and drops, and counts,
// the groups of correlations that are gone or whose definition changed (fingerprint).
import type { Plan } from './plan.ts';
import type { EngineStats, Entry, GroupState } from './types.ts';

export const SNAPSHOT_FORMAT = 'bulwark.sigma.correlation/1';

/** [time, arrival, rule index, event ids, value | null, first time | null] */
export type EntryRow = [number, number, number, string[], string | number | null, number | null];

export interface GroupRow {
  correlation: string;
  fingerprint: string;
  key: string;
  groupKey: Record<string, string>;
  maxT: number;
  fired: string[];
  entries: EntryRow[];
}

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  seq: number;
  /** Newest event time seen; null before the first one. */
  watermark: number | null;
  stats: EngineStats;
  /** Least recently updated first. */
  groups: GroupRow[];
}

export function toSnapshot(plan: Plan, groups: readonly GroupState[], seq: number, watermark: number, stats: EngineStats): EngineSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    seq,
    watermark: Number.isFinite(watermark) ? watermark : null,
    stats: { ...stats },
    groups: groups.map((g) => ({
      correlation: plan.ids[g.corr] as string,
      fingerprint: plan.fingerprints[g.corr] as string,
      key: g.key,
      groupKey: { ...g.groupKey },
      maxT: g.maxT,
      fired: [...g.fired],
      entries: g.entries.map((e) => [e.t, e.seq, e.r, [...e.ids], e.v ?? null, e.f ?? null]),
    })),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function entryOf(row: unknown, rules: number): Entry | undefined {
  if (!Array.isArray(row) || row.length !== 6) return undefined;
  const [t, seq, r, ids, v, f] = row as unknown[];
  if (!isNum(t) || !isNum(seq) || !Number.isInteger(r) || (r as number) < 0 || (r as number) >= rules || !isStrList(ids)) return undefined;
  if (v !== null && typeof v !== 'string' && !isNum(v)) return undefined;
  if (f !== null && !isNum(f)) return undefined;
  const e: Entry = { t, seq, r: r as number, ids: [...ids] };
  if (v !== null) e.v = v as string | number;
  if (f !== null) e.f = f as number;
  return e;
}

function groupOf(plan: Plan, row: unknown, maxEvents: number): GroupState | undefined {
  if (!isObj(row) || typeof row.correlation !== 'string' || typeof row.key !== 'string' || !isNum(row.maxT) || !isStrList(row.fired) || !Array.isArray(row.entries)) return undefined;
  const c = plan.ids.findIndex((id, i) => id === row.correlation && plan.runnable[i]);
  if (c < 0 || plan.fingerprints[c] !== row.fingerprint) return undefined;
  if (!isObj(row.groupKey) || !Object.values(row.groupKey).every((x) => typeof x === 'string')) return undefined;
  const rules = (plan.rules[c]?.rules ?? []).length;
  const entries: Entry[] = [];
  for (const x of row.entries) {
    const e = entryOf(x, rules);
    if (!e) return undefined;
    entries.push(e);
  }
  return { corr: c, key: row.key, groupKey: { ...(row.groupKey as Record<string, string>) }, maxT: row.maxT, fired: [...row.fired], entries: entries.slice(-maxEvents) };
}

export function fromSnapshot(plan: Plan, snap: unknown, maxGroups: number, maxEvents: number): { groups: GroupState[]; seq: number; watermark: number; stats: Partial<EngineStats>; dropped: number } {
  if (!isObj(snap) || snap.format !== SNAPSHOT_FORMAT || !Array.isArray(snap.groups)) throw new Error(`not a correlation snapshot (format ${SNAPSHOT_FORMAT})`);
  const groups: GroupState[] = [];
  let dropped = 0;
  for (const row of snap.groups) {
    const g = groupOf(plan, row, maxEvents);
    if (g) groups.push(g);
    else dropped++;
  }
  // Keep the most recently updated groups if the snapshot holds more than this engine may.
  const over = Math.max(0, groups.length - maxGroups);
  const stats: Partial<EngineStats> = {};
  if (isObj(snap.stats)) for (const [k, v] of Object.entries(snap.stats)) if (isNum(v)) stats[k as keyof EngineStats] = v;
  let seq = isNum(snap.seq) ? snap.seq : 0;
  for (const g of groups) for (const e of g.entries) seq = Math.max(seq, e.seq + 1);
  return { groups: groups.slice(over), seq, watermark: isNum(snap.watermark) ? snap.watermark : -Infinity, stats, dropped: dropped + over };
}
