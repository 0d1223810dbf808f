// Disinformation (FIMI) incidents of an organisation: list, create, read, change, delete (each change
// audited), and export as a STIX 2.1 bundle. Another organisation's incident is "not found".
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, MediaIncident, MediaIncidentList, MediaIncidentQuery, NewMediaIncident, UpdateMediaIncident, type MediaHashes } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows } from '../../../platform/index.ts';
import type { MediaDeps } from '../module.ts';
import { disarmObjects, techniquesByIds } from '../disarm/store.ts';
import { incidentBundle } from './stix.ts';
import { changedFields, checkFields, defaults, fieldsOf, getIncident, insertIncident, listIncidents, toIncident, updateIncident } from './store.ts';

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const STIX_MEDIA = 'application/stix+json;version=2.1';

export function incidentRoutes(app: FastifyInstance, { platform: { db } }: MediaDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.mediaIncidents, {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'Your organisation\'s disinformation incidents, most recently changed first', querystring: MediaIncidentQuery, response: { 200: MediaIncidentList } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), (tx) => listIncidents(tx, p.orgId, req.query));
  });

  r.post(API.mediaIncidents, {
    config: { permission: 'intel:write' },
    schema: {
      tags: ['media'],
      summary: 'Record a disinformation incident (narratives, channels, actors, DISARM techniques, linked media)',
      description: 'DISARM technique ids are checked against the imported catalogue when there is one; linked media must be your organisation\'s hash-bank entries or media checks.',
      body: NewMediaIncident, response: { 201: MediaIncident },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await db.tx(orgScope(p.orgId), async (tx) => {
      const f = await checkFields(tx, p.orgId, defaults(req.body));
      const row = await insertIncident(tx, p.orgId, p.userId, f);
      await audit(tx, { ...actor(p, req.ip), action: 'media.incident.create', target: row.id, outcome: 'success', details: { title: f.title, status: f.status, tlp: f.tlp, techniques: f.techniques } });
      return toIncident(tx, row);
    });
    reply.code(201);
    return out;
  });

  r.get(API.mediaIncident(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['media'], summary: 'One disinformation incident', params: Params, response: { 200: MediaIncident } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), async (tx) => {
      const row = await getIncident(tx, p.orgId, req.params.id);
      if (!row) throw errors.notFound('incident');
      return toIncident(tx, row);
    });
  });

  r.patch(API.mediaIncident(':id'), {
    config: { permission: 'intel:write' },
    schema: { tags: ['media'], summary: 'Change an incident: the fields given replace the stored ones (lists as a whole)', params: Params, body: UpdateMediaIncident, response: { 200: MediaIncident } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), async (tx) => {
      const row = await getIncident(tx, p.orgId, req.params.id, true);
      if (!row) throw errors.notFound('incident');
      const before = fieldsOf(row);
      const change = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
      const after = await checkFields(tx, p.orgId, { ...before, ...change }, before);
      const fields = changedFields(before, after);
      if (fields.length === 0) return toIncident(tx, row);
      const updated = await updateIncident(tx, p.orgId, row.id, p.userId, after);
      await audit(tx, {
        ...actor(p, req.ip), action: 'media.incident.update', target: row.id, outcome: 'success',
        details: { fields, ...(fields.includes('status') ? { status: { from: before.status, to: after.status } } : {}), ...(fields.includes('tlp') ? { tlp: { from: before.tlp, to: after.tlp } } : {}) },
      });
      return toIncident(tx, updated);
    });
  });

  r.delete(API.mediaIncident(':id'), {
    config: { permission: 'intel:write' },
    schema: { tags: ['media'], summary: 'Delete an incident (the linked media stay in their banks and checks)', params: Params, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const gone = await rows<{ title: string }>(tx, sql`delete from media_incidents where org_id = ${p.orgId} and id = ${req.params.id} returning title`);
      if (!gone.length) throw errors.notFound('incident');
      await audit(tx, { ...actor(p, req.ip), action: 'media.incident.delete', target: req.params.id, outcome: 'success', details: { title: gone[0]!.title } });
    });
    reply.code(204);
    return null;
  });

  r.get(API.mediaIncidentStix(':id'), {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['media'],
      summary: 'An incident as a STIX 2.1 bundle (application/stix+json;version=2.1)',
      description: 'incident SDO; threat-actor and campaign; DISARM attack-patterns with their ids in DISARM\'s own bundle; channels as infrastructure (url observables); narratives and notes as note objects; linked media as file observables (SHA-256, MD5, PDQ) and references to the bank entries\' indicators; relationships; the OASIS TLP 2.0 marking. Ids are derived from the incident id: exporting again gives the same ids.',
      params: Params,
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const bundle = await db.tx(orgScope(p.orgId), async (tx) => {
      const row = await getIncident(tx, p.orgId, req.params.id);
      if (!row) throw errors.notFound('incident');
      const [org] = await rows<{ name: string; created_at: Date | string }>(tx, sql`select name, created_at from organisations where id = ${p.orgId}`);
      const { found } = await techniquesByIds(tx, row.techniques);
      const refs = new Set<string>();
      for (const t of found.values()) {
        const o = t.object;
        if (typeof o.created_by_ref === 'string') refs.add(o.created_by_ref);
        if (Array.isArray(o.object_marking_refs)) for (const m of o.object_marking_refs) if (typeof m === 'string') refs.add(m);
      }
      const entries = row.media_entries.length ? await rows<{ id: string; kind: string; title: string; hashes: MediaHashes; indicator_id: string }>(tx, sql`
        select id::text, kind, title, hashes, indicator_id from media_bank_entries where org_id = ${p.orgId} and id = any(${`{${row.media_entries.join(',')}}`}::uuid[]) order by id`) : [];
      const checks = row.media_checks.length ? await rows<{ id: string; kind: string; hashes: MediaHashes }>(tx, sql`
        select id::text, kind, hashes from media_checks where org_id = ${p.orgId} and id = any(${`{${row.media_checks.join(',')}}`}::uuid[]) order by id`) : [];
      const incident = await toIncident(tx, row);
      return incidentBundle({
        incident,
        organisation: { id: p.orgId, name: org?.name ?? p.orgId, createdAt: new Date(org?.created_at ?? 0).toISOString() },
        catalogue: new Map([...found.values()].map((t) => [t.id, { object: t.object, tacticShortname: t.tacticShortname }])),
        disarmObjects: await disarmObjects(tx, [...refs]),
        entries: entries.map((e) => ({ id: e.id, kind: e.kind, title: e.title, hashes: e.hashes, indicatorId: e.indicator_id })),
        checks,
      });
    });
    // A Buffer, so that the media type goes out exactly as written (no charset added).
    return reply.header('content-type', STIX_MEDIA).send(Buffer.from(JSON.stringify(bundle)));
  });
}
