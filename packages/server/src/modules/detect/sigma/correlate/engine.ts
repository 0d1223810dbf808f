// The correlation engine: base-rule matches in, correlation alerts out. Pure and in memory: no I/O, no
// wall clock unless injected; the same input sequence gives the same alerts. See README.md for semantics.
import { createHash } from 'node:crypto';
import { fieldResolver } from '../resolver.ts';
import type { CorrelationRule } from '../rule.ts';
import type { EventAccessor } from '../values.ts';
import { EVALUATORS, valueKind } from './evaluate.ts';
import { accessorOf, canonicalKey, fieldFor, groupKeyOf, keyPart, numeric } from './fields.ts';
import { type Consumer, isStandalone, makePlan, type Plan } from './plan.ts';
import { fromSnapshot, type EngineSnapshot, toSnapshot } from './snapshot.ts';
import type { BaseMatch, CorrelationAlert, EngineOptions, EngineProblem, EngineStats, Entry, GroupState } from './types.ts';

export const DEFAULT_ENGINE_OPTIONS = { maxGroups: 100_000, maxEventsPerGroup: 10_000, maxAlertEventIds: 1_000 } as const;

interface Item {
  refs: readonly string[];
  time: number;
  first: number;
  get: EventAccessor;
  ids: string[];
}

const emptyStats = (): EngineStats => ({ matches: 0, unreferenced: 0, missingField: 0, late: 0, invalid: 0, evictedEvents: 0, evictedGroups: 0, expiredGroups: 0, alerts: 0 });

export class CorrelationEngine {
  readonly problems: readonly EngineProblem[];
  /** Group-by names common to every correlation: `partitionKey` is made of their values. */
  readonly partitionFields: readonly string[];
  readonly #plan: Plan;
  readonly #maxGroups: number;
  readonly #maxEvents: number;
  readonly #maxIds: number;
  readonly #clock: () => number;
  #groups = new Map<string, GroupState>();
  #seq = 0;
  #watermark = -Infinity;
  #stats = emptyStats();

  constructor(rules: readonly CorrelationRule[], options: EngineOptions = {}) {
    this.#maxGroups = bound(options.maxGroups, DEFAULT_ENGINE_OPTIONS.maxGroups);
    this.#maxEvents = bound(options.maxEventsPerGroup, DEFAULT_ENGINE_OPTIONS.maxEventsPerGroup);
    this.#maxIds = bound(options.maxAlertEventIds, DEFAULT_ENGINE_OPTIONS.maxAlertEventIds);
    this.#clock = options.clock ?? (() => this.#watermark);
    this.#plan = makePlan(rules, this.#maxEvents);
    this.problems = this.#plan.problems;
    this.partitionFields = this.#plan.partitionFields;
  }

