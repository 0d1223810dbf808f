// A MISP feed's hashes.csv: one line per attribute value, `<md5 of the value>,<event uuid>`. It lets a
// consumer ask "is this value in the feed?" without reading the events.
import { createHash } from 'node:crypto';
import type { ProblemLog } from './problems.ts';
import { isUuid } from './uuid5.ts';

export interface FeedHash {
  md5: string;
  eventUuid: string;
}

/** At most this many malformed lines are reported one by one; the rest are counted. */
const MAX_LINE_REPORTS = 20;

export function parseHashesCsv(text: string, log: ProblemLog, knownEvents?: ReadonlySet<string>): FeedHash[] {
  const out: FeedHash[] = [];
  let bad = 0;
  let unknown = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const [md5, uuid, extra] = line.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (extra !== undefined || !md5 || !uuid || !/^[0-9a-fA-F]{32}$/.test(md5) || !isUuid(uuid)) {
      if (++bad <= MAX_LINE_REPORTS) log.warn('schema', `line ${i + 1}`, `expected "<md5>,<event uuid>", got ${JSON.stringify(line.slice(0, 80))}`);
      continue;
    }
    const eventUuid = uuid.toLowerCase();
    if (knownEvents && !knownEvents.has(eventUuid) && ++unknown <= MAX_LINE_REPORTS) {
      log.warn('inconsistent', `line ${i + 1}`, `event ${eventUuid} is not in manifest.json`);
    }
    out.push({ md5: md5.toLowerCase(), eventUuid });
  }
  if (bad > MAX_LINE_REPORTS) log.warn('schema', undefined, `${bad - MAX_LINE_REPORTS} more malformed lines not listed`);
  if (unknown > MAX_LINE_REPORTS) log.warn('inconsistent', undefined, `${unknown - MAX_LINE_REPORTS} more lines name events not in manifest.json`);
  return out;
}

/** The hash a feed's hashes.csv holds for a value (MD5 of its UTF-8 bytes). */
export function feedValueHash(value: string): string {
  return createHash('md5').update(value, 'utf8').digest('hex');
}

/** md5 → event uuids, for "which events of the feed carry this value?". */
export function indexFeedHashes(hashes: readonly FeedHash[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const h of hashes) {
    const list = index.get(h.md5);
    if (list) {
      if (!list.includes(h.eventUuid)) list.push(h.eventUuid);
    } else index.set(h.md5, [h.eventUuid]);
  }
  return index;
}
