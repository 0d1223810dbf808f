// Sharing groups defined on this instance: an owner organisation (always a member) and member
// organisations of any instance. Visible to the owner and to members of this instance; changed by the
// owner's administrators. A membership change applies to the objects already shared with the group (MISP:
// objects reference the group): their stored members are updated, and every object whose newest version a
// removed member could receive gets a tombstone, so peers and clients learn that it is withdrawn.
import { sql } from 'drizzle-orm';
import type { CreateSharingGroup, SharingGroup, SharingGroupMember, SharingGroupMemberInput, UpdateSharingGroup } from '@bulwark/contracts';
import { errors, orgScope, rows, type Db, type Tx } from '../../../platform/index.ts';
import type { Distribution } from '../access/distribution.ts';
import type { OrgRef } from '../access/scope.ts';
import { SCOPE_COLUMNS, type ScopeRow } from '../store/scope-row.ts';
import { ADDED_STAMP, WRITE_LOCK } from '../store/import.ts';

interface GroupRow {
  id: string;
  name: string;
  description: string;
  releasability: string;
  owner_instance: string;
  owner_org: string;
  members: SharingGroupMember[];
  created_at: Date | string;
  updated_at: Date | string;
}

export const toGroup = (r: GroupRow): SharingGroup => ({
  id: r.id, name: r.name, description: r.description, releasability: r.releasability, ownerInstance: r.owner_instance, ownerOrg: r.owner_org,
  members: r.members, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});

const same = (a: OrgRef, b: OrgRef) => a.instance === b.instance && a.org === b.org;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Members as given, resolved: this instance by default, a local organisation by id or slug (it must exist). */
async function resolve(tx: Tx, self: string, given: readonly SharingGroupMemberInput[]): Promise<SharingGroupMember[]> {
  const out: SharingGroupMember[] = [];
  for (const m of given) {
    const instance = m.instance ?? self;
    let org = m.org;
    if (instance === self) {
      const [found] = await rows<{ id: string }>(tx, UUID.test(org)
        ? sql`select id from organisations where id = ${org}::uuid`
        : sql`select id from organisations where slug = ${org}`);
      if (!found) throw errors.invalid(`members: no organisation ${org} on this instance`);
      org = found.id;
    }
    if (!out.some((x) => same(x, { instance, org }))) out.push({ instance, org });
  }
  return out;
}

/** Groups the organisation owns or belongs to. */
export async function listGroups(tx: Tx, self: string, org: string): Promise<SharingGroup[]> {
  const found = await rows<GroupRow>(tx, sql`select * from sharing_groups
    where (owner_instance = ${self} and owner_org = ${org}) or members @> ${JSON.stringify([{ instance: self, org }])}::jsonb order by name, id`);
  return found.map(toGroup);
}

/** One group the organisation owns or belongs to, else undefined (the same for a group that does not exist). */
export async function getGroup(tx: Tx, self: string, org: string, id: string): Promise<SharingGroup | undefined> {
  if (!UUID.test(id)) return undefined;
  const [found] = await rows<GroupRow>(tx, sql`select * from sharing_groups where id = ${id}::uuid
    and ((owner_instance = ${self} and owner_org = ${org}) or members @> ${JSON.stringify([{ instance: self, org }])}::jsonb)`);
  return found ? toGroup(found) : undefined;
}

export async function createGroup(tx: Tx, self: string, org: string, body: CreateSharingGroup): Promise<SharingGroup> {
  const members = await resolve(tx, self, [{ instance: self, org }, ...(body.members ?? [])]);
  const [row] = await rows<GroupRow>(tx, sql`insert into sharing_groups (name, description, releasability, owner_instance, owner_org, members)
    values (${body.name}, ${body.description ?? ''}, ${body.releasability ?? ''}, ${self}, ${org}, ${JSON.stringify(members)}::jsonb) returning *`);
  return toGroup(row!);
}

