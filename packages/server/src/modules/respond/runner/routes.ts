// Playbooks over HTTP: list, read, save a new version (YAML checked against the instance's actions),
// dry-run a document against an alert or incident, list runs with their steps, approve or reject a step
// that waits for approval.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, PlaybookApproval, PlaybookDetail, PlaybookList, PlaybookRun, PlaybookRunList, PlaybookSource, PlaybookSummary, PlaybookTest, PlaybookTestResult } from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, isRole, orgScope, principalOf, RANK, rows, type Platform, type Principal } from '../../../platform/index.ts';
import { matchesTrigger, triggerContext, type ActionRegistry, type RunState, type TriggerEvent } from '../playbooks/index.ts';
import { latestPlaybooks, parseOrThrow, savePlaybook, summaryOf, type PlaybookRow } from './playbook-store.ts';
import { toRun, type Runner, type RunRow } from './runs.ts';

const PlaybookId = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) });
const RunId = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{40}$' }) });

/** Whether a principal is one of a step's approvers (`role:<role>` means that role or a higher one, `user:<e-mail>` one person). */
export function mayApprove(p: Principal, approvers: readonly string[]): boolean {
  return approvers.some((a) => {
    if (a.startsWith('user:')) return a.slice(5).toLowerCase() === p.email.toLowerCase();
    const role = a.startsWith('role:') ? a.slice(5) : a;
    return isRole(role) && RANK[p.role] >= RANK[role] && p.role !== 'federation-peer';
  });
}

