// The anomaly jobs across two workers (NATS, PostgreSQL): events are routed to the partition of each
// entity the jobs key on, so a user's logins meet in one place whichever worker received them; when a
// worker stops, it saves its partitions and the other one takes them over and carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@bulwark/contracts';
import { createPostgresDatabase, postgresUrl } from '../../testing/databases.ts';
import { deleteStream, natsUrl, testStreamName } from '../../testing/nats.ts';
import { startServer, type ServerProcess } from '../../testing/server-process.ts';
import { partitionOf } from './engine.ts';
import { intToIpv4, openGeo } from './geo/geo.ts';
import { viewOf } from './jobs/index.ts';
import { route } from './partitions.ts';

const enabled = postgresUrl !== undefined && natsUrl !== undefined;
if (!enabled) console.log('anomaly partitions across workers: skipped (needs BULWARK_TEST_DATABASE_URL and BULWARK_TEST_NATS_URL)');

const geo = openGeo();
const ipOf = (country: string) => {
  for (const [a] of geo.rangesOf!(country)) {
    const ip = intToIpv4(a + 1);
    if (geo.lookup(ip).country?.country === country) return ip;
  }
  throw new Error(country);
};
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const login = (user: string, ip: string, minutesAgo: number, seq: string) => ({
  '@timestamp': new Date(Date.now() - minutesAgo * 60_000).toISOString(), seq,
  event: { category: 'authentication', type: 'start', outcome: 'success' }, user: { name: user }, source: { ip }, host: { name: 'vpn-gw' },
});

describe('routing events to entity partitions', () => {
  it('sends an event to the partition of each entity its jobs key on, with those jobs', () => {
    const ev = { eventId: 'e1', time: new Date().toISOString(), receivedAt: new Date().toISOString(), source: 't', format: 'json' as const, classUid: 3002, severityId: 1, message: null, native: {},
      ocsf: { class_uid: 3002, status_id: 2, user: { name: 'Alice' }, src_endpoint: { ip: '203.0.113.9' }, time: Date.now() } as never };
    const routed = route([viewOf(ev)]);
    const byJob = new Map<string, number>();
    for (const [part, items] of routed) for (const i of items) for (const j of i.j) byJob.set(j, part);
    expect(byJob.get('failed_login_spike')).toBe(partitionOf('alice'));
    expect(byJob.get('password_spray')).toBe(partitionOf('203.0.113.9'));
    expect(byJob.has('impossible_travel')).toBe(false); // a failure: no travel
  });
});

describe.runIf(enabled)('anomaly jobs partitioned across two workers (NATS, PostgreSQL)', () => {
  const stream = testStreamName();
  let database: { url: string; drop(): Promise<void> };
  let api: ServerProcess;
  let workers: ServerProcess[] = [];
  const taken = (w: ServerProcess) => w.output().split('\n').filter((l) => l.includes('anomaly partition taken')).length;

  beforeAll(async () => {
    database = await createPostgresDatabase(postgresUrl!);
    const env = { BULWARK_DATABASE_URL: database.url, BULWARK_NATS_URL: natsUrl!, BULWARK_NATS_STREAM: stream, BULWARK_ANOMALY_SAVE_SECONDS: '1' };
    api = await startServer({ env: { ...env, BULWARK_ROLES: 'api' } });
    workers = [await startServer({ env: { ...env, BULWARK_ROLES: 'worker', BULWARK_LOG_LEVEL: 'debug' } })];
    workers.push(await startServer({ env: { ...env, BULWARK_ROLES: 'worker', BULWARK_LOG_LEVEL: 'debug' } }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
    await database?.drop();
    await deleteStream(natsUrl!, stream);
  });

  async function send(events: unknown[]): Promise<void> {
    const res = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
    expect(res.status).toBe(200);
  }

  async function travel(): Promise<Alert[]> {
    const res = await fetch(`${api.url}/api/v1/alerts?detector=anomaly&limit=500`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    return ((await res.json()) as { alerts: Alert[] }).alerts.filter((a) => a.ruleId === 'impossible_travel');
  }

  it('finds each user\'s impossible travel once, with batches split between workers and a worker stopping half-way', async () => {
    for (let i = 0; i < 200 && !(taken(workers[0]!) > 0 && taken(workers[1]!) > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect(taken(workers[1]!)).toBeGreaterThan(0);
    // One login per user from Germany, in separate batches (spread over both workers).
    for (const [i, u] of USERS.entries()) await send([login(u, ipOf('DE'), 180, `de-${i}`)]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await travel()).toHaveLength(0);
    // Stop one worker: it saves its partitions and gives them up; the other takes them over.
    const stopped = workers.shift()!;
    expect(await stopped.stop()).toBe(0);
    for (const [i, u] of USERS.entries()) await send([login(u, ipOf('AU'), 120, `au-${i}`)]);
    let found: Alert[] = [];
    for (let i = 0; i < 300 && found.length < USERS.length; i++) {
      found = await travel();
      if (found.length < USERS.length) await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    found = await travel();
    expect(found.map((a) => (a.fields as { entity: string }).entity).sort()).toEqual(USERS);
    expect(found.every((a) => (a.fields as { feature: string }).feature === 'travel:AU-DE')).toBe(true);
    workers.push(stopped);
  }, 180_000);
});
