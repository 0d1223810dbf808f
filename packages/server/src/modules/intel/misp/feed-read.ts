// Reading a MISP feed (manifest.json, one <uuid>.json per event, optional hashes.csv) with limits,
// incrementally: events whose manifest timestamp did not change since the given state are skipped.
import type { MispEvent } from './event-types.ts';
import { DEFAULT_EVENT_LIMITS, type EventLimits, parseMispEvent } from './event-parse.ts';
import { type FeedHash, parseHashesCsv } from './feed-hashes.ts';
import { type ManifestEntry, parseManifest } from './feed-manifest.ts';
import { directoryFeedSource, type FeedSource } from './feed-source.ts';
import { parseJson } from './json-parse.ts';
import { type MispProblem, ProblemLog } from './problems.ts';

export interface FeedLimits extends EventLimits {
  maxManifestBytes: number;
  maxEventFileBytes: number;
  maxHashesBytes: number;
  /** Events listed in the manifest. */
  maxEvents: number;
  /** Attributes read in one import, over all events. */
  maxAttributesTotal: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  ...DEFAULT_EVENT_LIMITS,
  maxManifestBytes: 64 << 20,
  maxEventFileBytes: 64 << 20,
  maxHashesBytes: 256 << 20,
  maxEvents: 100_000,
  maxAttributesTotal: 5_000_000,
};

/** What an earlier import saw: event uuid → manifest timestamp. */
export type FeedState = Record<string, number>;

export interface FeedReadOptions {
  limits?: Partial<FeedLimits>;
  /** The state returned by the previous import; events with the same timestamp are skipped. */
  state?: FeedState;
  /** Read hashes.csv (default true). */
  hashes?: boolean;
}

export interface FeedEvent {
  entry: ManifestEntry;
  event: MispEvent;
}

export interface FeedReadResult {
  manifest: ManifestEntry[];
  /** New or changed events, parsed, oldest first. */
  events: FeedEvent[];
  /** UUIDs unchanged since the state. */
  skipped: string[];
  /** UUIDs in the state that the manifest no longer lists. */
  removed: string[];
  /** UUIDs that were due but could not be read (kept out of the new state so the next run retries). */
  failed: string[];
  hashes?: FeedHash[];
  problems: MispProblem[];
  /** Pass this to the next import. */
  state: FeedState;
}

export interface FeedPlan {
  due: ManifestEntry[];
  skipped: string[];
  removed: string[];
}

/** Which manifest entries need reading, given the previous state. */
export function planFeedImport(entries: readonly ManifestEntry[], state: FeedState = {}): FeedPlan {
  const due: ManifestEntry[] = [];
  const skipped: string[] = [];
  const listed = new Set<string>();
  for (const e of entries) {
    listed.add(e.uuid);
    const before = Object.prototype.hasOwnProperty.call(state, e.uuid) ? state[e.uuid] : undefined;
    if (before !== undefined && e.timestamp !== undefined && e.timestamp <= before) skipped.push(e.uuid);
    else due.push(e);
  }
  due.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
  const removed = Object.keys(state).filter((u) => !listed.has(u)).sort();
  return { due, skipped: skipped.sort(), removed };
}

export async function readFeedManifest(source: FeedSource, limits: FeedLimits, problems: MispProblem[]): Promise<ManifestEntry[] | undefined> {
  const log = new ProblemLog(source.describe('manifest.json'));
  const file = await source.read('manifest.json', limits.maxManifestBytes);
  if (!file.ok) {
    log.error(file.code, undefined, file.message);
    problems.push(...log.problems);
    return undefined;
  }
  const json = parseJson(file.text, log);
  const entries = json.ok ? parseManifest(json.value, log) : undefined;
  problems.push(...log.problems);
  return entries;
}

