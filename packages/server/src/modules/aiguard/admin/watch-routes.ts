// Watching the gateway: the request log (verdicts, findings, timings; prompts while retention keeps
// them), the review queue (confirm: the account is blocked and optionally shared as a STIX threat actor;
// dismiss: its risk is cleared), per-account risk, and the organisation's block list.
import { BlockList, isIP } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AiguardAccount, AiguardAccountList, AiguardBlock, AiguardBlockList, AiguardRequest, AiguardRequestList, AiguardRequestQuery, AiguardReview, API, NewAiguardBlock,
  type AiguardFinding,
} from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, rows, type Platform } from '../../../platform/index.ts';
import type { IntelModule } from '../../intel/index.ts';
import type { ActorCheck } from '../actors/check.ts';
import type { AccountRisk } from '../accounts/store.ts';
import { shareActor } from './share.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const FOREVER = '9999-12-31T23:59:59.999Z';

interface RequestRow {
  id: string; account: string; key_id: string | null; ip: string | null; route: string; model: string; status: number; action: AiguardRequest['action']; reason: string | null;
  findings: AiguardFinding[]; input_score: number | null; output_score: number | null; risk: number | null; prompt_tokens: number; completion_tokens: number;
  gateway_ms: number | null; upstream_ms: number | null; prompt: string | null; prompt_expires_at: Date | string | null; review: AiguardRequest['review']; created_at: Date | string;
}

const toRequest = (r: RequestRow): AiguardRequest => ({
  id: r.id, account: r.account, keyId: r.key_id, ip: r.ip, route: r.route, model: r.model, status: r.status, action: r.action, reason: r.reason, findings: r.findings,
  inputScore: r.input_score, outputScore: r.output_score, risk: r.risk, promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens,
  gatewayMs: r.gateway_ms === null ? null : Math.round(r.gateway_ms * 100) / 100, upstreamMs: r.upstream_ms === null ? null : Math.round(r.upstream_ms * 100) / 100,
  prompt: r.prompt && (!r.prompt_expires_at || new Date(r.prompt_expires_at).getTime() > Date.now()) ? r.prompt : null,
  review: r.review, createdAt: iso(r.created_at)!,
});

interface AccountRow { account: string; risk: number; state: { window?: Record<string, number> }; blocked_until: Date | string | number | null; block_reason: string | null; updated_at: Date | string }
const toAccount = (a: AccountRow): AiguardAccount => ({
  // Blocked until 'infinity' (a confirmed abuser; the drivers give the number Infinity): the last instant a timestamp can name.
  account: a.account, risk: a.risk, blockedUntil: a.blocked_until === Infinity || a.blocked_until === 'infinity' ? FOREVER : iso(a.blocked_until as Date | string | null), blockReason: a.block_reason,
  window: Object.fromEntries(Object.entries(a.state.window ?? {}).filter(([k]) => k !== 'since')), updatedAt: iso(a.updated_at)!,
});

function checkBlockValue(kind: string, value: string): string {
  const v = value.trim();
  if (kind === 'ip' && !isIP(v)) throw errors.invalid(`${JSON.stringify(v)} is not an IP address`);
  if (kind === 'cidr') {
    const [net, bits, extra] = v.split('/');
    const fam = isIP(net ?? '');
    const n = Number(bits);
    if (extra !== undefined || !fam || !/^\d{1,3}$/.test(bits ?? '') || n > (fam === 4 ? 32 : 128)) throw errors.invalid(`${JSON.stringify(v)} is not a CIDR range (address/bits)`);
    new BlockList().addSubnet(net!, n, fam === 4 ? 'ipv4' : 'ipv6');
  }
  if (kind === 'asn' && !/^(?:AS)?\d{1,10}$/i.test(v)) throw errors.invalid(`${JSON.stringify(v)} is not an AS number`);
  if (kind === 'email' && !/^[^\s@]{1,64}@[^\s@]{1,253}$/.test(v)) throw errors.invalid(`${JSON.stringify(v)} is not an e-mail address`);
  if (kind === 'key' && !/^[0-9a-f-]{36}$/i.test(v)) throw errors.invalid('a key block names the key id (a UUID)');
  return kind === 'asn' ? v.replace(/^AS/i, '') : kind === 'email' ? v.toLowerCase() : v;
}

