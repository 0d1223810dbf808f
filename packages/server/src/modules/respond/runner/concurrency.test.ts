// Playbook runs beside the bus consumer and their concurrency: a run waiting on a slow webhook does not
// hold up the trigger's delivery; `single` and `per-incident` keys queue later runs and start them one
// at a time, oldest first, as earlier ones end (also when an approval ends them); `parallel` never waits.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybookRun, PlaybookRunList } from '@bulwark/contracts';
import { sql } from 'drizzle-orm';
import { INSTANCE } from '../../../platform/index.ts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';

const playbook = (id: string, concurrency: string, steps: string) => `
id: ${id}
name: ${id}
version: 1
on:
  alert:
    when: "alert.title == '${id}'"
concurrency: ${concurrency}
steps:
${steps}`;

const APPROVAL = `  - id: gate
    uses: enrich.intel
    with: { value: "{{ alert.id }}" }
    approval: { required: true, approvers: [role:responder], timeout: 4h }
`;

for (const tier of databaseTiers()) {
  describe(`playbook runs and concurrency (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    let orgId: string;
    let hook: Server;
    let hookUrl: string;
    const held: Array<() => void> = [];
    beforeAll(async () => {
      hook = createServer((req, res) => {
        req.resume();
        req.on('end', () => held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')));
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      t = await startTestApp(tier, { env: { BULWARK_EGRESS_ALLOW: '127.0.0.0/8' } });
      call = client(t.url, { token: t.adminToken });
      orgId = (await call<{ organisation: { id: string } }>('GET', '/api/v1/auth/session')).body.organisation.id;
    });
    afterAll(async () => {
      held.splice(0).forEach((f) => f());
      await t?.close();
      await new Promise((r) => hook.close(r));
    });

    async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
      for (let i = 0; i < 400; i++) {
        const v = await f();
        if (ok(v)) return v;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await f()).slice(0, 2000)}`);
    }
    const runsOf = async (id: string) => (await call<PlaybookRunList>('GET', `/api/v1/playbook-runs?playbook=${id}`)).body.runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const alert = (title: string, n: number, incident?: string) => ({
      kind: 'alert' as const,
      alert: { id: `${title}-${n}`, title, severity: 'high' },
      ...(incident ? { incident: { id: incident } } : {}),
    });
    const save = async (source: string) => expect((await call('PUT', `/api/v1/playbooks/${/id: (\S+)/.exec(source)![1]}`, { source })).status).toBe(201);

    it('stores the run and returns while a step still waits on a slow webhook', async () => {
      await save(playbook('slow-hook', 'parallel', `  - id: tell
    uses: notify.webhook
    with: { url: "${hookUrl}", body: { alert: "{{ alert.id }}" } }
`));
      const started = Date.now();
      const ids = await t.app.respond.dispatch(orgId, alert('slow-hook', 1), 'test:slow-hook-1');
      expect(ids).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      await until(async () => held.length, (n) => n === 1, 'the webhook request');
      expect((await runsOf('slow-hook'))[0]!.status).toBe('running');
      held.shift()!();
      const [done] = await until(() => runsOf('slow-hook'), (r) => r[0]?.status === 'succeeded', 'the run to end');
      expect((done!.state as { steps: Array<{ status: string }> }).steps[0]!.status).toBe('succeeded');
    });

    it('single: later runs queue and start one at a time, oldest first, as approvals end the earlier ones', async () => {
      await save(playbook('one-at-a-time', 'single', APPROVAL));
      for (let n = 1; n <= 3; n++) expect(await t.app.respond.dispatch(orgId, alert('one-at-a-time', n), `test:single-${n}`)).toHaveLength(1);
      let runs = await until(() => runsOf('one-at-a-time'), (r) => r.length === 3 && r[0]!.status === 'waiting_approval', 'the first run to wait');
      expect(runs.map((r) => r.status)).toEqual(['waiting_approval', 'queued', 'queued']);
      expect(runs.map((r) => r.alertId)).toEqual(['one-at-a-time-1', 'one-at-a-time-2', 'one-at-a-time-3']);
      // The same trigger again is the same run: nothing new is queued.
      expect(await t.app.respond.dispatch(orgId, alert('one-at-a-time', 2), 'test:single-2')).toEqual([]);

      const approve = async (run: PlaybookRun, approved: boolean) => {
        const res = await call<PlaybookRun>('POST', `/api/v1/playbook-runs/${run.id}/approval`, { approved });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      };
      await approve(runs[0]!, true);
      runs = await until(() => runsOf('one-at-a-time'), (r) => r[1]!.status === 'waiting_approval', 'the second run to start');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'waiting_approval', 'queued']);
      await approve(runs[1]!, false);
      runs = await until(() => runsOf('one-at-a-time'), (r) => r[2]!.status === 'waiting_approval', 'the third run to start');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', expect.stringMatching(/^(succeeded|failed|stopped)$/), 'waiting_approval']);
    });

    it('per-incident: runs of different incidents go side by side, runs of one incident in turn; parallel never waits', async () => {
      await save(playbook('per-inc', 'per-incident', APPROVAL));
      await save(playbook('free', 'parallel', APPROVAL));
      const a = '00000000-0000-4000-8000-0000000000a1';
      const b = '00000000-0000-4000-8000-0000000000b2';
      await t.app.respond.dispatch(orgId, alert('per-inc', 1, a), 'test:inc-1');
      await t.app.respond.dispatch(orgId, alert('per-inc', 2, b), 'test:inc-2');
      await t.app.respond.dispatch(orgId, alert('per-inc', 3, a), 'test:inc-3');
      for (let n = 1; n <= 3; n++) await t.app.respond.dispatch(orgId, alert('free', n), `test:free-${n}`);
      const runs = await until(() => runsOf('per-inc'), (r) => r.filter((x) => x.status === 'waiting_approval').length === 2, 'two incidents to run');
      expect(runs.map((r) => [r.alertId, r.status])).toEqual([['per-inc-1', 'waiting_approval'], ['per-inc-2', 'waiting_approval'], ['per-inc-3', 'queued']]);
      const free = await until(() => runsOf('free'), (r) => r.length === 3 && r.every((x) => x.status === 'waiting_approval'), 'every parallel run to wait');
      expect(free).toHaveLength(3);
    });

    it("an incident's updated changes coalesce into the one run waiting its turn, which starts with the newest incident", async () => {
      await save(`
id: on-update
name: on-update
version: 1
on:
  incident:
    types: [updated]
concurrency: per-incident
steps:
${APPROVAL.replace('alert.id', 'incident.id')}`);
      const id = '00000000-0000-4000-8000-0000000000c3';
      for (let n = 1; n <= 4; n++) {
        await t.app.respond.dispatch(orgId, { kind: 'incident', change: 'updated', incident: { id, number: 9, alertCount: n } }, `test:update-${n}`);
      }
      let runs = await until(() => runsOf('on-update'), (r) => r[0]?.status === 'waiting_approval', 'the first run to wait');
      expect(runs.map((r) => r.status)).toEqual(['waiting_approval', 'queued']);
      expect(runs[1]!.state).toMatchObject({ trigger: { incident: { alertCount: 4 } }, coalesced: 2 });
      expect((await call('POST', `/api/v1/playbook-runs/${runs[0]!.id}/approval`, { approved: true })).status).toBe(200);
      runs = await until(() => runsOf('on-update'), (r) => r[1]?.status === 'waiting_approval', 'the coalesced run to start');
      expect((runs[1]!.state as { trigger: { incident: { alertCount: number } } }).trigger.incident.alertCount).toBe(4);
      // The next change while it waits for approval queues one run again.
      await t.app.respond.dispatch(orgId, { kind: 'incident', change: 'updated', incident: { id, number: 9, alertCount: 5 } }, 'test:update-5');
      expect((await runsOf('on-update')).map((r) => r.status)).toEqual(['succeeded', 'waiting_approval', 'queued']);
    });

    it('after a crash: a run that never reached its first step starts from its stored trigger, then the queued one behind it', async () => {
      await save(playbook('crashed', 'single', `  - id: look
    uses: enrich.intel
    with: { value: "{{ alert.id }}" }
`));
      expect(await t.app.respond.dispatch(orgId, alert('crashed', 1), 'test:crash-1')).toHaveLength(1);
      await until(() => runsOf('crashed'), (r) => r[0]?.status === 'succeeded', 'the first run');
      // As a process that stopped right after storing its runs leaves them: one running without a step
      // done and untouched for minutes, one queued behind it.
      const trigger = (n: number) => JSON.stringify({ trigger: { alert: { id: `crashed-${n + 1}`, title: 'crashed', severity: 'high' } } });
      await t.platform.db.tx(INSTANCE, async (tx) => {
        for (const [n, status] of [[1, 'running'], [2, 'queued']] as const) {
          await tx.execute(sql`insert into playbook_runs (id, org_id, playbook_id, playbook_version, alert_id, status, state, concurrency_key, created_at, updated_at)
            values (${`crashed-run-${n}`}, ${orgId}, 'crashed', 1, ${`crashed-${n + 1}`}, ${status}, ${trigger(n)}::jsonb, 'playbook:crashed', now() - interval '3 minutes' + ${`${n} seconds`}::interval, now() - interval '2 minutes')`);
        }
      });
      expect(await t.app.respond.upkeep()).toBeGreaterThanOrEqual(1);
      const runs = await until(() => runsOf('crashed'), (r) => r.length === 3 && r.every((x) => x.status === 'succeeded'), 'both interrupted runs to end');
      expect(runs.map((r) => r.alertId)).toEqual(['crashed-2', 'crashed-3', 'crashed-1']);
      // Each ran on its own stored trigger, its step done once.
      for (const r of runs) {
        const st = r.state as { trigger: { alert: { id: string } }; steps: Array<{ status: string; attempts: number }> };
        expect([st.trigger.alert.id, st.steps[0]!.status, st.steps[0]!.attempts]).toEqual([r.alertId, 'succeeded', 1]);
      }
    });
  });
}
