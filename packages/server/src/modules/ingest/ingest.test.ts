// The HTTP input and search over real HTTP, on each database tier.
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE, rows } from '../../platform/index.ts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';
import { applyRetention } from './retention.ts';

/** An hour-aligned time `days` days ago (plus `h` hours, `m` minutes): tests stay inside the retention window. */
const ago = (days: number, h = 0, m = 0) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - days * 86_400_000 + h * 3_600_000 + m * 60_000).toISOString();

for (const tier of databaseTiers()) {
  describe(`ingest over HTTP (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(tier, { env: { BULWARK_INGEST_MAX_EVENTS: '50', BULWARK_INGEST_MAX_BODY_BYTES: '65536' } });
      call = client(t.url, { token: t.adminToken });
    });
    afterAll(async () => t?.close());

    it('stores a JSON array, keeps native fields, adds the OCSF projection, and stores a re-sent event once', async () => {
      const when = ago(2);
      const ev = { '@timestamp': when, 'source.ip': '198.51.100.7', 'user.name': 'alice', message: 'login ok', custom: { deep: [1, 2] } };
      const first = await call('POST', '/api/v1/events?source=fw', [ev]);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ received: 1, accepted: 1, duplicates: 0, rejected: [] });
      const again = await call('POST', '/api/v1/events?source=fw', [ev]);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
      expect((again.body as { eventIds: string[] }).eventIds).toEqual((first.body as { eventIds: string[] }).eventIds);
      const found = await call('GET', '/api/v1/events?field=ocsf.src_endpoint.ip=198.51.100.7');
      const events = (found.body as { events: { native: unknown; ocsf: Record<string, unknown>; time: string; source: string }[] }).events;
      expect(events).toHaveLength(1);
      expect(events[0]!.native).toEqual(ev);
      expect(events[0]!.time).toBe(when);
      expect(events[0]!.source).toBe('fw');
      expect((events[0]!.ocsf['actor'] as { user: { name: string } }).user.name).toBe('alice');
    });

    it('takes gzip NDJSON, reports malformed lines by number and keeps the good ones', async () => {
      const body = gzipSync('{"n":1,"message":"alpha"}\n{"n":2,\n\n{"n":3,"message":"gamma"}\n"text"\n');
      const res = await fetch(`${t.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
        body,
      });
      const out = (await res.json()) as { accepted: number; rejected: { line: number; reason: string }[] };
      expect(res.status).toBe(200);
      expect(out.accepted).toBe(2);
      expect(out.rejected.map((r) => r.line)).toEqual([2, 5]);
      expect(out.rejected[0]!.reason).toMatch(/invalid JSON/);
      const search = await call('GET', '/api/v1/events?q=gamma');
      expect((search.body as { events: unknown[] }).events).toHaveLength(1);
    });

    it('answers with problem+json naming what was wrong', async () => {
      const bad = await call('POST', '/api/v1/events', '[{"a":1},{"b":]');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(bad.body).toMatchObject({ code: 'INGEST_BAD_JSON', status: 400 });
      expect((bad.body as { detail: string }).detail).toMatch(/line 1, column/);
      const many = await call('POST', '/api/v1/events', JSON.stringify(Array.from({ length: 51 }, () => ({}))));
      expect(many.status).toBe(413);
      const huge = await call('POST', '/api/v1/events', JSON.stringify([{ x: 'y'.repeat(70_000) }]));
      expect(huge.status).toBe(413);
      const xml = await call('POST', '/api/v1/events', '<a/>', { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
      const none = await call('POST', '/api/v1/events', '{"x":\n', { 'content-type': 'application/x-ndjson' });
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({ code: 'INGEST_NOTHING_ACCEPTED' });
      const badQuery = await call('GET', '/api/v1/events?limit=0');
      expect(badQuery.status).toBe(400);
      expect((badQuery.body as { errors: { where: string }[] }).errors[0]!.where).toMatch(/limit/);
    });

    it('accepts syslog, CEF and LEEF text lines', async () => {
      const text = [
        `<165>1 ${ago(1)} mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"] An application event`,
        'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
      ].join('\n');
      const sys = await call('POST', '/api/v1/events?format=syslog', text.split('\n')[0], { 'content-type': 'text/plain' });
      expect(sys.body).toMatchObject({ accepted: 1 });
      const cef = await call('POST', '/api/v1/events?format=cef', text.split('\n')[1], { 'content-type': 'text/plain' });
      expect(cef.body).toMatchObject({ accepted: 1 });
      const found = await call('GET', '/api/v1/events?field=ocsf.src_endpoint.ip=10.0.0.1');
      expect((found.body as { events: { format: string }[] }).events[0]!.format).toBe('cef');
    });

    it('searches by time range (from inclusive, to exclusive)', async () => {
      const at = (h: number) => ago(3, h);
      await call('POST', '/api/v1/events', [0, 1, 2, 3].map((h) => ({ range: 'r', h, '@timestamp': at(h) })));
      const page = await call('GET', `/api/v1/events?field=native.range=r&from=${at(1)}&to=${at(3)}`);
      expect((page.body as { events: { native: { h: number } }[] }).events.map((e) => e.native.h)).toEqual([2, 1]);
    });

    it('answers 429 with Retry-After when too many batches are in flight, and loses nothing it acknowledged', async () => {
      const busy = await startTestApp(tier, { env: { BULWARK_INGEST_MAX_INFLIGHT: '1' } });
      try {
        const send = (i: number) =>
          fetch(`${busy.url}/api/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${busy.adminToken}`, 'content-type': 'application/x-ndjson' },
            body: Array.from({ length: 2000 }, (_, j) => JSON.stringify({ burst: i, j, pad: 'p'.repeat(100) })).join('\n'),
          });
        const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(send));
        const statuses = answers.map((a) => a.status);
        expect(statuses).toContain(200);
        expect(statuses).toContain(429);
        const limited = answers.find((a) => a.status === 429)!;
        expect(limited.headers.get('retry-after')).toBe('1');
        const okCount = statuses.filter((s) => s === 200).length;
        let stored = 0;
        let cursor: string | null = '';
        while (cursor !== null) {
          const page = await client(busy.url, { token: busy.adminToken })('GET', `/api/v1/events?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
          const b = page.body as { events: unknown[]; next: string | null };
          stored += b.events.length;
          cursor = b.next;
        }
        expect(stored).toBe(okCount * 2000);
      } finally {
        await busy.close();
      }
    });

    it('pages through results with a stable cursor', async () => {
      const batch = Array.from({ length: 30 }, (_, i) => ({ page: 'p', i, '@timestamp': ago(5, 0, i) }));
      await call('POST', '/api/v1/events', batch);
      const seen: number[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await call('GET', `/api/v1/events?field=native.page=p&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        const body = page.body as { events: { native: { i: number } }[]; next: string | null };
        seen.push(...body.events.map((e) => e.native.i));
        cursor = body.next;
      }
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
      expect((await call('GET', '/api/v1/events?cursor=garbage')).status).toBe(400);
    });

    it('drops whole day partitions past retention', async () => {
      const when = ago(7);
      const partition = `events_${when.slice(0, 10).replace(/-/g, '')}`;
      await call('POST', '/api/v1/events', [{ old: true, '@timestamp': when }]);
      const parts = async () => (await t.database.db.tx(INSTANCE, (tx) => rows<{ p: string }>(tx, sql`select bulwark_event_partitions() as p`))).map((r) => r.p);
      expect(await parts()).toContain(partition);
      // Forty days from now, a 30-day retention drops that day.
      const dropped = await applyRetention(t.database.db, 30, new Date(Date.now() + 40 * 86_400_000));
      expect(dropped).toContain(partition);
      expect(await parts()).not.toContain(partition);
      expect(((await call('GET', '/api/v1/events?field=native.old=true')).body as { events: unknown[] }).events).toEqual([]);
      // The same event arriving again is stored again (its partition re-created by the ingest process).
      const again = await call('POST', '/api/v1/events', [{ old: true, '@timestamp': when }]);
      expect(again.body).toMatchObject({ accepted: 1 });
      // An event older than the retention period is refused with the reason, not silently lost later.
      const stale = await call('POST', '/api/v1/events', [{ stale: true, '@timestamp': ago(45) }, { fresh: true }]);
      expect(stale.body).toMatchObject({ accepted: 1, rejected: [{ line: 1, reason: expect.stringContaining('older than the retention period') }] });
    });

    it('streams new events and alerts to the caller’s organisation (SSE)', async () => {
      const ac = new AbortController();
      const res = await fetch(`${t.url}/api/v1/stream?topics=events,alerts`, { headers: { authorization: `Bearer ${t.adminToken}` }, signal: ac.signal });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const got = (async () => {
        while (!text.includes('event: alert')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      await call('POST', '/api/v1/events', [{ streamed: 'yes', Level: 1, EventID: 1, Computer: 'ws9' }]);
      await Promise.race([got, new Promise((r) => setTimeout(r, 5000))]);
      ac.abort();
      expect(text).toContain('event: event');
      expect(text).toContain('"streamed":"yes"');
      expect(text).toContain('event: alert');
    });

    it('replays events stored while a stream client was away (Last-Event-ID)', async () => {
      const open = async (headers: Record<string, string>, until: (text: string) => boolean) => {
        const ac = new AbortController();
        const res = await fetch(`${t.url}/api/v1/stream?topics=events`, { headers: { authorization: `Bearer ${t.adminToken}`, ...headers }, signal: ac.signal });
        const reader = res.body!.getReader();
        let text = '';
        const done = (async () => {
          while (!until(text)) {
            const { value, done: end } = await reader.read();
            if (end) break;
            text += new TextDecoder().decode(value);
          }
        })();
        return { ac, done, text: () => text };
      };
      const first = await open({}, (x) => x.includes('"away":"a"'));
      await new Promise((r) => setTimeout(r, 100));
      await call('POST', '/api/v1/events', [{ away: 'a' }]);
      await Promise.race([first.done, new Promise((r) => setTimeout(r, 5000))]);
      first.ac.abort();
      const lastId = /id: (\S+)\nevent: event\ndata: [^\n]*"away":"a"/.exec(first.text())?.[1];
      expect(lastId).toBeDefined();
      await call('POST', '/api/v1/events', [{ away: 'b' }, { away: 'c' }]);
      const second = await open({ 'last-event-id': lastId! }, (x) => x.includes('"away":"b"') && x.includes('"away":"c"'));
      await Promise.race([second.done, new Promise((r) => setTimeout(r, 5000))]);
      second.ac.abort();
      expect(second.text()).toContain('"away":"b"');
      expect(second.text()).toContain('"away":"c"');
      expect(second.text()).not.toContain('"away":"a"');
    });
  });
}
