// Concurrent HTTP clients sending prepared NDJSON batches to POST /api/v1/events for a fixed time,
// recording the acknowledgement latency of every request. 429/503 and connection errors are retried.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Batch {
  readonly body: Buffer;
  readonly events: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly token: string;
  readonly batches: readonly Batch[];
  readonly clients: number;
  /** Requests finishing before this many ms are not measured (connections, JIT, first partitions). */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Called when the measured window opens and when it closes (e.g. to sample CPU time). */
  readonly onWindow?: (edge: 'start' | 'end') => void;
}

export interface LoadResult {
  /** Acknowledged events over the whole run, warm-up and tail included (what the store must hold). */
  readonly acknowledged: number;
  /** Measured window only. */
  readonly events: number;
  readonly requests: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly perEventUs: number[];
  readonly retries: number;
  /** Why requests were retried: HTTP status or error code, with counts. */
  readonly retryReasons: Record<string, number>;
  readonly duplicates: number;
  readonly rejected: number;
  /** Every batch of the prepared set was sent before the time was up. */
  readonly exhausted: boolean;
  /** Window boundaries (performance.now()) for CPU sampling. */
  readonly startedAt: number;
  readonly endedAt: number;
}

interface Ack {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const t0 = performance.now();
  const measureFrom = t0 + o.warmupMs;
  const stopAt = measureFrom + o.durationMs;
  let next = 0;
  let events = 0;
  let acknowledged = 0;
  let requests = 0;
  let retries = 0;
  const retryReasons: Record<string, number> = {};
  const retry = (why: string) => {
    retries += 1;
    retryReasons[why] = (retryReasons[why] ?? 0) + 1;
  };
  let duplicates = 0;
  let rejected = 0;
  let lastEnd = measureFrom;
  const latenciesMs: number[] = [];
  const perEventUs: number[] = [];

  const send = async (b: Batch): Promise<{ ack: Ack; started: number; ended: number }> => {
    for (;;) {
      const started = performance.now();
      try {
        const res = await fetch(`${o.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/x-ndjson' },
          body: b.body,
        });
        if (res.status === 200) return { ack: (await res.json()) as Ack, started, ended: performance.now() };
        const text = await res.text();
        if (res.status !== 429 && res.status !== 503) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
        retry(String(res.status));
        await sleep(Math.min(1000, Number(res.headers.get('retry-after') ?? 1) * 1000));
      } catch (err) {
        if ((err as Error).message.startsWith('ingest answered')) throw err;
        retry(String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name));
        await sleep(200);
      }
    }
  };

  const client = async () => {
    while (performance.now() < stopAt && next < o.batches.length) {
      const b = o.batches[next++]!;
      const { ack, started, ended } = await send(b);
      acknowledged += ack.accepted + ack.duplicates;
      if (ended < measureFrom || ended > stopAt) continue; // acknowledged outside the window: stored, not measured
      events += b.events;
      requests += 1;
      duplicates += ack.duplicates;
      rejected += ack.rejected.length;
      const ms = ended - started;
      latenciesMs.push(ms);
      perEventUs.push((ms * 1000) / b.events);
      lastEnd = Math.max(lastEnd, ended);
    }
  };
  const startTimer = setTimeout(() => o.onWindow?.('start'), o.warmupMs);
  let windowClosed = false;
  const endTimer = setTimeout(() => {
    windowClosed = true;
    o.onWindow?.('end');
  }, o.warmupMs + o.durationMs);
  // Stagger client starts slightly so the requests do not stay in lock-step.
  await Promise.all(Array.from({ length: o.clients }, async (_, i) => {
    await sleep(i * 20);
    await client();
  }));
  const exhausted = next >= o.batches.length;
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (!windowClosed) o.onWindow?.('end');
  if (exhausted && lastEnd < measureFrom) throw new Error('the prepared batches ran out during the warm-up; prepare more');
  const end = exhausted ? lastEnd : stopAt;
  return {
    acknowledged,
    events,
    requests,
    seconds: (end - measureFrom) / 1000,
    latenciesMs,
    perEventUs,
    retries,
    retryReasons,
    duplicates,
    rejected,
    exhausted,
    startedAt: measureFrom,
    endedAt: end,
  };
}
