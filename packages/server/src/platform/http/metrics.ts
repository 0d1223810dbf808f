import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export function createMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_' });
  return registry;
}

export function instrumentHttp(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'bulwark_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

export function ingestMetrics(registry: Registry, counters: { accepted: number; duplicates: number; rejected: number; inflight: number }): void {
  new Counter({ name: 'bulwark_ingest_events_accepted_total', help: 'Events stored', registers: [registry], collect() { this.reset(); this.inc(counters.accepted); } });
  new Counter({ name: 'bulwark_ingest_events_duplicate_total', help: 'Events already stored', registers: [registry], collect() { this.reset(); this.inc(counters.duplicates); } });
  new Counter({ name: 'bulwark_ingest_events_rejected_total', help: 'Events rejected', registers: [registry], collect() { this.reset(); this.inc(counters.rejected); } });
  new Gauge({ name: 'bulwark_ingest_inflight_batches', help: 'Ingest batches in progress', registers: [registry], collect() { this.set(counters.inflight); } });
}
