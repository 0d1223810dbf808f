// The block list over HTTP: JSON for people and scripts, plain text (one value per line, `#` comments)
// for firewall and proxy "external list" features, and a STIX 2.1 bundle of indicators for tools that
// read STIX. Fetchers poll: the text and STIX forms carry an ETag and answer 304 when nothing changed.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, BlocklistCreate, BlocklistEntry, BlocklistList, type BlocklistKind } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, type Platform } from '../../../platform/index.ts';
import { tlpMarkingId, tlpMarkingObject, uuidv5 } from '../../intel/index.ts';
import { activeEntries, addEntry, removeEntry } from './store.ts';
import { BlocklistValueError } from './values.ts';

const KINDS: readonly BlocklistKind[] = ['ipv4', 'ipv6', 'cidr', 'domain', 'url'];
/** Namespace of the block list's STIX ids (uuidv5 of organisation, kind and value). */
const STIX_NS = '6f0b8a52-3c1e-5c59-9a55-0d6f6e1b2c41';
const KindQuery = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 100, description: 'Comma-separated kinds: ipv4, ipv6, cidr, domain, url (default: all)' })) });

function kindsOf(q: string | undefined): BlocklistKind[] | undefined {
  if (!q) return undefined;
  const list = q.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = list.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (bad.length) throw errors.invalid(`unknown kind ${bad.join(', ')}; kinds are ${KINDS.join(', ')}`);
  return list as BlocklistKind[];
}

function sendTagged(req: FastifyRequest, reply: FastifyReply, type: string, body: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  void reply.header('etag', etag).header('cache-control', 'no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}

export function stixPattern(e: BlocklistEntry): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  switch (e.kind) {
    case 'ipv4': return `[ipv4-addr:value = ${q(e.value)}]`;
    case 'ipv6': return `[ipv6-addr:value = ${q(e.value)}]`;
    case 'cidr': return e.value.includes(':') ? `[ipv6-addr:value = ${q(e.value)}]` : `[ipv4-addr:value = ${q(e.value)}]`;
    case 'domain': return `[domain-name:value = ${q(e.value)}]`;
    case 'url': return `[url:value = ${q(e.value)}]`;
  }
}

export function blocklistRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = platform;

  r.get(API.blocklist, {
    config: { permission: 'blocklist:read' },
    schema: { tags: ['blocklist'], summary: 'The block list in force', querystring: KindQuery, response: { 200: BlocklistList } },
  }, async (req) => {
    const p = principalOf(req);
    return { entries: await db.tx(orgScope(p.orgId), (tx) => activeEntries(tx, p.orgId, kindsOf(req.query.kind))) };
  });

  r.get(API.blocklistText, {
    config: { permission: 'blocklist:read' },
    schema: { tags: ['blocklist'], summary: 'The block list as plain text, one value per line (for firewall and proxy external lists)', querystring: KindQuery },
  }, async (req, reply) => {
    const p = principalOf(req);
    const entries = await db.tx(orgScope(p.orgId), (tx) => activeEntries(tx, p.orgId, kindsOf(req.query.kind)));
    const lines = [`# Bulwark block list: ${entries.length} entries${req.query.kind ? ` (${kindsOf(req.query.kind)!.join(',')})` : ''}`, ...entries.map((e) => e.value)];
    return sendTagged(req, reply, 'text/plain; charset=utf-8', `${lines.join('\n')}\n`);
  });

  r.get(API.blocklistStix, {
    config: { permission: 'blocklist:read' },
    schema: { tags: ['blocklist'], summary: 'The block list as a STIX 2.1 bundle of indicators (TLP:AMBER)', querystring: KindQuery },
  }, async (req, reply) => {
    const p = principalOf(req);
    const entries = await db.tx(orgScope(p.orgId), (tx) => activeEntries(tx, p.orgId, kindsOf(req.query.kind)));
    const marking = tlpMarkingId('AMBER');
    const objects = entries.map((e) => ({
      type: 'indicator', spec_version: '2.1', id: `indicator--${uuidv5(STIX_NS, `${p.orgId}\n${e.kind}\n${e.value}`)}`,
      created: e.createdAt, modified: e.createdAt, name: `Blocked ${e.kind}: ${e.value}`.slice(0, 300), ...(e.reason ? { description: e.reason } : {}),
      indicator_types: ['malicious-activity'], pattern: stixPattern(e), pattern_type: 'stix', valid_from: e.createdAt, ...(e.expiresAt ? { valid_until: e.expiresAt } : {}),
      object_marking_refs: [marking],
    }));
    const body = JSON.stringify({ type: 'bundle', id: `bundle--${uuidv5(STIX_NS, `${p.orgId}\nbundle\n${objects.map((o) => o.id).join(',')}`)}`, objects: [tlpMarkingObject('AMBER'), ...objects] });
    return sendTagged(req, reply, 'application/stix+json;version=2.1', body);
  });

  r.post(API.blocklist, {
    config: { permission: 'incidents:write' },
    schema: { tags: ['blocklist'], summary: 'Add a value to the block list (again: the later expiry wins)', body: BlocklistCreate, response: { 201: BlocklistEntry, 200: BlocklistEntry } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    try {
      const done = await db.tx(orgScope(p.orgId), async (tx) => {
        const res = await addEntry(tx, p.orgId, { value: b.value, reason: b.reason ?? '', incidentId: b.incidentId ?? null, source: 'manual', createdBy: p.userId ?? null, expiresAt: b.ttlMinutes ? new Date(Date.now() + b.ttlMinutes * 60_000) : null });
        await audit(tx, { ...actor(p, req.ip), action: 'blocklist.add', target: res.entry.value, outcome: 'success', details: { kind: res.entry.kind, incident: b.incidentId ?? null, ttlMinutes: b.ttlMinutes ?? null } });
        return res;
      });
      return reply.code(done.created ? 201 : 200).send(done.entry);
    } catch (err) {
      if (err instanceof BlocklistValueError) throw errors.invalid(err.message);
      throw err;
    }
  });

  r.delete(API.blocklistEntry(':value'), {
    config: { permission: 'incidents:write' },
    schema: { tags: ['blocklist'], summary: 'Take a value off the block list', params: Type.Object({ value: Type.String({ maxLength: 2048 }) }), response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = principalOf(req);
    try {
      await db.tx(orgScope(p.orgId), async (tx) => {
        const gone = await removeEntry(tx, p.orgId, req.params.value);
        if (!gone) throw errors.notFound('block-list entry');
        await audit(tx, { ...actor(p, req.ip), action: 'blocklist.remove', target: gone.value, outcome: 'success', details: { kind: gone.kind } });
      });
    } catch (err) {
      if (err instanceof BlocklistValueError) throw errors.invalid(err.message);
      throw err;
    }
    return reply.code(204).send(null);
  });
}
