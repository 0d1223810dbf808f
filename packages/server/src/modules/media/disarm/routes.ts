// The DISARM catalogue API: every user reads it (public reference data); instance administrators import
// DISARM's STIX bundle (idempotent: upsert by DISARM id, with counts and the defects of skipped objects).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API, DisarmCatalogue, DisarmImportReport, DisarmQuery } from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, orgScope, principalOf } from '../../../platform/index.ts';
import type { MediaDeps } from '../module.ts';
import { DISARM_LIMITS, DisarmParseError, parseDisarmBundle } from './parse.ts';
import { readCatalogue, upsertCatalogue } from './store.ts';

const JSON_TYPES = ['application/json', 'application/stix+json'];

export function disarmRoutes(app: FastifyInstance, { platform: { db } }: MediaDeps): void {
  // This context reads bodies as bytes: the parser applies its own limits and reports where JSON breaks.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer', bodyLimit: DISARM_LIMITS.maxBytes }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 }, (req, _body, done) =>
    done(errors.unsupportedMediaType(`send DISARM's STIX bundle as application/json, not ${req.headers['content-type'] ?? '(none)'}`), undefined));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.mediaDisarm, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'],
      summary: 'The DISARM framework: tactics in matrix order and techniques (filter by text or tactic)',
      description: 'Instance-wide reference data imported from DISARM\'s STIX bundle. Descriptions are plain text (the HTML of the source is removed); treat them as untrusted text.',
      querystring: DisarmQuery,
      response: { 200: DisarmCatalogue },
    },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), (tx) => readCatalogue(tx, req.query));
  });

  r.post(API.mediaDisarm, {
    config: { permission: 'instance:manage' },
    bodyLimit: DISARM_LIMITS.maxBytes,
    schema: {
      tags: ['media'],
      summary: 'Import DISARM\'s STIX 2.1 bundle (DISARM.json) into the catalogue (instance administrators)',
      description: `The body is the bundle as published by DISARM Foundation (application/json, at most ${DISARM_LIMITS.maxBytes} bytes, ${DISARM_LIMITS.maxObjects} objects). Techniques and tactics are upserted by DISARM id: importing the same bundle again changes nothing. Objects that cannot be read are skipped and listed with their index and path.`,
      response: { 200: DisarmImportReport },
    },
  }, async (req) => {
    const p = principalOf(req);
    let parsed;
    try {
      parsed = parseDisarmBundle(req.body as Buffer);
    } catch (err) {
      if (err instanceof DisarmParseError) throw errors.invalid(`not a DISARM bundle: ${err.message}`, { details: { path: err.path } });
      throw err;
    }
    if (parsed.techniques.length === 0) throw errors.invalid('not a DISARM bundle: it holds no DISARM techniques (attack-pattern objects with a T0000 id)');
    const counts = await db.tx(INSTANCE, async (tx) => {
      const c = await upsertCatalogue(tx, parsed);
      await audit(tx, {
        ...actor(p, req.ip), action: 'media.disarm.import', outcome: 'success',
        details: { received: parsed.received, techniques: parsed.techniques.length, tactics: parsed.tactics.length, ...c, defects: parsed.defects.length },
      });
      return c;
    });
    return {
      received: parsed.received, techniques: parsed.techniques.length, tactics: parsed.tactics.length, ...counts,
      defects: parsed.defects.map((d) => ({ index: d.index, ...(d.id ? { id: d.id } : {}), path: d.path, message: d.message })),
    };
  });
}
