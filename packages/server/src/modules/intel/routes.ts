// The intel API: import a STIX bundle (lenient or strict, each defect reported), list and view the
// objects your organisation may receive, export them as a bundle with OASIS TLP 2.0 markings.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  API, IntelImportQuery, IntelImportReport, IntelObjectDetail, IntelObjectPage, IntelObjectQuery, MispImportQuery, MispImportReport,
  type IntelImportReport as ImportReportBody, type IntelObjectSummary,
} from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, principalOf, rows, type Platform } from '../../platform/index.ts';
import { exportBundle } from './export.ts';
import { announceChanged } from './live-indicators.ts';
import { importMispEvent } from './misp-import.ts';
import type { WarningLists } from './misp/index.ts';
import { parseBundle } from './stix/index.ts';
import { importObjects } from './store/import.ts';
import { queryObjects, type StoredObject } from './store/query.ts';
import { receiveSql } from './store/scope-sql.ts';
import { scoresOf, type Scored } from './scores.ts';
import { versionTimestamp } from './store/version.ts';
import { accessOf } from './viewer.ts';
import { importDistribution } from './groups/store.ts';

export const STIX_TYPES = ['application/json', 'application/stix+json', 'application/taxii+json'];
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

interface SummaryRow {
  id: string;
  type: string;
  version: string;
  revoked: boolean;
  tlp: IntelObjectSummary['tlp'];
  distribution: string;
  owner_instance: string;
  owner_org: string;
  date_added: Date | string;
  name: string | null;
  seq: string | number;
  /** Indicators: what their score is computed from. */
  basis?: Record<string, unknown> | null;
}

/** The properties of an indicator its score is computed from (indicators/score.ts), selected with a summary. */
const BASIS = sql.raw(`case when type = 'indicator' then jsonb_build_object('type', type, 'pattern', object->'pattern', 'pattern_type', object->'pattern_type',
  'valid_from', object->'valid_from', 'valid_until', object->'valid_until', 'created', object->'created', 'modified', object->'modified', 'confidence', object->'confidence') end as basis`);

const summary = (r: SummaryRow, scored?: Scored): IntelObjectSummary => ({
  id: r.id, type: r.type, name: r.name, version: versionTimestamp(r.version), revoked: r.revoked, tlp: r.tlp, distribution: r.distribution,
  ownerInstance: r.owner_instance, ownerOrg: r.owner_org, dateAdded: new Date(r.date_added).toISOString(),
  ...(scored ? { score: scored.score, decay: scored.decay } : {}),
});

