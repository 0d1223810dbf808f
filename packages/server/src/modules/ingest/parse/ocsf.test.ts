import { describe, it, expect } from 'vitest';
import { projectOcsf } from './ocsf.ts';
import { parseCef } from './cef.ts';
import { parseLeef } from './leef.ts';
import { parseSyslog } from './syslog.ts';

const RECEIVED = new Date('2024-05-01T12:00:00Z');
const json = (native: Record<string, unknown>) => projectOcsf({ format: 'json', native, receivedAt: RECEIVED });
function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const asNative = (v: object) => v as unknown as Record<string, unknown>;

// Field shapes as in the OTRF Security-Datasets corpus (Windows events flattened to the top level).
const SYSMON_1 = {
  SourceName: 'Microsoft-Windows-Sysmon', Level: '4', Channel: 'Microsoft-Windows-Sysmon/Operational',
  Hostname: 'MKT01.pandalab.com', TimeCreated: '2023-08-15T09:53:48.554Z', '@timestamp': '2023-08-15T09:53:48.554Z', EventID: 1,
  ProcessId: '7448', Image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  CommandLine: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --profile-directory=Default',
  User: 'PANDALAB\\stevie.marie',
  Hashes: 'SHA1=FA9E8B7FB10473A01B8925C4C5B0888924A1147C,MD5=AD8536C7440638D40156E883AC25086E,IMPHASH=3A3DE7172D7A4E00C1867DD2F13AD959',
  ParentImage: 'C:\\Windows\\explorer.exe',
};
const SECURITY_4624 = {
  SourceName: 'Microsoft-Windows-Security-Auditing', Level: '0', Channel: 'Security', Hostname: 'MKT01.pandalab.com',
  TimeCreated: '2023-08-15T09:54:30.820Z', EventID: 4624, SubjectUserSid: 'S-1-5-18', SubjectUserName: 'MKT01$',
  SubjectDomainName: 'PANDALAB', TargetUserSid: 'S-1-5-21-1939123204-1418869057-2368897034-1105', TargetUserName: 'pedro.gustavo',
  TargetDomainName: 'PANDALAB', LogonType: '11', WorkstationName: 'MKT01', ProcessId: '0xe58',
  ProcessName: 'C:\\Windows\\System32\\consent.exe', IpAddress: '::1', IpPort: '0',
};

