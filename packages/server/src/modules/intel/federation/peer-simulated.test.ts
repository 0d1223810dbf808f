// The client against peers this repository cannot run — a TAXII server that ignores `next` and keeps
// date_added to the second, one that signs its pages, one that throttles — simulated by a small HTTP
// server in this file (every request still goes through the egress guard). What the tests show: the pull
// falls back to added_after paging without skipping objects that share a timestamp, never loops, checks
// page signatures, signs what it posts, and polls a pending status to completion.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../platform/index.ts';
import { generateKeyPair } from './keys.ts';
import { MemoryReplayCache } from './replay-cache.ts';
import { verify } from './signing.ts';
import { createTaxiiClient } from './taxii-client.ts';
import { justBefore, laterOf } from './timestamps.ts';
import { ENVELOPE_TYPE, envelopeVerifier, SIGNATURE_HEADER, signEnvelope } from './wire.ts';

const TAXII = 'application/taxii+json;version=2.1';
const loopback = parseAllowList('127.0.0.1');
const peerKey = generateKeyPair();
const ourKey = generateKeyPair();

interface Entry { object: Record<string, unknown>; added: string }

const at = (s: number) => `2026-03-01T10:00:${String(s).padStart(2, '0')}.000Z`;
const obj = (n: number) => ({ type: 'identity', spec_version: '2.1', id: `identity--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: `org ${n}` });

// c1: ten objects, three per second. c2: six objects in one second, then one. c3: signed pages, one tampered.
const collections: Record<string, Entry[]> = {
  c1: Array.from({ length: 10 }, (_, i) => ({ object: obj(i), added: at(Math.floor(i / 3)) })),
  c2: [...Array.from({ length: 6 }, (_, i) => ({ object: obj(100 + i), added: at(0) })), { object: obj(106), added: at(1) }],
  c3: Array.from({ length: 3 }, (_, i) => ({ object: obj(200 + i), added: at(i) })),
};

describe('TAXII client against simulated peers (servers that cannot run here)', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  const posted: Array<{ body: unknown; signature: string | undefined }> = [];
  let statusReads = 0;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': TAXII, ...headers });
    res.end(JSON.stringify(body));
  }

  function objects(req: IncomingMessage, res: ServerResponse, name: string) {
    const u = new URL(req.url!, 'http://x');
    // Honours added_after (at millisecond precision, like many servers) and limit; ignores next.
    const after = u.searchParams.get('added_after');
    const limit = Number(u.searchParams.get('limit') ?? 100);
    const rows = collections[name]!.filter((e) => after === null || Date.parse(e.added) > Date.parse(after));
    const page = rows.slice(0, limit);
    const body = { more: rows.length > limit, ...(rows.length > limit ? { next: 'same-every-time' } : {}), ...(page.length ? { objects: page.map((e) => e.object) } : {}) };
    const headers: Record<string, string> = page.length ? { 'X-TAXII-Date-Added-First': page[0]!.added, 'X-TAXII-Date-Added-Last': page.at(-1)!.added } : {};
    if (name === 'c3') {
      headers[SIGNATURE_HEADER] = signEnvelope(body, { privateKey: peerKey.privateKey, kid: 'xx-peer' }, 'fr-anssi');
      // A page with the last object is altered after signing.
      if (page.some((e) => e.object.id === obj(202).id)) (body.objects as Array<Record<string, unknown>>)[0]!['name'] = 'altered';
    }
    send(res, 200, body, headers);
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url!);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url!, 'http://x').pathname;
        const m = /^\/api\/collections\/(c\d)\/objects\/$/.exec(path);
        if (req.method === 'GET' && m) return objects(req, res, m[1]!);
        if (req.method === 'POST' && m) {
          const sig = req.headers[SIGNATURE_HEADER.toLowerCase()];
          posted.push({ body: JSON.parse(Buffer.concat(chunks).toString()) as unknown, signature: typeof sig === 'string' ? sig : undefined });
          return send(res, 202, { id: '2d086da7-4bdc-4f91-900e-d77486753710', status: 'pending', total_count: 1, success_count: 0, failure_count: 0, pending_count: 1 });
        }
        if (path === '/api/status/2d086da7-4bdc-4f91-900e-d77486753710/') {
          const done = ++statusReads >= 3;
          return send(res, 200, { id: '2d086da7-4bdc-4f91-900e-d77486753710', status: done ? 'complete' : 'pending', total_count: 1, success_count: done ? 1 : 0, successes: done ? [{ id: obj(1).id, version: obj(1).modified }] : [], failure_count: 0, pending_count: done ? 0 : 1 });
        }
        if (path === '/api/busy/objects/') return send(res, 429, { title: 'Slow down', http_status: '429', description: 'one request per second' }, { 'retry-after': '7' });
        if (path === '/api/html/objects/') {
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html></html>');
        }
        if (path === '/api/broken/objects/') return send(res, 502, '<bad gateway>');
        if (path === '/api/moved/objects/') {
          res.writeHead(302, { location: '/api/collections/c1/objects/' });
          return res.end();
        }
        return send(res, 404, { title: 'Not found', http_status: '404' });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('falls back to added_after paging when next is ignored, without skipping objects that share a timestamp', async () => {
    const client = createTaxiiClient({ allow: loopback });
    const got: string[] = [];
    const states: unknown[] = [];
    requests.length = 0;
    const result = await client.pullAll(`${base}collections/c1/`, { pageSize: 4, onPage: (p) => { got.push(...p.objects.map((o) => String(o['id']))); states.push(p.state); } });
    expect(got).toEqual(collections['c1']!.map((e) => e.object.id));
    expect(result).toMatchObject({ objects: 10, complete: true, mode: 'added-after', duplicatesSkipped: 2, state: { addedAfter: at(3) } });
    expect(result.warnings).toEqual([expect.stringMatching(/ignores next/)]);
    // Paging asks from just before the newest date seen, so the rest of that second comes too.
    expect(requests.map((r) => decodeURIComponent(new URL(r, 'http://x').search))).toEqual([
      '?limit=4', '?limit=4&next=same-every-time', `?added_after=${justBefore(at(1))}&limit=4`, `?added_after=${justBefore(at(2))}&limit=4`,
    ]);
    expect(states.at(-1)).toEqual({ addedAfter: at(3) });
    // Nothing new: one request, same state.
    const again = await client.pullAll(`${base}collections/c1/`, { from: result.state, onPage: () => undefined });
    expect(again).toMatchObject({ objects: 0, pages: 1, complete: true, state: result.state });
  });

  it('steps past a timestamp shared by more than a page of objects instead of looping, and says so', async () => {
    const client = createTaxiiClient({ allow: loopback });
    const got: string[] = [];
    const result = await client.pullAll(`${base}collections/c2/`, { pageSize: 4, onPage: (p) => void got.push(...p.objects.map((o) => String(o['id']))) });
    expect(result.complete).toBe(true);
    expect(got).toEqual([0, 1, 2, 3, 6].map((i) => collections['c2']![i]!.object.id));
    expect(result.warnings).toContainEqual(expect.stringMatching(/share date_added/));
    // A bigger page gets them all.
    const wide = await client.pullAll(`${base}collections/c2/`, { pageSize: 10, onPage: () => undefined });
    expect(wide).toMatchObject({ objects: 7, warnings: [] });
  });

  it('checks the signature of every page and refuses an altered one', async () => {
    const verifyResponses = envelopeVerifier({ publicKeyOf: (kid) => (kid === 'xx-peer' ? peerKey.publicKey : undefined), seen: new MemoryReplayCache(), audience: 'fr-anssi', expectKid: 'xx-peer' });
    const client = createTaxiiClient({ allow: loopback, verifyResponses });
    const page = await client.getObjects(`${base}collections/c3/`, { limit: 1 });
    expect(page.signature).toMatchObject({ kid: 'xx-peer', aud: 'fr-anssi', typ: ENVELOPE_TYPE });
    const got: string[] = [];
    const pull = client.pullAll(`${base}collections/c3/`, { pageSize: 2, onPage: (p) => void got.push(...p.objects.map((o) => String(o['id']))) });
    await expect(pull).rejects.toMatchObject({ code: 'FEDERATION_BAD_SIGNATURE', reason: 'bad-signature' });
    expect(got).toHaveLength(2); // the altered page never reached the store
    const unsigned = createTaxiiClient({ allow: loopback, verifyResponses });
    await expect(unsigned.getObjects(`${base}collections/c1/`)).rejects.toMatchObject({ code: 'FEDERATION_BAD_SIGNATURE', reason: 'missing' });
    const otherAudience = createTaxiiClient({ allow: loopback, verifyResponses: envelopeVerifier({ publicKeyOf: () => peerKey.publicKey, seen: new MemoryReplayCache(), audience: 'de-bsi' }) });
    await expect(otherAudience.getObjects(`${base}collections/c3/`, { limit: 1 })).rejects.toMatchObject({ reason: 'wrong-audience' });
  });

  it('signs what it posts and polls a pending status until complete', async () => {
    const client = createTaxiiClient({ allow: loopback, signer: { privateKey: ourKey.privateKey, kid: 'fr-anssi' }, audience: 'xx-peer', statusPollMs: 5 });
    const status = await client.postObjects(`${base}collections/c1/`, [obj(1)]);
    expect(status).toMatchObject({ status: 'pending', pendingCount: 1, url: `${base}status/2d086da7-4bdc-4f91-900e-d77486753710/` });
    const { body, signature } = posted.at(-1)!;
    expect(body).toEqual({ objects: [obj(1)] });
    const checked = await verify(body, signature!, { publicKeyOf: () => ourKey.publicKey, seen: new MemoryReplayCache(), audience: 'xx-peer', type: ENVELOPE_TYPE });
    expect(checked).toMatchObject({ ok: true, header: { kid: 'fr-anssi' } });
    const done = await client.waitForStatus(status.url, { intervalMs: 5, timeoutMs: 5000 });
    expect(done).toMatchObject({ status: 'complete', successCount: 1, successes: [{ id: obj(1).id }] });
    expect(statusReads).toBe(3);
    // Bounded: a status that stays pending is returned as pending when time is up.
    statusReads = -1000;
    expect(await client.waitForStatus(status.url, { intervalMs: 5, timeoutMs: 30 })).toMatchObject({ status: 'pending' });
    // An explicit opt-out sends no signature.
    await client.postObjects(`${base}collections/c1/`, [obj(1)], { signature: false });
    expect(posted.at(-1)!.signature).toBeUndefined();
  });

  it('reports throttling, non-TAXII answers, error pages and redirects as typed errors', async () => {
    const client = createTaxiiClient({ allow: loopback });
    await expect(client.getObjects(`${base}busy/`)).rejects.toMatchObject({ code: 'TAXII_PEER_ERROR', httpStatus: 429, title: 'Slow down', description: 'one request per second', retryAfterSeconds: 7 });
    await expect(client.getObjects(`${base}html/`)).rejects.toMatchObject({ code: 'TAXII_BAD_RESPONSE', title: 'The answer is not TAXII 2.1' });
    await expect(client.getObjects(`${base}broken/`)).rejects.toMatchObject({ code: 'TAXII_PEER_ERROR', httpStatus: 502, title: 'HTTP 502', resource: undefined });
    // Credentials never follow a redirect unless the peer's configuration allows redirects.
    await expect(client.getObjects(`${base}moved/`)).rejects.toMatchObject({ code: 'EGRESS_FAILED', message: expect.stringMatching(/redirects/) });
    const following = createTaxiiClient({ allow: loopback, maxRedirects: 1 });
    expect((await following.getObjects(`${base}moved/`)).objects).toHaveLength(10);
  });
});

describe('timestamps', () => {
  it('justBefore is the previous microsecond, below any finer fraction', () => {
    expect(justBefore('2026-03-01T10:00:00.000Z')).toBe('2026-03-01T09:59:59.999999Z');
    expect(justBefore('2026-03-01T10:00:00Z')).toBe('2026-03-01T09:59:59.999999Z');
    expect(justBefore('2026-03-01T10:00:00.123456Z')).toBe('2026-03-01T10:00:00.123455Z');
    expect(justBefore('2026-03-01T10:00:00.1234567Z')).toBe('2026-03-01T10:00:00.123456Z');
    expect(justBefore('2026-01-01T00:00:00.000000Z')).toBe('2025-12-31T23:59:59.999999Z');
    expect(laterOf('2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00.499999Z')).toBe('2026-03-01T10:00:00.5Z');
    expect(laterOf(undefined, '2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00Z');
  });
});
