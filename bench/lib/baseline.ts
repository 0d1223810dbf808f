// The floor any ingest path pays: JSON.parse of every NDJSON line, in this process, on the same payload.
import type { Batch } from './load.ts';

export interface BaselineResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly megabytesPerSecond: number;
}

/** Parses the batches line by line, repeatedly, for at least `minMs`. */
export function jsonParseBaseline(batches: readonly Batch[], minMs: number): BaselineResult {
  const texts = batches.map((b) => b.body.toString('utf8'));
  let events = 0;
  let bytes = 0;
  let sink = 0;
  // A short warm-up so the measured loop runs optimised code.
  for (const t of texts.slice(0, 5)) for (const line of t.split('\n')) if (line) sink += Object.keys(JSON.parse(line) as object).length;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) {
      let start = 0;
      for (;;) {
        const end = t.indexOf('\n', start);
        if (end === -1) break;
        const v = JSON.parse(t.slice(start, end)) as Record<string, unknown>;
        if (v !== null) sink += 1;
        start = end + 1;
        events += 1;
      }
      bytes += t.length;
      elapsed = performance.now() - t0;
      if (elapsed >= minMs) break;
    }
  }
  if (sink < 0) console.log(sink); // keeps the parse from being optimised away
  const seconds = elapsed / 1000;
  return { events, seconds, eventsPerSecond: events / seconds, megabytesPerSecond: bytes / 2 ** 20 / seconds };
}