describe('projectOcsf: Windows events (JSON)', () => {
  it('Sysmon 1 is Process Activity: Launch, with process, actor, device, hashes', () => {
    const o = json(SYSMON_1);
    expect(o).toMatchObject({
      class_uid: 1007, class_name: 'Process Activity', category_uid: 1, activity_id: 1, type_uid: 100701,
      time: Date.parse('2023-08-15T09:53:48.554Z'), severity_id: 1, severity: 'Informational',
      metadata: { version: '1.3.0', product: { vendor_name: 'Microsoft', name: 'Microsoft-Windows-Sysmon' } },
      device: { hostname: 'MKT01.pandalab.com' },
      actor: { user: { name: 'stevie.marie', domain: 'PANDALAB' } },
      process: {
        name: 'msedge.exe', pid: 7448, cmd_line: SYSMON_1.CommandLine,
        file: { path: SYSMON_1.Image, name: 'msedge.exe' },
      },
    });
    expect(o.process?.file?.hashes).toEqual([
      { algorithm_id: 2, algorithm: 'SHA-1', value: 'FA9E8B7FB10473A01B8925C4C5B0888924A1147C' },
      { algorithm_id: 1, algorithm: 'MD5', value: 'AD8536C7440638D40156E883AC25086E' },
      { algorithm_id: 99, algorithm: 'IMPHASH', value: '3A3DE7172D7A4E00C1867DD2F13AD959' },
    ]);
    expect(o.file).toBeUndefined();
  });

  it('Security 4624 is Authentication: Logon, success; user is the target, actor the subject', () => {
    const o = json(SECURITY_4624);
    expect(o).toMatchObject({
      class_uid: 3002, category_uid: 3, activity_id: 1, type_uid: 300201, status_id: 1,
      user: { name: 'pedro.gustavo', uid: 'S-1-5-21-1939123204-1418869057-2368897034-1105', domain: 'PANDALAB' },
      actor: { user: { name: 'MKT01$', uid: 'S-1-5-18', domain: 'PANDALAB' } },
      src_endpoint: { ip: '::1', port: 0, hostname: 'MKT01' },
      process: { name: 'consent.exe', pid: 0xe58, file: { path: 'C:\\Windows\\System32\\consent.exe' } },
      severity_id: 1,
    });
  });

  it('Security 4625 is a failed logon; 4634 a logoff; subject "-" gives no actor', () => {
    const failed = json({ ...SECURITY_4624, EventID: 4625, SubjectUserName: '-', SubjectUserSid: 'S-1-0-0', SubjectDomainName: '-' });
    expect(failed).toMatchObject({ class_uid: 3002, activity_id: 1, status_id: 2 });
    expect(failed.actor).toBeUndefined();
    expect(json({ EventID: 4634, Channel: 'Security', TargetUserName: 'bob' })).toMatchObject({ class_uid: 3002, activity_id: 2, user: { name: 'bob' } });
    expect(json({ EventID: 4769, TargetUserName: 'svc' })).toMatchObject({ class_uid: 3002, activity_id: 4 });
  });

  it('Sysmon 3 is Network Activity with both endpoints', () => {
    const o = json({
      SourceName: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3,
      Image: 'C:\\Windows\\System32\\svchost.exe', ProcessId: '1048', SourceIp: '192.168.1.41', SourcePort: '63829',
      SourceHostname: '-', DestinationIp: '192.168.1.4', DestinationHostname: 'dc01.corp', DestinationPort: '53',
    });
    expect(o).toMatchObject({
      class_uid: 4001, category_uid: 4, activity_id: 1,
      src_endpoint: { ip: '192.168.1.41', port: 63829 }, dst_endpoint: { ip: '192.168.1.4', port: 53, hostname: 'dc01.corp' },
      process: { name: 'svchost.exe', pid: 1048 },
    });
    expect(o.src_endpoint?.hostname).toBeUndefined();
  });

  it('Sysmon 11 and 15 are File System Activity with the file and its hashes', () => {
    const o = json({
      SourceName: 'Microsoft-Windows-Sysmon', EventID: 15, Image: 'C:\\Windows\\explorer.exe',
      TargetFilename: 'C:\\Users\\bob\\Downloads\\payload.exe:Zone.Identifier', Hash: 'SHA256=ABCDEF',
    });
    expect(o).toMatchObject({ class_uid: 1001, activity_id: 1, file: { name: 'payload.exe:Zone.Identifier', hashes: [{ algorithm_id: 3, value: 'ABCDEF' }] } });
    expect(o.process?.file?.hashes).toBeUndefined();
  });

  it('Sysmon 10 puts the target process in `process`; registry events get Windows-extension classes', () => {
    const o = json({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 10, SourceImage: 'C:\\x\\mimikatz.exe',
      TargetImage: 'C:\\Windows\\system32\\lsass.exe', TargetProcessId: '640', SourceUser: 'CORP\\eve' });
    expect(o).toMatchObject({ class_uid: 1007, activity_id: 3, process: { name: 'lsass.exe', pid: 640 }, actor: { user: { name: 'eve', domain: 'CORP' } } });
    expect(json({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 13 })).toMatchObject({ class_uid: 201002, activity_id: 2 });
    expect(json({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 12, EventType: 'DeleteKey' })).toMatchObject({ class_uid: 201001, activity_id: 4 });
    expect(json({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 17, Image: 'C:\\a.exe' })).toMatchObject({ class_uid: 0, type_uid: 0 });
  });

  it('reads evtx-style nested Event.System / Event.EventData', () => {
    const o = json({ Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } }, EventID: { '#text': 4688 },
        Level: 0, Channel: 'Security', Computer: 'DC01.corp.local',
        TimeCreated: { '#attributes': { SystemTime: '2019-03-19T23:34:24.4458983Z' } },
      },
      EventData: { SubjectUserName: 'admin', SubjectDomainName: 'CORP', NewProcessId: '0x1a2c', NewProcessName: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
    } });
    expect(o).toMatchObject({
      class_uid: 1007, activity_id: 1, time: Date.parse('2019-03-19T23:34:24.445Z'),
      device: { hostname: 'DC01.corp.local' }, actor: { user: { name: 'admin', domain: 'CORP' } },
      process: { name: 'whoami.exe', pid: 0x1a2c, cmd_line: 'whoami /all' },
      metadata: { product: { vendor_name: 'Microsoft', name: 'Microsoft-Windows-Security-Auditing' } },
    });
  });

  it('maps Windows Level and NXLog severities', () => {
    expect(json({ EventID: 1000, Channel: 'Application', Level: '2' }).severity_id).toBe(4);
    expect(json({ EventID: 1000, Channel: 'Application', Level: 1 }).severity).toBe('Critical');
    expect(json({ EventID: 1000, Channel: 'System', Severity: 'ERROR', SeverityValue: 4 }).severity_id).toBe(4);
  });
});