export function intelRoutes(app: FastifyInstance, { db, bus }: Platform, instance: () => Promise<string>, warninglists: () => Promise<WarningLists | undefined>): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(STIX_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BUNDLE_BYTES }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 }, (req, _body, done) =>
    done(errors.unsupportedMediaType(`send a STIX bundle as application/json or application/stix+json, not ${req.headers['content-type'] ?? '(none)'}`), undefined));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(API.intelImport, {
    config: { permission: 'intel:write' },
    bodyLimit: MAX_BUNDLE_BYTES,
    schema: {
      tags: ['intel'],
      summary: 'Import a STIX 2.1 bundle',
      description: 'Objects are validated one by one; each defect is reported with its object index and path. Lenient (default): what is valid is stored. Strict: nothing is stored when any object has an error. Objects without a TLP marking get `tlp`; all get `distribution` and your organisation as owner.',
      querystring: IntelImportQuery,
      response: { 200: IntelImportReport },
    },
  }, async (req) => {
    const p = principalOf(req);
    const body = req.body as Buffer;
    const strict = req.query.strict === true;
    // Parsed within limits and validated object by object (and across objects: reused id + version).
    const parsed = parseBundle(body, { mode: strict ? 'strict' : 'lenient' });
    if (parsed.fatal) throw errors.invalid(`not a STIX bundle: ${parsed.fatal}`);
    const defects: ImportReportBody['defects'] = parsed.defects.map((d) => ({ index: d.index, ...(d.id ? { id: d.id } : {}), path: d.path, code: d.code, message: d.message, severity: d.severity }));
    const report = strict && !parsed.ok
      ? { stored: 0, unchanged: 0, rejected: 0, defects: [] }
      : await importObjects(db, parsed.objects, () => [], {
        scope: { ownerInstance: await instance(), ownerOrg: p.orgId, tlp: req.query.tlp ?? 'AMBER', ...(await importDistribution(db, await instance(), p.orgId, req.query)) },
        source: 'import',
        announce: announceChanged(bus),
      });
    // The store reports positions among the accepted objects: back to positions in the bundle.
    for (const d of report.defects) defects.push({ ...d, index: parsed.indexes[d.index] ?? d.index });
    defects.sort((a, b) => a.index - b.index);
    const rejected = strict && !parsed.ok ? parsed.total : new Set([...parsed.rejected.map((r) => r.index), ...report.defects.filter((d) => d.severity === 'error').map((d) => parsed.indexes[d.index] ?? d.index)]).size;
    const stored = report.stored;
    const unchanged = strict && !parsed.ok ? 0 : parsed.total - stored - rejected;
    await db.tx(INSTANCE, (tx) => audit(tx, { ...actor(p, req.ip), action: 'intel.import', outcome: 'success', details: { received: parsed.total, stored, rejected } }));
    return { received: parsed.total, stored, unchanged, rejected, defects };
  });

  r.post(API.intelImportMisp, {
    config: { permission: 'intel:write' },
    bodyLimit: MAX_BUNDLE_BYTES,
    schema: {
      tags: ['intel'],
      summary: 'Import one MISP event (MISP JSON, {"Event": {...}}) as STIX 2.1',
      description: 'Attributes become indicators (to_ids) or observables, objects combined patterns, tlp tags TLP markings, galaxies threat actors and attack patterns; ids are derived from MISP UUIDs, so importing the same event again stores nothing new. Each object keeps its MISP distribution when narrower than `distribution`. Indicators on a configured warninglist are flagged. Problems and unmapped items are reported.',
      querystring: MispImportQuery,
      response: { 200: MispImportReport },
    },
  }, async (req) => {
    const p = principalOf(req);
    let json: unknown;
    try {
      json = JSON.parse((req.body as Buffer).toString('utf8'));
    } catch (e) {
      throw errors.invalid(`not JSON: ${(e as Error).message}`);
    }
    const report = await importMispEvent(db, json, { ownerInstance: await instance(), ownerOrg: p.orgId, tlp: req.query.tlp ?? 'AMBER', distribution: req.query.distribution ?? 'organisation' }, await warninglists(), announceChanged(bus));
    if (!report.received && report.problems.some((x) => x.level === 'error')) throw errors.invalid(`not a MISP event: ${report.problems.find((x) => x.level === 'error')!.message}`);
    await db.tx(INSTANCE, (tx) => audit(tx, { ...actor(p, req.ip), action: 'intel.import.misp', outcome: 'success', details: { received: report.received, stored: report.stored, rejected: report.rejected } }));
    return { received: report.received, stored: report.stored, unchanged: report.unchanged, rejected: report.rejected, unmapped: report.unmapped, problems: [...report.problems], defects: report.defects };
  });

  r.get(API.intelObjects, {
    config: { permission: 'intel:read' },
    schema: { tags: ['intel'], summary: 'The objects your organisation may receive, newest additions last', querystring: IntelObjectQuery, response: { 200: IntelObjectPage } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const limit = q.limit ?? 100;
    const access = receiveSql((await accessOf(db, p, await instance())).access);
    const conds = [sql`is_latest`, access];
    if (q.type) conds.push(sql`type = ${q.type}`);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`(id ilike ${like} or object->>'name' ilike ${like} or object->>'pattern' ilike ${like} or object->>'value' ilike ${like})`);
    }
    if (q.cursor) {
      const seq = Number(Buffer.from(q.cursor, 'base64url').toString());
      if (!Number.isSafeInteger(seq)) throw errors.invalid('cursor is not one this server issued');
      conds.push(sql`seq > ${seq}`);
    }
    const found = await db.tx(INSTANCE, (tx) => rows<SummaryRow>(tx, sql`select id, type, version, revoked, tlp, distribution, owner_instance, owner_org, date_added, object->>'name' as name, seq, ${BASIS}
      from intel_objects where ${sql.join(conds, sql` and `)} order by seq limit ${limit + 1}`));
    const page = found.slice(0, limit);
    const last = page.at(-1);
    const scores = await scoresOf(db, access, page.map((r) => ({ id: r.id, object: r.basis ?? null })));
    return { objects: page.map((r) => summary(r, scores.get(r.id))), next: found.length > limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null };
  });

  r.get(API.intelObject(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['intel'], summary: 'One object: its newest version, its versions and its relationships', params: Type.Object({ id: Type.String({ maxLength: 300 }) }), response: { 200: IntelObjectDetail } },
  }, async (req) => {
    const p = principalOf(req);
    const { access } = await accessOf(db, p, await instance());
    const page = await queryObjects(db, { access, ids: [req.params.id], versions: ['all'], limit: 1000 });
    const latest = page.objects.reduce<StoredObject | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
    if (!latest) throw errors.notFound('intel object');
    const [row] = await db.tx(INSTANCE, (tx) => rows<SummaryRow>(tx, sql`select id, type, version, revoked, tlp, distribution, owner_instance, owner_org, date_added, object->>'name' as name, seq
      from intel_objects where id = ${latest.id} and version = ${latest.version}`));
    const rels = await queryObjects(db, { access, types: ['relationship'], limit: 500, scope: sql`(object->>'source_ref' = ${latest.id} or object->>'target_ref' = ${latest.id})` });
    const scores = await scoresOf(db, receiveSql(access), [{ id: latest.id, object: latest.object }]);
    return {
      summary: summary(row!, scores.get(latest.id)),
      object: latest.object,
      versions: page.objects.map((o) => ({ version: versionTimestamp(o.version), dateAdded: o.dateAdded })),
      relationships: rels.objects.map((o) => ({ id: o.id, relationshipType: String(o.object['relationship_type']), sourceRef: String(o.object['source_ref']), targetRef: String(o.object['target_ref']) })),
    };
  });

  r.get(API.intelExport, {
    config: { permission: 'intel:read' },
    schema: {
      tags: ['intel'],
      summary: 'Export what your organisation may receive as a STIX 2.1 bundle',
      description: 'TLP markings are written with the OASIS TLP 2.0 marking-definition ids, whatever spelling they were imported with.',
      querystring: Type.Object({ type: Type.Optional(Type.Array(Type.String({ maxLength: 250 }))), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100_000 })) }),
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { access } = await accessOf(db, p, await instance());
    const bundle = await exportBundle(db, access, { types: req.query.type, limit: req.query.limit ?? 100_000 });
    // A Buffer, so that the media type goes out exactly as written (no charset or quoting added).
    return reply.header('content-type', 'application/stix+json;version=2.1').send(Buffer.from(JSON.stringify(bundle)));
  });
}
