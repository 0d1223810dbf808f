import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API, AuditPage, AuditQuery, AuditVerification } from '@bulwark/contracts';
import { principalOf } from '../auth/policy.ts';
import { INSTANCE, orgScope, rows } from '../db/db.ts';
import type { Platform } from '../context.ts';
import { actor } from './actor.ts';
import { audit } from './audit.ts';
import { verifyAuditChain, type AuditDbRow } from './verify.ts';

export function auditRoutes(app: FastifyInstance, { db }: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.audit, {
    config: { permission: 'audit:read' },
    schema: { tags: ['audit'], summary: 'Audit entries of your organisation (all of them for the instance’s administrators and auditors)', querystring: AuditQuery, response: { 200: AuditPage } },
  }, async (req) => {
    const p = principalOf(req);
    const wholeInstance = p.instanceAdmin || (p.role === 'auditor' && (await isHome(p.orgId)));
    const limit = req.query.limit ?? 100;
    const list = await db.tx(wholeInstance ? INSTANCE : orgScope(p.orgId), async (tx) => {
      const found = await rows<AuditDbRow>(tx, sql`select seq, time, org_id, actor_id, actor_kind, action, target, outcome, ip, details, hash from audit_log
        where (${wholeInstance} or org_id = ${p.orgId})
          and (${req.query.before ?? null}::bigint is null or seq < ${req.query.before ?? null}::bigint)
          and (${req.query.action ?? null}::text is null or action = ${req.query.action ?? null}::text)
        order by seq desc limit ${limit}`);
      await audit(tx, { ...actor(p, req.ip), action: 'audit.read', outcome: 'success', details: { ...req.query, returned: found.length } });
      return found;
    });
    return {
      entries: list.map((e) => ({
        seq: Number(e.seq), time: new Date(e.time).toISOString(), orgId: e.org_id, actorId: e.actor_id, actorKind: e.actor_kind,
        action: e.action, target: e.target, outcome: e.outcome, ip: e.ip, details: e.details, hash: e.hash,
      })),
    };
  });

  r.get(API.auditVerify, {
    config: { permission: 'audit:read' },
    schema: { tags: ['audit'], summary: 'Verify the whole hash chain; reports the first broken entry', response: { 200: AuditVerification } },
  }, async (req) => {
    const p = principalOf(req);
    const result = await verifyAuditChain(db);
    await db.tx(INSTANCE, (tx) => audit(tx, { ...actor(p, req.ip), action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', details: { ...result } }));
    return result;
  });

  async function isHome(orgId: string): Promise<boolean> {
    const [o] = await db.tx(INSTANCE, (tx) => rows<{ is_home: boolean }>(tx, sql`select is_home from organisations where id = ${orgId}`));
    return o?.is_home === true;
  }
}
