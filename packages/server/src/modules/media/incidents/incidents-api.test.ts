// DISARM and disinformation incidents through the API, on every database tier: the DISARM import (only
// instance administrators; idempotent; read by every user, filtered), incidents created, listed, changed
// and deleted with every change audited, unknown techniques and other organisations' media refused,
// another organisation's incident "not found", and the STIX export validated and stable.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisarmCatalogue, DisarmImportReport, MediaIncident, MediaIncidentList, NewMediaIncident } from '@bulwark/contracts';
import { INSTANCE, rows } from '../../../platform/index.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import { databaseTiers } from '../../../testing/databases.ts';
import { hasErrors, validateObject } from '../../intel/stix/index.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const FILE = join(CORPORA, 'disarm/DISARM.json');
const present = existsSync(FILE);
if (!present) console.log(`DISARM corpus absent (${FILE}): the API tests import a four-technique bundle instead of DISARM's.`);

/** Used when the corpus is absent: the same ids and STIX ids as DISARM's bundle, four techniques. */
const MINI = {
  type: 'bundle', id: 'bundle--4b8b0d29-e85e-4299-81d4-749033173d09',
  objects: [
    { type: 'x-mitre-tactic', spec_version: '2.1', id: 'x-mitre-tactic--1ed7bc00-68bf-42dd-9954-09e7957a1f02', created: '2024-11-22T16:43:58.074918Z', modified: '2024-11-22T16:43:58.074918Z', name: 'Develop Content', x_mitre_shortname: 'develop-content', external_references: [{ source_name: 'DISARM', external_id: 'TA06' }] },
    ...[['T0086', '5f8a5d7e-fc17-48f2-a6fa-38fcf7843bdf'], ['T0086.002', '7b6c328e-b050-4d76-8e11-ff3b3fe7dea3'], ['T0087', 'ce4a9eee-7437-43ce-ac86-c1921f5c01a7'], ['T0087.001', 'c4e7d976-071a-4973-833e-3badef32b8c5']].map(([t, u]) => ({
      type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${u}`, created: '2024-11-22T16:43:58.079782Z', modified: '2024-11-22T16:43:58.079782Z',
      name: `Technique ${t} (Deepfakes)`, description: 'Deepfakes<br>and more', kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'develop-content' }],
      external_references: [{ source_name: 'mitre-attack', external_id: t }], x_mitre_is_subtechnique: t!.includes('.'),
    })),
  ],
};
const BUNDLE: Buffer = present ? readFileSync(FILE) : Buffer.from(JSON.stringify(MINI));
const EXPECTED = present ? { received: 698, techniques: 391, tactics: 16 } : { received: 5, techniques: 4, tactics: 1 };

for (const tier of databaseTiers()) {
  describe(`DISARM and disinformation incidents API (${tier.name})`, () => {
    let t: TestApp;
    let root: ReturnType<typeof client>;
    let other: ReturnType<typeof client>;
    let homeOrg: string;
    let early: string;
    let otherOrg: string;
    const media: Record<string, string> = {};
    const importDisarm = (call: ReturnType<typeof client>, body: string | Buffer, type = 'application/json') =>
      call<DisarmImportReport & { detail?: string }>('POST', '/api/v1/media/disarm', body.toString(), { 'content-type': type });
    const auditActions = async (target?: string) => (await t.database.db.tx(INSTANCE, (tx) => rows<{ action: string; details: Record<string, unknown> }>(tx,
      sql`select action, details from audit_log where action like 'media.%' ${target ? sql`and target = ${target}` : sql``} order by seq`)));

    /** A bank with one entry and a check, written directly (the bank and check APIs are tested on their own). */
    async function seedMedia(orgId: string, prefix: string): Promise<{ entry: string; check: string; indicator: string }> {
      return t.database.db.tx(INSTANCE, async (tx) => {
        const [bank] = await rows<{ id: string }>(tx, sql`insert into media_banks (org_id, name, tlp, distribution) values (${orgId}, ${`${prefix} fakes`}, 'AMBER', 'organisation') returning id`);
        const indicator = `indicator--${randomUUID()}`;
        const hashes = { sha256: `${prefix}`.repeat(64).slice(0, 64), md5: 'b'.repeat(32), pdq: 'c'.repeat(64) };
        const [entry] = await rows<{ id: string }>(tx, sql`insert into media_bank_entries (bank_id, org_id, kind, title, hashes, sha256, tlp, indicator_id)
          values (${bank!.id}, ${orgId}, 'image', 'frame of the fake', ${JSON.stringify(hashes)}::jsonb, ${hashes.sha256}, 'AMBER', ${indicator}) returning id`);
        const [check] = await rows<{ id: string }>(tx, sql`insert into media_checks (org_id, name, kind, type, bytes, hashes, verdict, summary, matches)
          values (${orgId}, 'clip.mp4', 'video', 'video/mp4', 1000, ${JSON.stringify({ sha256: 'e'.repeat(64) })}::jsonb, 'unknown', 'not known', '[]'::jsonb) returning id`);
        return { entry: entry!.id, check: check!.id, indicator };
      });
    }

    beforeAll(async () => {
      t = await startTestApp(tier);
      root = client(t.url, { token: t.adminToken });
      homeOrg = (await root<Array<{ id: string; isHome: boolean }>>('GET', '/api/v1/organisations')).body.find((o) => o.isHome)!.id;
      const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency B', slug: 'agency-b' });
      otherOrg = org.body.id;
      const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@b.example', role: 'analyst', organisationId: otherOrg });
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@b.example', password: user.body.password }) });
      const info = (await login.json()) as { csrfToken: string };
      const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
      other = client(t.url, { token: key.body.token });
      const a = await seedMedia(homeOrg, 'a');
      const b = await seedMedia(otherOrg, 'f');
      Object.assign(media, { entryA: a.entry, checkA: a.check, indicatorA: a.indicator, entryB: b.entry, checkB: b.check });
    }, 120_000);
    afterAll(async () => t?.close());

    it('accepts any well-formed technique id while no DISARM catalogue is imported', async () => {
      const made = await root<MediaIncident>('POST', '/api/v1/media/incidents', { title: 'before the catalogue', techniques: ['T9999'] });
      expect(made.status).toBe(201);
      expect(made.body.techniqueDetails).toEqual([{ id: 'T9999', name: null, tacticId: null }]);
      early = made.body.id;
      const bad = await root<{ code: string }>('POST', '/api/v1/media/incidents', { title: 'x', techniques: ['TA06'] });
      expect(bad.status).toBe(400);
    });

    it('lets only instance administrators import, and refuses what is not a DISARM bundle, saying why', async () => {
      expect((await importDisarm(other, BUNDLE)).status).toBe(403);
      const report = await importDisarm(root, JSON.stringify({ type: 'report', objects: [] }));
      expect(report.status).toBe(400);
      expect(report.body.detail).toBe('not a DISARM bundle: $.type: expected "bundle", not "report"');
      const broken = await importDisarm(root, '{"type": "bundle", "objects": [');
      expect(broken.body.detail).toMatch(/^not a DISARM bundle: \$: not JSON/);
      const empty = await importDisarm(root, JSON.stringify({ type: 'bundle', id: MINI.id, objects: [] }));
      expect(empty.body.detail).toContain('holds no DISARM techniques');
      expect((await importDisarm(root, 'hello', 'text/plain')).status).toBe(415);
      expect((await root<DisarmCatalogue>('GET', '/api/v1/media/disarm')).body).toMatchObject({ total: 0, importedAt: null, techniques: [], tactics: [] });
    });

    it('imports DISARM, and again without changing anything; the import is audited', async () => {
      const first = await importDisarm(root, BUNDLE);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toEqual({ ...EXPECTED, added: EXPECTED.techniques + EXPECTED.tactics, updated: 0, unchanged: 0, defects: [] });
      const again = await importDisarm(root, BUNDLE);
      expect(again.body).toEqual({ ...EXPECTED, added: 0, updated: 0, unchanged: EXPECTED.techniques + EXPECTED.tactics, defects: [] });
      const audits = (await auditActions()).filter((a) => a.action === 'media.disarm.import');
      expect(audits.map((a) => a.details['added'])).toEqual([EXPECTED.techniques + EXPECTED.tactics, 0]);
      // A changed name is an update of that one technique; a bad object is skipped and reported.
      const changed = JSON.parse(BUNDLE.toString()) as { objects: Array<Record<string, unknown>> };
      const at = changed.objects.findIndex((o) => o['id'] === 'attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3');
      changed.objects[at] = { ...changed.objects[at], name: 'Develop AI-Generated Images (Deepfakes) v2' };
      changed.objects.push({ type: 'attack-pattern', id: 'attack-pattern--00000000-0000-4000-8000-000000000001', name: 'no DISARM id' });
      const third = await importDisarm(root, JSON.stringify(changed));
      expect(third.body).toMatchObject({ added: 0, updated: 1, unchanged: EXPECTED.techniques + EXPECTED.tactics - 1 });
      expect(third.body.defects).toEqual([{ index: changed.objects.length - 1, id: 'attack-pattern--00000000-0000-4000-8000-000000000001', path: `$.objects[${changed.objects.length - 1}].external_references`, message: 'no external reference with a DISARM technique id (T0000 or T0000.000)' }]);
      expect((await importDisarm(root, BUNDLE)).body).toMatchObject({ updated: 1, added: 0 });
    }, 120_000);

    it('gives every user the catalogue, filtered by text and by tactic (id, shortname or name)', async () => {
      const all = await other<DisarmCatalogue>('GET', '/api/v1/media/disarm');
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(EXPECTED.techniques);
      expect(all.body.techniques).toHaveLength(EXPECTED.techniques);
      expect(all.body.tactics).toHaveLength(EXPECTED.tactics);
      expect(all.body.importedAt).not.toBeNull();
      expect(all.body.attribution).toContain('CC BY-SA 4.0');
      const deepfake = all.body.techniques.find((x) => x.id === 'T0086.002')!;
      expect(deepfake).toMatchObject({ tacticId: 'TA06', tacticShortname: 'develop-content', parentId: 'T0086', subtechnique: true, stixId: 'attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3' });
      expect(deepfake.description).not.toContain('<br');
      const byId = await other<DisarmCatalogue>('GET', '/api/v1/media/disarm?tactic=TA06');
      const byShort = await other<DisarmCatalogue>('GET', '/api/v1/media/disarm?tactic=develop-content');
      const byName = await other<DisarmCatalogue>('GET', '/api/v1/media/disarm?tactic=Develop%20Content');
      expect(byId.body.techniques.length).toBeGreaterThanOrEqual(3);
      expect(byId.body.techniques.every((x) => x.tacticId === 'TA06')).toBe(true);
      expect(byShort.body.techniques).toEqual(byId.body.techniques);
      expect(byName.body.techniques).toEqual(byId.body.techniques);
      const q = await other<DisarmCatalogue>('GET', '/api/v1/media/disarm?q=deepfakes');
      expect(q.body.techniques.map((x) => x.id)).toEqual(expect.arrayContaining(['T0086.002', 'T0087.001']));
      expect((await other<DisarmCatalogue>('GET', '/api/v1/media/disarm?q=100%25_')).body.techniques).toEqual([]);
    });

    let incident: MediaIncident;
    const full: NewMediaIncident = {
      title: 'Fake video of the prime minister', summary: 'A face-swapped video <b>spread</b> two days before the vote.', status: 'open',
      firstSeen: '2026-05-01T08:00:00.000Z', lastSeen: '2026-05-03T20:00:00.000Z', tlp: 'AMBER', campaign: 'Operation Mirror',
      narratives: ['The election is rigged', 'The election is rigged', 'The prime minister has resigned'],
      channels: [
        { platform: 'Telegram', name: '@newsflash', url: 'https://t.me/newsflash', kind: 'messaging-channel', attribution: 'state-aligned', actor: 'Actor X' },
        { platform: 'web', name: 'fake-news.example', url: 'https://fake-news.example/', kind: 'website', attribution: 'unattributed' },
      ],
      actors: [{ name: 'Actor X', confidence: 70, description: 'a state-linked network' }],
      techniques: ['T0086.002', 'T0087.001'], notes: 'first seen on Telegram',
    };

    it('creates, lists, reads, changes and deletes incidents; every change is audited', async () => {
      const made = await root<MediaIncident>('POST', '/api/v1/media/incidents', { ...full, mediaEntries: [media['entryA']], mediaChecks: [media['checkA']] });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      incident = made.body;
      expect(incident).toMatchObject({ title: full.title, status: 'open', narratives: ['The election is rigged', 'The prime minister has resigned'], mediaEntries: [media['entryA']], mediaChecks: [media['checkA']] });
      expect(incident.techniqueDetails[0]).toMatchObject({ id: 'T0086.002', tacticId: 'TA06' });
      expect(incident.createdBy).toBe(incident.updatedBy);

      const list = await root<MediaIncidentList>('GET', '/api/v1/media/incidents?status=open&q=newsflash');
      expect(list.body.total).toBe(1);
      expect(list.body.incidents[0]).toMatchObject({ id: incident.id, actors: ['Actor X'], techniques: ['T0086.002', 'T0087.001'], media: 2, narratives: 2, channels: 2 });
      expect((await root<MediaIncidentList>('GET', '/api/v1/media/incidents?status=closed')).body.total).toBe(0);
      expect((await root<MediaIncidentList>('GET', '/api/v1/media/incidents?q=%25')).body.total).toBe(0);

      const patched = await root<MediaIncident>('PATCH', `/api/v1/media/incidents/${incident.id}`, { status: 'investigating', techniques: ['T0086.002'] });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ status: 'investigating', techniques: ['T0086.002'], title: full.title, channels: full.channels });
      expect(Date.parse(patched.body.updatedAt)).toBeGreaterThan(Date.parse(incident.updatedAt));
      const same = await root<MediaIncident>('PATCH', `/api/v1/media/incidents/${incident.id}`, { status: 'investigating' });
      expect(same.body.updatedAt).toBe(patched.body.updatedAt);
      expect((await root<MediaIncident>('GET', `/api/v1/media/incidents/${incident.id}`)).body).toEqual(patched.body);
      incident = patched.body;

      // What was linked before stays linkable: a technique recorded before the catalogue, a bank entry deleted since.
      const closed = await root<MediaIncident>('PATCH', `/api/v1/media/incidents/${early}`, { status: 'closed' });
      expect(closed.body).toMatchObject({ status: 'closed', techniques: ['T9999'] });
      const added = await root<{ detail: string }>('PATCH', `/api/v1/media/incidents/${early}`, { techniques: ['T9999', 'T9998'] });
      expect(added.body.detail).toBe('unknown DISARM technique T9998 (not in the imported DISARM catalogue)');
      const gone = await seedMedia(homeOrg, 'd');
      expect((await root('PATCH', `/api/v1/media/incidents/${early}`, { mediaEntries: [gone.entry] })).status).toBe(200);
      await t.database.db.tx(INSTANCE, (tx) => tx.execute(sql`delete from media_bank_entries where id = ${gone.entry}`));
      expect((await root<MediaIncident>('PATCH', `/api/v1/media/incidents/${early}`, { title: 'renamed' })).body).toMatchObject({ title: 'renamed', mediaEntries: [gone.entry] });
      expect((await root('GET', `/api/v1/media/incidents/${early}/stix`)).status).toBe(200);
      expect((await root('DELETE', `/api/v1/media/incidents/${early}`)).status).toBe(204);

      const throwaway = await root<MediaIncident>('POST', '/api/v1/media/incidents', { title: 'to delete' });
      expect((await root('DELETE', `/api/v1/media/incidents/${throwaway.body.id}`)).status).toBe(204);
      expect((await root('GET', `/api/v1/media/incidents/${throwaway.body.id}`)).status).toBe(404);
      expect((await root('DELETE', `/api/v1/media/incidents/${throwaway.body.id}`)).status).toBe(404);

      expect((await auditActions(incident.id)).map((a) => [a.action, a.details['fields'] ?? null])).toEqual([
        ['media.incident.create', null],
        ['media.incident.update', ['status', 'techniques']],
      ]);
      expect((await auditActions(throwaway.body.id)).map((a) => a.action)).toEqual(['media.incident.create', 'media.incident.delete']);
    });

    it('refuses unknown techniques (naming them), another organisation\'s media, and dates out of order', async () => {
      const unknown = await root<{ detail: string; unknownTechniques: string[] }>('POST', '/api/v1/media/incidents', { title: 'x', techniques: ['T0086.002', 'T9999', 'T0001.999'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.detail).toBe('unknown DISARM techniques T9999, T0001.999 (not in the imported DISARM catalogue)');
      expect(unknown.body.unknownTechniques).toEqual(['T9999', 'T0001.999']);
      const patch = await root<{ detail: string }>('PATCH', `/api/v1/media/incidents/${incident.id}`, { techniques: ['T9998'] });
      expect(patch.body.detail).toContain('T9998');
      const entry = await root<{ detail: string }>('POST', '/api/v1/media/incidents', { title: 'x', mediaEntries: [media['entryB']] });
      expect(entry.status).toBe(400);
      expect(entry.body.detail).toBe(`mediaEntries: no hash-bank entry ${media['entryB']} in your organisation`);
      const check = await root<{ detail: string }>('POST', '/api/v1/media/incidents', { title: 'x', mediaChecks: [media['checkB']] });
      expect(check.body.detail).toBe(`mediaChecks: no media check ${media['checkB']} in your organisation`);
      const dates = await root<{ detail: string }>('POST', '/api/v1/media/incidents', { title: 'x', firstSeen: '2026-05-03T00:00:00Z', lastSeen: '2026-05-01T00:00:00Z' });
      expect(dates.body.detail).toMatch(/lastSeen .* is before firstSeen/);
      const channelActor = await root<{ detail: string }>('POST', '/api/v1/media/incidents', { title: 'x', channels: [{ platform: 'X', name: '@a', kind: 'social-media-account', actor: 'Nobody' }] });
      expect(channelActor.body.detail).toBe('channels[0].actor: "Nobody" is not one of the incident\'s actors');
      expect((await root('POST', '/api/v1/media/incidents', { title: 'x', channels: [{ platform: 'X', name: '@a', kind: 'blog' }] })).status).toBe(400);
      expect((await root<MediaIncidentList>('GET', '/api/v1/media/incidents')).body.total).toBe(1);
    });

    it('keeps an incident within its organisation: another one gets 404 by every route', async () => {
      const path = `/api/v1/media/incidents/${incident.id}`;
      expect((await other('GET', path)).status).toBe(404);
      expect((await other('PATCH', path, { title: 'mine now' })).status).toBe(404);
      expect((await other('GET', `${path}/stix`)).status).toBe(404);
      expect((await other('DELETE', path)).status).toBe(404);
      expect((await other<MediaIncidentList>('GET', '/api/v1/media/incidents')).body).toEqual({ incidents: [], total: 0 });
      // Its own incident may link its own media, not ours.
      const own = await other<MediaIncident>('POST', '/api/v1/media/incidents', { title: 'B\'s incident', mediaEntries: [media['entryB']] });
      expect(own.status).toBe(201);
      expect((await other('POST', '/api/v1/media/incidents', { title: 'x', mediaEntries: [media['entryA']] })).status).toBe(400);
      expect((await root('GET', `/api/v1/media/incidents/${own.body.id}`)).status).toBe(404);
      expect((await root('GET', path)).status).toBe(200);
    });

    it('exports the incident as a STIX 2.1 bundle that passes the validator, with DISARM\'s own ids and the same ids each time', async () => {
      const res = await fetch(`${t.url}/api/v1/media/incidents/${incident.id}/stix`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/stix+json;version=2.1');
      const text = await res.text();
      const bundle = JSON.parse(text) as { type: string; objects: Array<Record<string, unknown>> };
      expect(validateObject(bundle).filter((d) => d.severity === 'error')).toEqual([]);
      for (const o of bundle.objects) expect(hasErrors(validateObject(o)), String(o['id'])).toBe(false);
      const of = (type: string) => bundle.objects.filter((o) => o['type'] === type);
      expect(of('incident')[0]).toMatchObject({ id: `incident--${incident.id}`, name: full.title, x_fimi_status: 'investigating', object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'] });
      const pattern = of('attack-pattern')[0]!;
      expect(pattern['id']).toBe('attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3');
      if (present) {
        // As DISARM publishes it, with DISARM's identity and licence marking beside it.
        expect(pattern['created_by_ref']).toBe('identity--f1a0f560-2d9e-4c5d-bf47-7e96e805de82');
        expect(of('identity').map((o) => o['name'])).toContain('DISARM Foundation');
        expect(of('marking-definition').map((o) => o['id'])).toContain('marking-definition--f79f25d2-8b96-4580-b169-eb7b613a7c31');
      }
      expect(of('threat-actor').map((o) => o['name'])).toEqual(['Actor X']);
      expect(of('campaign').map((o) => o['name'])).toEqual(['Operation Mirror']);
      expect(of('infrastructure')).toHaveLength(2);
      expect(of('note').map((o) => o['content'])).toEqual(['The election is rigged', 'The prime minister has resigned', 'first seen on Telegram']);
      expect(of('file').map((o) => Object.keys(o['hashes'] as object).sort())).toEqual([['MD5', 'PDQ', 'SHA-256'], ['SHA-256']]);
      expect(of('relationship').some((r) => r['relationship_type'] === 'related-to' && r['target_ref'] === media['indicatorA'])).toBe(true);
      const again = await (await fetch(`${t.url}/api/v1/media/incidents/${incident.id}/stix`, { headers: { authorization: `Bearer ${t.adminToken}` } })).text();
      expect(again).toBe(text);
      expect((await root('GET', '/api/v1/media/incidents/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/stix')).status).toBe(404);
    });
  });
}
