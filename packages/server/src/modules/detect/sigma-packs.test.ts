// Sigma packs over the API: an organisation sees the instance's packs and uploads its own; uploaded rules,
// settings (disable, level) and meta filters take effect on the live stream without a restart, stay in
// their organisation, and every rule has hit counts and an evaluation cost.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, SigmaPack, SigmaPackList, SigmaRuleDetail, SigmaRulePage } from '@bulwark/contracts';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

const INSTANCE_RULE = `title: Whoami Execution
id: 7f1f1e4e-0000-4000-8000-0000000000a1
status: test
level: high
tags: [attack.discovery, attack.t1033]
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\whoami.exe' }
  condition: selection
`;

const UPLOADED_RULE = `title: Net user enumeration
id: 7f1f1e4e-0000-4000-8000-0000000000b1
status: test
level: medium
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\\\net.exe', CommandLine|contains: ' user' }
  condition: selection
`;

const BROKEN = `title: Broken one
id: 7f1f1e4e-0000-4000-8000-0000000000b2
logsource: { product: windows }
detection:
  sel:
    Image|nosuchmodifier: x
  condition: sel
`;

const FILTER = `title: Admins may run whoami
logsource: { category: process_creation, product: windows }
filter:
  rules: [7f1f1e4e-0000-4000-8000-0000000000a1]
  selection: { User|startswith: 'adm_' }
  condition: selection
`;

type Call = ReturnType<typeof client>;

