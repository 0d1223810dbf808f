// The TAXII 2.1 server from outside, over HTTP: discovery, API root, collections, objects with every
// filter, pagination that neither skips nor repeats while others add objects, manifest, versions, single
// object, delete, add with status, media types (406/415/422), authentication (Bearer and Basic).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers } from '../../../testing/databases.ts';
import { startTestApp, type TestApp } from '../../../testing/app.ts';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api/';
const PUBLIC = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d05';
const ORG = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d02';

function indicator(n: number, modified = '2026-01-01T00:00:00.000Z', id = `indicator--${randomUUID()}`) {
  return {
    type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified,
    name: `bad address ${n}`, pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', indicator_types: ['malicious-activity'],
  };
}

for (const tier of databaseTiers()) {
  describe(`TAXII 2.1 server (${tier.name})`, () => {
    let t: TestApp;
    const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${t.adminToken}`, accept: TAXII, ...extra });
    async function get(path: string, extra: Record<string, string> = {}) {
      const res = await fetch(t.url + path, { headers: headers(extra) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    }
    async function add(collection: string, objects: unknown[], contentType = TAXII) {
      const res = await fetch(`${t.url}${ROOT}collections/${collection}/objects/`, { method: 'POST', headers: headers({ 'content-type': contentType }), body: JSON.stringify({ objects }) });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    }

    beforeAll(async () => {
      t = await startTestApp(tier);
    });
    afterAll(async () => t?.close());

    it('serves discovery, the API root and the collections, in the TAXII media type', async () => {
      const d = await get('/taxii2/');
      expect(d.status).toBe(200);
      expect(d.headers.get('content-type')).toBe(TAXII);
      expect(d.body).toMatchObject({ default: `${t.url}${ROOT}`, api_roots: [`${t.url}${ROOT}`] });
      const root = await get(ROOT);
      expect(root.body).toMatchObject({ versions: [TAXII], max_content_length: expect.any(Number) });
      const cols = await get(`${ROOT}collections/`);
      const list = cols.body['collections'] as Array<{ id: string; can_read: boolean; can_write: boolean; media_types: string[] }>;
      expect(list.length).toBeGreaterThanOrEqual(4);
      expect(list.every((c) => c.can_read && c.can_write && c.media_types[0] === 'application/stix+json;version=2.1')).toBe(true);
      expect((await get(`${ROOT}collections/${PUBLIC}/`)).body).toMatchObject({ id: PUBLIC, alias: 'public' });
      const missing = await get(`${ROOT}collections/${randomUUID()}/`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ title: expect.any(String), http_status: '404' });
    });

    it('answers 401 with a challenge, and takes the API token as Bearer or as the Basic password', async () => {
      const anon = await fetch(`${t.url}/taxii2/`, { headers: { accept: TAXII } });
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toMatch(/Basic/);
      expect(anon.headers.get('content-type')).toBe(TAXII);
      const basic = await fetch(`${t.url}/taxii2/`, { headers: { accept: TAXII, authorization: `Basic ${Buffer.from(`anyone:${t.adminToken}`).toString('base64')}` } });
      expect(basic.status).toBe(200);
      const wrong = await fetch(`${t.url}/taxii2/`, { headers: { accept: TAXII, authorization: `Basic ${Buffer.from('anyone:not-the-token-at-all-123').toString('base64')}` } });
      expect(wrong.status).toBe(401);
    });

    it('refuses other media types: 406, 415, 422, 400', async () => {
      expect((await get('/taxii2/', { accept: 'application/json' })).status).toBe(406);
      expect((await get('/taxii2/', { accept: 'application/taxii+json;version=2.0' })).status).toBe(406);
      expect((await get('/taxii2/', { accept: 'application/taxii+json' })).status).toBe(200);
      expect((await add(ORG, [indicator(1)], 'application/json')).status).toBe(415);
      const notEnvelope = await fetch(`${t.url}${ROOT}collections/${ORG}/objects/`, { method: 'POST', headers: headers({ 'content-type': TAXII }), body: JSON.stringify([indicator(1)]) });
      expect(notEnvelope.status).toBe(422);
      const broken = await fetch(`${t.url}${ROOT}collections/${ORG}/objects/`, { method: 'POST', headers: headers({ 'content-type': TAXII }), body: '{"objects": [' });
      expect(broken.status).toBe(400);
      expect((await get(`${ROOT}collections/${ORG}/objects/?limit=zero`)).status).toBe(400);
      expect((await get(`${ROOT}collections/${ORG}/objects/?added_after=yesterday`)).status).toBe(400);
      expect((await get(`${ROOT}collections/${ORG}/objects/?match[colour]=red`)).status).toBe(400);
      expect((await get(`${ROOT}collections/${ORG}/objects/?next=bm9wZQ`)).status).toBe(400);
    });

    it('adds objects with a status resource, reporting each failure', async () => {
      const good = indicator(2);
      const bad = { ...indicator(3), modified: '2025-01-01T00:00:00.000Z' }; // modified before created
      const res = await add(ORG, [good, bad]);
      expect(res.status).toBe(202);
      expect(res.headers.get('content-type')).toBe(TAXII);
      expect(res.body).toMatchObject({ status: 'complete', total_count: 2, success_count: 1, failure_count: 1, pending_count: 0 });
      expect((res.body['failures'] as Array<{ id: string; message: string }>)[0]!.id).toBe(bad.id);
      const status = await get(`${ROOT}status/${String(res.body['id'])}/`);
      expect(status.body).toEqual(res.body);
      const one = await get(`${ROOT}collections/${ORG}/objects/${good.id}/`);
      expect(one.body['objects']).toEqual([good]);
      expect((await get(`${ROOT}collections/${ORG}/objects/${bad.id}/`)).status).toBe(404);
    });

    it('pages through a collection without skipping or repeating while objects are added', async () => {
      const first = Array.from({ length: 30 }, (_, i) => indicator(100 + i));
      expect((await add(PUBLIC, first)).body['success_count']).toBe(30);
      const seen: string[] = [];
      let next: string | undefined;
      let lastAdded = '';
      let round = 0;
      do {
        const page = await get(`${ROOT}collections/${PUBLIC}/objects/?limit=7${next ? `&next=${next}` : ''}`);
        expect(page.status).toBe(200);
        const objects = (page.body['objects'] ?? []) as Array<{ id: string }>;
        expect(objects.length).toBeLessThanOrEqual(7);
        seen.push(...objects.map((o) => o.id));
        if (objects.length) {
          expect(page.headers.get('x-taxii-date-added-first')).toBeTruthy();
          lastAdded = page.headers.get('x-taxii-date-added-last')!;
        }
        next = page.body['more'] ? String(page.body['next']) : undefined;
        // Someone adds while we page: new objects come after the cursor, never in the middle.
        if (round++ === 1) expect((await add(PUBLIC, [indicator(200), indicator(201)])).body['success_count']).toBe(2);
      } while (next);
      expect(seen.length).toBe(32);
      expect(new Set(seen).size).toBe(32);
      expect(seen.slice(0, 30)).toEqual(first.map((o) => o.id));
      // added_after is exclusive: nothing after the newest date_added seen.
      const after = await get(`${ROOT}collections/${PUBLIC}/objects/?added_after=${encodeURIComponent(lastAdded)}`);
      expect(after.body['objects']).toBeUndefined();
      expect(after.body['more']).toBe(false);
    });

    it('pages by added_after alone (X-TAXII-Date-Added-Last as the next added_after) without skipping objects added together', async () => {
      // Objects added in one request: every one has its own date_added, increasing in the order they were
      // added, so a client that pages by time (no next) gets each exactly once.
      const batch = Array.from({ length: 25 }, (_, i) => indicator(300 + i));
      expect((await add(ORG, batch)).body['success_count']).toBe(25);
      const all = await get(`${ROOT}collections/${ORG}/objects/?limit=1000`);
      const stamps = ((await get(`${ROOT}collections/${ORG}/manifest/?limit=1000`)).body['objects'] as Array<{ date_added: string }>).map((m) => m.date_added);
      expect(new Set(stamps).size).toBe(stamps.length);
      expect([...stamps].sort()).toEqual(stamps);
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 200; i++) {
        const page = await get(`${ROOT}collections/${ORG}/objects/?limit=4${after ? `&added_after=${encodeURIComponent(after)}` : ''}`);
        const objects = (page.body['objects'] ?? []) as Array<{ id: string }>;
        seen.push(...objects.map((o) => o.id));
        if (!page.body['more']) break;
        after = page.headers.get('x-taxii-date-added-last')!;
      }
      expect(seen).toEqual((all.body['objects'] as Array<{ id: string }>).map((o) => o.id));
      expect(seen).toEqual(expect.arrayContaining(batch.map((o) => o.id)));
    });

    it('filters by id, type, version and spec_version; lists versions and the manifest', async () => {
      const id = `indicator--${randomUUID()}`;
      const v1 = indicator(7, '2026-02-01T00:00:00.000Z', id);
      const v2 = { ...indicator(7, '2026-03-01T00:00:00.000Z', id), name: 'second' };
      const v3 = { ...indicator(7, '2026-04-01T00:00:00.123456Z', id), name: 'third' };
      expect((await add(ORG, [v1, v3, v2])).body['success_count']).toBe(3);
      const ids = (b: Record<string, unknown>) => ((b['objects'] ?? []) as Array<{ modified: string }>).map((o) => o.modified);
      const q = (s: string) => get(`${ROOT}collections/${ORG}/objects/?match[id]=${id}${s}`);
      expect(ids((await q('')).body)).toEqual([v3.modified]);
      expect(ids((await q('&match[version]=first')).body)).toEqual([v1.modified]);
      expect(ids((await q('&match[version]=all')).body).sort()).toEqual([v1.modified, v2.modified, v3.modified].sort());
      expect(ids((await q('&match[version]=first,last')).body).sort()).toEqual([v1.modified, v3.modified].sort());
      expect(ids((await q('&match[version]=2026-03-01T00:00:00Z')).body)).toEqual([v2.modified]);
      expect(ids((await q('&match[spec_version]=2.0')).body)).toEqual([]);
      expect(ids((await q('&match[type]=malware')).body)).toEqual([]);
      const versions = await get(`${ROOT}collections/${ORG}/objects/${id}/versions/`);
      expect(versions.body['versions']).toEqual(['2026-02-01T00:00:00.000Z', '2026-04-01T00:00:00.123456Z', '2026-03-01T00:00:00.000Z']);
      const manifest = await get(`${ROOT}collections/${ORG}/manifest/?match[id]=${id}&match[version]=all`);
      const entries = manifest.body['objects'] as Array<{ id: string; version: string; media_type: string; date_added: string }>;
      expect(entries).toHaveLength(3);
      expect(entries.every((e) => e.id === id && e.media_type === 'application/stix+json;version=2.1' && !Number.isNaN(Date.parse(e.date_added)))).toBe(true);
      // The same version again with other content is refused; with the same content it is a success.
      const changed = await add(ORG, [{ ...v2, name: 'tampered' }, v1]);
      expect(changed.body).toMatchObject({ success_count: 1, failure_count: 1 });
      expect(JSON.stringify(changed.body['failures'])).toMatch(/version-conflict/);
    });

    it('deletes an object (all its versions)', async () => {
      const o = indicator(9);
      await add(ORG, [o]);
      const del = await fetch(`${t.url}${ROOT}collections/${ORG}/objects/${o.id}/`, { method: 'DELETE', headers: headers() });
      expect(del.status).toBe(200);
      expect((await get(`${ROOT}collections/${ORG}/objects/${o.id}/`)).status).toBe(404);
      expect((await fetch(`${t.url}${ROOT}collections/${ORG}/objects/${o.id}/`, { method: 'DELETE', headers: headers() })).status).toBe(404);
    });
  });
}
