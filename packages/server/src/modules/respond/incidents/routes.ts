// The incident API: queue, detail (alerts and timeline), changes by responders (status, owner,
// severity, NIS2 flag, links), notes, merge and split, and the organisation's grouping settings.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  API, GroupingSettings, Incident, IncidentCreate, IncidentDetail, IncidentList, IncidentMerge, IncidentNote, IncidentPatch, IncidentSplit, Severity,
  TimelineEntry, type Alert as AlertT,
} from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, type Platform } from '../../../platform/index.ts';
import { addTimeline, getIncident, groupingOf, moveAlerts, pgArray, publishChange, recompute, SEVERITY_RANK, timelineOf, toIncident, type IncidentRow } from './store.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const iso = (d: Date | string) => new Date(d).toISOString();

const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 200, description: 'Comma-separated statuses (default: every status but merged)' })),
  severity: Type.Optional(Severity),
  owner: Type.Optional(Type.String({ maxLength: 40, description: 'A user id, `me` or `none`' })),
  reportable: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title, or INC-<number>' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  before: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` of the previous page' })),
});

interface AlertRow {
  id: string; detector: string; rule_id: string; title: string; severity: AlertT['severity']; status: AlertT['status']; assignee_id: string | null;
  event_ids: string[]; tags: string[]; references: string[]; fields: Record<string, unknown>; event_time: Date | string; created_at: Date | string; updated_at: Date | string;
}
const toAlert = (r: AlertRow): AlertT => ({
  id: r.id, detector: r.detector, ruleId: r.rule_id, title: r.title, severity: r.severity, status: r.status, assigneeId: r.assignee_id, eventIds: r.event_ids,
  tags: r.tags, references: r.references, fields: r.fields, eventTime: iso(r.event_time), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});

