// Hash banks and media checks end to end over HTTP: a bank, a check of an image (unknown), the image
// added from the check, checks of the same image, a rotated copy and a near hash (known fake / near
// match with the entry's context), another organisation that does not receive the bank, edits and a
// withdrawal with their history, a community bank seen by the other organisation, deleting a bank (its
// entries withdrawn with their history, matching nothing, its name free again), limits and bad input.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditPage, DeletedMediaBank, IntelObjectDetail, MediaBank, MediaBankEntry, MediaBankEntryList, MediaBankList, MediaCheck, MediaEntryHistory, SharedMediaEntryList,
} from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { pictureRgba, png, rotate90 } from '../check/test-images.ts';

type Call = ReturnType<typeof client>;

const W = 320;
const H = 240;
const original = pictureRgba(W, H, 7);
const image = png(W, H, original);
const turned = rotate90(W, H, original);
const rotated = png(turned.width, turned.height, turned.rgba);
const unrelated = png(W, H, pictureRgba(W, H, 99));

function flipBits(hex: string, n: number): string {
  const bits = [...hex].map((c) => parseInt(c, 16).toString(2).padStart(4, '0')).join('').split('');
  for (let i = 0; i < n; i++) bits[i * 7] = bits[i * 7] === '1' ? '0' : '1';
  return bits.join('').match(/.{4}/g)!.map((b) => parseInt(b, 2).toString(16)).join('');
}

