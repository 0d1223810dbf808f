// Health probes (public), detailed health and Prometheus metrics (authenticated).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, Health } from '@bulwark/contracts';
import type { Platform } from '../context.ts';
import { sendProblem } from './problem.ts';

export interface IngestGauges {
  readonly counters: { accepted: number; rejected: number; inflight: number };
}

export function opsRoutes(app: FastifyInstance, platform: Platform, ingest?: IngestGauges): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  r.get(API.livez, { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness probe', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  r.get(API.readyz, { config: { public: true }, schema: { tags: ['health'], summary: 'Readiness probe: database and bus reachable' } }, async (_req, reply) => {
    const db = await platform.db.ping().then(() => true, () => false);
    const bus = platform.bus.healthy();
    if (!db || !bus || closing) return sendProblem(reply, 503, 'NOT_READY', `Not ready: database ${db ? 'ok' : 'unreachable'}, bus ${bus ? 'ok' : 'unhealthy'}${closing ? ', shutting down' : ''}.`);
    return { status: 'ready' };
  });

  r.get(API.health, { config: { permission: 'health:read' }, schema: { tags: ['health'], summary: 'Detailed health', response: { 200: Health } } }, async () => {
    const db = await platform.db.ping().then(() => true, () => false);
    const bus = platform.bus.healthy();
    return {
      status: db && bus ? ('ok' as const) : ('degraded' as const),
      version: platform.version,
      uptimeSeconds: Math.round((Date.now() - platform.startedAt.getTime()) / 1000),
      roles: [...platform.config.roles],
      database: { kind: platform.db.kind, ok: db },
      bus: { kind: platform.bus.kind, ok: bus },
      ingest: { inflight: ingest?.counters.inflight ?? 0, accepted: ingest?.counters.accepted ?? 0, rejected: ingest?.counters.rejected ?? 0 },
    };
  });

  r.get(API.metrics, { config: { permission: 'metrics:read' }, schema: { tags: ['health'], summary: 'Prometheus metrics' } }, async (_req, reply) =>
    reply.type(platform.metrics.contentType).send(await platform.metrics.metrics()),
  );
}
