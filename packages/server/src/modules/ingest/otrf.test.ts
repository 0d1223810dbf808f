// Real Windows telemetry (OTRF Security-Datasets, from the shared corpora) through the HTTP input:
// every event accepted, stored once, its own time kept, and an OCSF class that fits its event id.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE, rows } from '../../platform/index.ts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../shared/corpora/', import.meta.url));
const FILE = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
const present = existsSync(FILE);
if (!present) console.log(`OTRF ingest test skipped: ${FILE} is absent (set BULWARK_CORPORA).`);
const SAMPLE = 6000;

describe.runIf(present)('OTRF Windows events through the HTTP input', () => {
  let t: TestApp;
  let lines: string[];
  beforeAll(async () => {
    // Historical data: a retention long enough to keep it.
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_RETENTION_DAYS: '36500' } });
    const all = gunzipSync(readFileSync(FILE)).toString('utf8').split('\n');
    // A slice from each end of the corpus: both record shapes (flattened EVTX and NXLog).
    lines = [...all.slice(0, SAMPLE / 2), ...all.slice(-SAMPLE / 2 - 1)].filter((l) => l.trim() !== '');
  }, 120_000);
  afterAll(async () => t?.close());

  it('accepts every event, keeps its time, and stores a re-sent batch once', async () => {
    const call = client(t.url, { token: t.adminToken });
    let accepted = 0;
    for (let i = 0; i < lines.length; i += 1000) {
      const res = await call('POST', '/api/v1/events?source=otrf', lines.slice(i, i + 1000).join('\n'), { 'content-type': 'application/x-ndjson' });
      expect(res.status).toBe(200);
      const body = res.body as { accepted: number; duplicates: number; rejected: unknown[] };
      expect(body.rejected).toEqual([]);
      accepted += body.accepted + body.duplicates;
    }
    expect(accepted).toBe(lines.length);
    const again = await call('POST', '/api/v1/events?source=otrf', lines.slice(0, 1000).join('\n'), { 'content-type': 'application/x-ndjson' });
    expect((again.body as { accepted: number }).accepted).toBe(0);
    const [count] = await t.database.db.tx(INSTANCE, (tx) => rows<{ n: string; distinct_ids: string }>(tx, sql`select count(*) as n, count(distinct event_id) as distinct_ids from events`));
    expect(Number(count!.n)).toBe(Number(count!.distinct_ids));
    // The corpus itself repeats some records byte for byte: those are stored once.
    expect(Number(count!.n)).toBe(new Set(lines).size);
  }, 180_000);

  it('projects Sysmon and Security events onto the OCSF classes their ids mean', async () => {
    const byClass = await t.database.db.tx(INSTANCE, (tx) =>
      rows<{ event_id: number; channel: string; class_uid: number; n: string; with_time: string; with_host: string }>(tx, sql`
        select (native->>'EventID')::int as event_id, lower(native->>'Channel') as channel, class_uid, count(*) as n,
               count(*) filter (where time = (native->>'@timestamp')::timestamptz) as with_time,
               count(*) filter (where ocsf #>> '{device,hostname}' is not null) as with_host
        from events group by 1, 2, 3`),
    );
    const classOf = (channel: string, id: number) => byClass.filter((r) => r.channel.includes(channel) && r.event_id === id);
    const sysmon1 = classOf('sysmon', 1);
    expect(sysmon1.length).toBeGreaterThan(0);
    expect(sysmon1.every((r) => r.class_uid === 1007)).toBe(true);
    const sysmon3 = classOf('sysmon', 3);
    if (sysmon3.length > 0) expect(sysmon3.every((r) => r.class_uid === 4001)).toBe(true);
    const logons = classOf('security', 4624);
    if (logons.length > 0) expect(logons.every((r) => r.class_uid === 3002)).toBe(true);
    for (const r of byClass) {
      expect(Number(r.with_time), `${r.channel} ${r.event_id}: own time kept`).toBe(Number(r.n));
      expect(Number(r.with_host), `${r.channel} ${r.event_id}: device hostname`).toBe(Number(r.n));
    }
    const [proc] = await t.database.db.tx(INSTANCE, (tx) =>
      rows<{ name: string | null; cmd: string | null }>(tx, sql`select ocsf #>> '{process,name}' as name, ocsf #>> '{process,cmd_line}' as cmd
        from events where class_uid = 1007 and (native->>'EventID')::int = 1 limit 1`),
    );
    expect(proc!.name).toMatch(/\.exe$/i);
    expect(proc!.cmd).toBeTruthy();
  });
});
