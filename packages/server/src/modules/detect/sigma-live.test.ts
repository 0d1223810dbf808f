// Sigma rules in the live pipeline: events sent over HTTP are routed to the rules of their log source
// and raise alerts carrying the rule's title, level, tags and the matched fields.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTiers } from '../../testing/databases.ts';
import { client, startTestApp, type TestApp } from '../../testing/app.ts';

const RULE = `title: Whoami Execution
id: 7f1f1e4e-0000-4000-8000-000000000001
status: test
level: high
tags: [attack.discovery, attack.t1033]
references: [https://attack.mitre.org/techniques/T1033/]
logsource:
  category: process_creation
  product: windows
detection:
  selection:
    Image|endswith: '\\\\whoami.exe'
  filter:
    CommandLine|contains: '/help'
  condition: selection and not filter
`;

const SUDO_RULE = `title: Sudo privilege escalation CVE-2019-14287
id: 7f1f1e4e-0000-4000-8000-000000000003
status: test
level: high
logsource: { product: linux, service: sudo }
detection:
  selection_keywords: ['* -u#*']
  selection_user: { USER: ['#-*', '#*4294967295'] }
  condition: selection_keywords or selection_user
`;

const BROKEN = `title: Broken
logsource: { product: windows }
detection:
  sel: { Image|nosuchmodifier: x }
  condition: sel
`;

describe('Sigma in the live pipeline', () => {
  let t: TestApp;
  let call: ReturnType<typeof client>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-sigma-'));
    writeFileSync(join(dir, 'whoami.yml'), RULE);
    writeFileSync(join(dir, 'broken.yml'), BROKEN);
    writeFileSync(join(dir, 'sudo.yml'), SUDO_RULE);
    t = await startTestApp(databaseTiers()[0]!, { env: { BULWARK_SIGMA_RULES: dir } });
    call = client(t.url, { token: t.adminToken });
  });
  afterAll(async () => t?.close());

  async function alerts(): Promise<Array<{ title: string; severity: string; tags: string[]; fields: Record<string, unknown>; eventIds: string[] }>> {
    return (await call<{ alerts: never[] }>('GET', '/api/v1/alerts?detector=sigma')).body.alerts;
  }

  it('raises alerts for Sysmon 1 and Security 4688 process creation alike, and not for filtered or other events', async () => {
    const sysmon = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws1', Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all', '@timestamp': new Date().toISOString() };
    const security = { Channel: 'Security', EventID: 4688, Computer: 'ws2', NewProcessName: 'C:\\Windows\\System32\\WHOAMI.EXE', CommandLine: 'whoami', '@timestamp': new Date().toISOString() };
    const filtered = { ...sysmon, Computer: 'ws3', CommandLine: 'whoami /help' };
    const otherChannel = { ...sysmon, Channel: 'Application', Computer: 'ws4' };
    const res = await call('POST', '/api/v1/events', [sysmon, security, filtered, otherChannel]);
    expect(res.body).toMatchObject({ accepted: 4 });
    let found: Awaited<ReturnType<typeof alerts>> = [];
    for (let i = 0; i < 200 && found.length < 2; i++) {
      found = await alerts();
      if (found.length < 2) await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    found = await alerts();
    expect(found).toHaveLength(2);
    expect(found.every((a) => a.title === 'Whoami Execution' && a.severity === 'high')).toBe(true);
    expect(found[0]!.tags).toEqual(['attack.discovery', 'attack.t1033']);
    const images = found.map((a) => String(a.fields['Image'])).sort();
    expect(images).toEqual(['C:\\Windows\\System32\\WHOAMI.EXE', 'C:\\Windows\\System32\\whoami.exe']);
  });

  it('routes syslog lines of Linux programs to Linux rules (declared source: product linux, service from the program)', async () => {
    const now = new Date().toISOString();
    const lines = [
      `<86>1 ${now} web1 sudo 4242 - - alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id`,
      `<86>1 ${now} web1 sudo 4243 - - bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id`,
      `<30>1 ${now} web1 myapp 1 - - USER=#-1 is not a sudo line`,
    ].join('\n');
    const res = await call('POST', '/api/v1/events?format=syslog', lines, { 'content-type': 'text/plain' });
    expect(res.body).toMatchObject({ accepted: 3 });
    let found: Awaited<ReturnType<typeof alerts>> = [];
    for (let i = 0; i < 200 && found.length < 1; i++) {
      found = (await alerts()).filter((a) => a.title.startsWith('Sudo'));
      if (found.length < 1) await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    found = (await alerts()).filter((a) => a.title.startsWith('Sudo'));
    expect(found).toHaveLength(1);
    expect(found[0]!.fields['USER']).toBe('#-1');
  });

  it('reloads rules from disk without a restart', async () => {
    const event = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws9', Image: 'C:\\Tools\\nltest.exe', CommandLine: 'nltest /dclist' };
    writeFileSync(join(dir, 'nltest.yml'), RULE.replace('Whoami Execution', 'Nltest Discovery').replace('000000000001', '000000000002').replace("'\\\\whoami.exe'", "'\\\\nltest.exe'"));
    await t.app.reloadRules();
    await call('POST', '/api/v1/events', [event]);
    let titles: string[] = [];
    for (let i = 0; i < 200 && !titles.includes('Nltest Discovery'); i++) {
      titles = (await alerts()).map((a) => a.title);
      if (!titles.includes('Nltest Discovery')) await new Promise((r) => setTimeout(r, 25));
    }
    expect(titles).toContain('Nltest Discovery');
    const metrics = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminToken}` } }).then((r) => r.text());
    expect(metrics).toMatch(/bulwark_sigma_rules_loaded 3/);
    expect(metrics).toMatch(/bulwark_sigma_rules_refused 1/);
    expect(metrics).toMatch(/bulwark_sigma_rule_matches_total\{rule_id="7f1f1e4e-0000-4000-8000-000000000001"\} 2/);
  });
});