export function watchRoutes(app: FastifyInstance, platform: Platform, intel: IntelModule, actors: ActorCheck, risk: AccountRisk): void {
  const { db } = platform;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.aiguardRequests, {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'The gateway\'s requests, newest first (review queue: review=pending)', querystring: AiguardRequestQuery, response: { 200: AiguardRequestList } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const limit = q.limit ?? 100;
    const conds = [sql`org_id = ${p.orgId}`];
    if (q.account) conds.push(sql`account = ${q.account}`);
    if (q.action) conds.push(sql`action = ${q.action}`);
    if (q.review) conds.push(sql`review = ${q.review}`);
    if (q.before) {
      const [t, id] = Buffer.from(q.before, 'base64url').toString().split('|');
      if (!t || !id || Number.isNaN(Date.parse(t))) throw errors.invalid('before is not a cursor this server issued');
      conds.push(sql`(created_at, id) < (${t}::timestamptz, ${id}::uuid)`);
    }
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<RequestRow>(tx, sql`select * from aiguard_requests where ${sql.join(conds, sql` and `)} order by created_at desc, id desc limit ${limit + 1}`));
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return { requests: page.map(toRequest), next: found.length > limit && last ? Buffer.from(`${iso(last.created_at)}|${last.id}`).toString('base64url') : null };
  });

  r.get(API.aiguardRequest(':id'), {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'One gateway request with its findings', params: Id, response: { 200: AiguardRequest } },
  }, async (req) => {
    const p = principalOf(req);
    const [row] = await db.tx(orgScope(p.orgId), (tx) => rows<RequestRow>(tx, sql`select * from aiguard_requests where org_id = ${p.orgId} and id = ${req.params.id}`));
    if (!row) throw errors.notFound('gateway request');
    return toRequest(row);
  });

  r.post(API.aiguardReview(':id'), {
    config: { permission: 'aiguard:manage' },
    schema: {
      tags: ['aiguard'], summary: 'Decide a review: confirm abuse (block the account, optionally share it) or dismiss',
      description: 'Confirming blocks the account until unblocked; with share=true its one-way subject hash, source addresses and the ATLAS techniques of the findings are published as a STIX threat actor (TLP and distribution per aiguard_share_tlp and aiguard_share_distribution), which federated gateways then refuse.',
      params: Id, body: AiguardReview, response: { 200: AiguardRequest },
    },
  }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    const { row, subject, ips, atlas, categories } = await db.tx(orgScope(p.orgId), async (tx) => {
      const [row] = await rows<RequestRow & { key_id: string | null }>(tx, sql`select * from aiguard_requests where org_id = ${p.orgId} and id = ${req.params.id}`);
      if (!row) throw errors.notFound('gateway request');
      const [k] = row.key_id ? await rows<{ subject: string }>(tx, sql`select subject from aiguard_keys where id = ${row.key_id}`) : [];
      const seen = await rows<{ ip: string | null; findings: AiguardFinding[] }>(tx, sql`select ip, findings from aiguard_requests where org_id = ${p.orgId} and account = ${row.account} and action <> 'allow' order by created_at desc limit 200`);
      const decision = b.decision === 'confirm' ? 'confirmed' : 'dismissed';
      await tx.execute(sql`update aiguard_requests set review = ${decision}, reviewed_by = ${p.userId ?? null}, reviewed_at = now() where org_id = ${p.orgId} and account = ${row.account} and (id = ${row.id} or review = 'pending')`);
      if (b.decision === 'confirm') {
        await tx.execute(sql`insert into aiguard_accounts (org_id, account, blocked_until, block_reason, updated_at) values (${p.orgId}, ${row.account}, 'infinity', ${`abuse confirmed${b.note ? `: ${b.note}` : ''}`.slice(0, 500)}, now())
          on conflict (org_id, account) do update set blocked_until = 'infinity', block_reason = excluded.block_reason, updated_at = now()`);
      } else {
        await tx.execute(sql`update aiguard_accounts set blocked_until = null, block_reason = null, risk = 0, state = '{}'::jsonb, updated_at = now() where org_id = ${p.orgId} and account = ${row.account}`);
      }
      await audit(tx, { ...actor(p, req.ip), action: `aiguard.review.${b.decision}`, outcome: 'success', details: { request: row.id, account: row.account, share: b.share === true } });
      const [updated] = await rows<RequestRow>(tx, sql`select * from aiguard_requests where id = ${row.id}`);
      const found = seen.flatMap((s) => s.findings);
      return {
        row: updated!, subject: k?.subject, ips: seen.map((s) => s.ip).filter((x): x is string => !!x),
        atlas: [...new Set(found.flatMap((f) => f.atlas))], categories: [...new Set(found.map((f) => f.category).filter((c) => c !== 'known_actor' && c !== 'scanner_failure'))],
      };
    });
    risk.reset(p.orgId, row.account);
    actors.invalidate(p.orgId);
    if (b.decision === 'confirm' && b.share) {
      if (!subject) throw errors.conflict('the request has no gateway key any more: its account cannot be shared');
      const actorId = await shareActor(intel.objects, { orgId: p.orgId, account: row.account, subject, ips, atlas, categories, note: b.note ?? '' }, { tlp: platform.config.aiguard.shareTlp, distribution: platform.config.aiguard.shareDistribution });
      await db.tx(orgScope(p.orgId), (tx) => audit(tx, { ...actor(p, req.ip), action: 'aiguard.actor.share', outcome: 'success', details: { account: row.account, threatActor: actorId, distribution: platform.config.aiguard.shareDistribution } }));
    }
    return toRequest(row);
  });

  r.get(API.aiguardAccounts, {
    config: { permission: 'aiguard:read' },
    schema: {
      tags: ['aiguard'], summary: 'Accounts by risk, highest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })), blocked: Type.Optional(Type.Boolean()) }),
      response: { 200: AiguardAccountList },
    },
  }, async (req) => {
    const p = principalOf(req);
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<AccountRow>(tx, sql`select * from aiguard_accounts where org_id = ${p.orgId}
      ${req.query.blocked ? sql`and blocked_until > now()` : sql``} order by (blocked_until > now()) desc nulls last, risk desc limit ${req.query.limit ?? 100}`));
    return { accounts: found.map(toAccount) };
  });

  r.get(API.aiguardAccount(':id'), {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'One account\'s risk', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: AiguardAccount } },
  }, async (req) => {
    const p = principalOf(req);
    const [row] = await db.tx(orgScope(p.orgId), (tx) => rows<AccountRow>(tx, sql`select * from aiguard_accounts where org_id = ${p.orgId} and account = ${req.params.id}`));
    if (!row) throw errors.notFound('account');
    return toAccount(row);
  });

  r.delete(API.aiguardAccount(':id'), {
    config: { permission: 'aiguard:manage' },
    schema: { tags: ['aiguard'], summary: 'Unblock an account (its risk starts again from zero)', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const done = await rows<{ account: string }>(tx, sql`update aiguard_accounts set blocked_until = null, block_reason = null, risk = 0, state = '{}'::jsonb, updated_at = now()
        where org_id = ${p.orgId} and account = ${req.params.id} returning account`);
      if (!done.length) throw errors.notFound('account');
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.account.unblock', outcome: 'success', details: { account: req.params.id } });
    });
    risk.reset(p.orgId, req.params.id);
    actors.invalidate(p.orgId);
    return reply.code(204).send(null);
  });

  r.get(API.aiguardBlocks, {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'Your organisation\'s block list', response: { 200: AiguardBlockList } },
  }, async (req) => {
    const p = principalOf(req);
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<{ id: string; kind: AiguardBlock['kind']; value: string; reason: string; created_at: Date | string; expires_at: Date | string | null }>(tx,
      sql`select id, kind, value, reason, created_at, expires_at from aiguard_blocks where org_id = ${p.orgId} order by created_at desc`));
    return { blocks: found.map((b) => ({ id: b.id, kind: b.kind, value: b.value, reason: b.reason, source: 'local', createdAt: iso(b.created_at)!, expiresAt: iso(b.expires_at) })) };
  });

  r.post(API.aiguardBlocks, {
    config: { permission: 'aiguard:manage' },
    schema: { tags: ['aiguard'], summary: 'Block an account, key, address, CIDR range, ASN or e-mail address', body: NewAiguardBlock, response: { 201: AiguardBlock } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const value = checkBlockValue(b.kind, b.value);
    const row = await db.tx(orgScope(p.orgId), async (tx) => {
      const [x] = await rows<{ id: string; created_at: Date | string; expires_at: Date | string | null }>(tx, sql`insert into aiguard_blocks (org_id, kind, value, reason, created_by, expires_at)
        values (${p.orgId}, ${b.kind}, ${value}, ${b.reason ?? ''}, ${p.userId ?? null}, ${b.expiresAt ?? null})
        on conflict (org_id, kind, value) do update set reason = excluded.reason, expires_at = excluded.expires_at returning id, created_at, expires_at`);
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.block.add', outcome: 'success', details: { block: x!.id, kind: b.kind, value } });
      return x!;
    });
    actors.invalidate(p.orgId);
    return reply.code(201).send({ id: row.id, kind: b.kind, value, reason: b.reason ?? '', source: 'local', createdAt: iso(row.created_at)!, expiresAt: iso(row.expires_at) });
  });

  r.delete(API.aiguardBlock(':id'), {
    config: { permission: 'aiguard:manage' },
    schema: { tags: ['aiguard'], summary: 'Lift a block', params: Id, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(orgScope(p.orgId), async (tx) => {
      const gone = await rows<{ id: string }>(tx, sql`delete from aiguard_blocks where org_id = ${p.orgId} and id = ${req.params.id} returning id`);
      if (!gone.length) throw errors.notFound('block');
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.block.remove', outcome: 'success', details: { block: req.params.id } });
    });
    actors.invalidate(p.orgId);
    return reply.code(204).send(null);
  });
}
