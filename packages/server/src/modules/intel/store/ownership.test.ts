// Ownership of versions in the store, on every database tier: a new version of a stored object is
// accepted from its owner only; from a federated peer, only with the owner the object already has and
// never for one of this instance's organisations; the same version sent again by another organisation of
// this instance gives it a receipt (that version becomes visible to it); objects several MISP events share
// keep the stored copy with a warning; the standard TLP marking definitions belong to nobody.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE, rows } from '../../../platform/index.ts';
import { createOrganisation, databaseTiers, type TestDatabase } from '../../../testing/databases.ts';
import { receiveFilter } from '../access/receive-filter.ts';
import { tlpMarkingObject } from '../access/marking-ids.ts';
import { importObjects, notOwner, type ImportOptions } from './import.ts';
import { queryObjects } from './query.ts';

const SELF = 'home';
const malware = (id: string, modified: string, name = 'x') => ({ type: 'malware', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified, name, is_family: true });
const V1 = '2026-01-01T00:00:00.000Z';
const V2 = '2026-02-01T00:00:00.000Z';

for (const tier of databaseTiers()) {
  describe(`ownership of versions (${tier.name})`, () => {
    let t: TestDatabase;
    let a: string;
    let b: string;
    const local = (org: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({ scope: { ownerInstance: SELF, ownerOrg: org, tlp: 'AMBER', distribution: 'organisation' }, source: 'import', ...extra });
    const fromPeer = (owner: { instance: string; org: string }, peer = 'peer-1'): ImportOptions => ({
      scope: { ownerInstance: owner.instance, ownerOrg: owner.org, tlp: 'GREEN', distribution: 'community' }, source: `peer:${peer}`, peer: { instance: peer, self: SELF },
    });
    const put = (objects: unknown[], opts: ImportOptions) => importObjects(t.db, objects, () => [], opts);
    const versions = async (id: string) => (await t.db.tx(INSTANCE, (tx) => rows<{ version: string; owner_org: string }>(tx, sql`select version, owner_org from intel_objects where id = ${id} order by version`)));
    const visibleTo = async (org: string, id: string) => (await queryObjects(t.db, { access: { ...receiveFilter({ kind: 'user', instance: SELF, org }, SELF), receiptsOf: org } as never, ids: [id], versions: ['all'], limit: 10 }, 'manifest')).objects.map((o) => o.version);

    beforeAll(async () => {
      t = await tier.open();
      a = await createOrganisation(t.db, `org-a-${randomUUID().slice(0, 8)}`);
      b = await createOrganisation(t.db, `org-b-${randomUUID().slice(0, 8)}`);
    }, 60_000);
    afterAll(async () => t?.cleanup());

    it('refuses a new version from another organisation, whatever it may see, and stores nothing', async () => {
      const id = `malware--${randomUUID()}`;
      expect((await put([malware(id, V1)], local(a))).stored).toBe(1);
      for (const [modified, name] of [[V2, 'x'], [V1, 'other'], ['2025-12-01T00:00:00.000Z', 'x']] as const) {
        const r = await put([malware(id, modified, name)], local(b));
        expect(r).toMatchObject({ stored: 0, rejected: 1 });
        expect(r.defects).toEqual([{ index: 0, id, path: 'id', code: 'not-owner', severity: 'error', message: notOwner(id) }]);
      }
      expect((await versions(id)).map((v) => v.owner_org)).toEqual([a]);
      // The owner may; a version conflict is reported to the owner only.
      expect((await put([malware(id, V2)], local(a))).stored).toBe(1);
      expect((await put([malware(id, V1, 'changed')], local(a))).defects[0]).toMatchObject({ code: 'version-conflict' });
    });

    it('the same version sent again by another organisation gives it a receipt, counted as stored; the owner sees no difference', async () => {
      const id = `malware--${randomUUID()}`;
      await put([malware(id, V1)], local(a));
      expect(await visibleTo(b, id)).toEqual([]);
      expect(await put([malware(id, V1)], local(b))).toMatchObject({ stored: 1, unchanged: 0, rejected: 0, defects: [] });
      expect(await visibleTo(b, id)).toHaveLength(1);
      expect(await put([malware(id, V1)], local(b))).toMatchObject({ stored: 0, unchanged: 1 });
      expect(await put([malware(id, V1)], local(a))).toMatchObject({ stored: 0, unchanged: 1 });
      expect((await versions(id)).map((v) => v.owner_org)).toEqual([a]);
      // Deleting the version deletes the receipt with it.
      await t.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from intel_objects where id = ${id}`));
      const [left] = await t.db.tx(INSTANCE, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from intel_receipts where object_id = ${id}`));
      expect(left!.n).toBe(0);
    });

    it('from a peer: new versions only with the owner the object has, never for this instance', async () => {
      const remote = { instance: 'far', org: 'far-org' };
      const id = `malware--${randomUUID()}`;
      expect((await put([malware(id, V1)], fromPeer(remote))).stored).toBe(1);
      // Through another peer, the same owner: a second path to the same author.
      expect((await put([malware(id, V2)], fromPeer(remote, 'peer-2'))).stored).toBe(1);
      const taken = await put([malware(id, '2026-03-01T00:00:00.000Z')], fromPeer({ instance: 'far', org: 'someone-else' }));
      expect(taken.defects[0]).toMatchObject({ code: 'not-owner', message: notOwner(id) });
      // A local organisation cannot publish a version of a federated object either.
      expect((await put([malware(id, '2026-03-01T00:00:00.000Z')], local(a))).defects[0]).toMatchObject({ code: 'not-owner' });
      // A peer claiming one of this instance's organisations, for a new object or a stored one: refused.
      const ours = `malware--${randomUUID()}`;
      await put([malware(ours, V1)], local(a));
      for (const obj of [malware(ours, V2), malware(`malware--${randomUUID()}`, V1)]) {
        const forged = await put([obj], fromPeer({ instance: SELF, org: a }));
        expect(forged).toMatchObject({ stored: 0, rejected: 1 });
        expect(forged.defects[0]).toMatchObject({ code: 'not-owner' });
      }
      // The same content from a peer is unchanged, and gives a peer no receipt.
      expect(await put([malware(ours, V1)], fromPeer(remote))).toMatchObject({ stored: 0, unchanged: 1, rejected: 0 });
    });

    it('a new version keeps the creator (created_by_ref, or none) of the stored versions', async () => {
      const id = `malware--${randomUUID()}`;
      const by = (ref: string | undefined, modified: string) => ({ ...malware(id, modified), ...(ref ? { created_by_ref: ref } : {}) });
      const csirt = `identity--${randomUUID()}`;
      expect((await put([by(csirt, V1)], local(a))).stored).toBe(1);
      for (const ref of [undefined, `identity--${randomUUID()}`]) {
        const r = await put([by(ref, V2)], local(a));
        expect(r).toMatchObject({ stored: 0, rejected: 1 });
        expect(r.defects[0]).toMatchObject({ code: 'creator-changed', path: 'created_by_ref' });
      }
      expect((await put([by(csirt, V2)], local(a))).stored).toBe(1);
      // Without a creator: later versions without one too.
      const anonymous = `malware--${randomUUID()}`;
      expect((await put([malware(anonymous, V1), malware(anonymous, V2)], local(a))).stored).toBe(2);
      expect((await put([{ ...malware(anonymous, '2026-03-01T00:00:00.000Z'), created_by_ref: csirt }], local(a))).defects[0]).toMatchObject({ code: 'creator-changed' });
    });

    it('objects several sources share keep the stored copy with a warning; standard TLP definitions belong to nobody', async () => {
      const id = `identity--${randomUUID()}`;
      const identity = (modified: string) => ({ type: 'identity', spec_version: '2.1', id, created: V1, modified, name: 'CSIRT', identity_class: 'organization' });
      await put([identity(V1)], local(a));
      const r = await put([identity(V2)], local(b, { keepFirst: (o) => o['type'] === 'identity' }));
      expect(r).toMatchObject({ stored: 0, unchanged: 1, rejected: 0 });
      expect(r.defects[0]).toMatchObject({ code: 'not-owner', severity: 'warning' });
      const amber = tlpMarkingObject('AMBER');
      await put([amber], local(a));
      expect(await put([amber], local(b))).toMatchObject({ stored: 0, unchanged: 1, rejected: 0, defects: [] });
      const other = await put([{ ...amber, created: '2022-10-02T00:00:00.000Z' }], local(b));
      expect(other).toMatchObject({ stored: 0, unchanged: 1, rejected: 0 });
      expect(other.defects[0]).toMatchObject({ code: 'standard-marking', severity: 'warning' });
    });
  });
}
