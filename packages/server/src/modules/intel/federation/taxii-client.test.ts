// The TAXII client against a real TAXII 2.1 server — this product's own, over HTTP on port 0 — through the
// egress guard: discovery and collections, authentication, adding objects with their status, typed TAXII
// errors, and the incremental pull (pages, resume after a crash, new objects and versions between pulls,
// a refused cursor, limits).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../platform/index.ts';
import { startTestApp, type TestApp } from '../../../testing/app.ts';
import { databaseTiers } from '../../../testing/databases.ts';
import { generateKeyPair } from './keys.ts';
import { createTaxiiClient, type TaxiiClient } from './taxii-client.ts';
import { TaxiiClientError } from './taxii-errors.ts';
import type { PullPage, PullState } from './taxii-pull.ts';

const TAXII = 'application/taxii+json;version=2.1';
const PUBLIC = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d05';
const ORG = '5f0c3b1e-6f2a-4c47-9d51-0b6f3a1c2d02';
const loopback = parseAllowList('127.0.0.1');

function indicator(n: number, modified = '2026-01-01T00:00:00.000Z', id = `indicator--${randomUUID()}`) {
  return {
    type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified,
    name: `bad address ${n}`, pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', indicator_types: ['malicious-activity'],
  };
}

const keyOf = (o: Record<string, unknown>) => `${String(o['id'])}@${String(o['modified'])}`;

/** What a receiving store would do: keep each id and version once, counting what came again. */
class Receiver {
  readonly seen = new Map<string, number>();
  state: PullState = {};
  take(p: PullPage): void {
    for (const o of p.objects) this.seen.set(keyOf(o), (this.seen.get(keyOf(o)) ?? 0) + 1);
  }
  get duplicates(): number {
    return [...this.seen.values()].reduce((n, c) => n + c - 1, 0);
  }
}