/** The owner's change; undefined when the group is not this organisation's to change (or does not exist). */
export async function updateGroup(tx: Tx, self: string, org: string, id: string, body: UpdateSharingGroup): Promise<{ group: SharingGroup; added: SharingGroupMember[]; removed: SharingGroupMember[]; withdrawn: number } | undefined> {
  const current = await getGroup(tx, self, org, id);
  if (!current || current.ownerInstance !== self || current.ownerOrg !== org) return undefined;
  const add = await resolve(tx, self, body.addMembers ?? []);
  const remove = await resolve(tx, self, body.removeMembers ?? []);
  if (remove.some((m) => same(m, { instance: self, org }))) throw errors.invalid('removeMembers: the owner stays a member of its group');
  const members = [...current.members.filter((m) => !remove.some((r) => same(r, m))), ...add.filter((a) => !current.members.some((m) => same(m, a)))];
  const added = members.filter((m) => !current.members.some((c) => same(c, m)));
  const removed = current.members.filter((m) => !members.some((c) => same(c, m)));
  const [row] = await rows<GroupRow>(tx, sql`update sharing_groups set name = ${body.name ?? current.name}, description = ${body.description ?? current.description},
    releasability = ${body.releasability ?? current.releasability}, members = ${JSON.stringify(members)}::jsonb, updated_at = now() where id = ${id}::uuid returning *`);
  const withdrawn = added.length || removed.length ? await applyMembers(tx, self, id, members, { added: added.length > 0, removed: removed.length > 0 }) : 0;
  return { group: toGroup(row!), added, removed, withdrawn };
}

/**
 * The stored objects shared with the group (this instance's copies, every version) get the new members.
 * With members removed, each object's newest version gets a tombstone (before: the old scope; after: the
 * new one): the feed tells each viewer that lost it, and only those. With members added, each object's
 * newest version is added again (a new `seq` and `date_added`), so that pulls and pushes send it to the
 * instances of the new members. Serialised with the store's writers.
 */
async function applyMembers(tx: Tx, self: string, id: string, members: readonly SharingGroupMember[], change: { added: boolean; removed: boolean }): Promise<number> {
  // This instance's objects only: a copy received from a peer keeps the group it came with, whatever its id.
  const ours = sql`group_id = ${id} and owner_instance = ${self}`;
  const removed = change.removed;
  await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
  let tombstones = 0;
  if (removed) {
    const latest = await rows<ScopeRow & { id: string }>(tx, sql`select id, ${sql.raw(SCOPE_COLUMNS)} from intel_objects where ${ours} and is_latest and distribution = 'group'`);
    for (const r of latest) {
      const { id: objectId, ...before } = r;
      await tx.execute(sql`insert into intel_tombstones (id, reason, before, after) values (${objectId}, 'scope-changed', ${JSON.stringify(before)}::jsonb, ${JSON.stringify({ ...before, group_members: members })}::jsonb)`);
      tombstones++;
    }
  }
  await tx.execute(sql`update intel_objects set group_members = ${JSON.stringify(members)}::jsonb where ${ours}`);
  // date_added follows seq (both taken in this order under the write lock), as for any write.
  if (change.added) {
    // New seq first, then date_added in the same order (strictly increasing, see ADDED_STAMP).
    const renumbered = await rows<{ first: string | null }>(tx, sql`with moved as (update intel_objects set seq = nextval(pg_get_serial_sequence('intel_objects', 'seq'))
      where ${ours} and is_latest and distribution = 'group' returning seq) select min(seq) as first from moved`);
    const first = renumbered[0]?.first;
    if (first !== null && first !== undefined) {
      await tx.execute(sql`with stamp as (${ADDED_STAMP}) update intel_objects set date_added = stamp.base + (seq - ${Number(first)}) * interval '1 microsecond'
        from stamp where seq >= ${Number(first)}`);
    }
  }
  return tombstones;
}

/** Deletes the owner's group; objects shared with it keep the members they had (nobody gains or loses). */
export async function deleteGroup(tx: Tx, self: string, org: string, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const gone = await rows<{ id: string }>(tx, sql`delete from sharing_groups where id = ${id}::uuid and owner_instance = ${self} and owner_org = ${org} returning id`);
  return gone.length > 0;
}

/** The scope of an import into a group: the importer must own it or belong to it. */
export async function groupForImport(tx: Tx, self: string, org: string, id: string): Promise<{ id: string; members: OrgRef[] }> {
  const g = await getGroup(tx, self, org, id);
  if (!g) throw errors.notFound('sharing group');
  return { id: g.id, members: g.members };
}

/** The distribution (and sharing group) of an API import from its query: `group=<id>` implies `distribution=group`. */
export async function importDistribution(db: Db, self: string, org: string, q: { distribution?: Distribution; group?: string }): Promise<{ distribution: Distribution; group?: { id: string; members: OrgRef[] } }> {
  if (q.group === undefined) {
    if (q.distribution === 'group') throw errors.invalid('distribution=group needs group=<sharing group id>');
    return { distribution: q.distribution ?? 'organisation' };
  }
  if (q.distribution !== undefined && q.distribution !== 'group') throw errors.invalid('group is for distribution=group');
  const group = await db.tx(orgScope(org), (tx) => groupForImport(tx, self, org, q.group!));
  return { distribution: 'group', group };
}
