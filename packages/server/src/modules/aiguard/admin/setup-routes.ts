// Gateway set-up: upstream AI services (instance administrators) and gateway keys (an organisation's
// responders and administrators issue them per user and purpose; the token is shown once).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AiguardKey, AiguardKeyList, AiguardUpstream, AiguardUpstreamList, API, IssuedAiguardKey, NewAiguardKey, NewAiguardUpstream, UpdateAiguardUpstream } from '@bulwark/contracts';
import { actor, audit, errors, INSTANCE, orgScope, principalOf, rows, type Platform } from '../../../platform/index.ts';
import { newKeySecret, type GatewayKeys } from '../gateway/keys.ts';
import type { Pseudonymise } from '../gateway/pseudonym.ts';
import type { Upstreams } from '../gateway/upstream.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

interface UpstreamRow {
  id: string; name: string; kind: 'openai' | 'azure'; base_url: string; api_key: string | null; api_version: string | null; models: Record<string, string>;
  mode: 'enforce' | 'shadow'; fail_policy: 'open' | 'closed'; is_default: boolean; created_at: Date | string; updated_at: Date | string;
}
const toUpstream = (r: UpstreamRow): AiguardUpstream => ({
  id: r.id, name: r.name, kind: r.kind, baseUrl: r.base_url, hasKey: !!r.api_key, apiVersion: r.api_version, models: r.models, mode: r.mode, failPolicy: r.fail_policy,
  isDefault: r.is_default, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
});

interface KeyRow {
  id: string; org_id: string; subject: string; purpose: string; prefix: string; upstream_id: string | null; rpm: number | null; daily_tokens: string | number | null;
  created_at: Date | string; expires_at: Date | string | null; revoked_at: Date | string | null; last_used_at: Date | string | null;
}