  /** Feeds one match; returns the alerts it completes (inner chain steps first, then what they feed). */
  push(match: BaseMatch): CorrelationAlert[] {
    if (!Number.isFinite(match.time)) {
      this.#stats.invalid++;
      return [];
    }
    this.#stats.matches++;
    if (match.time > this.#watermark) this.#watermark = match.time;
    const out: CorrelationAlert[] = [];
    const queue: Item[] = [{ refs: match.ruleRefs, time: match.time, first: match.time, get: accessorOf(match.event), ids: [match.eventId] }];
    let consumed = false;
    while (queue.length) {
      const item = queue.shift() as Item;
      for (const { c, r } of this.#consumersOf(item.refs)) {
        consumed = true;
        const alert = this.#feed(c, r, item);
        if (!alert) continue;
        out.push(alert);
        queue.push({ refs: this.#plan.refsOf[c] ?? [], time: alert.lastTime, first: alert.firstTime, get: fieldResolver(alert.groupKey), ids: alert.eventIds });
      }
    }
    if (!consumed) this.#stats.unreferenced++;
    this.#stats.alerts += out.length;
    return out;
  }

  pushAll(matches: Iterable<BaseMatch>): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    for (const m of matches) out.push(...this.push(m));
    return out;
  }

  /** The `generate` flag: whether hits of this base rule (its id and name) are alerts of their own. */
  isStandalone(ruleRefs: readonly string[]): boolean {
    return isStandalone(ruleRefs, this.#plan.consumers, this.#plan.rules);
  }

  /** Whether any runnable correlation consumes hits of this rule. */
  consumes(ruleRefs: readonly string[]): boolean {
    return this.#consumersOf(ruleRefs).length > 0;
  }

  /**
   * The values of `partitionFields` for this match (aliases applied), as text. Matches with the same
   * partition key must go to the same worker; matches with different keys never share a group.
   */
  partitionKey(match: BaseMatch): string {
    const get = accessorOf(match.event);
    const consumers = this.#consumersOf(match.ruleRefs);
    return JSON.stringify(
      this.partitionFields.map((name) => {
        const aliased = consumers.map(({ c }) => this.#plan.rules[c]?.aliases[name]).find((a) => a && match.ruleRefs.some((ref) => Object.hasOwn(a, ref)));
        const field = aliased ? fieldFor(name, match.ruleRefs, { [name]: aliased }) : name;
        return keyPart(get(field)) ?? null;
      }),
    );
  }

  /**
   * The event fields the engine may read for a match of the rule known by `ruleRefs` (group-by fields and
   * value fields, through aliases): what a match must carry when it is handed to another process.
   */
  inputFields(ruleRefs: readonly string[]): string[] {
    const names = new Set<string>();
    for (const { c } of this.#consumersOf(ruleRefs)) {
      const rule = this.#plan.rules[c] as CorrelationRule;
      for (const name of rule.groupBy) names.add(fieldFor(name, ruleRefs, rule.aliases));
      if (rule.field) names.add(fieldFor(rule.field, ruleRefs, rule.aliases));
    }
    return [...names];
  }

  /** Drops groups with nothing left in their window at `now` (default: the injected clock). */
  sweep(now: number = this.#clock()): number {
    let n = 0;
    for (const [k, g] of this.#groups) {
      if (g.maxT < now - (this.#plan.rules[g.corr] as CorrelationRule).timespanMs) {
        this.#groups.delete(k);
        n++;
      }
    }
    this.#stats.expiredGroups += n;
    return n;
  }

  stats(): EngineStats & { groups: number; events: number } {
    let events = 0;
    for (const g of this.#groups.values()) events += g.entries.length;
    return { ...this.#stats, groups: this.#groups.size, events };
  }

  /** The whole state as JSON-safe data (see snapshot.ts); `restore` on an engine with the same rules resumes it. */
  snapshot(): EngineSnapshot {
    return toSnapshot(this.#plan, [...this.#groups.values()], this.#seq, this.#watermark, this.#stats);
  }

  /** Replaces the state with a snapshot's; groups of unknown or changed correlations are dropped and counted. */
  restore(snapshot: unknown): { groups: number; dropped: number } {
    const r = fromSnapshot(this.#plan, snapshot, this.#maxGroups, this.#maxEvents);
    this.#groups = new Map(r.groups.map((g) => [this.#mapKey(g.corr, g.key), g]));
    this.#seq = r.seq;
    this.#watermark = r.watermark;
    this.#stats = { ...emptyStats(), ...r.stats };
    return { groups: r.groups.length, dropped: r.dropped };
  }

  #consumersOf(refs: readonly string[]): Consumer[] {
    const best = new Map<number, number>();
    for (const ref of refs) {
      for (const { c, r } of this.#plan.consumers.get(ref) ?? []) {
        const seen = best.get(c);
        if (seen === undefined || r < seen) best.set(c, r);
      }
    }
    return [...best].sort((a, b) => a[0] - b[0]).map(([c, r]) => ({ c, r }));
  }

  #mapKey(c: number, key: string): string {
    return `${c}\n${key}`;
  }

  #feed(c: number, r: number, item: Item): CorrelationAlert | undefined {
    const rule = this.#plan.rules[c] as CorrelationRule;
    const groupKey = groupKeyOf(item.get, item.refs, rule.groupBy, rule.aliases);
    if (!groupKey) {
      this.#stats.missingField++;
      return undefined;
    }
    const kind = valueKind(rule.type);
    let v: string | number | undefined;
    if (kind) {
      const raw = item.get(fieldFor(rule.field ?? '', item.refs, rule.aliases));
      v = kind === 'text' ? keyPart(raw) : numeric(raw);
      if (v === undefined) {
        this.#stats.missingField++;
        return undefined;
      }
    }
    const key = canonicalKey(rule.groupBy, groupKey);
    const mapKey = this.#mapKey(c, key);
    let g = this.#groups.get(mapKey);
    if (g && item.time < g.maxT - rule.timespanMs) {
      this.#stats.late++;
      return undefined;
    }
    if (g) this.#groups.delete(mapKey); // re-inserted below: Map order is least recently updated first
    else {
      this.#makeRoom();
      g = { corr: c, key, groupKey, entries: [], maxT: -Infinity, fired: [] };
    }
    this.#groups.set(mapKey, g);
    const entry: Entry = { t: item.time, seq: this.#seq++, r, ids: item.ids };
    if (item.first < item.time) entry.f = item.first;
    if (v !== undefined) entry.v = v;
    insertSorted(g.entries, entry);
    if (item.time > g.maxT) g.maxT = item.time;
    this.#slide(g, rule.timespanMs);
    const ev = EVALUATORS[rule.type](rule, g.entries, entry);
    if (rule.type === 'value_percentile') {
      const alive = new Set(g.entries.map((e) => `v:${String(e.v)}`));
      g.fired = g.fired.filter((k) => alive.has(k));
    }
    if (!ev.holds) {
      g.fired = g.fired.filter((k) => k !== ev.dedupe);
      return undefined;
    }
    if (g.fired.includes(ev.dedupe)) return undefined;
    g.fired.push(ev.dedupe);
    return this.#alert(c, g, ev.entries, ev.value);
  }

  /** Sliding window: keep entries within `span` of the group's newest time (inclusive), at most maxEvents. */
  #slide(g: GroupState, span: number): void {
    const cutoff = g.maxT - span;
    let drop = 0;
    while (drop < g.entries.length && (g.entries[drop] as Entry).t < cutoff) drop++;
    const over = g.entries.length - drop - this.#maxEvents;
    if (over > 0) {
      this.#stats.evictedEvents += over;
      drop += over;
    }
    if (drop) g.entries.splice(0, drop);
  }

  #makeRoom(): void {
    if (this.#groups.size < this.#maxGroups) return;
    this.sweep();
    while (this.#groups.size >= this.#maxGroups) {
      const oldest = this.#groups.keys().next().value as string;
      this.#groups.delete(oldest);
      this.#stats.evictedGroups++;
    }
  }

  #alert(c: number, g: GroupState, entries: readonly Entry[], value: number): CorrelationAlert {
    const rule = this.#plan.rules[c] as CorrelationRule;
    const id = this.#plan.ids[c] as string;
    const all = [...new Set(entries.flatMap((e) => e.ids))];
    const eventIds = all.length > this.#maxIds ? all.slice(all.length - this.#maxIds) : all;
    let firstTime = Infinity;
    let lastTime = -Infinity;
    for (const e of entries) {
      firstTime = Math.min(firstTime, e.f ?? e.t);
      lastTime = Math.max(lastTime, e.t);
    }
    const alertId = createHash('sha256').update(JSON.stringify([id, g.key, eventIds])).digest('hex').slice(0, 32);
    const alert: CorrelationAlert = { alertId, correlationId: id, title: rule.title, type: rule.type, groupKey: { ...g.groupKey }, eventIds, firstTime, lastTime, value, standalone: this.#plan.standalone[c] ?? true };
    if (rule.level) alert.level = rule.level;
    if (all.length > eventIds.length) alert.eventIdsOmitted = all.length - eventIds.length;
    return alert;
  }
}

const bound = (v: number | undefined, fallback: number): number => (v !== undefined && Number.isInteger(v) && v > 0 ? v : fallback);

/** Inserts in (time, arrival) order; arrivals are mostly in time order, so search from the end. */
function insertSorted(entries: Entry[], e: Entry): void {
  let i = entries.length;
  while (i > 0 && (entries[i - 1] as Entry).t > e.t) i--;
  entries.splice(i, 0, e);
}
