// Anomaly API: the jobs and the organisation's tuning of them, allow-list entries, false-positive
// marking (which suppresses later findings with the same job, entity and key feature), and entity
// pages (risk timeline and the findings behind it). Every change is audited and announced so that
// workers reload the organisation's policy.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AnomalyAllowEntry, AnomalyAllowList, AnomalyEntity, AnomalyEntityList, AnomalyEntityParams, AnomalyJob, AnomalyJobList, AnomalySuppression, API,
  MarkFalsePositive, NewAnomalyAllowEntry, UpdateAnomalyJob, type Alert,
} from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, SUBJECTS, type Bus, type Platform, type Tx } from '../../platform/index.ts';
import { ANOMALY_CHANGED, ANOMALY_DETECTOR } from './detector.ts';
import { JOBS } from './jobs/index.ts';
import { riskOf, timelineOf } from './risk.ts';

interface AlertRow {
  id: string; detector: string; rule_id: string; title: string; severity: Alert['severity']; status: Alert['status']; assignee_id: string | null;
  event_ids: string[]; tags: string[]; references: string[]; fields: Record<string, unknown>; event_time: Date | string; created_at: Date | string; updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id, detector: r.detector, ruleId: r.rule_id, title: r.title, severity: r.severity, status: r.status, assigneeId: r.assignee_id,
    eventIds: r.event_ids, tags: r.tags, references: r.references, fields: r.fields, eventTime: iso(r.event_time), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

async function announce(tx: Tx, bus: Bus, orgId: string): Promise<void> {
  await bus.publish(tx, ANOMALY_CHANGED, { orgId }, `anomaly-changed-${randomUUID()}`);
}

export function anomalyRoutes(app: FastifyInstance, { db, bus }: Platform, changed: (orgId: string) => void = () => {}): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const byName = new Map(JOBS.map((j) => [j.name, j]));

  r.get(API.anomalyJobs, {
    config: { permission: 'rules:read' },
    schema: { tags: ['anomaly'], summary: 'Anomaly jobs with your organisation\'s settings', response: { 200: AnomalyJobList } },
  }, async (req) => {
    const p = principalOf(req);
    const settings = await db.tx(orgScope(p.orgId), (tx) =>
      rows<{ job: string; enabled: boolean; threshold: number | null }>(tx, sql`select job, enabled, threshold from anomaly_job_settings where org_id = ${p.orgId}`));
    const mine = new Map(settings.map((s) => [s.job, s]));
    return {
      jobs: JOBS.map((j): AnomalyJob => ({
        name: j.name, title: j.title, description: j.description, entityKind: j.entityKind, learning: j.learning, allowList: j.allowList,
        enabled: mine.get(j.name)?.enabled ?? true, threshold: mine.get(j.name)?.threshold ?? j.defaultThreshold, defaultThreshold: j.defaultThreshold,
      })),
    };
  });

  r.patch(API.anomalyJob(':name'), {
    config: { permission: 'rules:write' },
    schema: { tags: ['anomaly'], summary: 'Enable or disable a job, or tune its alert threshold, for your organisation', params: Type.Object({ name: Type.String({ maxLength: 64 }) }), body: UpdateAnomalyJob, response: { 200: AnomalyJob } },
  }, async (req) => {
    const p = principalOf(req);
    const job = byName.get(req.params.name);
    if (!job) throw errors.notFound('anomaly job');
    const { enabled, threshold } = req.body;
    const row = await db.tx(orgScope(p.orgId), async (tx) => {
      const [s] = await rows<{ enabled: boolean; threshold: number | null }>(tx, sql`insert into anomaly_job_settings (org_id, job, enabled, threshold, updated_by, updated_at)
        values (${p.orgId}, ${job.name}, ${enabled ?? true}, ${threshold ?? null}, ${p.userId}, now())
        on conflict (org_id, job) do update set
          enabled = case when ${enabled !== undefined} then excluded.enabled else anomaly_job_settings.enabled end,
          threshold = case when ${threshold !== undefined} then excluded.threshold else anomaly_job_settings.threshold end,
          updated_by = excluded.updated_by, updated_at = now()
        returning enabled, threshold`);
      await audit(tx, { ...actor(p, req.ip), action: 'anomaly.job.update', target: job.name, outcome: 'success', details: { ...req.body } });
      await announce(tx, bus, p.orgId);
      return s!;
    });
    changed(p.orgId);
    return {
      name: job.name, title: job.title, description: job.description, entityKind: job.entityKind, learning: job.learning, allowList: job.allowList,
      enabled: row.enabled, threshold: row.threshold ?? job.defaultThreshold, defaultThreshold: job.defaultThreshold,
    };
  });

