// NIS2 reporting over HTTP: the organisation's entity profile, an incident's clocks and reports,
// reports prefilled from the incident and saved as new versions, submitted, exported as JSON and PDF.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { API, Nis2Profile, Nis2ReportCreate, Nis2ReportSummary, Nis2ReportUpdate, Nis2ReportView, Nis2State, type Nis2ReportDocument } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, type Platform, type Tx } from '../../../platform/index.ts';
import { addTimeline, getIncident, publishChange, toIncident } from '../incidents/store.ts';
import { computeDeadlines, exportReportPdf, missingFields, prefillReport, serializeReportJson, validateReport, type Nis2Report } from '../nis2/index.ts';
import { incidentFacts, profileOf } from './facts.ts';
import { clockInput, handledAtOf, holderOf, previousFor, reportById, reportsOf, saveVersion, toSummary, type ReportRow } from './store.ts';
import type { VocabularySource } from './vocabulary-source.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function reportingRoutes(app: FastifyInstance, platform: Platform, vocabulary: VocabularySource): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, bus } = platform;

  const deadlinesOf = async (tx: Tx, orgId: string, incidentId: string) => {
    const inc = await getIncident(tx, orgId, incidentId);
    const reports = await reportsOf(tx, orgId, incidentId);
    const input = clockInput(inc, reports, await handledAtOf(tx, orgId, incidentId));
    return { inc, reports, deadlines: input ? computeDeadlines(input, new Date()) : [] };
  };

  const view = async (row: ReportRow, notes: string[] = []): Promise<Nis2ReportView> => {
    const { vocabulary: v, configured } = await vocabulary();
    const problems: Nis2ReportView['problems'] = validateReport(row.document, v).map((p) => ({ ...p }));
    if (!configured) problems.push({ field: 'classification', severity: 'warning', code: 'no_vocabulary', message: 'The MISP taxonomies are not configured (misp_taxonomies): coded fields cannot be checked.' });
    return { summary: toSummary(row), document: row.document as Nis2ReportDocument, missing: missingFields(row.document), notes, problems };
  };

  r.get(API.nis2Profile, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['nis2'], summary: 'Your organisation as a NIS2 entity (prefills every report)', response: { 200: Nis2Profile } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), (tx) => profileOf(tx, p.orgId));
  });

  r.put(API.nis2Profile, {
    config: { permission: 'playbooks:write' },
    schema: { tags: ['nis2'], summary: 'Set the NIS2 entity profile', body: Nis2Profile, response: { 200: Nis2Profile } },
  }, async (req) => {
    const p = principalOf(req);
    const { vocabulary: v, configured } = await vocabulary();
    for (const [field, tag] of [['sector', req.body.sector], ['subsector', req.body.subsector]] as const) {
      if (!tag || !configured) continue;
      const value = tag.includes(':') ? tag : null;
      if (value && !/^nis2:/.test(value)) throw errors.invalid(`${field} must be a nis2 machine tag`);
      if (value && !v.nis2.predicates.some((pr) => pr.values.some((x) => value === `nis2:${pr.value}="${x.value}"`))) throw errors.invalid(`${field}: ${value} is not in the nis2 taxonomy`);
    }
    if (req.body.memberState && !/^[A-Z]{2}$/.test(req.body.memberState)) throw errors.invalid('memberState must be a two-letter country code');
    await db.tx(orgScope(p.orgId), async (tx) => {
      await tx.execute(sql`insert into respond_settings (org_id, entity, updated_by) values (${p.orgId}, ${JSON.stringify(req.body)}::jsonb, ${p.userId ?? null})
        on conflict (org_id) do update set entity = excluded.entity, updated_by = excluded.updated_by, updated_at = now()`);
      await audit(tx, { ...actor(p, req.ip), action: 'nis2.profile', outcome: 'success' });
    });
    return req.body;
  });

  r.get(API.incidentNis2(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['nis2'], summary: 'The NIS2 clocks and reports of an incident', params: Id, response: { 200: Nis2State } },
  }, async (req) => {
    const p = principalOf(req);
    const { vocabulary: v, configured } = await vocabulary();
    return db.tx(orgScope(p.orgId), async (tx) => {
      const { inc, reports, deadlines } = await deadlinesOf(tx, p.orgId, req.params.id);
      return {
        incidentId: inc.id, reportable: inc.reportable, awareAt: inc.aware_at ? new Date(inc.aware_at).toISOString() : null, deadlines, reports: reports.map(toSummary),
        taxonomies: { nis2: configured ? v.nis2.version : null, rsit: configured && v.incidentTypes ? v.incidentTypes.version : null },
      };
    });
  });

  r.post(API.incidentNis2Reports(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['nis2'], summary: 'Draft a report of a kind, prefilled from the incident (and from its previous report)', params: Id, body: Nis2ReportCreate, response: { 201: Nis2ReportView } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { vocabulary: v, configured } = await vocabulary();
    const { row, notes } = await db.tx(orgScope(p.orgId), async (tx) => {
      const inc = await getIncident(tx, p.orgId, req.params.id);
      if (inc.status === 'merged') throw errors.conflict('the incident was merged; report on the one it was merged into');
      const previous = previousFor(req.body.kind, await reportsOf(tx, p.orgId, inc.id));
      const facts = await incidentFacts(tx, p.orgId, inc);
      // A previous report of an incident merged into this one is continued here.
      const from = previous ? { ...previous.document, incidentId: inc.id } : null;
      const pre = prefillReport(req.body.kind, facts, from, configured ? { vocabulary: v } : {});
      const saved = await saveVersion(tx, p.orgId, inc.id, req.body.kind, { ...pre.report, previousReportId: previous?.document.id ?? null }, p.userId ?? null);
      await addTimeline(tx, p.orgId, inc.id, 'report', { report: saved.id, kind: saved.kind, version: saved.version, event: 'drafted' }, { actorId: p.userId ?? null });
      await audit(tx, { ...actor(p, req.ip), action: 'nis2.report.draft', target: saved.id, outcome: 'success', details: { incident: inc.id, kind: saved.kind, version: saved.version } });
      return { row: saved, notes: pre.notes };
    });
    return reply.code(201).send(await view(row, notes));
  });

  r.get(API.nis2Report(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['nis2'], summary: 'A report version with what is missing and what is wrong', params: Id, response: { 200: Nis2ReportView } },
  }, async (req) => {
    const p = principalOf(req);
    return view(await db.tx(orgScope(p.orgId), (tx) => reportById(tx, p.orgId, req.params.id)));
  });

  r.put(API.nis2Report(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['nis2'], summary: 'Save an edited report as its next version', params: Id, body: Nis2ReportUpdate, response: { 201: Nis2ReportView } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const row = await db.tx(orgScope(p.orgId), async (tx) => {
      const base = await reportById(tx, p.orgId, req.params.id);
      const doc = req.body.document as unknown as Nis2Report;
      // A report of an incident merged into another is continued on that one.
      const holder = await holderOf(tx, p.orgId, base.incident_id);
      const saved = await saveVersion(tx, p.orgId, holder, base.kind, { ...doc, previousReportId: base.document.previousReportId }, p.userId ?? null);
      await addTimeline(tx, p.orgId, holder, 'report', { report: saved.id, kind: saved.kind, version: saved.version, event: 'edited' }, { actorId: p.userId ?? null });
      await audit(tx, { ...actor(p, req.ip), action: 'nis2.report.edit', target: saved.id, outcome: 'success', details: { from: base.id, version: saved.version } });
      return saved;
    });
    return reply.code(201).send(await view(row));
  });

  r.post(API.nis2ReportSubmit(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['nis2'], summary: 'Record that this version was sent to the CSIRT or competent authority (stops its clock)', params: Id, response: { 200: Nis2ReportSummary } },
  }, async (req) => {
    const p = principalOf(req);
    const { vocabulary: v } = await vocabulary();
    return db.tx(orgScope(p.orgId), async (tx) => {
      const row = await reportById(tx, p.orgId, req.params.id);
      if (row.status === 'submitted') return toSummary(row);
      const blocking = validateReport(row.document, v).filter((x) => x.severity === 'error');
      if (blocking.length) throw errors.invalid(`the report is not complete: ${blocking.map((x) => `${x.field}: ${x.message}`).join('; ')}`.slice(0, 2000));
      const at = new Date();
      const document: Nis2Report = { ...row.document, status: 'submitted', submittedAt: at.toISOString() };
      await tx.execute(sql`update nis2_reports set status = 'submitted', submitted_at = ${at}, document = ${JSON.stringify(document)}::jsonb where id = ${row.id}`);
      const holder = await holderOf(tx, p.orgId, row.incident_id);
      await addTimeline(tx, p.orgId, holder, 'report', { report: row.id, kind: row.kind, version: row.version, event: 'submitted' }, { actorId: p.userId ?? null });
      await tx.execute(sql`update incidents set updated_at = now() where id = ${holder}`);
      await publishChange(tx, bus, p.orgId, toIncident(await getIncident(tx, p.orgId, holder)), 'updated', `nis2-${row.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'nis2.report.submit', target: row.id, outcome: 'success', details: { kind: row.kind, version: row.version } });
      return toSummary({ ...row, status: 'submitted', submitted_at: at, document });
    });
  });

  const exported = async (orgId: string, id: string) => {
    const { vocabulary: v } = await vocabulary();
    return db.tx(orgScope(orgId), async (tx) => {
      const row = await reportById(tx, orgId, id);
      const { deadlines } = await deadlinesOf(tx, orgId, row.incident_id);
      return { row, options: { vocabulary: v, generatedAt: new Date().toISOString(), deadlines } };
    });
  };

  r.get(API.nis2ReportJson(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['nis2'], summary: 'The report as JSON (schema bulwark.nis2-report/1, coded values with their taxonomy labels)', params: Id },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { row, options } = await exported(p.orgId, req.params.id);
    return reply.type('application/json').header('content-disposition', `attachment; filename="nis2-${row.kind}-v${row.version}.json"`).send(serializeReportJson(row.document, options));
  });

  r.get(API.nis2ReportPdf(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['nis2'], summary: 'The report as a PDF document', params: Id },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { row, options } = await exported(p.orgId, req.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="nis2-${row.kind}-v${row.version}.pdf"`).send(exportReportPdf(row.document, options));
  });
}
