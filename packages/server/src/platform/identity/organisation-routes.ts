import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, CreateOrganisation, Organisation } from '@bulwark/contracts';
import { actor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import { principalOf } from '../auth/policy.ts';
import { INSTANCE, rows } from '../db/db.ts';
import { errors } from '../errors/errors.ts';
import type { Platform } from '../context.ts';
import { iso } from './queries.ts';

interface OrgRow {
  id: string;
  name: string;
  slug: string;
  is_home: boolean;
  created_at: Date;
}
const toOrg = (o: OrgRow) => ({ id: o.id, name: o.name, slug: o.slug, isHome: o.is_home, createdAt: iso(o.created_at)! });

export function organisationRoutes(app: FastifyInstance, { db }: Platform): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(API.organisations, {
    config: { permission: 'organisations:read' },
    schema: { tags: ['organisations'], summary: 'Organisations you can see (all of them for instance administrators)', response: { 200: Type.Array(Organisation) } },
  }, async (req) => {
    const p = principalOf(req);
    const list = await db.tx(INSTANCE, (tx) =>
      p.instanceAdmin
        ? rows<OrgRow>(tx, sql`select * from organisations order by is_home desc, name`)
        : rows<OrgRow>(tx, sql`select o.* from organisations o join memberships m on m.org_id = o.id where m.user_id = ${p.userId} order by o.is_home desc, o.name`),
    );
    return list.map(toOrg);
  });

  r.post(API.organisations, {
    config: { permission: 'instance:manage' },
    schema: { tags: ['organisations'], summary: 'Create a constituent organisation', body: CreateOrganisation, response: { 201: Organisation } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const org = await db.tx(INSTANCE, async (tx) => {
      const [exists] = await rows(tx, sql`select 1 from organisations where slug = ${req.body.slug}`);
      if (exists) throw errors.conflict(`An organisation with slug "${req.body.slug}" exists.`);
      const [o] = await rows<OrgRow>(tx, sql`insert into organisations (name, slug) values (${req.body.name}, ${req.body.slug}) returning *`);
      await audit(tx, { ...actor(p, req.ip), action: 'organisation.create', target: o!.id, outcome: 'success', details: { name: o!.name, slug: o!.slug } });
      return o!;
    });
    return reply.status(201).send(toOrg(org));
  });
}