describe('projectOcsf: ECS and generic JSON', () => {
  it('ECS authentication failure, nested or with dotted keys', () => {
    const nested = json({
      '@timestamp': '2024-04-30T10:00:00Z', event: { category: ['authentication'], type: ['start'], outcome: 'failure' },
      source: { ip: '203.0.113.5', port: 50022 }, user: { name: 'root' }, host: { name: 'bastion' }, log: { level: 'warning' },
    });
    const flat = json({
      '@timestamp': '2024-04-30T10:00:00Z', 'event.category': 'authentication', 'event.type': 'start', 'event.outcome': 'failure',
      'source.ip': '203.0.113.5', 'source.port': 50022, 'user.name': 'root', 'host.name': 'bastion', 'log.level': 'warning',
    });
    for (const o of [nested, flat]) {
      expect(o).toMatchObject({
        class_uid: 3002, activity_id: 1, status_id: 2, time: Date.parse('2024-04-30T10:00:00Z'), severity_id: 3,
        user: { name: 'root' }, src_endpoint: { ip: '203.0.113.5', port: 50022 }, device: { hostname: 'bastion' },
      });
    }
  });

  it('ECS process start, file and network events', () => {
    expect(json({ event: { category: 'process', type: 'start' }, process: { pid: 42, command_line: 'curl x', executable: '/usr/bin/curl' } }))
      .toMatchObject({ class_uid: 1007, activity_id: 1, process: { pid: 42, cmd_line: 'curl x', name: 'curl', file: { path: '/usr/bin/curl' } } });
    expect(json({ event: { category: 'file', type: 'deletion' }, file: { path: '/tmp/x', hash: { sha256: 'aa' } } }))
      .toMatchObject({ class_uid: 1001, activity_id: 4, file: { path: '/tmp/x', name: 'x', hashes: [{ algorithm_id: 3, value: 'aa' }] } });
    expect(json({ event: { category: 'network', type: 'denied' }, destination: { ip: '10.0.0.1', port: 445 } }))
      .toMatchObject({ class_uid: 4001, activity_id: 5, dst_endpoint: { ip: '10.0.0.1', port: 445 } });
  });

  it('falls back on evidence: file, then network, then process, then Base Event', () => {
    expect(json({ TargetFilename: 'C:\\a.txt', src_ip: '10.0.0.1' }).class_uid).toBe(1001);
    expect(json({ src_ip: '10.0.0.1', CommandLine: 'x' }).class_uid).toBe(4001);
    expect(json({ CommandLine: 'x' }).class_uid).toBe(1007);
    const base = json({ message: 'hello', whatever: 1 });
    expect(base).toMatchObject({ class_uid: 0, class_name: 'Base Event', category_uid: 0, activity_id: 0, type_uid: 0,
      time: RECEIVED.getTime(), severity_id: 0, severity: 'Unknown', message: 'hello', metadata: { product: {} } });
  });

  it('accepts only real IPs as IPs, and takes the first of an ECS array', () => {
    expect(json({ src: 'not-an-ip', dst: '[2001:db8::1]' })).toMatchObject({ dst_endpoint: { ip: '2001:db8::1' } });
    expect(json({ src: 'not-an-ip' }).src_endpoint).toBeUndefined();
    expect(json({ host: { ip: ['-', '192.0.2.10'], name: 'h' } }).device).toEqual({ hostname: 'h', ip: '192.0.2.10' });
    expect(json({ 'source.ip': '10.0.0.1', 'source.port': '70000' }).src_endpoint).toEqual({ ip: '10.0.0.1' });
  });

  it('parses URLs into hostname and path', () => {
    expect(json({ url: { full: 'https://evil.example:8443/a/b?q=1' } }).url).toEqual({ url_string: 'https://evil.example:8443/a/b?q=1', hostname: 'evil.example', path: '/a/b' });
    expect(json({ request: '/login?u=x' }).url).toEqual({ url_string: '/login?u=x', path: '/login' });
    expect(json({ url: 'not a url' }).url).toEqual({ url_string: 'not a url' });
  });

  it('cuts long messages and survives odd native values', () => {
    expect(json({ message: 'm'.repeat(10_000) }).message).toHaveLength(8192);
    const odd = json({ EventID: { weird: true }, user: null, source: [1, 2], host: 'string-not-object', Hashes: 'garbage', ProcessId: '-1', '@timestamp': {} });
    expect(odd.class_uid).toBe(0);
    expect(odd.time).toBe(RECEIVED.getTime());
  });
});

