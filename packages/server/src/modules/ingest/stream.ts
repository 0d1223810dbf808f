// GET /api/v1/stream: new events and alerts of the caller's organisation as Server-Sent Events.
// A slow client loses messages (counted in a `dropped` notice), never the server's memory. Each event
// carries an id (its arrival time and event id); a client reconnecting with Last-Event-ID first gets the
// events stored since then (up to REPLAY_MAX), then the live ones.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, type StoredEvent } from '@bulwark/contracts';
import { can, orgScope, principalOf, rows, SUBJECTS, type Db, type Platform } from '../../platform/index.ts';
import type { EventsMessage } from './store.ts';
import { toStoredEvent, type EventRow } from './wire.ts';

const HEARTBEAT_MS = 15_000;
const REPLAY_MAX = 10_000;

const streamId = (e: { receivedAt: string; eventId: string }) => `${e.receivedAt}~${e.eventId}`;

function parseStreamId(raw: string | string[] | undefined): { t: string; id: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)~([0-9a-f]{1,64})$/.exec(raw.trim());
  return m && !Number.isNaN(Date.parse(m[1]!)) ? { t: m[1]!, id: m[2]! } : undefined;
}

async function storedSince(db: Db, orgId: string, from: { t: string; id: string }): Promise<StoredEvent[]> {
  const found = await db.tx(orgScope(orgId), (tx) =>
    rows<EventRow>(tx, sql`select event_id, time, received_at, source, format, class_uid, severity_id, message, native, ocsf from events
      where org_id = ${orgId} and (received_at, event_id) > (${from.t}::timestamptz, ${from.id}) order by received_at, event_id limit ${REPLAY_MAX}`),
  );
  return found.map(toStoredEvent);
}

export function streamRoutes(app: FastifyInstance, { bus, db }: Platform): void {
  const open = new Set<() => Promise<void>>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    await Promise.all([...open].map((end) => end()));
  });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(API.stream, {
    config: { permission: 'events:read' },
    schema: {
      tags: ['events'],
      summary: 'Live events and alerts (text/event-stream): `event: event` with a stored event, `event: alert` with an alert',
      querystring: Type.Object({ topics: Type.Optional(Type.String({ default: 'events,alerts', pattern: '^(events|alerts)(,(events|alerts))*$' })) }),
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const topics = new Set((req.query.topics ?? 'events,alerts').split(','));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    let dropped = 0;
    const send = (type: string, data: unknown, id?: string) => {
      if (res.writableLength > 1_000_000) {
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        res.write(`event: dropped\ndata: ${JSON.stringify({ dropped })}\n\n`);
        dropped = 0;
      }
      res.write(`${id ? `id: ${id}\n` : ''}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const resumeFrom = parseStreamId(req.headers['last-event-id']);
    // While stored events are replayed, live ones wait here (bounded by the replay's own limit).
    let waiting: StoredEvent[] | undefined = resumeFrom && topics.has('events') ? [] : undefined;
    const sendEvent = (e: StoredEvent) => {
      if (waiting) {
        if (waiting.length < REPLAY_MAX) waiting.push(e);
        else dropped += 1;
      } else send('event', e, streamId(e));
    };
    const offs: Array<() => void> = [];
    if (topics.has('events')) {
      offs.push(bus.listen<EventsMessage>(SUBJECTS.eventNormalized, (m) => {
        if (m.data.orgId !== p.orgId) return;
        for (const e of m.data.events) {
          sendEvent({ eventId: e.eventId, time: e.time, receivedAt: e.receivedAt, source: e.source, format: e.format, classUid: e.classUid, severityId: e.severityId, message: e.message, native: e.native, ocsf: e.ocsf as unknown as Record<string, unknown> });
        }
      }));
    }
    if (resumeFrom && waiting) {
      const replayed = await storedSince(db, p.orgId, resumeFrom).catch(() => []);
      for (const e of replayed) send('event', e, streamId(e));
      const seen = new Set(replayed.map((e) => e.eventId));
      const live = waiting;
      waiting = undefined;
      for (const e of live) if (!seen.has(e.eventId)) send('event', e, streamId(e));
    }
    if (topics.has('alerts') && can(p, 'alerts:read')) {
      offs.push(bus.listen<{ orgId: string; alert: unknown }>(SUBJECTS.alertRaised, (m) => {
        if (m.data.orgId === p.orgId) send('alert', m.data.alert);
      }));
    }
    const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(beat);
      for (const off of offs) off();
      open.delete(end);
    };
    // Ends the stream and waits (bounded) until what was already written has left.
    const end = () =>
      new Promise<void>((resolve) => {
        close();
        const timer = setTimeout(() => {
          res.destroy();
          resolve();
        }, 5_000);
        res.end(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    open.add(end);
    req.raw.once('close', close);
  });
}
