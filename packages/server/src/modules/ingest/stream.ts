// GET /api/v1/stream: new events and alerts of the caller's organisation as Server-Sent Events.
// A slow client loses messages (counted in a `dropped` notice), never the server's memory.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API } from '@bulwark/contracts';
import { can, principalOf, SUBJECTS, type Platform } from '../../platform/index.ts';
import type { EventsMessage } from './store.ts';

const HEARTBEAT_MS = 15_000;

export function streamRoutes(app: FastifyInstance, { bus }: Platform): void {
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
    let seq = 0;
    const send = (type: string, data: unknown) => {
      if (res.writableLength > 1_000_000) {
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        res.write(`event: dropped\ndata: ${JSON.stringify({ dropped })}\n\n`);
        dropped = 0;
      }
      res.write(`id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const offs: Array<() => void> = [];
    if (topics.has('events')) {
      offs.push(bus.listen<EventsMessage>(SUBJECTS.eventNormalized, (m) => {
        if (m.data.orgId !== p.orgId) return;
        for (const e of m.data.events) {
          send('event', { eventId: e.eventId, time: e.time, receivedAt: e.receivedAt, source: e.source, format: e.format, classUid: e.classUid, severityId: e.severityId, message: e.message, native: e.native, ocsf: e.ocsf });
        }
      }));
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
