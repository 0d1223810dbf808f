// Shapes shared by the correlation engine (correlation spec "Correlation Types").
import type { CorrelationType, Level } from '../rule.ts';
import type { EventAccessor } from '../values.ts';

/** One base-rule (or correlation) hit fed to the engine. */
export interface BaseMatch {
  /** The rule's id and name (either may be missing); a correlation refers to rules by either. */
  ruleRefs: readonly string[];
  /** Event time in milliseconds. */
  time: number;
  /** The event, for group-by and value fields: an accessor or a plain object (read with fieldResolver). */
  event: EventAccessor | Readonly<Record<string, unknown>>;
  eventId: string;
}

export interface CorrelationAlert {
  /** Deterministic: sha256 of correlation id, group key and event ids. */
  alertId: string;
  correlationId: string;
  title: string;
  level?: Level;
  type: CorrelationType;
  /** group-by name → value (alias names as written in group-by). */
  groupKey: Record<string, string>;
  /** Base event ids in the window at firing time, oldest first (chained alerts carry their inputs' ids). */
  eventIds: string[];
  /** Ids left out when more than `maxAlertEventIds` were in the window (the oldest are left out). */
  eventIdsOmitted?: number;
  firstTime: number;
  lastTime: number;
  /** The aggregate compared with the condition (count, distinct count, sum, average, percentage). */
  value?: number;
  /**
   * False when this correlation is itself referenced by another correlation without `generate: true`:
   * it is an intermediate step of a chain, not an alert of its own (spec "Generate").
   */
  standalone: boolean;
}

export interface EngineOptions {
  /** Most group states kept across all correlations; the least recently updated one is evicted. */
  maxGroups?: number;
  /** Most events kept per group window; the oldest is evicted. */
  maxEventsPerGroup?: number;
  /** Most event ids listed in one alert (the newest are kept). */
  maxAlertEventIds?: number;
  /** Wall or stream clock for `sweep()`; default: the newest event time seen (event-time watermark). */
  clock?: () => number;
}

export interface EngineStats {
  matches: number;
  /** Matches no correlation refers to. */
  unreferenced: number;
  /** A group-by (or value) field was absent, so the match did not count for that correlation. */
  missingField: number;
  /** Older than the group's window when it arrived. */
  late: number;
  /** Non-finite time. */
  invalid: number;
  evictedEvents: number;
  evictedGroups: number;
  expiredGroups: number;
  alerts: number;
}

export interface EngineProblem {
  correlationId: string;
  reason: string;
  /** True when the correlation does not run at all; false for a warning. */
  fatal: boolean;
}

/** One event (or inner alert) kept in a group window. */
export interface Entry {
  t: number;
  /** First time, when earlier than `t` (an inner correlation alert spanning a window). */
  f?: number;
  /** Arrival sequence number, ties broken by it. */
  seq: number;
  /** Index of the referenced rule in the correlation's `rules`. */
  r: number;
  ids: string[];
  /** Value of the condition field (value_* types). */
  v?: string | number;
}

export interface GroupState {
  corr: number;
  key: string;
  groupKey: Record<string, string>;
  entries: Entry[];
  maxT: number;
  /** Dedupe keys whose condition held at the last evaluation ('' for the whole group). */
  fired: string[];
}
