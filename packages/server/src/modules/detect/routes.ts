import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Alert, AlertPage, AlertQuery, API, UpdateAlert } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, SUBJECTS, type Platform } from '../../platform/index.ts';
import { toAlert, type AlertRow } from './alert-store.ts';

export function alertRoutes(app: FastifyInstance, { db, bus }: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const Params = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{40}$' }) });

  r.get(API.alerts, {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'Alerts of your organisation, newest first', querystring: AlertQuery, response: { 200: AlertPage } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const limit = q.limit ?? 100;
    const conds: SQL[] = [sql`org_id = ${p.orgId}`];
    if (q.status) conds.push(sql`status = ${q.status}`);
    if (q.severity) conds.push(sql`severity = ${q.severity}`);
    if (q.detector) conds.push(sql`detector = ${q.detector}`);
    if (q.assigneeId) conds.push(sql`assignee_id = ${q.assigneeId}`);
    if (q.cursor) {
      const [t, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
      if (!t || !id || Number.isNaN(Date.parse(t))) throw errors.invalid('cursor is not one this server issued');
      conds.push(sql`(created_at, id) < (${t}::timestamptz, ${id})`);
    }
    const found = await db.tx(orgScope(p.orgId), (tx) =>
      rows<AlertRow>(tx, sql`select * from alerts where ${sql.join(conds, sql` and `)} order by created_at desc, id desc limit ${limit + 1}`),
    );
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return {
      alerts: page.map(toAlert),
      next: found.length > limit && last ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url') : null,
    };
  });

  r.get(API.alert(':id'), {
    config: { permission: 'alerts:read' },
    schema: { tags: ['alerts'], summary: 'One alert', params: Params, response: { 200: Alert } },
  }, async (req) => {
    const p = principalOf(req);
    const [a] = await db.tx(orgScope(p.orgId), (tx) => rows<AlertRow>(tx, sql`select * from alerts where id = ${req.params.id} and org_id = ${p.orgId}`));
    if (!a) throw errors.notFound('alert');
    return toAlert(a);
  });

  r.patch(API.alert(':id'), {
    config: { permission: 'alerts:write' },
    schema: { tags: ['alerts'], summary: 'Acknowledge, close or assign an alert', params: Params, body: UpdateAlert, response: { 200: Alert } },
  }, async (req) => {
    const p = principalOf(req);
    const a = await db.tx(orgScope(p.orgId), async (tx) => {
      if (req.body.assigneeId) {
        const [m] = await rows(tx, sql`select 1 from memberships where user_id = ${req.body.assigneeId} and org_id = ${p.orgId}`);
        if (!m) throw errors.notFound('user');
      }
      const [row] = await rows<AlertRow>(tx, sql`update alerts set
          status = coalesce(${req.body.status ?? null}, status),
          assignee_id = case when ${req.body.assigneeId !== undefined} then ${req.body.assigneeId ?? null}::uuid else assignee_id end,
          updated_at = now()
        where id = ${req.params.id} and org_id = ${p.orgId} returning *`);
      if (!row) throw errors.notFound('alert');
      const alert = toAlert(row);
      await audit(tx, { ...actor(p, req.ip), action: 'alert.update', target: alert.id, outcome: 'success', details: { ...req.body } });
      await bus.publish(tx, SUBJECTS.alertChanged, { orgId: p.orgId, alert }, `alert-change-${alert.id}-${alert.updatedAt}`);
      return alert;
    });
    return a;
  });
}
