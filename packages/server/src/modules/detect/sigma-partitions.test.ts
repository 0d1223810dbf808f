// Sigma correlation with two worker processes on the real NATS JetStream and PostgreSQL: each user's
// failed logons land on both workers, yet each user's count is kept in one place (its partition), so
// the threshold is crossed once per user; when a worker stops, the other takes its partitions over with
// their saved state and the counts go on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresUrl } from '../../testing/databases.ts';
import { deleteStream, natsUrl, testStreamName } from '../../testing/nats.ts';
import { startServer, type ServerProcess } from '../../testing/server-process.ts';

const enabled = postgresUrl !== undefined && natsUrl !== undefined;
if (!enabled) console.log('Partitioned Sigma correlation test skipped: needs BULWARK_TEST_DATABASE_URL and BULWARK_TEST_NATS_URL.');

const RULES = `title: Failed logon
id: 5a7e1f10-0000-4000-8000-00000000f301
name: failed_logon_partitioned
level: low
logsource: { product: windows, service: security }
detection: { selection: { EventID: 4625 }, condition: selection }
---
title: Eight failed logons for one account
id: 5a7e1f10-0000-4000-8000-00000000c301
level: high
correlation: { type: event_count, rules: [failed_logon_partitioned], group-by: [TargetUserName], timespan: 1h, condition: { gte: 8 } }
`;

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];

describe.runIf(enabled)('Sigma correlation partitioned across two workers (NATS, PostgreSQL)', () => {
  const stream = testStreamName();
  let database: { url: string; drop(): Promise<void> };
  let api: ServerProcess;
  let workers: ServerProcess[] = [];
  const taken = (w: ServerProcess) => w.output().split('\n').filter((l) => l.includes('Sigma correlation partition taken')).length;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-partitions-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    database = await createPostgresDatabase(postgresUrl!);
    const env = { BULWARK_DATABASE_URL: database.url, BULWARK_NATS_URL: natsUrl!, BULWARK_NATS_STREAM: stream, BULWARK_SIGMA_RULES: dir, BULWARK_SIGMA_PARTITIONS: '8', BULWARK_SIGMA_SAVE_SECONDS: '1' };
    api = await startServer({ env: { ...env, BULWARK_ROLES: 'api' } });
    workers = [await startServer({ env: { ...env, BULWARK_ROLES: 'worker', BULWARK_LOG_LEVEL: 'debug' } })];
    workers.push(await startServer({ env: { ...env, BULWARK_ROLES: 'worker', BULWARK_LOG_LEVEL: 'debug' } }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
    await database?.drop();
    await deleteStream(natsUrl!, stream);
  });

  async function send(batch: number): Promise<void> {
    const base = Date.now() - 30 * 60_000;
    const events = USERS.map((u, i) => ({
      Channel: 'Security', EventID: 4625, Computer: 'dc1', TargetUserName: u, seq: `${batch}-${i}`,
      '@timestamp': new Date(base + batch * 1000 + i).toISOString(),
    }));
    const res = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
    expect(res.status).toBe(200);
  }

  async function correlationAlerts(): Promise<Array<{ fields: Record<string, unknown> }>> {
    const res = await fetch(`${api.url}/api/v1/alerts?detector=sigma&limit=500`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    return ((await res.json()) as { alerts: Array<{ ruleId: string; fields: Record<string, unknown> }> }).alerts.filter((a) => a.ruleId === '5a7e1f10-0000-4000-8000-00000000c301');
  }

  it('crosses each account\'s threshold once, with the events split between workers and a worker stopping half-way', async () => {
    // Both workers work partitions once the second one got its share.
    for (let i = 0; i < 200 && !(taken(workers[0]!) > 0 && taken(workers[1]!) > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect(taken(workers[1]!)).toBeGreaterThan(0);
    for (let b = 0; b < 5; b++) await send(b);
    // Both workers ran base rules on some of the batches.
    const handled = (w: ServerProcess) => w.output().split('\n').filter((l) => l.includes('"msg":"bus message handled"') && l.includes('"group":"detect"')).length;
    await new Promise((r) => setTimeout(r, 2000));
    expect((await correlationAlerts()).length).toBe(0); // 5 of 8 per account so far
    // Stop one worker: it saves its partitions' state and gives them up; the other takes them over.
    const stopped = workers.shift()!;
    expect(await stopped.stop()).toBe(0);
    for (let b = 5; b < 10; b++) await send(b);
    let found: Array<{ fields: Record<string, unknown> }> = [];
    for (let i = 0; i < 300 && found.length < USERS.length; i++) {
      found = await correlationAlerts();
      if (found.length < USERS.length) await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    found = await correlationAlerts();
    expect(found.map((a) => a.fields['TargetUserName']).sort()).toEqual(USERS);
    expect(found.every((a) => a.fields['value'] === 8)).toBe(true);
    expect(handled(stopped)).toBeGreaterThan(0);
    expect(handled(workers[0]!)).toBeGreaterThan(0);
    expect(handled(stopped) + handled(workers[0]!)).toBe(10);
    workers.push(stopped); // stopped already; afterAll's stop is harmless
  }, 180_000);
});
