// Sharing groups through the API, on every database tier: administrators define their organisation's
// groups; members and the owner see them, others get 404; imports with distribution=group reach the
// members (as TLP allows); a membership change applies to what was shared (removed members lose it and
// get a tombstone, added ones receive it); deleting a group keeps the members objects had; audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntelImportReport, IntelObjectPage, SharingGroup, SharingGroupList } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';

type Call = ReturnType<typeof client>;
interface Member { org: string; slug: string; call: Call; token: string }
const TAXII = 'application/taxii+json;version=2.1';
const SHARED = '/taxii2/api/collections/5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d01';

for (const tier of databaseTiers()) {
  describe(`sharing groups (${tier.name})`, () => {
    let t: TestApp;
    let admin: Call;
    let a: Member;
    let b: Member;
    let aAdmin: Member;

    async function addMember(slug: string, role: string, org?: string): Promise<Member> {
      const orgId = org ?? (await admin<{ id: string }>('POST', '/api/v1/organisations', { name: slug, slug })).body.id;
      const email = `${role}@${slug}-${randomUUID().slice(0, 6)}.example`;
      const user = await admin<{ password: string }>('POST', '/api/v1/users', { email, role, organisationId: orgId });
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: user.body.password }) });
      const info = (await login.json()) as { csrfToken: string };
      const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
      return { org: orgId, slug, token: key.body.token, call: client(t.url, { token: key.body.token }) };
    }
    const importInto = (m: Call, objects: unknown[], query: string) => m<IntelImportReport>('POST', `/api/v1/intel/import?${query}`, { type: 'bundle', id: `bundle--${randomUUID()}`, objects });
    const sees = async (m: Member, id: string) => (await m.call<IntelObjectPage>('GET', `/api/v1/intel/objects?q=${id}`)).body.objects.length === 1;
    const malware = () => ({ type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'grouped', is_family: true });

    beforeAll(async () => {
      t = await startTestApp(tier);
      admin = client(t.url, { token: t.adminToken });
      a = await addMember(`agency-a-${randomUUID().slice(0, 6)}`, 'analyst');
      b = await addMember(`agency-b-${randomUUID().slice(0, 6)}`, 'analyst');
      aAdmin = await addMember(a.slug, 'admin', a.org);
    }, 90_000);
    afterAll(async () => t?.close());

    it('administrators define groups; members and the owner see them, nobody else; imports reach the members; changes apply', async () => {
      expect((await a.call('POST', '/api/v1/intel/sharing-groups', { name: 'no' })).status).toBe(403);
      const created = await aAdmin.call<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'Energy ISAC', description: 'grid operators', releasability: 'members only', members: [{ org: 'nobody-here' }] });
      expect(created.status).toBe(400);
      const g = (await aAdmin.call<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'Energy ISAC', description: 'grid operators', members: [{ instance: 'de-bsi', org: 'kritis' }] })).body;
      expect(g.members).toEqual([{ instance: g.ownerInstance, org: a.org }, { instance: 'de-bsi', org: 'kritis' }]);
      expect((await a.call<SharingGroupList>('GET', '/api/v1/intel/sharing-groups')).body.groups.map((x) => x.id)).toEqual([g.id]);
      expect((await b.call<SharingGroupList>('GET', '/api/v1/intel/sharing-groups')).body.groups).toEqual([]);
      expect((await b.call('GET', `/api/v1/intel/sharing-groups/${g.id}`)).status).toBe(404);
      expect((await b.call('GET', `/api/v1/intel/sharing-groups/${randomUUID()}`)).status).toBe(404);

      // Shared with the group: the owner's analysts may use it; others get 404 (as for a group that does not exist).
      const object = malware();
      const id = object.id;
      const r = await importInto(a.call, [object], `tlp=AMBER&group=${g.id}`);
      expect(r.body).toMatchObject({ stored: 1, rejected: 0 });
      expect((await importInto(b.call, [malware()], `group=${g.id}`)).status).toBe(404);
      expect((await importInto(b.call, [malware()], 'distribution=group')).status).toBe(400);
      expect(await sees(b, id)).toBe(false);

      // b joins: it receives what was shared (AMBER counts the group); only the owner's administrators change it.
      expect((await b.call('PATCH', `/api/v1/intel/sharing-groups/${g.id}`, { addMembers: [{ org: b.slug }] })).status).toBe(403);
      const before = new Date().toISOString();
      const joined = await aAdmin.call<SharingGroup>('PATCH', `/api/v1/intel/sharing-groups/${g.id}`, { addMembers: [{ org: b.slug }] });
      expect(joined.status).toBe(200);
      expect(await sees(b, id)).toBe(true);
      // Added again for the new members: a TAXII client (or a peer) pulling from where it was finds it.
      const since = await fetch(`${t.url}${SHARED}/objects/?added_after=${before}`, { headers: { authorization: `Bearer ${b.token}`, accept: TAXII } });
      expect(((await since.json()) as { objects?: Array<{ id: string }> }).objects?.map((o) => o.id)).toContain(id);
      expect((await b.call<SharingGroupList>('GET', '/api/v1/intel/sharing-groups')).body.groups.map((x) => x.id)).toEqual([g.id]);
      // b may share with it too.
      expect((await importInto(b.call, [malware()], `distribution=group&group=${g.id}`)).body.stored).toBe(1);

      // b leaves: it loses the object, and the tombstone feed tells it so.
      const head = async (m: Member) => {
        const res = await fetch(`${t.url}${SHARED}/x-bulwark-tombstones/?after=0&limit=10000`, { headers: { authorization: `Bearer ${m.token}`, accept: TAXII } });
        return (await res.json()) as { tombstones: Array<{ id: string; reason: string }> };
      };
      expect((await aAdmin.call('PATCH', `/api/v1/intel/sharing-groups/${g.id}`, { removeMembers: [{ org: a.org }] })).status).toBe(400);
      expect((await aAdmin.call('PATCH', `/api/v1/intel/sharing-groups/${g.id}`, { removeMembers: [{ org: b.org }], releasability: 'KRITIS operators' })).status).toBe(200);
      expect(await sees(b, id)).toBe(false);
      expect(await sees(a, id)).toBe(true);
      expect((await head(b)).tombstones).toContainEqual({ id, seq: expect.any(Number), reason: 'withdrawn' });
      expect((await head(a)).tombstones.filter((x) => x.id === id)).toEqual([]);

      // Deleted: objects keep the members they had; the group cannot be used any more.
      expect((await a.call('DELETE', `/api/v1/intel/sharing-groups/${g.id}`)).status).toBe(403);
      expect((await aAdmin.call('DELETE', `/api/v1/intel/sharing-groups/${g.id}`)).status).toBe(204);
      expect(await sees(a, id)).toBe(true);
      expect((await importInto(a.call, [malware()], `group=${g.id}`)).status).toBe(404);
      const audit = await admin<{ entries: Array<{ action: string }> }>('GET', '/api/v1/audit?limit=200');
      const actions = (audit.body.entries ?? []).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['intel.group.create', 'intel.group.update', 'intel.group.delete']));
    });
  });
}