  r.get(API.anomalyAllow, {
    config: { permission: 'rules:read' },
    schema: { tags: ['anomaly'], summary: 'Your organisation\'s allow-list entries', response: { 200: AnomalyAllowList } },
  }, async (req) => {
    const p = principalOf(req);
    const found = await db.tx(orgScope(p.orgId), (tx) =>
      rows<{ id: string; job: string; entity: string; value: string; note: string; created_at: Date | string }>(tx, sql`select id, job, entity, value, note, created_at from anomaly_allow where org_id = ${p.orgId} order by created_at, id`));
    return { entries: found.map((e) => ({ id: e.id, job: e.job, entity: e.entity, value: e.value, note: e.note, createdAt: iso(e.created_at) })) };
  });

  r.post(API.anomalyAllow, {
    config: { permission: 'rules:write' },
    schema: { tags: ['anomaly'], summary: 'Allow-list a value for a job and entity (e.g. the VPN egress for impossible travel)', body: NewAnomalyAllowEntry, response: { 201: AnomalyAllowEntry } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    if (b.job !== '*' && !byName.has(b.job)) throw errors.invalid(`no anomaly job named ${b.job}`);
    const entity = b.entity === '*' ? '*' : b.entity.toLowerCase();
    const e = await db.tx(orgScope(p.orgId), async (tx) => {
      const [row] = await rows<{ id: string; created_at: Date | string; note: string }>(tx, sql`insert into anomaly_allow (org_id, job, entity, value, note, created_by)
        values (${p.orgId}, ${b.job}, ${entity}, ${b.value}, ${b.note ?? ''}, ${p.userId})
        on conflict (org_id, job, entity, value) do update set note = excluded.note returning id, created_at, note`);
      await audit(tx, { ...actor(p, req.ip), action: 'anomaly.allow.add', target: row!.id, outcome: 'success', details: { job: b.job, entity, value: b.value } });
      await announce(tx, bus, p.orgId);
      return row!;
    });
    changed(p.orgId);
    reply.code(201);
    return { id: e.id, job: b.job, entity, value: b.value, note: e.note, createdAt: iso(e.created_at) };
  });

  r.delete(API.anomalyAllowEntry(':id'), {
    config: { permission: 'rules:write' },
    schema: { tags: ['anomaly'], summary: 'Remove an allow-list entry', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const gone = await rows<{ job: string; entity: string; value: string }>(tx, sql`delete from anomaly_allow where org_id = ${p.orgId} and id = ${req.params.id} returning job, entity, value`);
      if (!gone.length) throw errors.notFound('allow-list entry');
      await audit(tx, { ...actor(p, req.ip), action: 'anomaly.allow.remove', target: req.params.id, outcome: 'success', details: { ...gone[0]! } });
      await announce(tx, bus, p.orgId);
    });
    changed(p.orgId);
    reply.code(204);
    return null;
  });

