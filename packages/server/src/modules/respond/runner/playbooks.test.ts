// Playbooks through the API and the bus: a saved playbook follows new incidents, blocks the source
// address (block list and incident timeline), waits for an approval before blocking a gateway account,
// runs once per trigger whatever the redeliveries, and a dry run does nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentList, PlaybookRun, PlaybookRunList, PlaybookTestResult } from '@bulwark/contracts';
import { databaseTiers } from '../../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../../testing/app.ts';
import type { Detector } from '../../detect/index.ts';

const detector: Detector = {
  id: 'test-playbooks',
  detect: (_org, events) => events.flatMap((e) => {
    const n = e.native as { rule?: string };
    return n.rule ? [{ ruleId: n.rule, title: `Rule ${n.rule}`, severity: 'high' as const, eventIds: [e.eventId], eventTime: e.time, tags: ['attack.credential_access', 'attack.t1110'] }] : [];
  }),
};

const PLAYBOOK = `
id: contain-brute-force
name: Contain brute force
version: 1
on:
  incident:
    types: [created]
    when: "incident.severity >= 'high' and 'credential_access' in incident.tactics"
steps:
  - id: lookup
    uses: enrich.intel
    with: { value: "{{ incident.entities.ips[0] }}" }
  - id: owner
    uses: enrich.owner
    with: { host: "{{ incident.entities.hosts[0] }}", ip: "{{ incident.entities.ips[0] }}" }
  - id: block
    uses: contain.blocklist
    if: "len(incident.entities.ips) > 0"
    with: { value: "{{ incident.entities.ips[0] }}", ttl: 24h, reason: "{{ incident.title }}" }
  - id: gateway
    uses: contain.aiguard_block
    with: { account: "acct-{{ incident.number }}", ttl: 1h }
    approval: { required: true, approvers: [role:responder], timeout: 4h }
`;