/** Reads and parses one event file; undefined (with problems) when unusable. */
export async function readFeedEvent(source: FeedSource, entry: ManifestEntry, limits: FeedLimits, problems: MispProblem[]): Promise<MispEvent | undefined> {
  const name = `${entry.uuid}.json`;
  const log = new ProblemLog(source.describe(name));
  try {
    const file = await source.read(name, limits.maxEventFileBytes);
    if (!file.ok) {
      log.error(file.code, undefined, file.message);
      return undefined;
    }
    const json = parseJson(file.text, log);
    if (!json.ok) return undefined;
    const event = parseMispEvent(json.value, log, limits);
    if (!event) return undefined;
    if (event.uuid !== entry.uuid) {
      log.error('inconsistent', 'Event.uuid', `the file holds event ${event.uuid}, not ${entry.uuid}; dropped`);
      return undefined;
    }
    if (entry.timestamp !== undefined && event.timestamp !== undefined && event.timestamp !== entry.timestamp) {
      log.warn('inconsistent', 'Event.timestamp', `event timestamp ${event.timestamp} differs from the manifest's ${entry.timestamp}`);
    }
    return event;
  } finally {
    problems.push(...log.problems);
  }
}

const countAttributes = (e: MispEvent): number => e.attributes.length + e.objects.reduce((n, o) => n + o.attributes.length, 0);

/** Reads a feed from a directory (or any FeedSource). Never throws on bad feed content. */
export async function readMispFeed(from: string | FeedSource, options: FeedReadOptions = {}): Promise<FeedReadResult> {
  const source = typeof from === 'string' ? directoryFeedSource(from) : from;
  const limits: FeedLimits = { ...DEFAULT_FEED_LIMITS, ...options.limits };
  const state = options.state ?? {};
  const problems: MispProblem[] = [];
  const result: FeedReadResult = { manifest: [], events: [], skipped: [], removed: [], failed: [], problems, state: {} };
  const manifest = await readFeedManifest(source, limits, problems);
  if (!manifest) {
    result.state = { ...state };
    return result;
  }
  let entries = manifest;
  if (entries.length > limits.maxEvents) {
    problems.push({ code: 'limit', level: 'error', file: source.describe('manifest.json'), message: `the manifest lists ${entries.length} events, more than the limit of ${limits.maxEvents}; only the first ${limits.maxEvents} are considered` });
    entries = entries.slice(0, limits.maxEvents);
  }
  result.manifest = entries;
  const plan = planFeedImport(entries, state);
  result.skipped = plan.skipped;
  result.removed = plan.removed;
  const next: FeedState = {};
  for (const uuid of plan.skipped) next[uuid] = state[uuid] as number;
  let attributes = 0;
  let stopped = false;
  for (const entry of plan.due) {
    if (stopped) {
      result.failed.push(entry.uuid);
      continue;
    }
    const event = await readFeedEvent(source, entry, limits, problems);
    if (!event) {
      result.failed.push(entry.uuid);
      continue;
    }
    attributes += countAttributes(event);
    if (attributes > limits.maxAttributesTotal) {
      problems.push({ code: 'limit', level: 'error', file: source.describe(`${entry.uuid}.json`), message: `more than ${limits.maxAttributesTotal} attributes in this import; this and later events are left for the next run` });
      stopped = true;
      result.failed.push(entry.uuid);
      continue;
    }
    result.events.push({ entry, event });
    const ts = entry.timestamp ?? event.timestamp;
    if (ts !== undefined) next[entry.uuid] = ts;
  }
  // Events that failed keep their old state (if any), so a later run retries them but does not see them as removed.
  for (const uuid of result.failed) if (state[uuid] !== undefined) next[uuid] = state[uuid];
  result.state = next;
  if (options.hashes !== false) {
    const log = new ProblemLog(source.describe('hashes.csv'));
    const file = await source.read('hashes.csv', limits.maxHashesBytes);
    if (file.ok) result.hashes = parseHashesCsv(file.text, log, new Set(entries.map((e) => e.uuid)));
    else if (file.code !== 'missing') log.warn(file.code, undefined, file.message);
    problems.push(...log.problems);
  }
  return result;
}
