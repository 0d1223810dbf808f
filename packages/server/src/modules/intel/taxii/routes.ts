// TAXII 2.1 server (OASIS TAXII 2.1, section 4): discovery, one API root, collections per sharing
// scope, objects (get, add, get one, delete, versions), manifest and status. Authentication: API token
// as Bearer or as the password of HTTP Basic. Every answer is application/taxii+json;version=2.1.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, actor, audit, can, errors, INSTANCE, orgScope, principalOf, rows, type Platform } from '../../../platform/index.ts';
import { validateObject } from '../stix/index.ts';
import { importObjects } from '../store/import.ts';
import { objectVersions, queryObjects, QueryProblem, type ObjectQuery, type StoredObject } from '../store/query.ts';
import { versionTimestamp } from '../store/version.ts';
import { announceChanged } from '../live-indicators.ts';
import { accessOf } from '../viewer.ts';
import { scopeOfRow, SCOPE_COLUMNS, type ScopeRow } from '../store/scope-row.ts';
import { feedActionFor } from '../access/feed-action.ts';
import { envelopeVerifier, SIGNATURE_HEADER, signEnvelope } from '../federation/index.ts';
import { peerKeys } from '../peers/identity.ts';
import { KEYS_PATH, keySetHeaders, keySetOf } from '../peers/keys.ts';
import { replayCacheOf } from '../peers/replay-store.ts';
import { getPeer } from '../peers/peer-store.ts';
import { storePage } from '../peers/sync.ts';
import type { InstanceIdentity } from '../peers/identity.ts';
import { forPeer } from '../peers/wire-scope.ts';
import { viewerOf } from '../viewer.ts';
import { COLLECTIONS, collectionById, type CollectionDef } from './collections.ts';
import { acceptsTaxii, isTaxiiContent, sendTaxiiError, STIX_MEDIA, TAXII_MEDIA, TaxiiProblem } from './media.ts';
import { parseFilters, type Filters } from './filters.ts';

/** Where the plugin is mounted; routes below are relative to it. */
export const TAXII_PREFIX = '/taxii2';
export const API_ROOT = `${TAXII_PREFIX}/api/`;
const ROOT_PATH = '/';
const API_PATH = '/api/';
const MAX_CONTENT = 64 * 1024 * 1024;
const MAX_PAGE = 10_000;

type Q = Record<string, string | string[] | undefined>;

function send(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
  return reply.code(status).header('content-type', TAXII_MEDIA).send(Buffer.from(JSON.stringify(body)));
}

function dateHeaders(objects: readonly StoredObject[]): Record<string, string> {
  if (!objects.length) return {};
  // Same-format timestamps (microseconds, Z) sort as text.
  const times = objects.map((o) => o.dateAdded).sort();
  return { 'X-TAXII-Date-Added-First': times[0]!, 'X-TAXII-Date-Added-Last': times.at(-1)! };
}

const nextOf = (page: { more: boolean; objects: readonly StoredObject[] }): string | undefined =>
  page.more && page.objects.length ? Buffer.from(JSON.stringify({ s: page.objects.at(-1)!.seq })).toString('base64url') : undefined;