for (const tier of databaseTiers()) {
  describe(`playbooks (${tier.name})`, () => {
    let t: TestApp;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(tier, { detectors: [detector] });
      call = client(t.url, { token: t.adminToken });
    });
    afterAll(async () => t?.close());

    async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
      for (let i = 0; i < 600; i++) {
        const v = await f();
        if (ok(v)) return v;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await f()).slice(0, 3000)}`);
    }

    it('refuses a document with problems, saying where', async () => {
      const bad = await call<{ detail: string }>('PUT', '/api/v1/playbooks/contain-brute-force', { source: PLAYBOOK.replace('contain.blocklist', 'contain.blocklistt').replace('ttl: 24h', 'ttl: soon') });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toMatch(/steps\[2\]\.uses/);
      expect((await call('PUT', '/api/v1/playbooks/contain-brute-force', { source: PLAYBOOK })).status).toBe(201);
      const again = await call<{ detail: string }>('PUT', '/api/v1/playbooks/contain-brute-force', { source: PLAYBOOK });
      expect(again.status).toBe(409);
    });

    it('dry-runs without doing anything', async () => {
      const res = await call<PlaybookTestResult>('POST', '/api/v1/playbooks/test', { source: PLAYBOOK, incident: { id: '00000000-0000-4000-8000-000000000001', number: 7, title: 'x', severity: 'critical', tactics: ['credential_access'], entities: { hosts: [], users: [], ips: ['192.0.2.99'], indicators: [] } } });
      expect(res.status).toBe(200);
      expect(res.body.matches).toBe(true);
      const steps = (res.body.run as { steps: Array<{ id: string; status: string; description?: string }> }).steps;
      expect(steps.find((s) => s.id === 'block')!.description).toMatch(/192\.0\.2\.99/);
      const list = await fetch(`${t.url}/api/v1/blocklist.txt`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(await list.text()).not.toContain('192.0.2.99');
    });

    it('contains a new incident, waits for approval, and runs once', async () => {
      expect((await call('PUT', '/api/v1/assets/owners', { assets: [{ match: 'vpn-*.ministry.example', owner: 'Network team', contact: 'noc@ministry.example', criticality: 'high' }] })).status).toBe(200);
      expect((await call('PUT', '/api/v1/assets/owners', { assets: [{ match: 'bad host(', owner: 'x' }] })).status).toBe(400);
      await call('POST', '/api/v1/events', [{ time: new Date().toISOString(), Computer: 'vpn-01.ministry.example', IpAddress: '198.51.100.77', User: 'admin', rule: 'brute' }]);
      const inc = (await until(() => call<IncidentList>('GET', '/api/v1/incidents'), (r) => r.body.incidents.length > 0, 'the incident')).body.incidents[0]!;
      const run = (await until(() => call<PlaybookRunList>('GET', `/api/v1/playbook-runs?incident=${inc.id}`), (r) => r.body.runs[0]?.status === 'waiting_approval', 'the approval wait')).body.runs[0]!;
      const steps = (run.state as { steps: Array<{ id: string; status: string; output?: { known?: boolean; owner?: string } }> }).steps;
      expect(steps.map((s) => [s.id, s.status])).toEqual([['lookup', 'succeeded'], ['owner', 'succeeded'], ['block', 'succeeded'], ['gateway', 'waiting_approval']]);
      expect(steps[0]!.output!.known).toBe(false);
      expect(steps[1]!.output).toMatchObject({ known: true, owner: 'Network team' });
      const txt = await (await fetch(`${t.url}/api/v1/blocklist.txt`, { headers: { authorization: `Bearer ${t.adminToken}` } })).text();
      expect(txt.split('\n')).toContain('198.51.100.77');

      const approved = await call<PlaybookRun>('POST', `/api/v1/playbook-runs/${run.id}/approval`, { approved: true, comment: 'go' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.status).toBe('succeeded');
      expect((await call('POST', `/api/v1/playbook-runs/${run.id}/approval`, { approved: true })).status).toBe(409);
      const blocks = (await call<{ blocks: Array<{ kind: string; value: string }> }>('GET', '/api/v1/aiguard/blocks')).body.blocks;
      expect(blocks).toContainEqual(expect.objectContaining({ kind: 'account', value: `acct-${inc.number}` }));

      // Every action taken is audited, as the platform (no user), with its run, step and key.
      const audited = (await call<{ entries: Array<{ actorKind: string; target: string; outcome: string; details: Record<string, unknown> }> }>('GET', '/api/v1/audit?action=playbook.contain.blocklist')).body.entries;
      expect(audited).toEqual([expect.objectContaining({ actorKind: 'system', target: 'contain-brute-force@1/block', outcome: 'success', details: expect.objectContaining({ run: run.id, step: 'block' }) })]);
      expect((await call<{ entries: unknown[] }>('GET', '/api/v1/audit?action=playbook.contain.aiguard_block')).body.entries).toHaveLength(1);
      const detail = (await call<IncidentDetail>('GET', `/api/v1/incidents/${inc.id}`)).body;
      expect(detail.timeline.filter((e) => e.kind === 'action').map((e) => e.body['summary'])).toEqual([
        expect.stringMatching(/198\.51\.100\.77 put on the block list/), expect.stringMatching(/account acct-\d+ blocked/),
      ]);
      // The same incident change delivered again starts nothing new; another trigger id would.
      const orgId = (await call<{ organisation: { id: string } }>('GET', '/api/v1/auth/session')).body.organisation.id;
      const event = { kind: 'incident' as const, change: 'created' as const, incident: inc as unknown as Record<string, unknown> };
      const triggerId = `message:incident-${inc.id}-created-alert:${detail.alerts[0]!.id}`;
      expect(await t.app.respond.dispatch(orgId, event, triggerId)).toEqual([]);
      expect((await call<PlaybookRunList>('GET', '/api/v1/playbook-runs')).body.runs).toHaveLength(1);
    });
  });
}