export function incidentRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, bus } = platform;

  r.get(API.incidents, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['incidents'], summary: 'The incident queue, most recently changed first', querystring: ListQuery, response: { 200: IncidentList } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const limit = q.limit ?? 50;
    const conds = [sql`org_id = ${p.orgId}`];
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : null;
    conds.push(statuses ? sql`status = any(${pgArray(statuses)}::text[])` : sql`status <> 'merged'`);
    if (q.severity) conds.push(sql`severity_id >= ${SEVERITY_RANK[q.severity]}`);
    if (q.owner === 'none') conds.push(sql`owner_id is null`);
    else if (q.owner === 'me') conds.push(p.userId ? sql`owner_id = ${p.userId}` : sql`false`);
    else if (q.owner) {
      if (!/^[0-9a-f-]{36}$/i.test(q.owner)) throw errors.invalid('owner must be a user id, me or none');
      conds.push(sql`owner_id = ${q.owner}`);
    }
    if (q.reportable !== undefined) conds.push(sql`reportable = ${q.reportable}`);
    if (q.q) {
      const num = /^\s*inc-?(\d{1,15})\s*$/i.exec(q.q);
      conds.push(num ? sql`seq = ${Number(num[1])}` : sql`title ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    }
    if (q.before) {
      const [t, id] = Buffer.from(q.before, 'base64url').toString().split('|');
      if (!t || !id || Number.isNaN(Date.parse(t)) || !/^[0-9a-f-]{36}$/i.test(id)) throw errors.invalid('before is not a cursor this server issued');
      conds.push(sql`(updated_at, id) < (${t}::timestamptz, ${id}::uuid)`);
    }
    // The cursor keeps the database's full precision (microseconds): incidents changed in the same
    // millisecond (a merge's sources) are not skipped at a page boundary.
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<IncidentRow & { cursor_at: string }>(tx, sql`select *, updated_at::text as cursor_at from incidents
      where ${sql.join(conds, sql` and `)} order by updated_at desc, id desc limit ${limit + 1}`));
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return { incidents: page.map(toIncident), next: found.length > limit && last ? Buffer.from(`${last.cursor_at}|${last.id}`).toString('base64url') : null };
  });

  r.post(API.incidents, {
    config: { permission: 'incidents:write' },
    schema: { tags: ['incidents'], summary: 'Open an incident by hand (optionally moving alerts into it)', body: IncidentCreate, response: { 201: Incident } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const incident = await db.tx(orgScope(p.orgId), async (tx) => {
      const [row] = await rows<IncidentRow>(tx, sql`insert into incidents (org_id, title, severity, severity_id, owner_id) values (${p.orgId}, ${b.title}, ${b.severity}, ${SEVERITY_RANK[b.severity]}, ${p.userId ?? null}) returning *`);
      await addTimeline(tx, p.orgId, row!.id, 'change', { opened: 'by hand', title: b.title }, { actorId: p.userId ?? null });
      if (b.alertIds?.length) await moveAlerts(tx, p.orgId, b.alertIds, row!.id);
      const inc = toIncident(await getIncident(tx, p.orgId, row!.id));
      await publishChange(tx, bus, p.orgId, inc, 'created', 'manual');
      await audit(tx, { ...actor(p, req.ip), action: 'incident.create', target: inc.id, outcome: 'success', details: { alerts: b.alertIds?.length ?? 0 } });
      return inc;
    });
    return reply.code(201).send(incident);
  });

  r.get(API.incident(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['incidents'], summary: 'An incident with its alerts and timeline', params: Id, response: { 200: IncidentDetail } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), async (tx) => {
      const row = await getIncident(tx, p.orgId, req.params.id);
      const alerts = await rows<AlertRow>(tx, sql`select al.* from incident_alerts ia join alerts al on al.id = ia.alert_id
        where ia.org_id = ${p.orgId} and ia.incident_id = ${row.id} order by al.event_time desc limit 500`);
      return { incident: toIncident(row), alerts: alerts.map(toAlert), timeline: await timelineOf(tx, p.orgId, row.id) };
    });
  });

  r.patch(API.incident(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['incidents'], summary: 'Change status, owner, severity, title, NIS2 flag or links', params: Id, body: IncidentPatch, response: { 200: Incident } },
  }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    return db.tx(orgScope(p.orgId), async (tx) => {
      const [before] = await rows<IncidentRow>(tx, sql`select * from incidents where org_id = ${p.orgId} and id = ${req.params.id} for update`);
      if (!before) throw errors.notFound('incident');
      if (before.status === 'merged') throw errors.conflict(`the incident was merged into ${before.merged_into}; change that one`);
      if (b.ownerId) {
        const [member] = await rows<{ user_id: string }>(tx, sql`select user_id from memberships where org_id = ${p.orgId} and user_id = ${b.ownerId}`);
        if (!member) throw errors.invalid('ownerId is not a member of your organisation');
      }
      const sets = [sql`updated_at = now()`];
      const who = { actorId: p.userId ?? null };
      if (b.title !== undefined && b.title !== before.title) {
        sets.push(sql`title = ${b.title}`);
        await addTimeline(tx, p.orgId, before.id, 'change', { title: { from: before.title, to: b.title } }, who);
      }
      if (b.severity !== undefined && b.severity !== before.severity) {
        sets.push(sql`severity = ${b.severity}, severity_id = ${SEVERITY_RANK[b.severity]}`);
        await addTimeline(tx, p.orgId, before.id, 'severity', { from: before.severity, to: b.severity }, who);
      }
      if (b.status !== undefined && b.status !== before.status) {
        sets.push(sql`status = ${b.status}`);
        await addTimeline(tx, p.orgId, before.id, 'status', { from: before.status, to: b.status }, who);
      }
      if (b.ownerId !== undefined && b.ownerId !== before.owner_id) {
        sets.push(sql`owner_id = ${b.ownerId}`);
        await addTimeline(tx, p.orgId, before.id, 'owner', { from: before.owner_id, to: b.ownerId }, who);
      }
      if (b.reportable !== undefined && b.reportable !== before.reportable) {
        sets.push(sql`reportable = ${b.reportable}`);
        // Marking an incident reportable without a time of awareness starts the clocks now.
        if (b.reportable && b.awareAt === undefined && !before.aware_at) sets.push(sql`aware_at = now()`);
        await addTimeline(tx, p.orgId, before.id, 'change', { reportable: b.reportable }, who);
      }
      if (b.awareAt !== undefined) {
        sets.push(sql`aware_at = ${b.awareAt}`);
        await addTimeline(tx, p.orgId, before.id, 'change', { awareAt: b.awareAt }, who);
      }
      if (b.links !== undefined) {
        sets.push(sql`links = ${JSON.stringify(b.links)}::jsonb`);
        await addTimeline(tx, p.orgId, before.id, 'link', { links: b.links }, who);
      }
      const [row] = await rows<IncidentRow>(tx, sql`update incidents set ${sql.join(sets, sql`, `)} where id = ${before.id} returning *`);
      const inc = toIncident(row!);
      await publishChange(tx, bus, p.orgId, inc, 'updated', `${Date.now()}`);
      await audit(tx, { ...actor(p, req.ip), action: 'incident.update', target: inc.id, outcome: 'success', details: { ...b } });
      return inc;
    });
  });

  r.post(API.incidentNotes(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['incidents'], summary: 'Add a note to the timeline', params: Id, body: IncidentNote, response: { 201: TimelineEntry } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const entry = await db.tx(orgScope(p.orgId), async (tx) => {
      const row = await getIncident(tx, p.orgId, req.params.id);
      const [e] = await rows<{ id: number | string; at: Date | string }>(tx, sql`insert into incident_timeline (org_id, incident_id, kind, actor_id, body)
        values (${p.orgId}, ${row.id}, 'note', ${p.userId ?? null}, ${JSON.stringify({ text: req.body.text })}::jsonb) returning id, at`);
      await tx.execute(sql`update incidents set updated_at = now() where id = ${row.id}`);
      await audit(tx, { ...actor(p, req.ip), action: 'incident.note', target: row.id, outcome: 'success' });
      return { id: Number(e!.id), at: iso(e!.at), kind: 'note' as const, actorId: p.userId ?? null, body: { text: req.body.text } };
    });
    return reply.code(201).send(entry);
  });

  r.post(API.incidentMerge(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['incidents'], summary: 'Fold other incidents into this one', params: Id, body: IncidentMerge, response: { 200: Incident } },
  }, async (req) => {
    const p = principalOf(req);
    const from = [...new Set(req.body.from)].filter((x) => x !== req.params.id);
    if (!from.length) throw errors.invalid('from must name other incidents');
    return db.tx(orgScope(p.orgId), async (tx) => {
      // Group keys first, then incidents: the order alert placement takes its locks in.
      await tx.execute(sql`update incident_groups set incident_id = ${req.params.id}, updated_at = now() where org_id = ${p.orgId} and incident_id = any(${`{${from.join(',')}}`}::uuid[])`);
      const target = await getIncident(tx, p.orgId, req.params.id);
      if (target.status === 'merged') throw errors.conflict('the target incident was itself merged');
      const sources = await rows<IncidentRow>(tx, sql`select * from incidents where org_id = ${p.orgId} and id = any(${`{${from.join(',')}}`}::uuid[]) for update`);
      if (sources.length !== from.length) throw errors.notFound('incident');
      if (sources.some((s) => s.status === 'merged')) throw errors.conflict('an incident in from was already merged');
      await tx.execute(sql`update incident_alerts set incident_id = ${target.id} where org_id = ${p.orgId} and incident_id = any(${`{${from.join(',')}}`}::uuid[])`);
      await tx.execute(sql`update incident_timeline set incident_id = ${target.id} where org_id = ${p.orgId} and incident_id = any(${`{${from.join(',')}}`}::uuid[])`);
      let severity = target.severity;
      for (const s of sources) if (SEVERITY_RANK[s.severity] > SEVERITY_RANK[severity]) severity = s.severity;
      const links = [...target.links, ...sources.flatMap((s) => s.links.filter((l) => !target.links.some((t) => t.kind === l.kind && t.ref === l.ref)))];
      await tx.execute(sql`update incidents set status = 'merged', merged_into = ${target.id}, alert_count = 0, updated_at = now() where id = any(${`{${from.join(',')}}`}::uuid[])`);
      await tx.execute(sql`update incidents set severity = ${severity}, severity_id = ${SEVERITY_RANK[severity]}, links = ${JSON.stringify(links)}::jsonb,
        reportable = reportable or ${sources.some((s) => s.reportable)},
        aware_at = (select min(a) from unnest(array[aware_at, ${minDate(sources.map((s) => s.aware_at))}::timestamptz]) a) where id = ${target.id}`);
      await recompute(tx, p.orgId, target.id);
      for (const s of sources) {
        await addTimeline(tx, p.orgId, s.id, 'merge', { into: target.id, number: Number(target.seq) }, { actorId: p.userId ?? null });
        await addTimeline(tx, p.orgId, target.id, 'merge', { from: s.id, number: Number(s.seq), title: s.title }, { actorId: p.userId ?? null });
      }
      const inc = toIncident(await getIncident(tx, p.orgId, target.id));
      await publishChange(tx, bus, p.orgId, inc, 'merged', from.join(','));
      await audit(tx, { ...actor(p, req.ip), action: 'incident.merge', target: inc.id, outcome: 'success', details: { from } });
      return inc;
    });
  });

  r.post(API.incidentSplit(':id'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['incidents'], summary: 'Move some of its alerts into a new incident', params: Id, body: IncidentSplit, response: { 201: Incident } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const inc = await db.tx(orgScope(p.orgId), async (tx) => {
      const source = await getIncident(tx, p.orgId, req.params.id);
      const inSource = await rows<{ alert_id: string }>(tx, sql`select alert_id from incident_alerts where org_id = ${p.orgId} and incident_id = ${source.id} and alert_id = any(${pgArray(req.body.alertIds)}::text[])`);
      if (inSource.length !== new Set(req.body.alertIds).size) throw errors.invalid('every alert must belong to this incident');
      const [row] = await rows<IncidentRow>(tx, sql`insert into incidents (org_id, title, severity, severity_id, owner_id, status)
        values (${p.orgId}, ${req.body.title ?? `Split from INC-${source.seq}: ${source.title}`.slice(0, 300)}, ${source.severity}, ${source.severity_id}, ${source.owner_id}, 'in_progress') returning *`);
      await moveAlerts(tx, p.orgId, req.body.alertIds, row!.id);
      await addTimeline(tx, p.orgId, source.id, 'split', { to: row!.id, number: Number(row!.seq), alerts: req.body.alertIds.length }, { actorId: p.userId ?? null });
      await addTimeline(tx, p.orgId, row!.id, 'split', { from: source.id, number: Number(source.seq), alerts: req.body.alertIds.length }, { actorId: p.userId ?? null });
      const created = toIncident(await getIncident(tx, p.orgId, row!.id));
      await publishChange(tx, bus, p.orgId, created, 'split', source.id);
      await audit(tx, { ...actor(p, req.ip), action: 'incident.split', target: source.id, outcome: 'success', details: { to: created.id, alerts: req.body.alertIds.length } });
      return created;
    });
    return reply.code(201).send(inc);
  });

  r.get(API.incidentGrouping, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['incidents'], summary: 'How alerts are grouped into incidents', response: { 200: GroupingSettings } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), (tx) => groupingOf(tx, p.orgId));
  });

  r.put(API.incidentGrouping, {
    config: { permission: 'playbooks:write' },
    schema: { tags: ['incidents'], summary: 'Set how alerts are grouped into incidents (applies to alerts from now on)', body: GroupingSettings, response: { 200: GroupingSettings } },
  }, async (req) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      await tx.execute(sql`insert into respond_settings (org_id, grouping, updated_by) values (${p.orgId}, ${JSON.stringify(req.body)}::jsonb, ${p.userId ?? null})
        on conflict (org_id) do update set grouping = excluded.grouping, updated_by = excluded.updated_by, updated_at = now()`);
      await audit(tx, { ...actor(p, req.ip), action: 'incident.grouping', outcome: 'success', details: { ...req.body } });
    });
    return req.body;
  });
}

function minDate(list: ReadonlyArray<Date | string | null>): Date | null {
  const ts = list.filter((d): d is Date | string => d !== null).map((d) => new Date(d).getTime());
  return ts.length ? new Date(Math.min(...ts)) : null;
}