function checkUrl(u: string): void {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw errors.invalid('baseUrl is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw errors.invalid('baseUrl must be http or https');
  if (url.username || url.password) throw errors.invalid('baseUrl must not carry credentials: give apiKey');
}

export function setupRoutes(app: FastifyInstance, platform: Platform, upstreams: Upstreams, keys: GatewayKeys, pseudonym: () => Promise<Pseudonymise>): void {
  const { db } = platform;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.aiguardUpstreams, {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'The AI services behind the gateway (keys are never shown)', response: { 200: AiguardUpstreamList } },
  }, async () => ({ upstreams: (await db.tx(INSTANCE, (tx) => rows<UpstreamRow>(tx, sql`select * from aiguard_upstreams order by lower(name)`))).map(toUpstream) }));

  r.post(API.aiguardUpstreams, {
    config: { permission: 'instance:manage' },
    schema: { tags: ['aiguard'], summary: 'Add an AI service (OpenAI-compatible server, Azure OpenAI, local model server)', body: NewAiguardUpstream, response: { 201: AiguardUpstream } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    checkUrl(b.baseUrl);
    const row = await db.tx(INSTANCE, async (tx) => {
      const [dup] = await rows<{ id: string }>(tx, sql`select id from aiguard_upstreams where lower(name) = lower(${b.name})`);
      if (dup) throw errors.conflict(`an upstream named ${JSON.stringify(b.name)} exists already`);
      if (b.isDefault) await tx.execute(sql`update aiguard_upstreams set is_default = false`);
      const [created] = await rows<UpstreamRow>(tx, sql`insert into aiguard_upstreams (name, kind, base_url, api_key, api_version, models, mode, fail_policy, is_default)
        values (${b.name}, ${b.kind ?? 'openai'}, ${b.baseUrl}, ${b.apiKey ?? null}, ${b.apiVersion ?? null}, ${JSON.stringify(b.models ?? {})}::jsonb, ${b.mode ?? 'enforce'}, ${b.failPolicy ?? 'closed'}, ${b.isDefault ?? false})
        returning *`);
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.upstream.create', outcome: 'success', details: { upstream: created!.id, name: b.name, baseUrl: b.baseUrl, mode: b.mode ?? 'enforce' } });
      return created!;
    });
    upstreams.invalidate();
    return reply.code(201).send(toUpstream(row));
  });

  r.patch(API.aiguardUpstream(':id'), {
    config: { permission: 'instance:manage' },
    schema: { tags: ['aiguard'], summary: 'Change an AI service (mode, fail policy, models, key…)', params: Id, body: UpdateAiguardUpstream, response: { 200: AiguardUpstream } },
  }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    if (b.baseUrl) checkUrl(b.baseUrl);
    const row = await db.tx(INSTANCE, async (tx) => {
      const [cur] = await rows<UpstreamRow>(tx, sql`select * from aiguard_upstreams where id = ${req.params.id}`);
      if (!cur) throw errors.notFound('upstream');
      if (b.isDefault) await tx.execute(sql`update aiguard_upstreams set is_default = false`);
      const [u] = await rows<UpstreamRow>(tx, sql`update aiguard_upstreams set name = ${b.name ?? cur.name}, kind = ${b.kind ?? cur.kind}, base_url = ${b.baseUrl ?? cur.base_url},
        api_key = ${b.apiKey === undefined ? cur.api_key : b.apiKey}, api_version = ${b.apiVersion === undefined ? cur.api_version : b.apiVersion},
        models = ${JSON.stringify(b.models ?? cur.models)}::jsonb, mode = ${b.mode ?? cur.mode}, fail_policy = ${b.failPolicy ?? cur.fail_policy},
        is_default = ${b.isDefault ?? cur.is_default}, updated_at = now() where id = ${cur.id} returning *`);
      const { apiKey, ...changed } = b;
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.upstream.update', outcome: 'success', details: { upstream: cur.id, ...changed, ...(apiKey !== undefined ? { apiKey: 'changed' } : {}) } });
      return u!;
    });
    upstreams.invalidate();
    return toUpstream(row);
  });

  r.delete(API.aiguardUpstream(':id'), {
    config: { permission: 'instance:manage' },
    schema: { tags: ['aiguard'], summary: 'Remove an AI service (keys that used it go to the default)', params: Id, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await db.tx(INSTANCE, async (tx) => {
      const gone = await rows<{ id: string }>(tx, sql`delete from aiguard_upstreams where id = ${req.params.id} returning id`);
      if (!gone.length) throw errors.notFound('upstream');
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.upstream.delete', outcome: 'success', details: { upstream: req.params.id } });
    });
    upstreams.invalidate();
    return reply.code(204).send(null);
  });

  const toKey = async (k: KeyRow): Promise<AiguardKey> => ({
    id: k.id, subject: k.subject, purpose: k.purpose, prefix: k.prefix, account: (await pseudonym())(k.org_id, k.subject), upstreamId: k.upstream_id, rpm: k.rpm,
    dailyTokens: k.daily_tokens === null ? null : Number(k.daily_tokens), createdAt: iso(k.created_at)!, expiresAt: iso(k.expires_at), revokedAt: iso(k.revoked_at), lastUsedAt: iso(k.last_used_at),
  });

  r.get(API.aiguardKeys, {
    config: { permission: 'aiguard:read' },
    schema: { tags: ['aiguard'], summary: 'Your organisation\'s gateway keys', response: { 200: AiguardKeyList } },
  }, async (req) => {
    const p = principalOf(req);
    const found = await db.tx(orgScope(p.orgId), (tx) => rows<KeyRow>(tx, sql`select * from aiguard_keys where org_id = ${p.orgId} order by created_at desc`));
    return { keys: await Promise.all(found.map(toKey)) };
  });

  r.post(API.aiguardKeys, {
    config: { permission: 'aiguard:manage' },
    schema: { tags: ['aiguard'], summary: 'Issue a gateway key for a user or service and a purpose (shown once)', body: NewAiguardKey, response: { 201: IssuedAiguardKey } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const secret = await newKeySecret();
    const row = await db.tx(orgScope(p.orgId), async (tx) => {
      if (b.upstreamId) {
        const [u] = await rows<{ id: string }>(tx, sql`select id from aiguard_upstreams where id = ${b.upstreamId}`);
        if (!u) throw errors.invalid('upstreamId names no upstream');
      }
      const [k] = await rows<KeyRow>(tx, sql`insert into aiguard_keys (org_id, subject, purpose, lookup, secret_hash, prefix, upstream_id, rpm, daily_tokens, created_by, expires_at)
        values (${p.orgId}, ${b.subject.trim()}, ${b.purpose ?? ''}, ${secret.lookup}, ${secret.hash}, ${secret.prefix}, ${b.upstreamId ?? null}, ${b.rpm ?? null}, ${b.dailyTokens ?? null}, ${p.userId ?? null}, ${b.expiresAt ?? null})
        returning *`);
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.key.issue', outcome: 'success', details: { key: k!.id, purpose: b.purpose ?? '' } });
      return k!;
    });
    return reply.code(201).send({ key: await toKey(row), token: secret.token });
  });

  r.delete(API.aiguardKey(':id'), {
    config: { permission: 'aiguard:manage' },
    schema: { tags: ['aiguard'], summary: 'Revoke a gateway key (refused by every process within seconds)', params: Id, response: { 200: AiguardKey } },
  }, async (req) => {
    const p = principalOf(req);
    const row = await db.tx(orgScope(p.orgId), async (tx) => {
      const [k] = await rows<KeyRow>(tx, sql`update aiguard_keys set revoked_at = coalesce(revoked_at, now()) where id = ${req.params.id} and org_id = ${p.orgId} returning *`);
      if (!k) throw errors.notFound('gateway key');
      await audit(tx, { ...actor(p, req.ip), action: 'aiguard.key.revoke', outcome: 'success', details: { key: k.id } });
      return k;
    });
    keys.forget(row.id);
    return toKey(row);
  });
}
