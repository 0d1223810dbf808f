// HTTP input (POST /api/v1/events) and search (GET /api/v1/events).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API, EventPage, EventSearchQuery, IngestQuery, IngestResult } from '@bulwark/contracts';
import { actor, audit, principalOf, type Platform } from '../../platform/index.ts';
import { decodeRecords, decompress } from './decode.ts';
import { ingestErrors } from './errors.ts';
import type { IngestPipeline } from './pipeline.ts';
import { searchEvents } from './search.ts';

const ACCEPTED_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'text/plain'];

export async function ingestRoutes(app: FastifyInstance, platform: Platform, pipeline: IngestPipeline): Promise<void> {
  const { config, db } = platform;
  const limits = { ...config.ingest, maxStringLength: 1 << 20 };

  // Raw bodies for this plugin only: decompression and per-line parsing happen in decode.ts, with limits.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(ACCEPTED_TYPES, { parseAs: 'buffer', bodyLimit: config.ingest.maxBodyBytes }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 }, (req, _body, done) => done(ingestErrors.unsupported(req.headers['content-type'] ?? '(none)'), undefined));

  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(API.events, {
    config: { permission: 'events:write' },
    bodyLimit: config.ingest.maxBodyBytes,
    onRequest: async () => {
      if (pipeline.counters.inflight >= config.ingest.maxInflight) throw ingestErrors.busy();
      pipeline.counters.inflight += 1;
    },
    onResponse: async () => {
      pipeline.counters.inflight -= 1;
    },
    schema: {
      tags: ['events'],
      summary: 'Send events: a JSON array, NDJSON, or text lines (syslog, CEF, LEEF); gzip accepted',
      description: 'Answers after the events are committed. A malformed line is reported with its number while the others are stored. Re-sent events are stored once (same event_id).',
      querystring: IngestQuery,
      response: { 200: IngestResult },
    },
  }, async (req) => {
    const p = principalOf(req);
    const raw = await decompress(req.body as Buffer, req.headers['content-encoding'], config.ingest.maxBodyBytes);
    const lines = decodeRecords(raw.toString('utf8'), req.headers['content-type'] ?? '', req.query.format, limits, new Date());
    const source = req.query.source ?? (req.query.format && req.query.format !== 'json' ? `http-${req.query.format}` : 'http');
    const result = await pipeline.ingest(p.orgId, source, lines);
    if (result.accepted + result.duplicates === 0 && result.rejected.length > 0) throw ingestErrors.nothingAccepted(result.rejected);
    const { stored: _stored, ...body } = result;
    return body;
  });

  r.get(API.events, {
    config: { permission: 'events:read' },
    schema: { tags: ['events'], summary: 'Search events by time range, fields and text (newest first)', querystring: EventSearchQuery, response: { 200: EventPage } },
  }, async (req) => {
    const p = principalOf(req);
    return searchEvents(db, p.orgId, req.query, (tx, n) =>
      audit(tx, { ...actor(p, req.ip), action: 'events.search', outcome: 'success', details: { query: req.query, returned: n } }),
    );
  });
}