export function playbookRoutes(app: FastifyInstance, platform: Platform, runner: Runner, registry: ActionRegistry): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = platform;

  r.get(API.playbooks, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['playbooks'], summary: 'Playbooks (newest version of each)', response: { 200: PlaybookList } },
  }, async (req) => {
    const p = principalOf(req);
    const list = await db.tx(orgScope(p.orgId), (tx) => latestPlaybooks(tx, p.orgId));
    const out: PlaybookSummary[] = [];
    for (const row of list) {
      try {
        out.push(summaryOf(row, parseOrThrow(row.source, registry)));
      } catch {
        out.push({ id: row.id, name: row.name, version: row.version, enabled: false, triggers: [], steps: 0, createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString() });
      }
    }
    return { playbooks: out };
  });

  r.get(API.playbook(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['playbooks'], summary: 'A playbook: its newest document and its versions', params: PlaybookId, response: { 200: PlaybookDetail } },
  }, async (req) => {
    const p = principalOf(req);
    return db.tx(orgScope(p.orgId), async (tx) => {
      const versions = await rows<PlaybookRow>(tx, sql`select * from playbooks where org_id = ${p.orgId} and id = ${req.params.id} order by version desc`);
      const latest = versions[0];
      if (!latest) throw errors.notFound('playbook');
      return {
        playbook: summaryOf(latest, parseOrThrow(latest.source, registry)), source: latest.source,
        versions: versions.map((v) => ({ version: v.version, enabled: v.enabled, createdBy: v.created_by, createdAt: new Date(v.created_at).toISOString() })),
      };
    });
  });

  r.put(API.playbook(':id'), {
    config: { permission: 'playbooks:write' },
    schema: { tags: ['playbooks'], summary: 'Save a new version of a playbook (its YAML document)', params: PlaybookId, body: PlaybookSource, response: { 201: PlaybookSummary } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const saved = await db.tx(orgScope(p.orgId), async (tx) => {
      const s = await savePlaybook(tx, p.orgId, req.params.id, req.body.source, registry, p.userId ?? null);
      await audit(tx, { ...actor(p, req.ip), action: 'playbook.save', target: s.row.id, outcome: 'success', details: { version: s.row.version, enabled: s.row.enabled } });
      return summaryOf(s.row, s.playbook);
    });
    runner.invalidate(p.orgId);
    return reply.code(201).send(saved);
  });

  r.post(API.playbookTest, {
    config: { permission: 'incidents:read' },
    schema: { tags: ['playbooks'], summary: 'Dry-run a playbook document against an alert or incident: what each step would do, nothing done', body: PlaybookTest, response: { 200: PlaybookTestResult } },
  }, async (req) => {
    const b = req.body;
    if (!b.alert && !b.incident) throw errors.invalid('give an alert or an incident to test against');
    const pb = parseOrThrow(b.source, registry);
    const event: TriggerEvent = b.incident
      ? { kind: 'incident', change: b.change ?? 'created', incident: b.incident, ...(b.alert ? { alert: b.alert } : {}) }
      : { kind: 'alert', alert: b.alert! };
    const matches = matchesTrigger({ ...pb, enabled: true }, event);
    const run = await runner.engine.run(pb, triggerContext(event), { runId: `dry-run-${Date.now().toString(36)}`, dryRun: true });
    return { matches, run: run as unknown as Record<string, unknown> };
  });

  r.get(API.playbookRuns, {
    config: { permission: 'incidents:read' },
    schema: {
      tags: ['playbooks'], summary: 'Playbook runs, newest first',
      querystring: Type.Object({ incident: Type.Optional(Type.String({ format: 'uuid' })), playbook: Type.Optional(Type.String({ maxLength: 64 })), status: Type.Optional(Type.String({ maxLength: 30 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
      response: { 200: PlaybookRunList },
    },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const conds = [sql`org_id = ${p.orgId}`];
    if (q.incident) conds.push(sql`incident_id = ${q.incident}`);
    if (q.playbook) conds.push(sql`playbook_id = ${q.playbook}`);
    if (q.status) conds.push(sql`status = ${q.status}`);
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where ${sql.join(conds, sql` and `)} order by created_at desc, id limit ${q.limit ?? 100}`));
    return { runs: found.map(toRun) };
  });

  r.get(API.playbookRun(':id'), {
    config: { permission: 'incidents:read' },
    schema: { tags: ['playbooks'], summary: 'A playbook run with every step', params: RunId, response: { 200: PlaybookRun } },
  }, async (req) => {
    const p = principalOf(req);
    const [row] = await db.tx(orgScope(p.orgId), (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where org_id = ${p.orgId} and id = ${req.params.id}`));
    if (!row) throw errors.notFound('playbook run');
    return toRun(row);
  });

  r.post(API.playbookRunApproval(':id'), {
    config: { permission: 'playbooks:approve' },
    schema: { tags: ['playbooks'], summary: 'Approve or reject the step the run waits on', params: RunId, body: PlaybookApproval, response: { 200: PlaybookRun } },
  }, async (req) => {
    const p = principalOf(req);
    const [row] = await db.tx(orgScope(p.orgId), (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where org_id = ${p.orgId} and id = ${req.params.id}`));
    if (!row) throw errors.notFound('playbook run');
    const state = row.state as RunState;
    if (row.status !== 'waiting_approval' || !state.waiting) throw errors.conflict(`the run is ${row.status}, not waiting for an approval`);
    if (!mayApprove(p, state.waiting.approvers)) throw errors.forbidden(`this step may be approved by ${state.waiting.approvers.join(', ')}`);
    // One decision per wait: the first to move the run out of waiting_approval decides.
    const claimed = await db.tx(orgScope(p.orgId), async (tx) => {
      const done = await rows<{ id: string }>(tx, sql`update playbook_runs set status = 'running', updated_at = now() where id = ${row.id} and status = 'waiting_approval' returning id`);
      if (done.length) await audit(tx, { ...actor(p, req.ip), action: 'playbook.approval', target: row.id, outcome: 'success', details: { approved: req.body.approved, step: state.waiting?.stepId } });
      return done.length > 0;
    });
    if (!claimed) throw errors.conflict('another decision was taken first');
    const pb = await runner.playbookOf(p.orgId, row.playbook_id, row.playbook_version);
    runner.remember(row.id, p.orgId);
    let after: RunState;
    try {
      after = await runner.engine.resume(pb, state, { approved: req.body.approved, by: p.email, at: new Date().toISOString(), ...(req.body.comment ? { comment: req.body.comment } : {}) });
    } catch (err) {
      await db.tx(INSTANCE, (tx) => tx.execute(sql`update playbook_runs set status = 'waiting_approval' where id = ${row.id} and status = 'running'`));
      throw errors.conflict(err instanceof Error ? err.message : String(err));
    }
    if (row.concurrency_key) await runner.settled(p.orgId, row.id);
    const [updated] = await db.tx(orgScope(p.orgId), (tx) => rows<RunRow>(tx, sql`select * from playbook_runs where id = ${row.id}`));
    return toRun(updated ?? { ...row, status: after.status, state: after });
  });
}