for (const tier of databaseTiers()) {
  describe(`media banks and checks (${tier.name})`, () => {
    let t: TestApp;
    let root: Call;
    let other: Call;
    let otherToken: string;
    let files: Server;
    let filesUrl: string;

    const upload = async (token: string, bytes: Uint8Array, name: string) => {
      const res = await fetch(`${t.url}/api/v1/media/check?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: bytes });
      return { status: res.status, body: (await res.json()) as MediaCheck & { code?: string; detail?: string } };
    };

    beforeAll(async () => {
      t = await startTestApp(tier, { env: { BULWARK_MEDIA_MAX_UPLOAD_BYTES: '2000000', BULWARK_EGRESS_ALLOW: '127.0.0.0/8' } });
      root = client(t.url, { token: t.adminToken });
      const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency B', slug: 'agency-b' });
      const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@b.example', role: 'analyst', organisationId: org.body.id });
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@b.example', password: user.body.password }) });
      const info = (await login.json()) as { csrfToken: string };
      const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
      otherToken = key.body.token;
      other = client(t.url, { token: otherToken });
      files = createServer((req, res) => {
        if (req.url === '/fake.png') res.writeHead(200, { 'content-type': 'image/png' }).end(image);
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
      filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    }, 120_000);
    afterAll(async () => {
      files?.close();
      await t?.close();
    });

    it('finds an image added to a bank again, rotated, and near, with its context; the other organisation does not', async () => {
      const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Known deepfakes — 2026 election', tlp: 'AMBER' });
      expect(bank.status).toBe(201);
      expect(bank.body).toMatchObject({ name: 'Known deepfakes — 2026 election', tlp: 'AMBER', distribution: 'organisation', entries: 0 });
      expect((await root('POST', '/api/v1/media/banks', { name: 'known DEEPFAKES — 2026 election' })).status).toBe(409);

      const first = await upload(t.adminToken, image, 'speech.png');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ name: 'speech.png', kind: 'image', type: 'image/png', verdict: 'unknown', matches: [], retained: false });
      expect(first.body.hashes.pdq).toMatch(/^[0-9a-f]{64}$/);
      expect(first.body.hashes.pdqQuality).toBeGreaterThanOrEqual(50);
      expect(first.body.provenance).toMatchObject({ hasManifest: false, aiGenerated: false });

      const added = await root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, {
        checkId: first.body.id, title: 'Fabricated speech still', narrative: 'The minister announces the election is postponed', actor: 'Storm-1516', campaign: 'Election 2026 doppelganger', disarm: ['T0086.002', 'T0087'], source: 'https://social.example/post/1', firstSeen: '2026-10-01T08:00:00.000Z',
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body).toMatchObject({ status: 'active', kind: 'image', version: 1, tlp: 'AMBER', disarm: ['T0086.002', 'T0087'] });
      expect(added.body.hashes.sha256).toBe(first.body.hashes.sha256);

      // The entry is a STIX indicator in the intel store: PDQ pattern with its distance, context, TLP.
      const ind = await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${added.body.indicatorId}`);
      expect(ind.status).toBe(200);
      expect(ind.body.object).toMatchObject({ type: 'indicator', pattern_type: 'pdq-hamming-31', pattern: first.body.hashes.pdq, x_bulwark_media: { narrative: 'The minister announces the election is postponed', disarm: ['T0086.002', 'T0087'] } });
      expect(ind.body.summary).toMatchObject({ tlp: 'AMBER', distribution: 'organisation' });
      expect(ind.body.relationships.map((r) => r.relationshipType).sort()).toEqual(['indicates', 'indicates', 'related-to']);

      const again = await upload(t.adminToken, image, 'copy.png');
      expect(again.body.verdict).toBe('known-fake');
      expect(again.body.matches[0]).toMatchObject({ algorithm: 'sha256', strength: 'exact', entryId: added.body.id, local: true, narrative: 'The minister announces the election is postponed', actor: 'Storm-1516', tlp: 'AMBER', bank: 'Known deepfakes — 2026 election' });
      expect(again.body.summary).toContain('Known fake');

      const turnedCheck = await upload(t.adminToken, rotated, 'rotated.png');
      expect(turnedCheck.body.verdict).toBe('known-fake');
      expect(turnedCheck.body.matches[0]).toMatchObject({ algorithm: 'pdq', transform: expect.any(String), entryId: added.body.id });
      expect(turnedCheck.body.matches[0]!.distance).toBeLessThanOrEqual(10);

      const near = await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { pdq: flipBits(first.body.hashes.pdq!, 20) } });
      expect(near.body).toMatchObject({ verdict: 'near-match', matches: [{ algorithm: 'pdq', distance: 20, strength: 'near' }] });
      expect(near.body.summary).toContain('PDQ distance 20 of 256');
      const far = await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { pdq: flipBits(first.body.hashes.pdq!, 32) } });
      expect(far.body.verdict).toBe('unknown');
      expect((await upload(t.adminToken, unrelated, 'other.png')).body.verdict).toBe('unknown');

      // Organisation distribution: Agency B neither matches nor reads the entry.
      expect((await upload(otherToken, image, 'copy.png')).body.verdict).toBe('unknown');
      expect((await other('GET', `/api/v1/media/entries/${added.body.id}`)).status).toBe(404);
      expect((await other('GET', `/api/v1/media/banks/${bank.body.id}`)).status).toBe(404);
      expect((await other<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries).toEqual([]);

      // Fetched from a URL through the egress guard; private addresses outside the allow list are refused.
      const byUrl = await root<MediaCheck>('POST', '/api/v1/media/check/url', { url: `${filesUrl}/fake.png` });
      expect(byUrl.status, JSON.stringify(byUrl.body)).toBe(200);
      expect(byUrl.body).toMatchObject({ name: 'fake.png', verdict: 'known-fake' });
      const refused = await root<{ code: string }>('POST', '/api/v1/media/check/url', { url: 'http://10.1.2.3/fake.png' });
      expect(refused.status).toBe(502);
      expect(refused.body.code).toBe('EGRESS_REFUSED');
      expect((await root('POST', '/api/v1/media/check/url', { url: 'file:///etc/passwd' })).status).toBe(400);

      // Edit: a new version, shown in checks and history.
      const edited = await root<MediaBankEntry>('PATCH', `/api/v1/media/entries/${added.body.id}`, { narrative: 'Claims the election is postponed', disarm: ['T0086.002'] });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, narrative: 'Claims the election is postponed', disarm: ['T0086.002'] });
      expect((await upload(t.adminToken, image, 'copy.png')).body.matches[0]).toMatchObject({ narrative: 'Claims the election is postponed', disarm: ['T0086.002'] });
      const relsAfterEdit = await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${added.body.indicatorId}`);
      expect(relsAfterEdit.body.object['x_bulwark_media']).toMatchObject({ disarm: ['T0086.002'] });

      // Withdrawal: revoked in the store, no longer matched, recorded.
      const gone = await root<MediaBankEntry>('POST', `/api/v1/media/entries/${added.body.id}/withdraw`, { reason: 'authentic after all: the original was found' });
      expect(gone.body).toMatchObject({ status: 'withdrawn', version: 3, withdrawReason: 'authentic after all: the original was found' });
      expect((await upload(t.adminToken, image, 'copy.png')).body.verdict).toBe('unknown');
      expect((await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${added.body.indicatorId}`)).body.summary.revoked).toBe(true);
      expect((await root('PATCH', `/api/v1/media/entries/${added.body.id}`, { narrative: 'x' })).status).toBe(409);
      const history = await root<MediaEntryHistory>('GET', `/api/v1/media/entries/${added.body.id}/history`);
      expect(history.body.changes.map((c) => [c.version, c.action])).toEqual([[1, 'add'], [2, 'edit'], [3, 'withdraw']]);
      expect(history.body.changes[1]!.fields).toEqual({
        narrative: { from: 'The minister announces the election is postponed', to: 'Claims the election is postponed' },
        disarm: { from: ['T0086.002', 'T0087'], to: ['T0086.002'] },
      });
      expect(history.body.changes[2]!.note).toBe('authentic after all: the original was found');
      const list = await root<MediaBankEntryList>('GET', `/api/v1/media/banks/${bank.body.id}/entries?status=all`);
      expect(list.body.total).toBe(1);
      expect((await root<MediaBank>('GET', `/api/v1/media/banks/${bank.body.id}`)).body).toMatchObject({ entries: 0, withdrawn: 1 });
    }, 120_000);

    it('shares a community bank with the other organisation of the instance', async () => {
      const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Shared at home', tlp: 'GREEN', distribution: 'community' });
      const hashes = { sha256: 'ab'.repeat(32), pdq: 'f'.repeat(16) + '0'.repeat(48) };
      const added = await root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes, title: 'Doctored map', actor: 'Unknown' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      const seen = await other<SharedMediaEntryList>('GET', '/api/v1/media/shared');
      expect(seen.body.entries).toEqual([expect.objectContaining({ indicatorId: added.body.indicatorId, title: 'Doctored map', bank: 'Shared at home', local: true, tlp: 'GREEN', hashes: expect.objectContaining({ sha256: 'ab'.repeat(32), pdq: hashes.pdq }) })]);
      const check = await other<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: 'ab'.repeat(32) } });
      expect(check.body).toMatchObject({ verdict: 'known-fake', matches: [{ entryId: null, title: 'Doctored map', algorithm: 'sha256' }] });
      // Narrowed to the organisation: a new version that Agency B no longer receives.
      const narrowed = await root<MediaBank>('PATCH', `/api/v1/media/banks/${bank.body.id}`, { distribution: 'organisation' });
      expect(narrowed.body.distribution).toBe('organisation');
      expect((await other<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: 'ab'.repeat(32) } })).body.verdict).toBe('unknown');
      expect((await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: 'ab'.repeat(32) } })).body.verdict).toBe('known-fake');
      const history = await root<MediaEntryHistory>('GET', `/api/v1/media/entries/${added.body.id}/history`);
      expect(history.body.changes.at(-1)).toMatchObject({ action: 'republish', fields: { distribution: { from: 'community', to: 'organisation' } } });
    }, 60_000);

    it('deletes a bank: every entry withdrawn with its history, nothing matches, the bank leaves the list, its name is free', async () => {
      const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Campaign 2025 fakes', tlp: 'GREEN', distribution: 'community' });
      const add = (hashes: object, title: string) => root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes, title });
      const one = await add({ sha256: '1d'.repeat(32), pdq: 'e'.repeat(16) + '1'.repeat(48) }, 'Doctored poster');
      const two = await add({ md5: '2e'.repeat(16) }, 'Cloned voice');
      const old = await add({ sha256: '3f'.repeat(32) }, 'Withdrawn before');
      expect([one.status, two.status, old.status]).toEqual([201, 201, 201]);
      await root('POST', `/api/v1/media/entries/${old.body.id}/withdraw`, { reason: 'authentic' });
      const seen = async (call: Call) => (await call<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: '1d'.repeat(32) } })).body.verdict;
      expect(await seen(root)).toBe('known-fake');
      expect(await seen(other)).toBe('known-fake');
      expect((await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { md5: '2e'.repeat(16) } })).body.verdict).toBe('known-fake');

      // Another organisation, or an unknown bank: not found; nothing is withdrawn.
      expect((await other('DELETE', `/api/v1/media/banks/${bank.body.id}`)).status).toBe(404);
      expect((await root('DELETE', '/api/v1/media/banks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect(await seen(root)).toBe('known-fake');

      const deleted = await root<DeletedMediaBank>('DELETE', `/api/v1/media/banks/${bank.body.id}`, { reason: 'the campaign is over' });
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      expect(deleted.body).toMatchObject({ withdrawn: 2, bank: { id: bank.body.id, name: 'Campaign 2025 fakes', entries: 0, withdrawn: 3, deletedAt: expect.any(String) } });

      // Matches nothing, here or at the organisation it was shared with; revoked in the store.
      expect(await seen(root)).toBe('unknown');
      expect(await seen(other)).toBe('unknown');
      expect((await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { md5: '2e'.repeat(16) } })).body.verdict).toBe('unknown');
      expect((await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${one.body.indicatorId}`)).body.summary.revoked).toBe(true);
      expect((await other<SharedMediaEntryList>('GET', '/api/v1/media/shared')).body.entries.map((e) => e.indicatorId)).not.toContain(one.body.indicatorId);

      // Entries and their history stay readable; each active one got a withdrawal with the reason.
      for (const e of [one.body, two.body]) {
        const now = await root<MediaBankEntry>('GET', `/api/v1/media/entries/${e.id}`);
        expect(now.body).toMatchObject({ status: 'withdrawn', version: 2, withdrawReason: 'bank deleted: the campaign is over' });
        const history = await root<MediaEntryHistory>('GET', `/api/v1/media/entries/${e.id}/history`);
        expect(history.body.changes.map((c) => [c.version, c.action, c.note])).toEqual([[1, 'add', null], [2, 'withdraw', 'bank deleted: the campaign is over']]);
      }
      expect((await root<MediaEntryHistory>('GET', `/api/v1/media/entries/${old.body.id}/history`)).body.changes.map((c) => c.action)).toEqual(['add', 'withdraw']);
      expect((await root<MediaBankEntryList>('GET', `/api/v1/media/banks/${bank.body.id}/entries?status=all`)).body.total).toBe(3);
      expect((await root<MediaBank>('GET', `/api/v1/media/banks/${bank.body.id}`)).body.deletedAt).toBe(deleted.body.bank.deletedAt);

      // Out of the list (listed among the deleted ones); no entries, edits or second deletion.
      expect((await root<MediaBankList>('GET', '/api/v1/media/banks')).body.banks.map((b) => b.id)).not.toContain(bank.body.id);
      expect((await root<MediaBankList>('GET', '/api/v1/media/banks?deleted=true')).body.banks.map((b) => b.id)).toEqual([bank.body.id]);
      const refused = await add({ sha256: '4a'.repeat(32) }, 'late');
      expect(refused.status).toBe(409);
      expect((refused.body as unknown as { detail: string }).detail).toContain('was deleted');
      expect((await root('PATCH', `/api/v1/media/banks/${bank.body.id}`, { description: 'x' })).status).toBe(409);
      expect((await root('PATCH', `/api/v1/media/entries/${one.body.id}`, { title: 'x' })).status).toBe(409);
      expect((await root('DELETE', `/api/v1/media/banks/${bank.body.id}`)).status).toBe(409);
      expect((await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: '4a'.repeat(32) } })).body.verdict).toBe('unknown');

      // The name is free again, for a new bank and for a renamed one; the reason may also come in the query.
      const again = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'campaign 2025 FAKES' });
      expect(again.status).toBe(201);
      const gone = await root<DeletedMediaBank>('DELETE', `/api/v1/media/banks/${again.body.id}?reason=${encodeURIComponent('made by mistake')}`);
      expect(gone.body).toMatchObject({ withdrawn: 0, bank: { entries: 0, withdrawn: 0 } });
      const renamed = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Temporary' });
      expect((await root<MediaBank>('PATCH', `/api/v1/media/banks/${renamed.body.id}`, { name: 'Campaign 2025 fakes' })).status).toBe(200);
      expect((await root<MediaBankList>('GET', '/api/v1/media/banks?deleted=true')).body.banks.map((b) => b.id).sort()).toEqual([bank.body.id, again.body.id].sort());
      expect((await root(`DELETE`, `/api/v1/media/banks/${renamed.body.id}?reason=a`, { reason: 'b' })).status).toBe(400);

      // Audited: the deletion, and each withdrawal it made.
      const audit = await root<AuditPage>('GET', '/api/v1/audit?action=media.bank.delete');
      expect(audit.body.entries.map((a) => a.details)).toEqual(expect.arrayContaining([
        { bank: bank.body.id, name: 'Campaign 2025 fakes', withdrawn: 2, reason: 'the campaign is over' },
        { bank: again.body.id, name: 'campaign 2025 FAKES', withdrawn: 0, reason: 'made by mistake' },
      ]));
      const withdrawals = await root<AuditPage>('GET', '/api/v1/audit?action=media.entry.withdraw');
      expect(withdrawals.body.entries.map((a) => (a.details as { entry: string }).entry)).toEqual(expect.arrayContaining([one.body.id, two.body.id]));
    }, 120_000);

    it('deleting a bank while its entries are edited leaves every entry withdrawn and revoked, whatever the order', async () => {
      const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Busy bank' });
      const entries: MediaBankEntry[] = [];
      for (let i = 0; i < 8; i++) entries.push((await root<MediaBankEntry>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: { sha256: `${i}a`.repeat(32) }, title: `busy ${i}` })).body);
      const [deleted, ...edits] = await Promise.all([
        root<DeletedMediaBank>('DELETE', `/api/v1/media/banks/${bank.body.id}`),
        // Staggered, so that edits meet the deletion at different steps of its withdrawals.
        ...entries.map(async (e, i) => {
          await new Promise((r) => setTimeout(r, i * 25));
          return root('PATCH', `/api/v1/media/entries/${e.id}`, { narrative: `edited ${i}`, actor: `actor ${i}` });
        }),
      ]);
      for (const ed of edits) expect([200, 409]).toContain(ed.status);
      // A deletion that met an edit stops with 409 and is simply repeated.
      if (deleted.status !== 200) {
        expect(deleted.status).toBe(409);
        expect((await root('DELETE', `/api/v1/media/banks/${bank.body.id}`)).status).toBe(200);
      }
      for (const e of entries) {
        expect((await root<MediaBankEntry>('GET', `/api/v1/media/entries/${e.id}`)).body.status).toBe('withdrawn');
        expect((await root<IntelObjectDetail>('GET', `/api/v1/intel/objects/${e.indicatorId}`)).body.summary.revoked).toBe(true);
        expect((await root<MediaCheck>('POST', '/api/v1/media/check/hashes', { hashes: { sha256: e.hashes.sha256 } })).body.verdict).toBe('unknown');
      }
    }, 60_000);

    it('refuses bad input with the reason, and keeps the checks it made', async () => {
      const bank = await root<MediaBank>('POST', '/api/v1/media/banks', { name: 'Limits' });
      expect((await root<{ detail: string }>('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { title: 'no hash' })).status).toBe(400);
      expect((await root('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: { pdq: 'xyz' } })).status).toBe(400);
      expect((await root('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { hashes: { sha256: 'ab'.repeat(32) }, disarm: ['not-an-id'] })).status).toBe(400);
      expect((await root('POST', `/api/v1/media/banks/${bank.body.id}/entries`, { checkId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      const empty = await upload(t.adminToken, new Uint8Array(0), 'empty.bin');
      expect(empty.status).toBe(400);
      const big = await upload(t.adminToken, new Uint8Array(2_000_001), 'big.bin');
      expect(big.status).toBe(413);
      const junk = await upload(t.adminToken, new TextEncoder().encode('not an image at all'), 'notes.txt');
      expect(junk.status).toBe(200);
      expect(junk.body).toMatchObject({ kind: 'other', verdict: 'unknown' });
      expect(junk.body.hashes.sha256).toMatch(/^[0-9a-f]{64}$/);
      const broken = await upload(t.adminToken, image.subarray(0, 300), 'broken.png');
      expect(broken.status).toBe(200);
      expect(broken.body.problems.join(' ')).toMatch(/decoding/);
      const recent = await root<{ checks: MediaCheck[] }>('GET', '/api/v1/media/checks?limit=500');
      expect(recent.body.checks.map((c) => c.name)).toContain('broken.png');
      expect((await other('GET', `/api/v1/media/checks/${junk.body.id}`)).status).toBe(404);
      expect((await fetch(`${t.url}/api/v1/media/banks`)).status).toBe(401);
    }, 60_000);
  });
}
