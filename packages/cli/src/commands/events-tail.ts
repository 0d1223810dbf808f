// `bulwark events tail`: follows GET /api/v1/stream (Server-Sent Events), one line per message, and
// reconnects with Last-Event-ID after a dropped connection, a server restart or a silent stall.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Alert, StoredEvent } from '@bulwark/contracts';
import { API } from '../api.ts';
import type { Ctx } from '../context.ts';
import { note, printNdjson, println, sanitize } from '../output.ts';
import { ConnectionError, ProblemError, renderError } from '../problem.ts';
import { backoffMs, parseRetryAfter } from '../retry.ts';
import { SseParser, readSse, type SseMessage } from '../sse.ts';

export interface TailOptions {
  readonly topics: string;
  readonly lastEventId?: string | undefined;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  readonly idleSeconds: number;
  /** Stop after this many messages (for scripts and tests); 0 = follow forever. */
  readonly count: number;
}

const MAX_WAIT_MS = 5_000;

const oneLine = (v: unknown, max = 300) => {
  const s = sanitize(v).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

export function formatMessage(msg: SseMessage, data: unknown): string {
  if (msg.event === 'event' && data && typeof data === 'object') {
    const e = data as StoredEvent;
    return `${oneLine(e.time)}  ${oneLine(e.source, 40)}  ${oneLine(e.message ?? e.native, 300)}`;
  }
  if (msg.event === 'alert' && data && typeof data === 'object') {
    const a = data as Alert;
    return `${oneLine(a.createdAt)}  ALERT ${oneLine(a.severity)}  ${oneLine(a.title, 200)}  (${oneLine(a.id, 80)})`;
  }
  return `${oneLine(msg.event, 40)}  ${oneLine(msg.data)}`;
}

export async function tail(ctx: Ctx, opts: TailOptions): Promise<void> {
  let lastId = opts.lastEventId ?? '';
  let retryMs: number | undefined;
  let seen = 0;
  for (let attempt = 0; !ctx.signal.aborted; attempt++) {
    const conn = new AbortController();
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => conn.abort(new Error(`no data for ${opts.idleSeconds} s`)), opts.idleSeconds * 1000);
    };
    let reason: string;
    let delay: number | undefined;
    try {
      arm();
      const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
      if (lastId !== '') headers['last-event-id'] = lastId;
      const res = await ctx.client.fetch('GET', API.stream, { query: { topics: opts.topics }, headers, stream: true, signal: AbortSignal.any([ctx.signal, conn.signal]) });
      if (!res.body) throw new Error('the stream has no body');
      if (attempt > 0) note(ctx.out, 'reconnected');
      const parser = new SseParser();
      const body = res.body as AsyncIterable<Uint8Array>;
      const watched = (async function* () {
        for await (const chunk of body) {
          arm();
          yield chunk;
        }
      })();
      for await (const msg of readSse(watched, parser)) {
        attempt = 0;
        if (parser.lastEventId !== '') lastId = parser.lastEventId;
        print(ctx, msg);
        if (opts.count > 0 && ++seen >= opts.count) return;
      }
      retryMs = parser.retry ?? retryMs;
      reason = 'the server closed the stream';
    } catch (err) {
      if (ctx.signal.aborted) return;
      if (err instanceof ProblemError && err.status !== 429 && err.status !== 503) throw err;
      if (err instanceof ProblemError) delay = parseRetryAfter(err.retryAfter);
      reason = conn.signal.aborted
        ? String((conn.signal.reason as Error).message)
        : err instanceof ProblemError || err instanceof ConnectionError
          ? renderError(err).replace(/^error: /, '')
          : `connection lost (${(err as Error).message})`;
    } finally {
      clearTimeout(idle);
      conn.abort();
    }
    // Capped low: a live view should come back quickly once the server is up again.
    const wait = delay ?? (attempt === 0 && retryMs !== undefined ? retryMs : Math.min(backoffMs(attempt), MAX_WAIT_MS));
    note(ctx.out, `${reason}; reconnecting in ${(wait / 1000).toFixed(1)} s${lastId ? ` from event ${oneLine(lastId, 80)}` : ''}`);
    try {
      await sleep(wait, undefined, { signal: ctx.signal });
    } catch {
      return;
    }
  }
}

function print(ctx: Ctx, msg: SseMessage): void {
  if (msg.event === 'dropped') {
    note(ctx.out, `warning: the server dropped messages because this client fell behind: ${oneLine(msg.data)}`);
    return;
  }
  let data: unknown;
  try {
    data = JSON.parse(msg.data);
  } catch {
    data = msg.data;
  }
  if (ctx.json) printNdjson(ctx.out, data);
  else println(ctx.out, formatMessage(msg, data));
}