describe('Sigma packs through the API', () => {
  let t: TestApp;
  let root: Call;
  let other: Call;
  let sent = 0;

  const proc = (image: string, commandLine: string, user = 'alice') => ({
    Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws1', Image: image, CommandLine: commandLine, User: user,
    '@timestamp': new Date(Date.now() - 1000 + sent++).toISOString(),
  });

  async function alertsOf(call: Call, ruleId: string, min: number): Promise<Alert[]> {
    let found: Alert[] = [];
    for (let i = 0; i < 200; i++) {
      found = (await call<{ alerts: Alert[] }>('GET', '/api/v1/alerts?detector=sigma&limit=500')).body.alerts.filter((a) => a.ruleId === ruleId);
      if (found.length >= min) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    return found;
  }

  /** Sends a marker event after `events` and waits for its alert, so that everything before it was detected. */
  async function sendAndSettle(call: Call, events: unknown[]): Promise<void> {
    const before = (await alertsOf(call, '7f1f1e4e-0000-4000-8000-0000000000b1', 0)).length;
    expect((await call('POST', '/api/v1/events', [...events, proc('C:\\Windows\\System32\\net.exe', 'net user marker')])).status).toBe(200);
    expect((await alertsOf(call, '7f1f1e4e-0000-4000-8000-0000000000b1', before + 1)).length).toBe(before + 1);
  }

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-packs-'));
    writeFileSync(join(dir, 'whoami.yml'), INSTANCE_RULE);
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_SIGMA_RULES: dir, BULWARK_SIGMA_SAVE_SECONDS: '1' } });
    root = client(t.url, { token: t.adminToken });
    const org = await root<{ id: string }>('POST', '/api/v1/organisations', { name: 'Agency B', slug: 'agency-b' });
    const user = await root<{ password: string }>('POST', '/api/v1/users', { email: 'analyst@b.example', role: 'analyst', organisationId: org.body.id });
    const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@b.example', password: user.body.password }) });
    const info = (await login.json()) as { csrfToken: string };
    const key = await client(t.url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: info.csrfToken })<{ token: string }>('POST', '/api/v1/keys', { name: 'test' });
    other = client(t.url, { token: key.body.token });
  });
  afterAll(async () => t?.close());

  it('lists the instance pack, read-only', async () => {
    const list = await root<SigmaPackList>('GET', '/api/v1/sigma/packs');
    expect(list.status).toBe(200);
    expect(list.body.packs).toEqual([expect.objectContaining({ source: 'instance', rules: 1, errors: 0, files: 1 })]);
    const name = list.body.packs[0]!.name;
    const upload = await root('PUT', `/api/v1/sigma/packs/${name}`, { files: [{ name: 'x.yml', content: UPLOADED_RULE }] });
    expect(upload.status).toBe(409);
  });

  it('uploads a pack, reports the rules that cannot run with file, line and reason, and runs the others at once', async () => {
    const up = await root<SigmaPack>('PUT', '/api/v1/sigma/packs/local-tuning', {
      description: 'Our own rules',
      files: [{ name: 'net.yml', content: UPLOADED_RULE }, { name: 'broken/broken.yml', content: BROKEN }, { name: 'mf_admins.yml', content: FILTER }],
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ name: 'local-tuning', source: 'organisation', rules: 1, filters: 1, errors: 1, files: 3, description: 'Our own rules' });
    expect(up.body.problems).toContainEqual(expect.objectContaining({ kind: 'error', file: 'broken/broken.yml', ruleId: '7f1f1e4e-0000-4000-8000-0000000000b2', line: 6 }));
    expect(up.body.problems.find((p) => p.kind === 'error')!.reason).toMatch(/nosuchmodifier/);
    // The filter names a rule of the instance pack: not in this pack, hence a warning, not an error.
    expect(up.body.problems).toContainEqual(expect.objectContaining({ kind: 'warning', file: 'mf_admins.yml' }));
    const detail = await root<SigmaPack>('GET', '/api/v1/sigma/packs/local-tuning');
    expect(detail.body.problems).toEqual(up.body.problems);

    await sendAndSettle(root, [proc('C:\\Windows\\System32\\whoami.exe', 'whoami', 'adm_bob'), proc('C:\\Windows\\System32\\whoami.exe', 'whoami /all', 'alice')]);
    const whoami = await alertsOf(root, '7f1f1e4e-0000-4000-8000-0000000000a1', 1);
    // The organisation's meta filter suppresses the instance rule for administrators only.
    expect(whoami).toHaveLength(1);
    const stored = await root<{ events: Array<{ eventId: string; native: { User: string } }> }>('GET', '/api/v1/events?limit=50');
    const users = stored.body.events.filter((e) => whoami[0]!.eventIds.includes(e.eventId)).map((e) => e.native.User);
    expect(users).toEqual(['alice']);
  });

  it('keeps a pack in its organisation', async () => {
    const packs = await other<SigmaPackList>('GET', '/api/v1/sigma/packs');
    expect(packs.body.packs.map((p) => p.name)).not.toContain('local-tuning');
    expect((await other('GET', '/api/v1/sigma/packs/local-tuning')).status).toBe(404);
    expect((await other('GET', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000b1')).status).toBe(404);
    expect((await other('DELETE', '/api/v1/sigma/packs/local-tuning')).status).toBe(404);
    // The other organisation's events do not meet the uploaded rule; the instance's rule runs for it, unfiltered.
    expect((await other('POST', '/api/v1/events', [proc('C:\\Windows\\System32\\net.exe', 'net user x'), proc('C:\\Windows\\System32\\whoami.exe', 'whoami', 'adm_eve')])).status).toBe(200);
    const theirs = await alertsOf(other, '7f1f1e4e-0000-4000-8000-0000000000a1', 1);
    expect(theirs).toHaveLength(1);
    expect(await alertsOf(other, '7f1f1e4e-0000-4000-8000-0000000000b1', 0)).toEqual([]);
  });

  it('disables a rule and overrides its level for one organisation, from the next events on', async () => {
    const off = await root<SigmaRuleDetail>('PATCH', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000a1', { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, pack: expect.any(String), source: 'instance', filters: [{ title: 'Admins may run whoami', pack: 'local-tuning' }] });
    expect(off.body.text).toContain('title: Whoami Execution');
    const level = await root<SigmaRuleDetail>('PATCH', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000b1', { level: 'critical' });
    expect(level.body).toMatchObject({ level: 'medium', effectiveLevel: 'critical', enabled: true });
    const before = (await alertsOf(root, '7f1f1e4e-0000-4000-8000-0000000000a1', 1)).length;
    await sendAndSettle(root, [proc('C:\\Windows\\System32\\whoami.exe', 'whoami /priv', 'carol')]);
    expect(await alertsOf(root, '7f1f1e4e-0000-4000-8000-0000000000a1', before)).toHaveLength(before);
    const net = await alertsOf(root, '7f1f1e4e-0000-4000-8000-0000000000b1', 1);
    expect(net.some((a) => a.severity === 'critical')).toBe(true);
    // The other organisation still runs the rule.
    expect((await other<SigmaRuleDetail>('GET', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000a1')).body.enabled).toBe(true);
    const back = await root<SigmaRuleDetail>('PATCH', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000b1', { level: null });
    expect(back.body.effectiveLevel).toBe('medium');
  });

  it('counts hits and evaluations per rule and organisation', async () => {
    let page: SigmaRulePage | undefined;
    for (let i = 0; i < 100; i++) {
      page = (await root<SigmaRulePage>('GET', '/api/v1/sigma/rules?sort=hits')).body;
      if ((page.rules[0]?.hits ?? 0) >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(page!.total).toBe(2);
    const net = page!.rules.find((r) => r.key === '7f1f1e4e-0000-4000-8000-0000000000b1')!;
    expect(net.hits).toBe(2); // the two markers; the other organisation's net.exe event is not counted here
    expect(net.evaluations).toBeGreaterThanOrEqual(net.hits);
    expect(net.lastHitAt).not.toBeNull();
    const filtered = await root<SigmaRulePage>('GET', '/api/v1/sigma/rules?enabled=false');
    expect(filtered.body.rules.map((r) => r.key)).toEqual(['7f1f1e4e-0000-4000-8000-0000000000a1']);
    const search = await root<SigmaRulePage>('GET', '/api/v1/sigma/rules?q=t1033');
    expect(search.body.total).toBe(1);
  });

  it('refuses bad uploads with the reason and keeps what was stored', async () => {
    const bad = await root<{ detail: string }>('PUT', '/api/v1/sigma/packs/local-tuning', { files: [{ name: '../etc/passwd.yml', content: UPLOADED_RULE }] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/relative path/);
    const dup = await root('PUT', '/api/v1/sigma/packs/local-tuning', { files: [{ name: 'a.yml', content: 'x: 1' }, { name: 'a.yml', content: 'x: 1' }] });
    expect(dup.status).toBe(400);
    const name = await root('PUT', '/api/v1/sigma/packs/has%20space', { files: [{ name: 'a.yml', content: UPLOADED_RULE }] });
    expect(name.status).toBe(400);
    expect((await root<SigmaPack>('GET', '/api/v1/sigma/packs/local-tuning')).body.rules).toBe(1);
  });

  it('deletes a pack, and its rules stop', async () => {
    expect((await root('DELETE', '/api/v1/sigma/packs/local-tuning')).status).toBe(204);
    expect((await root('GET', '/api/v1/sigma/rules/7f1f1e4e-0000-4000-8000-0000000000b1')).status).toBe(404);
    const audit = await root<{ entries: Array<{ action: string }> }>('GET', '/api/v1/audit?limit=50');
    const actions = audit.body.entries.map((e) => e.action);
    for (const a of ['sigma.pack.upload', 'sigma.rule.update', 'sigma.pack.delete']) expect(actions).toContain(a);
  });
});