describe('projectOcsf: CEF, LEEF and syslog', () => {
  it('CEF firewall event: network, deny, product, severity, time, users', () => {
    const cef = value(parseCef('CEF:0|Fortinet|FortiGate|7.2|13|traffic:forward deny|High|rt=1714557600000 src=10.1.1.5 spt=51544 dst=203.0.113.10 dpt=443 shost=pc1 dhost=web act=deny suser=alice msg=blocked by policy 7'));
    const o = projectOcsf({ format: 'cef', native: asNative(cef), receivedAt: RECEIVED });
    expect(o).toMatchObject({
      class_uid: 4001, activity_id: 5, type_uid: 400105, severity_id: 4, severity: 'High', time: 1714557600000,
      message: 'blocked by policy 7', metadata: { product: { vendor_name: 'Fortinet', name: 'FortiGate', version: '7.2' } },
      src_endpoint: { ip: '10.1.1.5', port: 51544, hostname: 'pc1' }, dst_endpoint: { ip: '203.0.113.10', port: 443, hostname: 'web' },
      actor: { user: { name: 'alice' } },
    });
  });

  it('CEF proxy event with a URL and file fields; message falls back to the header name', () => {
    const cef = value(parseCef('CEF:0|V|Proxy|1|100|Download of malware|9|request=http://bad.example/dl/x.exe fname=x.exe fileHash=d41d8cd98f00b204e9800998ecf8427e sproc=C:\\\\Tools\\\\curl.exe spid=77'));
    const o = projectOcsf({ format: 'cef', native: asNative(cef), receivedAt: RECEIVED });
    expect(o).toMatchObject({
      class_uid: 1001, severity_id: 5, message: 'Download of malware', time: RECEIVED.getTime(),
      url: { url_string: 'http://bad.example/dl/x.exe', hostname: 'bad.example', path: '/dl/x.exe' },
      file: { name: 'x.exe', hashes: [{ algorithm_id: 1, algorithm: 'MD5', value: 'd41d8cd98f00b204e9800998ecf8427e' }] },
      process: { name: 'curl.exe', pid: 77, file: { path: 'C:\\Tools\\curl.exe' } },
    });
  });

  it('CEF authentication (cat): user is duser, actor is suser; otherwise suser is the actor', () => {
    const cef = value(parseCef('CEF:0|V|VPN|1|login|Login failed|5|cat=/Authentication/Verify outcome=/Failure duser=bob suser=gateway src=198.51.100.7'));
    const o = projectOcsf({ format: 'cef', native: asNative(cef), receivedAt: RECEIVED });
    expect(o).toMatchObject({ class_uid: 3002, activity_id: 1, status_id: 2, user: { name: 'bob' }, actor: { user: { name: 'gateway' } } });
    const other = value(parseCef('CEF:0|V|VPN|1|x|Session|5|duser=bob suser=gateway'));
    expect(projectOcsf({ format: 'cef', native: asNative(other), receivedAt: RECEIVED }).actor?.user?.name).toBe('gateway');
  });

  it('LEEF event: network, usrName, sev, devTime', () => {
    const leef = value(parseLeef('LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black\tdevTime=Feb 14 2012 16:52:12\tdevTimeFormat=MMM dd yyyy HH:mm:ss'));
    const o = projectOcsf({ format: 'leef', native: asNative(leef), receivedAt: RECEIVED });
    expect(o).toMatchObject({
      class_uid: 4001, severity_id: 3, time: Date.parse('2012-02-14T16:52:12Z'),
      metadata: { product: { vendor_name: 'Microsoft', name: 'MSExchange', version: '4.0 SP1' } },
      src_endpoint: { ip: '192.0.2.0', port: 81 }, dst_endpoint: { ip: '172.50.123.1', port: 21 }, actor: { user: { name: 'joe.black' } },
    });
    expect(o.message).toBeUndefined();
  });

  it('plain syslog: Base Event with device, process and severity from PRI', () => {
    const m = value(parseSyslog('<11>1 2024-04-30T10:00:00Z web01 nginx 77 - - upstream timed out', RECEIVED));
    const o = projectOcsf({ format: 'syslog', native: asNative(m), receivedAt: RECEIVED });
    expect(o).toMatchObject({
      class_uid: 0, time: Date.parse('2024-04-30T10:00:00Z'), severity_id: 4, severity: 'High', message: 'upstream timed out',
      device: { hostname: 'web01' }, process: { name: 'nginx', pid: 77 }, metadata: { product: { name: 'nginx' } },
    });
  });

  it('syslog fields spelled as in RFC 5424 (app-name, procid) and an IP hostname', () => {
    const o = projectOcsf({ format: 'syslog', native: { hostname: '192.0.2.9', 'app-name': 'named', procid: '12', severity: 0, message: 'x' }, receivedAt: RECEIVED });
    expect(o).toMatchObject({ severity_id: 6, severity: 'Fatal', device: { hostname: '192.0.2.9', ip: '192.0.2.9' }, process: { name: 'named', pid: 12 } });
  });

  it('sshd syslog lines are Authentication', () => {
    const ok = value(parseSyslog('<38>Apr 30 10:00:00 bastion sshd[4242]: Accepted publickey for deploy from 198.51.100.4 port 50000 ssh2', RECEIVED));
    expect(projectOcsf({ format: 'syslog', native: asNative(ok), receivedAt: RECEIVED })).toMatchObject({ class_uid: 3002, status_id: 1 });
    const bad = value(parseSyslog('<38>Apr 30 10:00:00 bastion sshd[4242]: Failed password for root from 198.51.100.4 port 50000 ssh2', RECEIVED));
    expect(projectOcsf({ format: 'syslog', native: asNative(bad), receivedAt: RECEIVED })).toMatchObject({ class_uid: 3002, status_id: 2 });
  });

  it('syslog carrying CEF: the payload decides product, severity, time and message', () => {
    const m = value(parseSyslog('<134>Apr 30 10:00:00 collector CEF:0|Trend Micro|Deep Security Agent|20|4000000|Eicar_test_file|6|cn1=1 cn1Label=Host ID dvchost=hostname act=Quarantine filePath=C:\\\\Users\\\\eve\\\\eicar.exe rt=Apr 30 2024 09:59:58 UTC', RECEIVED));
    const o = projectOcsf({ format: 'syslog', native: asNative(m), receivedAt: RECEIVED });
    expect(o).toMatchObject({
      class_uid: 1001, severity_id: 3, time: Date.parse('2024-04-30T09:59:58Z'), message: 'Eicar_test_file',
      metadata: { product: { vendor_name: 'Trend Micro', name: 'Deep Security Agent', version: '20' } },
      device: { hostname: 'hostname' }, file: { path: 'C:\\Users\\eve\\eicar.exe', name: 'eicar.exe' },
    });
  });
});
