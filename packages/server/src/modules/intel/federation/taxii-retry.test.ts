// A TAXII server that sheds load (429/503 with Retry-After) is asked again after the wait, for GET only
// and a few times; a long Retry-After or a POST fails at once (the sync loop's next round retries).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../platform/index.ts';
import { taxiiRequest } from './taxii-http.ts';
import { TaxiiClientError } from './taxii-errors.ts';

const TAXII = 'application/taxii+json;version=2.1';

describe('TAXII client: load shedding answers', () => {
  let server: Server;
  let base: string;
  /** Per path: the answers still to give before a 200. */
  const plan = new Map<string, Array<{ status: number; retryAfter?: string }>>();
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const next = plan.get(path)?.shift();
      if (next) {
        res.writeHead(next.status, { 'content-type': TAXII, ...(next.retryAfter !== undefined ? { 'retry-after': next.retryAfter } : {}) });
        res.end(JSON.stringify({ title: next.status === 429 ? 'Too Many Requests' : 'Service Unavailable' }));
        return;
      }
      res.writeHead(200, { 'content-type': TAXII });
      res.end(JSON.stringify({ more: false, objects: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const conn = { allow: parseAllowList('127.0.0.1') };

  it('repeats a GET answered 503 and 429 after Retry-After, and returns the answer that follows', async () => {
    plan.set('/a/', [{ status: 503, retryAfter: '0' }, { status: 429, retryAfter: '0' }]);
    const res = await taxiiRequest(conn, `${base}/a/`);
    expect(res.status).toBe(200);
    expect(hits.get('/a/')).toBe(3);
  });

  it('gives up after the configured number of retries with the server\'s error', async () => {
    plan.set('/b/', Array.from({ length: 5 }, () => ({ status: 503, retryAfter: '0' })));
    const err = await taxiiRequest({ ...conn, retries: 2 }, `${base}/b/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaxiiClientError);
    expect((err as TaxiiClientError).httpStatus).toBe(503);
    expect(hits.get('/b/')).toBe(3);
  });

  it('does not wait out a Retry-After longer than 30 s, and never repeats a POST', async () => {
    plan.set('/c/', [{ status: 503, retryAfter: '3600' }]);
    const long = await taxiiRequest(conn, `${base}/c/`).catch((e: unknown) => e);
    expect((long as TaxiiClientError).retryAfterSeconds).toBe(3600);
    expect(hits.get('/c/')).toBe(1);
    plan.set('/d/', [{ status: 503, retryAfter: '0' }]);
    const post = await taxiiRequest(conn, `${base}/d/`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect((post as TaxiiClientError).httpStatus).toBe(503);
    expect(hits.get('/d/')).toBe(1);
  });

  it('does not repeat other errors', async () => {
    plan.set('/e/', [{ status: 500 }]);
    await expect(taxiiRequest(conn, `${base}/e/`)).rejects.toBeInstanceOf(TaxiiClientError);
    expect(hits.get('/e/')).toBe(1);
  });
});
