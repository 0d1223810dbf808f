// Scale-out over the real NATS JetStream and PostgreSQL: one api process and two worker processes
// share the work; every event batch is handled by exactly one worker, and every alert raised once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresUrl } from './testing/databases.ts';
import { deleteStream, natsUrl, testStreamName } from './testing/nats.ts';
import { startServer, type ServerProcess } from './testing/server-process.ts';

const enabled = postgresUrl !== undefined && natsUrl !== undefined;
if (!enabled) console.log('Scale-out roles test skipped: needs BULWARK_TEST_DATABASE_URL and BULWARK_TEST_NATS_URL.');

describe.runIf(enabled)('roles: api + two workers on NATS JetStream and PostgreSQL', () => {
  const stream = testStreamName();
  let database: { url: string; drop(): Promise<void> };
  let api: ServerProcess;
  let workers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase(postgresUrl!);
    const env = { BULWARK_DATABASE_URL: database.url, BULWARK_NATS_URL: natsUrl!, BULWARK_NATS_STREAM: stream, BULWARK_LOG_LEVEL: 'debug' };
    api = await startServer({ env: { ...env, BULWARK_ROLES: 'api', BULWARK_LOG_LEVEL: 'info' } });
    workers = await Promise.all([1, 2].map(() => startServer({ env: { ...env, BULWARK_ROLES: 'worker' } })));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
    await database?.drop();
    await deleteStream(natsUrl!, stream);
  });

  it('handles each event batch once across the two workers', async () => {
    const batches = 40;
    const perBatch = 25;
    let critical = 0;
    for (let b = 0; b < batches; b++) {
      const events = Array.from({ length: perBatch }, (_, i) => {
        const isCritical = i % 5 === 0;
        if (isCritical) critical += 1;
        return { EventID: 4625, Computer: `host-${b}`, Level: isCritical ? 1 : 4, TargetUserName: `user-${i}`, seq: `${b}-${i}` };
      });
      const res = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
      expect(res.status).toBe(200);
      // Re-sending a batch stores nothing new and publishes nothing.
      if (b % 10 === 0) {
        const again = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
        expect(((await again.json()) as { duplicates: number }).duplicates).toBe(perBatch);
      }
    }
    let alerts = 0;
    for (let i = 0; i < 300 && alerts < critical; i++) {
      const res = await fetch(`${api.url}/api/v1/alerts?limit=500`, { headers: { authorization: `Bearer ${api.adminToken}` } });
      alerts = ((await res.json()) as { alerts: unknown[] }).alerts.length;
      if (alerts < critical) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alerts).toBe(critical);
    await new Promise((r) => setTimeout(r, 1000));
    const handled = workers.map((w) =>
      w.output().split('\n').filter((l) => l.includes('"msg":"bus message handled"') && l.includes('"group":"detect"')).map((l) => (JSON.parse(l) as { msgId: string }).msgId),
    );
    const all = handled.flat();
    const counts = new Map<string, number>();
    for (const id of all) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(batches);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(handled[0]!.length).toBeGreaterThan(0);
    expect(handled[1]!.length).toBeGreaterThan(0);
  }, 180_000);
});