export function taxiiRoutes(app: FastifyInstance, platform: Platform, instance: () => Promise<string>, identity: () => Promise<InstanceIdentity>): void {
  const { db, bus, log } = platform;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_CONTENT }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: FastifyError | AppError | TaxiiProblem, req, reply) => {
    if (err instanceof TaxiiProblem) return sendTaxiiError(reply, req, err.status, err.message, err.code, err.description, err.details);
    if (err instanceof AppError) return sendTaxiiError(reply, req, err.status, err.message, err.code);
    if (err instanceof QueryProblem) return sendTaxiiError(reply, req, 400, 'Bad filter', 'INVALID_FILTER', err.message);
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413) return sendTaxiiError(reply, req, 413, 'Request too large', 'PAYLOAD_TOO_LARGE', `at most ${MAX_CONTENT} bytes`);
    if (status >= 400 && status < 500) return sendTaxiiError(reply, req, status, 'Bad request', 'BAD_REQUEST', (err as Error).message);
    req.log.error({ err }, 'TAXII request failed');
    return sendTaxiiError(reply, req, 500, 'Internal error', 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => sendTaxiiError(reply, req, 404, 'Not found', 'NOT_FOUND', 'No such TAXII resource'));
  // After authentication (the global hook): 406 for callers that accept no TAXII 2.1.
  app.addHook('preHandler', async (req) => {
    const accept = req.headers.accept;
    if (accept !== undefined && accept.trim() !== '' && !acceptsTaxii(accept) && !/(^|,)\s*\*\/\*/.test(accept) && !/(^|,)\s*application\/\*/.test(accept)) {
      throw new TaxiiProblem(406, 'Not acceptable', 'NOT_ACCEPTABLE', `this server answers ${TAXII_MEDIA}`);
    }
  });

  const read = { config: { permission: 'intel:read' as const } };
  const collection = (req: FastifyRequest): CollectionDef => {
    const c = collectionById((req.params as { cid: string }).cid);
    if (!c) throw new TaxiiProblem(404, 'Collection not found', 'NOT_FOUND', 'No such collection in this API root');
    return c;
  };
  const info = (req: FastifyRequest, c: CollectionDef) => ({
    id: c.id, title: c.title, description: c.description, alias: c.alias,
    can_read: true, can_write: can(principalOf(req), 'intel:write'), media_types: [STIX_MEDIA],
  });
  const baseQuery = async (req: FastifyRequest, c: CollectionDef, f: Filters): Promise<Omit<ObjectQuery, 'limit'>> => {
    const p = principalOf(req);
    return {
      access: (await accessOf(db, p, await instance())).access, scope: c.scope(p.orgId),
      ...(f.addedAfter ? { addedAfter: f.addedAfter } : {}), ...(f.ids ? { ids: f.ids } : {}), ...(f.types ? { types: f.types } : {}),
      ...(f.versions ? { versions: f.versions } : {}), ...(f.specVersions ? { specVersions: f.specVersions } : {}),
      ...(f.afterSeq !== undefined ? { afterSeq: f.afterSeq } : {}),
    };
  };

  app.get(ROOT_PATH, read, async (req, reply) => {
    // Absolute URLs, as seen by the caller (behind a proxy: with BULWARK_TRUST_PROXY).
    const url = `${req.protocol}://${req.host}${API_ROOT}`;
    return send(reply, 200, { title: 'Bulwark TAXII server', description: 'STIX 2.1 intelligence of this instance, per sharing scope', default: url, api_roots: [url] });
  });

  app.get(API_PATH, read, async (_req, reply) => send(reply, 200, {
    title: 'Bulwark intelligence',
    description: 'Collections per sharing scope; what you receive is what TLP and distribution allow your organisation',
    versions: [TAXII_MEDIA],
    max_content_length: MAX_CONTENT,
  }));

  // Bulwark extension: this instance's signing keys (current and those still in their grace period after a
  // rotation), signed by the current key and endorsed by each previous one (peers/keys.ts).
  app.get(`${ROOT_PATH}${KEYS_PATH}`, read, async (req, reply) => {
    const viewer = await viewerOf(db, principalOf(req), await instance());
    const id = await identity();
    const body = keySetOf(id);
    return send(reply, 200, body, keySetHeaders(body, id, viewer.kind === 'peer' ? viewer.instance : undefined));
  });

  app.get(`${API_PATH}collections/`, read, async (req, reply) => send(reply, 200, { collections: COLLECTIONS.map((c) => info(req, c)) }));
  app.get(`${API_PATH}collections/:cid/`, read, async (req, reply) => send(reply, 200, info(req, collection(req))));

  app.get(`${API_PATH}collections/:cid/objects/`, read, async (req, reply) => {
    const c = collection(req);
    const f = parseFilters(req.query as Q, MAX_PAGE);
    const holder = await instance();
    const viewer = await viewerOf(db, principalOf(req), holder);
    const page = await queryObjects(db, { ...(await baseQuery(req, c, f)), limit: f.limit }, viewer.kind === 'peer' ? 'scoped' : 'full');
    const next = nextOf(page);
    if (viewer.kind !== 'peer') {
      return send(reply, 200, { more: page.more, ...(next ? { next } : {}), ...(page.objects.length ? { objects: page.objects.map((o) => o.object) } : {}) }, dateHeaders(page.objects));
    }
    // To a federated instance: each object with its scope after the hop, the page signed by this instance.
    const objects = page.objects.flatMap((o) => {
      const sent = o.scope ? forPeer(o.object, scopeOfRow(o.scope, holder), viewer.instance) : undefined;
      return sent ? [sent] : [];
    });
    const body = { more: page.more, ...(next ? { next } : {}), ...(objects.length ? { objects } : {}) };
    const id = await identity();
    return send(reply, 200, body, { ...dateHeaders(page.objects), [SIGNATURE_HEADER]: signEnvelope(body, { privateKey: id.privateKey, kid: id.instanceId }, viewer.instance) });
  });

  // Bulwark extension for federated instances: retractions since a point (deletions, and new versions
  // that took an object out of the caller's reach), one id each, never content; signed like object pages.
  app.get(`${API_PATH}collections/:cid/x-bulwark-tombstones/`, read, async (req, reply) => {
    collection(req);
    const q = req.query as Q;
    const after = Number(typeof q['after'] === 'string' ? q['after'] : 0);
    const limit = Math.min(Number(typeof q['limit'] === 'string' ? q['limit'] : 1000), MAX_PAGE);
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1) throw new TaxiiProblem(400, 'Bad parameter', 'INVALID_PARAMETER', 'after: a sequence number from a previous answer; limit: a positive whole number');
    const holder = await instance();
    const viewer = await viewerOf(db, principalOf(req), holder);
    const found = await db.tx(INSTANCE, (tx) => rows<{ seq: string | number; id: string; reason: string; before: ScopeRow; after: ScopeRow | null }>(tx,
      sql`select seq, id, reason, before, after from intel_tombstones where seq > ${after} order by seq limit ${limit + 1}`));
    const pageRows = found.slice(0, limit);
    const tombstones = pageRows.flatMap((t) => {
      const action = feedActionFor(viewer, scopeOfRow(t.before, holder), t.after ? scopeOfRow(t.after, holder) : undefined);
      return action === 'tombstone' ? [{ id: t.id, seq: Number(t.seq), reason: t.reason === 'deleted' ? 'deleted' : 'withdrawn' }] : [];
    });
    const body = { more: found.length > limit, next_after: pageRows.length ? Number(pageRows.at(-1)!.seq) : after, tombstones };
    const id = await identity();
    return send(reply, 200, body, viewer.kind === 'peer' ? { [SIGNATURE_HEADER]: signEnvelope(body, { privateKey: id.privateKey, kid: id.instanceId }, viewer.instance) } : {});
  });

  app.get(`${API_PATH}collections/:cid/manifest/`, read, async (req, reply) => {
    const c = collection(req);
    const f = parseFilters(req.query as Q, MAX_PAGE);
    const page = await queryObjects(db, { ...(await baseQuery(req, c, f)), limit: f.limit }, 'manifest');
    const next = nextOf(page);
    const objects = page.objects.map((o) => ({ id: o.id, date_added: o.dateAdded, version: versionTimestamp(o.version), media_type: STIX_MEDIA }));
    return send(reply, 200, { more: page.more, ...(next ? { next } : {}), ...(objects.length ? { objects } : {}) }, dateHeaders(page.objects));
  });

  app.get(`${API_PATH}collections/:cid/objects/:oid/`, read, async (req, reply) => {
    const c = collection(req);
    const f = parseFilters(req.query as Q, MAX_PAGE, ['match[id]', 'match[type]']);
    const page = await queryObjects(db, { ...(await baseQuery(req, c, f)), ids: [(req.params as { oid: string }).oid], limit: f.limit });
    if (!page.objects.length && f.afterSeq === undefined) throw new TaxiiProblem(404, 'Object not found', 'NOT_FOUND', 'No such object in this collection that you may receive');
    const next = nextOf(page);
    return send(reply, 200, { more: page.more, ...(next ? { next } : {}), ...(page.objects.length ? { objects: page.objects.map((o) => o.object) } : {}) }, dateHeaders(page.objects));
  });

  app.get(`${API_PATH}collections/:cid/objects/:oid/versions/`, read, async (req, reply) => {
    const c = collection(req);
    const f = parseFilters(req.query as Q, MAX_PAGE, ['match[id]', 'match[type]', 'match[version]']);
    const { versions: _v, ids: _i, ...q } = await baseQuery(req, c, f);
    const page = await objectVersions(db, { ...q, id: (req.params as { oid: string }).oid, limit: f.limit });
    if (!page.objects.length && f.afterSeq === undefined) throw new TaxiiProblem(404, 'Object not found', 'NOT_FOUND', 'No such object in this collection that you may receive');
    const next = nextOf(page);
    return send(reply, 200, { more: page.more, ...(next ? { next } : {}), versions: page.objects.map((o) => versionTimestamp(o.version)) }, dateHeaders(page.objects));
  });

  app.delete(`${API_PATH}collections/:cid/objects/:oid/`, { config: { permission: 'intel:write' } }, async (req, reply) => {
    const c = collection(req);
    const p = principalOf(req);
    const f = parseFilters(req.query as Q, MAX_PAGE, ['match[id]', 'match[type]', 'added_after', 'limit', 'next']);
    const oid = (req.params as { oid: string }).oid;
    const visible = await queryObjects(db, { ...(await baseQuery(req, c, { ...f, versions: f.versions ?? ['all'] })), ids: [oid], limit: MAX_PAGE }, 'manifest');
    if (!visible.objects.length) throw new TaxiiProblem(404, 'Object not found', 'NOT_FOUND', 'No such object in this collection that you may receive');
    const versions = `{${visible.objects.map((o) => JSON.stringify(o.version)).join(',')}}`;
    const deleted = await db.tx(INSTANCE, async (tx) => {
      // Only the owning organisation deletes its objects.
      const [before] = await rows<ScopeRow>(tx, sql`select ${sql.raw(SCOPE_COLUMNS)} from intel_objects where id = ${oid} and is_latest and owner_org = ${p.orgId}`);
      const gone = await rows<{ version: string }>(tx, sql`delete from intel_objects where id = ${oid} and version = any(${versions}::text[]) and owner_org = ${p.orgId} returning version`);
      if (gone.length) {
        const [left] = await rows<ScopeRow>(tx, sql`select ${sql.raw(SCOPE_COLUMNS)} from intel_objects where id = ${oid} order by version desc limit 1`);
        if (before) await tx.execute(sql`insert into intel_tombstones (id, reason, before, after) values (${oid}, ${left ? 'scope-changed' : 'deleted'}, ${JSON.stringify(before)}::jsonb, ${left ? JSON.stringify(left) : null}::jsonb)`);
        await tx.execute(sql`update intel_objects o set is_latest = (o.version = m.maxv), is_first = (o.version = m.minv)
          from (select id, max(version) as maxv, min(version) as minv from intel_objects where id = ${oid} group by id) m where o.id = m.id`);
        await audit(tx, { ...actor(p, req.ip), action: 'intel.delete', target: oid, outcome: 'success', details: { versions: gone.length } });
        await announceChanged(bus)(tx, [{ id: oid }]);
      }
      return gone.length;
    });
    if (!deleted) throw errors.forbidden('Only the organisation that owns an object may delete it.');
    return send(reply, 200, {});
  });

  app.post(`${API_PATH}collections/:cid/objects/`, { config: { permission: 'intel:write' }, bodyLimit: MAX_CONTENT }, async (req, reply) => {
    const c = collection(req);
    const p = principalOf(req);
    if (!isTaxiiContent(req.headers['content-type'])) throw new TaxiiProblem(415, 'Unsupported media type', 'UNSUPPORTED_MEDIA_TYPE', `send ${TAXII_MEDIA}`);
    let envelope: unknown;
    try {
      envelope = JSON.parse((req.body as Buffer).toString('utf8'));
    } catch (e) {
      throw new TaxiiProblem(400, 'Malformed JSON', 'BAD_REQUEST', (e as Error).message);
    }
    const objects = (envelope as { objects?: unknown }).objects;
    if (!envelope || typeof envelope !== 'object' || !Array.isArray(objects)) throw new TaxiiProblem(422, 'Not an envelope', 'UNPROCESSABLE', 'the body must be a TAXII envelope: {"objects": [...]}');
    const requestTimestamp = new Date().toISOString();
    const viewer = await viewerOf(db, p, await instance());
    if (viewer.kind === 'peer') {
      // From a federated instance: its signature checked with its registered key, each object stored with
      // the scope it signed (trusted peer) or the peer's defaults.
      const peer = await getPeer(db, viewer.instance);
      if (!peer) throw errors.forbidden('This key belongs to no configured peer.');
      if (peer.public_key) {
        const keys = peerKeys(peer.public_key);
        const verify = envelopeVerifier({ publicKeyOf: (kid: string) => (kid === peer.instance_id ? keys : undefined), seen: replayCacheOf(platform), audience: await instance(), expectKid: peer.instance_id });
        const sig = req.headers[SIGNATURE_HEADER.toLowerCase()];
        try {
          await verify(envelope, typeof sig === 'string' ? sig : undefined, req.url);
        } catch (err) {
          throw new TaxiiProblem(401, 'Signature refused', 'SIGNATURE_REFUSED', (err as Error).message);
        }
      }
      const result = await storePage({ db, bus, log, self: await instance() }, peer, objects.filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o)));
      const idOfObj = (o: unknown): string => String((o as Record<string, unknown> | null)?.['id'] ?? '');
      const verOf = (o: unknown): string => String((o as Record<string, unknown> | null)?.['modified'] ?? (o as Record<string, unknown> | null)?.['created'] ?? '');
      const okList = objects.filter((o) => !result.failures.has(idOfObj(o))).map((o) => ({ id: idOfObj(o), version: verOf(o) }));
      const badList = objects.filter((o) => result.failures.has(idOfObj(o))).map((o) => ({ id: idOfObj(o), version: verOf(o), message: result.failures.get(idOfObj(o))! }));
      const peerStatus = { id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: objects.length, success_count: okList.length, successes: okList, failure_count: badList.length, failures: badList, pending_count: 0, pendings: [] };
      await db.tx(orgScope(p.orgId), async (tx) => {
        await tx.execute(sql`insert into taxii_status (id, org_id, status) values (${peerStatus.id}, ${p.orgId}, ${JSON.stringify(peerStatus)}::jsonb)`);
        await audit(tx, { ...actor(p, req.ip), action: 'intel.federation.receive', target: peer.instance_id, outcome: 'success', details: { total: objects.length, stored: result.stored, failed: badList.length } });
      });
      return send(reply, 202, peerStatus);
    }
    const report = await importObjects(db, objects, validateObject, {
      scope: { ownerInstance: await instance(), ownerOrg: p.orgId, tlp: c.write.tlp, distribution: c.write.distribution },
      source: 'taxii',
      announce: announceChanged(bus),
    });
    const failed = new Map<number, string>();
    for (const d of report.defects) if (d.severity === 'error' && !failed.has(d.index)) failed.set(d.index, `${d.code} at ${d.path}: ${d.message}`);
    const versionOf = (o: unknown): string => {
      const r = o as Record<string, unknown> | null;
      return String(r?.['modified'] ?? r?.['created'] ?? '');
    };
    const idOf = (o: unknown): string => String((o as Record<string, unknown> | null)?.['id'] ?? '');
    const successes = objects.flatMap((o, i) => (failed.has(i) ? [] : [{ id: idOf(o), version: versionOf(o) }]));
    const failures = objects.flatMap((o, i) => (failed.has(i) ? [{ id: idOf(o), version: versionOf(o), message: failed.get(i)! }] : []));
    const status = {
      id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp,
      total_count: objects.length, success_count: successes.length, successes, failure_count: failures.length, failures, pending_count: 0, pendings: [],
    };
    await db.tx(orgScope(p.orgId), async (tx) => {
      await tx.execute(sql`insert into taxii_status (id, org_id, status) values (${status.id}, ${p.orgId}, ${JSON.stringify(status)}::jsonb)`);
      await audit(tx, { ...actor(p, req.ip), action: 'intel.taxii.add', target: c.alias, outcome: 'success', details: { total: objects.length, stored: report.stored, failed: failures.length } });
    });
    return send(reply, 202, status);
  });

  app.get(`${API_PATH}status/:sid/`, read, async (req, reply) => {
    const p = principalOf(req);
    const sid = (req.params as { sid: string }).sid;
    if (!/^[0-9a-f-]{36}$/i.test(sid)) throw new TaxiiProblem(404, 'Status not found', 'NOT_FOUND');
    const [row] = await db.tx(orgScope(p.orgId), (tx) => rows<{ status: unknown }>(tx, sql`select status from taxii_status where id = ${sid} and org_id = ${p.orgId}`));
    if (!row) throw new TaxiiProblem(404, 'Status not found', 'NOT_FOUND');
    return send(reply, 200, row.status);
  });

}
