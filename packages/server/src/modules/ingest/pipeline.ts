// Decoded records → normalised events → durable store. Shared by the HTTP and syslog inputs.
import type { EventFormat, IngestResult, Rejection } from '@bulwark/contracts';
import { normalize, type NormalizedEvent } from './normalize.ts';
import type { EventStore } from './store.ts';
import type { DecodedLine } from './decode.ts';

export interface IngestCounters {
  accepted: number;
  duplicates: number;
  rejected: number;
  inflight: number;
}

export class IngestPipeline {
  readonly counters: IngestCounters = { accepted: 0, duplicates: 0, rejected: 0, inflight: 0 };
  private readonly store: EventStore;
  private readonly retentionMs: number;

  constructor(store: EventStore, retentionDays: number) {
    this.store = store;
    this.retentionMs = retentionDays * 86_400_000;
  }

  async ingest(orgId: string, source: string, lines: DecodedLine[], receivedAt = new Date()): Promise<IngestResult & { stored: NormalizedEvent[] }> {
    const rejected: Rejection[] = [];
    const events: NormalizedEvent[] = [];
    for (const l of lines) {
      if (l.error !== undefined || !l.native) {
        rejected.push({ line: l.line, reason: l.error ?? 'empty' });
        continue;
      }
      try {
        const e = normalize({ native: l.native, format: l.format ?? ('json' as EventFormat), source }, receivedAt);
        // Stored now, it would be dropped by the next retention run: say so instead.
        if (receivedAt.getTime() - e.time.getTime() > this.retentionMs) {
          rejected.push({ line: l.line, reason: `event time ${e.time.toISOString()} is older than the retention period (${this.retentionMs / 86_400_000} days)` });
          continue;
        }
        events.push(e);
      } catch (err) {
        rejected.push({ line: l.line, reason: `cannot normalise: ${(err as Error).message}` });
      }
    }
    const { inserted, duplicates } = await this.store.store(orgId, events);
    this.counters.accepted += inserted.length;
    this.counters.duplicates += duplicates;
    this.counters.rejected += rejected.length;
    return { received: lines.length, accepted: inserted.length, duplicates, rejected, eventIds: events.map((e) => e.eventId), stored: inserted };
  }
}
