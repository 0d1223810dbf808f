// Graceful shutdown: SIGTERM lets an ingest request in progress finish and commit before the exit.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './testing/server-process.ts';

describe('graceful shutdown', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('drains the ingest request in flight, then exits 0', async () => {
    server = await startServer();
    // A live-stream client stays connected: shutdown must end its stream, not wait for it.
    const stream = await fetch(`${server.url}/api/v1/stream`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(stream.status).toBe(200);
    const streamText = stream.text();
    const events = Array.from({ length: 5000 }, (_, i) => ({ drain: 'test', i, message: `event ${i} ${'x'.repeat(200)}` }));
    const body = events.map((e) => JSON.stringify(e)).join('\n');
    // The body goes out in two halves: SIGTERM arrives once the server has logged the request (so it
    // is in flight, not a new request that a closing server rightly answers 503) and before the rest.
    const half = body.length >> 1;
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const upload = new ReadableStream<Uint8Array>({ start: (c) => { feed = c; } });
    feed.enqueue(new TextEncoder().encode(body.slice(0, half)));
    const pending = fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/x-ndjson' }, body: upload, duplex: 'half' } as RequestInit);
    const started = Date.now();
    while (!/incoming request[^\n]*\/api\/v1\/events|\/api\/v1\/events[^\n]*incoming request/.test(server.output())) {
      if (Date.now() - started > 30_000) throw new Error(`the server never logged the request:\n${server.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const exited = server.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    feed.enqueue(new TextEncoder().encode(body.slice(half)));
    feed.close();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(5000);
    const code = await exited;
    expect(await streamText).toContain(': connected');
    expect(code, server.output().slice(-3000)).toBe(0);
    const dataDir = server.dataDir;
    server = await startServer({ dataDir });
    const found = await fetch(`${server.url}/api/v1/events?field=native.drain=test&limit=1000`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(((await found.json()) as { events: unknown[] }).events).toHaveLength(1000);
    expect(server.output()).not.toContain('created the first administrator');
  }, 120_000);
});
