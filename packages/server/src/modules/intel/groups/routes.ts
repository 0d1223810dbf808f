// The sharing groups API: list and view the groups your organisation owns or belongs to; create, change
// (name, description, releasability, members) and delete your organisation's own groups (intel:share,
// administrators). A group nobody told you about answers 404, whether or not it exists.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API, CreateSharingGroup, SharingGroup, SharingGroupList, UpdateSharingGroup } from '@bulwark/contracts';
import { actor, audit, errors, orgScope, principalOf, type Platform } from '../../../platform/index.ts';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './store.ts';

export function sharingGroupRoutes(app: FastifyInstance, { db }: Platform, instance: () => Promise<string>): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });

  r.get(API.intelSharingGroups, {
    config: { permission: 'intel:read' },
    schema: { tags: ['intel'], summary: 'The sharing groups your organisation owns or belongs to', response: { 200: SharingGroupList } },
  }, async (req) => {
    const p = principalOf(req);
    const self = await instance();
    return { groups: await db.tx(orgScope(p.orgId), (tx) => listGroups(tx, self, p.orgId)) };
  });

  r.get(API.intelSharingGroup(':id'), {
    config: { permission: 'intel:read' },
    schema: { tags: ['intel'], summary: 'One sharing group your organisation owns or belongs to', params: Params, response: { 200: SharingGroup } },
  }, async (req) => {
    const p = principalOf(req);
    const self = await instance();
    const g = await db.tx(orgScope(p.orgId), (tx) => getGroup(tx, self, p.orgId, req.params.id));
    if (!g) throw errors.notFound('sharing group');
    return g;
  });

  r.post(API.intelSharingGroups, {
    config: { permission: 'intel:share' },
    schema: {
      tags: ['intel'], summary: 'Create a sharing group owned by your organisation',
      description: 'Your organisation is always a member. Members of this instance by organisation id or slug; of other instances by their ids there.',
      body: CreateSharingGroup, response: { 201: SharingGroup },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const self = await instance();
    const g = await db.tx(orgScope(p.orgId), async (tx) => {
      const created = await createGroup(tx, self, p.orgId, req.body);
      await audit(tx, { ...actor(p, req.ip), action: 'intel.group.create', target: created.id, outcome: 'success', details: { name: created.name, members: created.members } });
      return created;
    });
    return reply.code(201).send(g);
  });

  r.patch(API.intelSharingGroup(':id'), {
    config: { permission: 'intel:share' },
    schema: {
      tags: ['intel'], summary: 'Change your organisation\'s sharing group',
      description: 'Membership changes apply to the objects already shared with the group: added members receive them (as TLP allows), removed members lose them and are sent a tombstone.',
      params: Params, body: UpdateSharingGroup, response: { 200: SharingGroup },
    },
  }, async (req) => {
    const p = principalOf(req);
    const self = await instance();
    return db.tx(orgScope(p.orgId), async (tx) => {
      const u = await updateGroup(tx, self, p.orgId, req.params.id, req.body);
      if (!u) {
        // Visible to a member, but only the owner changes it.
        if (await getGroup(tx, self, p.orgId, req.params.id)) throw errors.forbidden('Only the organisation that owns a sharing group may change it.');
        throw errors.notFound('sharing group');
      }
      await audit(tx, { ...actor(p, req.ip), action: 'intel.group.update', target: req.params.id, outcome: 'success', details: { added: u.added, removed: u.removed, withdrawn: u.withdrawn, ...(req.body.name ? { name: req.body.name } : {}) } });
      return u.group;
    });
  });

  r.delete(API.intelSharingGroup(':id'), {
    config: { permission: 'intel:share' },
    schema: {
      tags: ['intel'], summary: 'Delete your organisation\'s sharing group',
      description: 'Objects shared with it keep the members they had; nothing more can be shared with it.',
      params: Params, response: { 204: Type.Null() },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const self = await instance();
    await db.tx(orgScope(p.orgId), async (tx) => {
      if (!(await deleteGroup(tx, self, p.orgId, req.params.id))) {
        if (await getGroup(tx, self, p.orgId, req.params.id)) throw errors.forbidden('Only the organisation that owns a sharing group may delete it.');
        throw errors.notFound('sharing group');
      }
      await audit(tx, { ...actor(p, req.ip), action: 'intel.group.delete', target: req.params.id, outcome: 'success' });
    });
    return reply.code(204).send(null);
  });
}
