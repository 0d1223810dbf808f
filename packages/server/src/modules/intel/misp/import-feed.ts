// A MISP feed → STIX, event by event: read (incrementally, with limits) and convert.
import { convertMispEvent } from './convert-event.ts';
import type { ConvertOptions, ConvertResult } from './convert-options.ts';
import type { FeedHash } from './feed-hashes.ts';
import { type FeedReadOptions, type FeedState, readMispFeed } from './feed-read.ts';
import { directoryFeedSource, type FeedSource } from './feed-source.ts';
import type { MispProblem } from './problems.ts';

export interface FeedImportOptions extends FeedReadOptions, ConvertOptions {}

export interface FeedImportEvent {
  uuid: string;
  /** The event's last-change time from the manifest (seconds). */
  timestamp?: number;
  result: ConvertResult;
}

export interface FeedImportResult {
  events: FeedImportEvent[];
  skipped: string[];
  removed: string[];
  failed: string[];
  hashes?: FeedHash[];
  /** Reading problems followed by each event's conversion problems (each naming its file). */
  problems: MispProblem[];
  state: FeedState;
}

export async function importMispFeed(from: string | FeedSource, options: FeedImportOptions = {}): Promise<FeedImportResult> {
  const source = typeof from === 'string' ? directoryFeedSource(from) : from;
  const read = await readMispFeed(source, options);
  const problems = [...read.problems];
  const events: FeedImportEvent[] = read.events.map(({ entry, event }) => {
    const result = convertMispEvent(event, options, source.describe(`${entry.uuid}.json`));
    problems.push(...result.problems);
    const out: FeedImportEvent = { uuid: entry.uuid, result };
    const ts = entry.timestamp ?? event.timestamp;
    if (ts !== undefined) out.timestamp = ts;
    return out;
  });
  const out: FeedImportResult = { events, skipped: read.skipped, removed: read.removed, failed: read.failed, problems, state: read.state };
  if (read.hashes) out.hashes = read.hashes;
  return out;
}
