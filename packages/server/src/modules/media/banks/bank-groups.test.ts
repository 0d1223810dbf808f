// Hash banks shared with an intel sharing group, over HTTP on every database tier: three organisations of
// one instance; A's group has A and B; A's bank in that group: B's checks of the image find the entry with
// its context and B lists it among the shared entries, C does neither; the bank narrowed to A's organisation
// takes it from B (a tombstone for the narrowed scope); another group moves it to that group's members; an
// unknown group, or a group beside another distribution, is refused before anything is stored.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaBank, MediaBankEntry, MediaBankList, MediaCheck, MediaEntryHistory, SharedMediaEntryList, SharingGroup } from '@bulwark/contracts';
import { INSTANCE, rows } from '../../../platform/index.ts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { pictureRgba, png } from '../check/test-images.ts';

type Call = ReturnType<typeof client>;
interface Org { id: string; slug: string; token: string; call: Call }

const image = png(320, 240, pictureRgba(320, 240, 11));

function flipBits(hex: string, n: number): string {
  const bits = [...hex].map((c) => parseInt(c, 16).toString(2).padStart(4, '0')).join('').split('');
  for (let i = 0; i < n; i++) bits[i * 7] = bits[i * 7] === '1' ? '0' : '1';
  return bits.join('').match(/.{4}/g)!.map((b) => parseInt(b, 2).toString(16)).join('');
}

