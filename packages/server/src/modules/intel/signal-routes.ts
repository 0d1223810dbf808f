// The intel API about one object: its sightings and false positives (report one, list them) and its
// correlations. Only for objects the caller may receive (else 404, the same as for an unknown id); what is
// listed is filtered by the access model too.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, IntelCorrelations, IntelSightingList, NewSighting, RecordedSighting } from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, principalOf, type Platform } from '../../platform/index.ts';
import { correlationsOf } from './correlation.ts';
import { listSightings, recordSighting } from './sightings.ts';
import { queryObjects } from './store/query.ts';
import { accessOf } from './viewer.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 300 }) });

export function signalRoutes(app: FastifyInstance, { db, bus, config }: Platform, instance: () => Promise<string>): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(API.intelSightings(':id'), {
    config: { permission: 'intel:write' },
    schema: {
      tags: ['intel'],
      summary: 'Report a sighting (true positive) or a false positive of an object',
      description: 'A true positive is stored as a STIX sighting of the object, a false positive as a STIX opinion "strongly-disagree" about it (as MISP exports false-positive sightings). Who receives it follows the instance setting `intel_sighting_distribution` (default: your organisation only; never wider than the object). Sending the same report again (same times, count and note; without times, within the same minute) stores nothing new.',
      params: Params,
      body: NewSighting,
      response: { 200: RecordedSighting, 201: RecordedSighting },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    // Peers send what they sighted as STIX over TAXII; this route is for this instance's users.
    if (p.role === 'federation-peer') throw errors.forbidden('a federated peer sends sightings as STIX objects over TAXII');
    const self = await instance();
    const { access } = await accessOf(db, p, self);
    const result = await recordSighting({ db, bus, instance: self, org: p.orgId, access, policy: config.intel.sightingDistribution }, req.params.id, req.body);
    if (result.created) {
      await db.tx(INSTANCE, (tx) => audit(tx, { ...actor(p, req.ip), action: 'intel.sighting', outcome: 'success', details: { object: req.params.id, kind: req.body.kind, sighting: result.sighting.id, distribution: result.sighting.distribution } }));
    }
    return reply.code(result.created ? 201 : 200).send(result);
  });

  r.get(API.intelSightings(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['intel'], summary: 'The sightings and false positives of an object that you may receive (yours and shared with you)', params: Params, response: { 200: IntelSightingList } },
  }, async (req) => {
    const p = principalOf(req);
    const { access } = await accessOf(db, p, await instance());
    const page = await queryObjects(db, { access, ids: [req.params.id], limit: 1 }, 'manifest');
    if (!page.objects.length) throw errors.notFound('intel object');
    return listSightings(db, access, req.params.id);
  });

  r.get(API.intelCorrelations(':id'), {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['intel'],
      summary: 'Objects that share a value with this one (addresses, domains, URLs, e-mail addresses, hashes), by value',
      description: 'Among the newest versions of the objects you may receive. A value held by more objects than `intel_correlation_limit` (counted among those you may receive) is over-correlated: its count is given, not the objects.',
      params: Params,
      response: { 200: IntelCorrelations },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { access } = await accessOf(db, p, await instance());
    const page = await queryObjects(db, { access, ids: [req.params.id], limit: 1 }, 'manifest');
    if (!page.objects.length) throw errors.notFound('intel object');
    const limit = config.intel.correlationLimit;
    return { limit, values: await correlationsOf(db, access, req.params.id, limit) };
  });
}