describe('TAXII 2.1 client against the TAXII server of a real instance', () => {
  let t: TestApp;
  let client: TaxiiClient;
  let root: string;
  let publicUrl: string;

  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
    client = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, allow: loopback });
    root = `${t.url}/taxii2/api/`;
    publicUrl = `${root}collections/${PUBLIC}/`;
  });
  afterAll(async () => t?.close());

  it('discovers the API root and lists the collections, with Bearer or Basic authentication', async () => {
    const d = await client.discover(`${t.url}/taxii2/`);
    expect(d).toMatchObject({ title: expect.any(String), default: root, apiRoots: [root] });
    const api = await client.apiRoot(d.apiRoots[0]!);
    expect(api.versions).toContain(TAXII);
    expect(api.maxContentLength).toBeGreaterThan(0);
    const cols = await client.collections(api.url);
    expect(cols.map((c) => c.id)).toContain(PUBLIC);
    const pub = cols.find((c) => c.id === PUBLIC)!;
    expect(pub).toMatchObject({ url: publicUrl, alias: 'public', canRead: true, canWrite: true, mediaTypes: ['application/stix+json;version=2.1'] });
    expect(await client.collection(root, PUBLIC)).toEqual(pub);
    const basic = createTaxiiClient({ auth: { type: 'basic', username: 'peer-de-bsi', password: t.adminToken }, allow: loopback });
    expect((await basic.discover(`${t.url}/taxii2/`)).apiRoots).toEqual([root]);
  });

  it('goes through the egress guard: a loopback peer is refused unless allowed, also behind a name', async () => {
    const unguarded = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken } });
    await expect(unguarded.discover(`${t.url}/taxii2/`)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    const port = new URL(t.url).port;
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const named = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, resolve });
    await expect(named.discover(`http://taxii.peer.example:${port}/taxii2/`)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    const allowed = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, resolve, allow: loopback });
    expect((await allowed.discover(`http://taxii.peer.example:${port}/taxii2/`)).apiRoots).toEqual([`http://taxii.peer.example:${port}/taxii2/api/`]);
  });

  it('turns TAXII error resources into typed errors', async () => {
    const missing = await client.getObjects(`${root}collections/${randomUUID()}/`).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TaxiiClientError);
    expect(missing).toMatchObject({ code: 'TAXII_PEER_ERROR', httpStatus: 404, title: 'Collection not found', description: expect.any(String), resource: { http_status: '404', error_code: 'NOT_FOUND' } });
    await expect(client.getObjects(publicUrl, { match: { version: 'yesterday' } })).rejects.toMatchObject({ httpStatus: 400, title: 'Bad filter' });
    await expect(client.getObjects(publicUrl, { next: 'bm9wZQ' })).rejects.toMatchObject({ httpStatus: 400, title: 'Bad parameter next' });
    const stranger = createTaxiiClient({ auth: { type: 'bearer', token: 'not-the-token-at-all-123' }, allow: loopback });
    await expect(stranger.discover(`${t.url}/taxii2/`)).rejects.toMatchObject({ code: 'TAXII_PEER_ERROR', httpStatus: 401 });
  });

  it('adds objects and reads the status resource, signed or not', async () => {
    const good = indicator(1);
    const bad = { ...indicator(2), modified: '2025-01-01T00:00:00.000Z' }; // modified before created
    const status = await client.postObjects(`${root}collections/${ORG}/`, [good, bad]);
    expect(status).toMatchObject({ status: 'complete', totalCount: 2, successCount: 1, failureCount: 1, pendingCount: 0, successes: [{ id: good.id, version: good.modified }] });
    expect(status.failures[0]).toMatchObject({ id: bad.id, message: expect.stringMatching(/modified/) });
    expect(status.url).toBe(`${root}status/${status.id}/`);
    const { url: _url, ...resource } = status;
    expect(await client.getStatus(status.url)).toEqual(resource);
    expect(await client.waitForStatus(status.url, { intervalMs: 10, timeoutMs: 1000 })).toEqual(resource);
    // A signing client adds X-Bulwark-Signature; a plain TAXII server ignores the header.
    const signing = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, allow: loopback, signer: { privateKey: generateKeyPair().privateKey, kid: 'fr-anssi' }, audience: 'de-bsi' });
    expect(await signing.postObjects(`${root}collections/${ORG}/`, [indicator(3)])).toMatchObject({ status: 'complete', successCount: 1 });
  });

  describe('incremental pull', () => {
    let start: PullState;
    let batch: Array<ReturnType<typeof indicator>>;
    let afterBatch: PullState;

    beforeAll(async () => {
      // Earlier objects, already pulled: the pulls below start after them.
      expect((await client.postObjects(publicUrl, [indicator(10), indicator(11)])).successCount).toBe(2);
      const drained = await client.pullAll(publicUrl, { onPage: () => undefined });
      expect(drained).toMatchObject({ complete: true, mode: 'cursor', warnings: [] });
      start = drained.state;
      expect(start.addedAfter).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      batch = Array.from({ length: 25 }, (_, i) => indicator(100 + i));
      expect((await client.postObjects(publicUrl, batch)).successCount).toBe(25);
    });

    it('pulls 25 new objects in pages of 10, saving a resumable state after each page', async () => {
      const pages: PullPage[] = [];
      const result = await client.pullAll(publicUrl, { from: start, pageSize: 10, onPage: (p) => void pages.push(p) });
      expect(pages.map((p) => p.objects.length)).toEqual([10, 10, 5]);
      expect(pages.flatMap((p) => p.objects.map((o) => o['id']))).toEqual(batch.map((o) => o.id));
      expect(result).toMatchObject({ objects: 25, pages: 3, complete: true, duplicatesSkipped: 0, mode: 'cursor', warnings: [] });
      // Mid-traversal states carry the cursor and the added_after it belongs to; the last one only the date.
      expect(pages[0]!.state).toEqual({ addedAfter: pages[0]!.dateAddedLast, next: expect.any(String), nextAddedAfter: start.addedAfter });
      expect(pages[1]!.state.next).not.toBe(pages[0]!.state.next);
      expect(pages[2]!.state).toEqual({ addedAfter: pages[2]!.dateAddedLast });
      expect(result.state).toEqual(pages[2]!.state);
      afterBatch = result.state;
    });

    it('resumes after a crash that followed page 1: every object exactly once', async () => {
      const r = new Receiver();
      r.state = start;
      const crashing = client.pullAll(publicUrl, {
        from: r.state, pageSize: 10,
        onPage: (p) => {
          r.take(p);
          r.state = p.state; // stored with the objects
          if (p.page === 1) throw new Error('process killed');
        },
      });
      await expect(crashing).rejects.toThrow('process killed');
      expect(r.seen.size).toBe(10);
      const resumed = await client.pullAll(publicUrl, { from: r.state, pageSize: 10, onPage: (p) => { r.take(p); r.state = p.state; } });
      expect(resumed).toMatchObject({ objects: 15, pages: 2, complete: true });
      expect([...r.seen.keys()].sort()).toEqual(batch.map(keyOf).sort());
      expect(r.duplicates).toBe(0);
      expect(r.state).toEqual(afterBatch);
    });

    it('re-delivers a page whose state was not saved (at least once), and the store absorbs the duplicates', async () => {
      const r = new Receiver();
      r.state = start;
      const crashing = client.pullAll(publicUrl, {
        from: r.state, pageSize: 10,
        onPage: (p) => {
          r.take(p); // page 2 is stored ...
          if (p.page === 2) throw new Error('process killed'); // ... but its state is not
          r.state = p.state;
        },
      });
      await expect(crashing).rejects.toThrow('process killed');
      const pageTwo: Array<Record<string, unknown>> = [];
      await client.pullAll(publicUrl, { from: r.state, pageSize: 10, onPage: (p) => { if (p.page === 1) pageTwo.push(...p.objects); r.take(p); r.state = p.state; } });
      expect(r.seen.size).toBe(25);
      expect(r.duplicates).toBe(10);
      expect(r.state).toEqual(afterBatch);
      // Storing the same versions again changes nothing and is no failure: duplicates are harmless.
      const again = await client.postObjects(`${root}collections/${ORG}/`, pageTwo);
      expect(again).toMatchObject({ successCount: 10, failureCount: 0 });
    });

    it('brings what was added between pulls, new versions included, and nothing else', async () => {
      const fresh = [indicator(200), indicator(201), indicator(202)];
      const revised = { ...batch[0]!, modified: '2026-02-01T00:00:00.000Z', name: 'revised' };
      expect((await client.postObjects(publicUrl, [...fresh, revised])).successCount).toBe(4);
      const got: Array<Record<string, unknown>> = [];
      const result = await client.pullAll(publicUrl, { from: afterBatch, pageSize: 10, onPage: (p) => void got.push(...p.objects) });
      expect(got.map(keyOf)).toEqual([...fresh, revised].map(keyOf));
      expect(result).toMatchObject({ objects: 4, complete: true });
      const idle = await client.pullAll(publicUrl, { from: result.state, onPage: () => undefined });
      expect(idle).toMatchObject({ objects: 0, pages: 1, complete: true, state: result.state });
      afterBatch = result.state;
    });

    it('continues from added_after when the server refuses a saved cursor', async () => {
      const fresh = [indicator(300), indicator(301)];
      await client.postObjects(publicUrl, fresh);
      const got: Array<Record<string, unknown>> = [];
      const result = await client.pullAll(publicUrl, { from: { ...afterBatch, next: 'bm9wZQ', nextAddedAfter: start.addedAfter! }, onPage: (p) => void got.push(...p.objects) });
      expect(got.map((o) => o['id'])).toEqual(fresh.map((o) => o.id));
      expect(result.complete).toBe(true);
      expect(result.warnings).toEqual([expect.stringMatching(/refused a cursor/)]);
      afterBatch = result.state;
    });

    it('stops at the object bound with a state that resumes, filters by type, and bounds answers', async () => {
      const more = Array.from({ length: 10 }, (_, i) => indicator(400 + i));
      await client.postObjects(publicUrl, more);
      const got: string[] = [];
      const first = await client.pullAll(publicUrl, { from: afterBatch, pageSize: 4, maxObjects: 6, onPage: (p) => void got.push(...p.objects.map((o) => String(o['id']))) });
      expect(first).toMatchObject({ objects: 6, pages: 2, complete: false, stoppedBy: 'max-objects' });
      expect(first.state.next).toBeDefined();
      const rest = await client.pullAll(publicUrl, { from: first.state, pageSize: 4, onPage: (p) => void got.push(...p.objects.map((o) => String(o['id']))) });
      expect(rest).toMatchObject({ objects: 4, complete: true });
      expect(got).toEqual(more.map((o) => o.id));
      const none = await client.pullAll(publicUrl, { from: afterBatch, match: { type: ['malware', 'tool'] }, onPage: () => undefined });
      expect(none).toMatchObject({ objects: 0, complete: true });
      const small = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, allow: loopback, maxBytes: 2000 });
      await expect(small.getObjects(publicUrl, { addedAfter: afterBatch.addedAfter!, limit: 10 })).rejects.toMatchObject({ code: 'EGRESS_FAILED' });
      const strict = createTaxiiClient({ auth: { type: 'bearer', token: t.adminToken }, allow: loopback, maxPageObjects: 3 });
      await expect(strict.getObjects(publicUrl, { addedAfter: afterBatch.addedAfter!, limit: 5 })).rejects.toMatchObject({ code: 'TAXII_BAD_RESPONSE', title: 'Too many objects in one page' });
    });
  });
});