  r.post(API.anomalyFalsePositives, {
    config: { permission: 'alerts:write' },
    schema: {
      tags: ['anomaly'], summary: 'Mark an anomaly alert as a false positive: it is closed, and later findings of the same job, entity and key feature raise no alert',
      body: MarkFalsePositive, response: { 201: AnomalySuppression },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await db.tx(orgScope(p.orgId), async (tx) => {
      const [a] = await rows<AlertRow>(tx, sql`select * from alerts where id = ${req.body.alertId} and org_id = ${p.orgId} and detector = ${ANOMALY_DETECTOR}`);
      if (!a) throw errors.notFound('anomaly alert');
      const { job, entity, feature } = a.fields as { job?: unknown; entity?: unknown; feature?: unknown };
      if (typeof job !== 'string' || typeof entity !== 'string' || typeof feature !== 'string') throw errors.invalid('the alert carries no job, entity and feature');
      const [s] = await rows<{ created_at: Date | string }>(tx, sql`insert into anomaly_suppressions (org_id, job, entity, feature, alert_id, created_by)
        values (${p.orgId}, ${job}, ${entity}, ${feature}, ${a.id}, ${p.userId})
        on conflict (org_id, job, entity, feature) do update set alert_id = excluded.alert_id returning created_at`);
      const [closed] = await rows<AlertRow>(tx, sql`update alerts set status = 'closed',
          tags = case when 'false-positive' = any(tags) then tags else array_append(tags, 'false-positive') end, updated_at = now()
        where id = ${a.id} and org_id = ${p.orgId} returning *`);
      const alert = toAlert(closed!);
      await audit(tx, { ...actor(p, req.ip), action: 'anomaly.false_positive', target: a.id, outcome: 'success', details: { job, entity, feature } });
      await bus.publish(tx, SUBJECTS.alertChanged, { orgId: p.orgId, alert }, `alert-change-${alert.id}-${alert.updatedAt}`);
      await announce(tx, bus, p.orgId);
      return { job, entity, feature, alertId: a.id, createdAt: iso(s!.created_at) };
    });
    changed(p.orgId);
    reply.code(201);
    return out;
  });

  r.get(API.anomalyEntities, {
    config: { permission: 'alerts:read' },
    schema: { tags: ['anomaly'], summary: 'Users, hosts and sources with anomaly findings in the last 30 days, riskiest first (at most 200)', response: { 200: AnomalyEntityList } },
  }, async (req) => {
    const p = principalOf(req);
    const found = await db.tx(orgScope(p.orgId), (tx) =>
      rows<{ kind: string; entity: string; scores: number[]; ages: number[]; n: number; last: Date | string }>(tx, sql`select fields->>'entity_kind' as kind, fields->>'entity' as entity,
          array_agg((fields->>'score')::int) as scores, array_agg(extract(epoch from (now() - event_time))::float8 / 86400) as ages, count(*)::int as n, max(event_time) as last
        from alerts where org_id = ${p.orgId} and detector = ${ANOMALY_DETECTOR} and event_time > now() - interval '30 days' and status <> 'closed'
        group by 1, 2`));
    const entities = found
      .filter((e) => e.kind === 'user' || e.kind === 'host' || e.kind === 'source')
      .map((e) => ({ kind: e.kind as 'user', entity: e.entity, risk: riskOf(e.scores.map((s, i) => ({ score: s, ageDays: e.ages[i]! }))), findings: e.n, last: iso(e.last) }))
      .sort((a, b) => b.risk - a.risk || (a.last < b.last ? 1 : -1))
      .slice(0, 200);
    return { entities };
  });

  r.get(API.anomalyEntity(':kind', ':entity'), {
    config: { permission: 'alerts:read' },
    schema: { tags: ['anomaly'], summary: 'One user, host or source: risk, daily risk timeline and the anomaly findings behind it', params: AnomalyEntityParams, response: { 200: AnomalyEntity } },
  }, async (req) => {
    const p = principalOf(req);
    const { kind } = req.params;
    const entity = req.params.entity.toLowerCase();
    const found = await db.tx(orgScope(p.orgId), (tx) =>
      rows<AlertRow>(tx, sql`select * from alerts where org_id = ${p.orgId} and detector = ${ANOMALY_DETECTOR}
        and fields->>'entity_kind' = ${kind} and fields->>'entity' = ${entity} order by event_time desc, id desc limit 200`));
    const findings = found.map(toAlert);
    const now = Date.now();
    const open = findings.filter((f) => f.status !== 'closed');
    return {
      kind, entity,
      risk: riskOf(open.map((f) => ({ score: Number(f.fields['score'] ?? 0), ageDays: (now - Date.parse(f.eventTime)) / 86_400_000 })).filter((x) => x.ageDays <= 30)),
      timeline: timelineOf(open.map((f) => ({ time: f.eventTime, score: Number(f.fields['score'] ?? 0) }))),
      findings,
    };
  });
}