for (const tier of databaseTiers()) {
  describe(`hash banks shared with a sharing group (${tier.name})`, () => {
    let t: TestApp;
    let a: Call;
    let b: Org;
    let c: Org;

    async function org(slug: string): Promise<Org> {
      const admin = client(t.url, { token: t.adminToken });
      const created = await admin<{ id: string }>('POST', '/api/v1/organisations', { name: slug, slug });
      const email = `analyst@${slug}.example`;
      const user = await admin<{ password: string }>('POST', '/api/v1/users', { email, role: 'analyst', organisationId: created.body.id });
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: user.body.password }) });
      const info = (await login.json()) as { csrfToken: string };
      const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
      return { id: created.body.id, slug, token: key.body.token, call: client(t.url, { token: key.body.token }) };
    }
    const upload = async (token: string) => {
      const res = await fetch(`${t.url}/api/v1/media/check?name=poster.png`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: image });
      expect(res.status).toBe(200);
      return (await res.json()) as MediaCheck;
    };
    const sharedIds = async (call: Call) => (await call<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries.map((e) => e.indicatorId);

    beforeAll(async () => {
      t = await startTestApp(tier, { env: { BULWARK_MEDIA_MAX_UPLOAD_BYTES: '2000000' } });
      a = client(t.url, { token: t.adminToken });
      b = await org('agency-b');
      c = await org('agency-c');
    }, 120_000);
    afterAll(async () => t?.close());

    it('shares a bank with the members of a group only, and takes it back when the bank is narrowed', async () => {
      const group = (await a<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'EU election integrity', members: [{ org: b.slug }] })).body;
      expect(group.members.map((m) => m.org)).toContain(b.id);

      const bank = await a<MediaBank>('POST', '/api/v1/media/banks', { name: 'Election deepfakes', tlp: 'AMBER', group: group.id });
      expect(bank.status, JSON.stringify(bank.body)).toBe(201);
      expect(bank.body).toMatchObject({ distribution: 'group', group: group.id });
      expect((await a<MediaBankList>('GET', '/api/v1/media/banks')).body.banks.find((x) => x.id === bank.body.id)).toMatchObject({ distribution: 'group', group: group.id });

      const hashes = (await upload(t.adminToken)).hashes;
      const added = await a<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes, title: 'Fake minister speech', narrative: 'Vote moved to Monday', actor: 'Storm-1516', campaign: 'Ballot doubt' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);

      // B (a member): the same image is a known fake with the entry's context, a near hash a near match.
      const seenByB = await upload(b.token);
      expect(seenByB).toMatchObject({ verdict: 'known-fake', matches: expect.arrayContaining([expect.objectContaining({ entryId: null, title: 'Fake minister speech', actor: 'Storm-1516', campaign: 'Ballot doubt' })]) });
      const near = await b.call<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { pdq: flipBits(hashes.pdq!, 20) } });
      expect(near.body).toMatchObject({ verdict: 'near-match', matches: [expect.objectContaining({ algorithm: 'pdq', title: 'Fake minister speech' })] });
      const shared = (await b.call<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries;
      expect(shared).toEqual([expect.objectContaining({ indicatorId: added.body.indicatorId, bank: 'Election deepfakes', title: 'Fake minister speech', ownerOrg: expect.any(String), local: true })]);
      expect((await b.call('GET', `/api/v1/intel/objects/${added.body.indicatorId}`)).status).toBe(200);

      // C (not a member): unknown, nothing shared.
      expect((await upload(c.token)).verdict).toBe('unknown');
      expect(await sharedIds(c.call)).toEqual([]);
      expect((await c.call('GET', `/api/v1/intel/objects/${added.body.indicatorId}`)).status).toBe(404);

      // Narrowed to A's organisation: B loses it (a tombstone records the narrowed scope); A still finds it.
      const narrowed = await a<MediaBank>('PATCH', `/api/v1/media/banks/${bank.body.id}`, { distribution: 'organisation' });
      expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
      expect(narrowed.body).toMatchObject({ distribution: 'organisation', group: null });
      expect((await upload(b.token)).verdict).toBe('unknown');
      expect(await sharedIds(b.call)).not.toContain(added.body.indicatorId);
      expect((await upload(t.adminToken)).verdict).toBe('known-fake');
      const tombstones = await t.platform.db.tx(INSTANCE, (tx) => rows<{ before: { distribution: string; group_id: string | null }; after: { distribution: string } }>(tx,
        sql`select before, after from intel_tombstones where id = ${added.body.indicatorId} and reason = 'scope-changed' order by seq`));
      expect(tombstones.at(-1)).toMatchObject({ before: { distribution: 'group', group_id: group.id }, after: { distribution: 'organisation' } });
      // The entry's relationships follow (a new version each); the file observable keeps the scope it was first stored with.
      const relationships = await t.platform.db.tx(INSTANCE, (tx) => rows<{ distribution: string }>(tx,
        sql`select distribution from intel_objects where is_latest and type = 'relationship' and object->>'source_ref' = ${added.body.indicatorId}`));
      expect(relationships.length).toBeGreaterThan(0);
      expect(new Set(relationships.map((r) => r.distribution))).toEqual(new Set(['organisation']));
      const history = await a<MediaEntryHistory>('GET', `/api/v1/media/entries/${added.body.id}/history`);
      expect(history.body.changes.at(-1)).toMatchObject({ action: 'republish', fields: { distribution: { from: 'group', to: 'organisation' }, group: { from: group.id, to: null } } });

      // Into another group (A and C): C receives it, B still does not.
      const other = (await a<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'Fact-checkers', members: [{ org: c.slug }] })).body;
      const moved = await a<MediaBank>('PATCH', `/api/v1/media/banks/${bank.body.id}`, { distribution: 'group', group: other.id });
      expect(moved.body).toMatchObject({ distribution: 'group', group: other.id });
      expect((await upload(c.token)).verdict).toBe('known-fake');
      expect(await sharedIds(c.call)).toEqual([added.body.indicatorId]);
      expect((await upload(b.token)).verdict).toBe('unknown');

      // The same bank back in the first group: B again, C no longer.
      await a<MediaBank>('PATCH', `/api/v1/media/banks/${bank.body.id}`, { group: group.id });
      expect((await upload(b.token)).verdict).toBe('known-fake');
      expect((await upload(c.token)).verdict).toBe('unknown');
    }, 120_000);

    it('refuses an unknown group, a group of other organisations, and a group beside another distribution', async () => {
      const unknown = await a<{ detail: string }>('POST', '/api/v1/media/banks', { name: 'Nowhere', group: randomUUID() });
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toContain('sharing group');
      // A group of B and C only is not A's to share with.
      const bc = await b.call<SharingGroup>('POST', '/api/v1/intel/sharing-groups', { name: 'B and C', members: [{ org: c.slug }] });
      if (bc.status === 201) expect((await a('POST', '/api/v1/media/banks', { name: 'Not ours', group: bc.body.id })).status).toBe(404);
      const mixed = await a<{ detail: string }>('POST', '/api/v1/media/banks', { name: 'Mixed', distribution: 'community', group: randomUUID() });
      expect(mixed.status).toBe(400);
      expect(mixed.body.detail).toContain('group is for distribution group');
      const bare = await a<{ detail: string }>('POST', '/api/v1/media/banks', { name: 'Bare', distribution: 'group' });
      expect(bare.status).toBe(400);
      expect(bare.body.detail).toContain('needs group');
      expect((await a<MediaBankList>('GET', '/api/v1/media/banks')).body.banks.map((x) => x.name)).not.toEqual(expect.arrayContaining(['Nowhere']));

      const bank = await a<MediaBank>('POST', '/api/v1/media/banks', { name: 'Stays put', distribution: 'community' });
      expect((await a('PATCH', `/api/v1/media/banks/${bank.body.id}`, { group: randomUUID() })).status).toBe(404);
      expect((await a('PATCH', `/api/v1/media/banks/${bank.body.id}`, { distribution: 'group' })).status).toBe(400);
      expect((await a<MediaBank>('GET', `/api/v1/media/banks/${bank.body.id}`)).body).toMatchObject({ distribution: 'community', group: null });
    }, 60_000);
  });
}
