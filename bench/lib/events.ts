// Realistic, unique security events for benchmarks: Windows Security (flat, NXLog/OTRF style),
// Sysmon (nested Event.System/EventData, as EVTX→JSON tools write it), firewall (CEF fields as JSON)
// and web proxy (ECS-style dotted keys). Deterministic for a given seed; every index gives a distinct event.

export type EventKind = 'windows-security' | 'sysmon' | 'firewall' | 'web-proxy';
export const KINDS: readonly EventKind[] = ['windows-security', 'sysmon', 'firewall', 'web-proxy'];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const ip10 = (r: () => number) => `10.${int(r, 0, 40)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const ipPublic = (r: () => number) => `${pick(r, [185, 91, 45, 203, 198, 52, 13])}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const guid = (r: () => number) => {
  const h = (n: number) => Array.from({ length: n }, () => int(r, 0, 15).toString(16)).join('');
  return `{${h(8)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}}`;
};

const HOSTS = ['WKS-0142.ministry.gov.example', 'WKS-0917.ministry.gov.example', 'SRV-DC01.ministry.gov.example', 'SRV-FS02.ministry.gov.example', 'LAPTOP-7731.agency.gov.example'];
const USERS = ['j.dupont', 'm.rossi', 'a.kowalska', 'svc_backup', 'p.schmidt', 'l.garcia', 'administrator'];
const IMAGES = [
  ['C:\\Windows\\System32\\cmd.exe', '"C:\\Windows\\system32\\cmd.exe" /c whoami /all'],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\Public\\report.docx"'],
  ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule'],
  ['C:\\Windows\\System32\\rundll32.exe', 'rundll32.exe C:\\Windows\\System32\\shell32.dll,Control_RunDLL'],
] as const;
const DOMAINS = ['login.microsoftonline.com', 'www.europa.eu', 'update.example-vendor.com', 'cdn.news.example', 'pastebin.com', 'github.com', 'files.example-share.net'];

export interface EventFactory {
  /** The i-th event of this run (a fresh object each call). */
  event(i: number): Record<string, unknown>;
  kindOf(i: number): EventKind;
}

/**
 * `seed` makes two runs differ (a fresh seed per run, so re-runs against the same database are new
 * events); `baseTime` anchors event times (recent, so retention keeps them).
 */
export function eventFactory(seed: number, baseTime = Date.now()): EventFactory {
  const recordBase = (seed % 1_000_000) * 10_000_000;
  const kindOf = (i: number): EventKind => KINDS[i % KINDS.length]!;
  return {
    kindOf,
    event(i) {
      const r = rng(seed ^ Math.imul(i + 1, 0x9e3779b1));
      const t = new Date(baseTime - int(r, 0, 600_000));
      const host = pick(r, HOSTS);
      const user = pick(r, USERS);
      switch (kindOf(i)) {
        case 'windows-security':
          return windowsSecurity(r, t, host, user, recordBase + i);
        case 'sysmon':
          return sysmon(r, t, host, user, recordBase + i);
        case 'firewall':
          return firewall(r, t, recordBase + i);
        case 'web-proxy':
          return webProxy(r, t, user, recordBase + i);
      }
    },
  };
}

function windowsSecurity(r: () => number, t: Date, host: string, user: string, record: number): Record<string, unknown> {
  const id = pick(r, [4624, 4625, 4672, 4688, 4634]);
  const src = ip10(r);
  const logonType = pick(r, [2, 3, 3, 3, 10]);
  return {
    SourceModuleType: 'im_msvistalog', SourceModuleName: 'eventlog', SourceName: 'Microsoft-Windows-Security-Auditing',
    ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}', Channel: 'Security', Hostname: host, EventID: id,
    Version: id === 4688 ? 2 : 1, Task: id === 4688 ? 13312 : 12544, Opcode: 'Info', Keywords: id === 4625 ? '0x8010000000000000' : '0x8020000000000000',
    Severity: 'INFO', SeverityValue: 2, RecordNumber: record, ExecutionProcessID: 716, ThreadID: int(r, 700, 9000),
    EventTime: t.toISOString().replace('T', ' ').slice(0, 19), '@timestamp': t.toISOString(), '@version': '1',
    SubjectUserSid: 'S-1-5-18', SubjectUserName: `${host.split('.')[0]}$`, SubjectDomainName: 'MINISTRY', SubjectLogonId: '0x3e7',
    TargetUserSid: `S-1-5-21-3623811015-3361044348-30300820-${int(r, 1000, 9999)}`, TargetUserName: user, TargetDomainName: 'MINISTRY',
    TargetLogonId: `0x${int(r, 0x10000, 0xffffff).toString(16)}`, LogonType: String(logonType), LogonProcessName: logonType === 3 ? 'NtLmSsp ' : 'User32 ',
    AuthenticationPackageName: logonType === 3 ? 'NTLM' : 'Negotiate', WorkstationName: pick(r, HOSTS).split('.')[0], IpAddress: src, IpPort: String(int(r, 1024, 65535)),
    Message: `An account was ${id === 4625 ? 'unable to log on' : 'successfully logged on'}.\r\n\r\nSubject:\r\n\tSecurity ID:\t\tS-1-5-18\r\n\tAccount Name:\t\t${host.split('.')[0]}$\r\n\r\nLogon Type:\t\t\t${logonType}\r\n\r\nNew Logon:\r\n\tAccount Name:\t\t${user}\r\n\tAccount Domain:\t\tMINISTRY\r\n\r\nNetwork Information:\r\n\tSource Network Address:\t${src}`,
    tags: ['wec'],
  };
}

function sysmon(r: () => number, t: Date, host: string, user: string, record: number): Record<string, unknown> {
  const id = pick(r, [1, 3, 11, 13]);
  const [image, cmd] = pick(r, IMAGES);
  const data: Record<string, unknown> = { RuleName: '-', UtcTime: t.toISOString().replace('T', ' ').slice(0, 23), ProcessGuid: guid(r), ProcessId: String(int(r, 100, 20000)), Image: image, User: `MINISTRY\\${user}` };
  if (id === 1) Object.assign(data, { CommandLine: cmd, CurrentDirectory: 'C:\\Windows\\system32\\', LogonId: '0x3e7', IntegrityLevel: pick(r, ['Medium', 'High', 'System']), Hashes: `SHA256=${Array.from({ length: 64 }, () => int(r, 0, 15).toString(16)).join('')}`, ParentImage: 'C:\\Windows\\explorer.exe', ParentCommandLine: 'C:\\Windows\\Explorer.EXE' });
  if (id === 3) Object.assign(data, { Protocol: 'tcp', Initiated: 'true', SourceIp: ip10(r), SourcePort: String(int(r, 49152, 65535)), DestinationIp: ipPublic(r), DestinationHostname: pick(r, DOMAINS), DestinationPort: String(pick(r, [443, 80, 445, 3389, 8080])) });
  if (id === 11) Object.assign(data, { TargetFilename: `C:\\Users\\${user}\\AppData\\Local\\Temp\\${int(r, 1e5, 1e6).toString(36)}.tmp`, CreationUtcTime: data['UtcTime'] });
  if (id === 13) Object.assign(data, { EventType: 'SetValue', TargetObject: 'HKU\\S-1-5-21-3623811015\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater', Details: cmd });
  return {
    Event: {
      System: {
        Provider: { Name: 'Microsoft-Windows-Sysmon', Guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}' }, EventID: id, Version: 5, Level: 4, Task: id, Opcode: 0,
        Keywords: '0x8000000000000000', TimeCreated: { SystemTime: t.toISOString() }, EventRecordID: record, Correlation: null,
        Execution: { ProcessID: 3088, ThreadID: int(r, 1000, 9000) }, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: host, Security: { UserID: 'S-1-5-18' },
      },
      EventData: data,
    },
  };
}

function firewall(r: () => number, t: Date, record: number): Record<string, unknown> {
  const act = pick(r, ['accept', 'accept', 'accept', 'drop', 'reject']);
  const dpt = pick(r, [443, 80, 53, 22, 3389, 445, 25, 8443]);
  return {
    cefVersion: 0, deviceVendor: 'Fortinet', deviceProduct: 'FortiGate', deviceVersion: '7.4.3', signatureId: act === 'accept' ? '0000000013' : '0000000011',
    name: act === 'accept' ? 'traffic:forward accept' : `traffic:forward ${act}`, severity: act === 'accept' ? 3 : 5,
    rt: t.getTime(), deviceExternalId: 'FG200FTK22000123', dvchost: 'fw-edge-01', externalId: String(record),
    src: ip10(r), spt: int(r, 1024, 65535), dst: ipPublic(r), dpt, proto: dpt === 53 ? 'UDP' : 'TCP', act,
    deviceInboundInterface: 'port1', deviceOutboundInterface: 'wan1', in: int(r, 40, 200_000), out: int(r, 40, 50_000),
    cs1Label: 'policyname', cs1: pick(r, ['LAN-to-WAN', 'DMZ-inbound', 'VPN-users']), cn1Label: 'policyid', cn1: int(r, 1, 120),
    app: pick(r, ['HTTPS.BROWSER', 'DNS', 'SSH', 'RDP', 'SMB']), cat: 'traffic', duser: pick(r, USERS),
  };
}

function webProxy(r: () => number, t: Date, user: string, record: number): Record<string, unknown> {
  const domain = pick(r, DOMAINS);
  const status = pick(r, [200, 200, 200, 204, 301, 304, 403, 404, 407, 502]);
  const method = pick(r, ['GET', 'GET', 'GET', 'POST', 'CONNECT']);
  return {
    '@timestamp': t.toISOString(), 'event.kind': 'event', 'event.category': 'web', 'event.dataset': 'squid.access', 'event.id': `sq-${record}`,
    'observer.name': 'proxy-01', 'source.ip': ip10(r), 'source.port': int(r, 1024, 65535), 'user.name': user,
    'http.request.method': method, 'url.original': `https://${domain}/${int(r, 1, 1e6).toString(36)}/${pick(r, ['index.html', 'api/v2/items', 'download.zip', 'login', 'feed.xml'])}`,
    'url.domain': domain, 'destination.ip': ipPublic(r), 'destination.port': 443, 'http.response.status_code': status,
    'http.response.bytes': int(r, 200, 2_000_000), 'http.request.bytes': int(r, 200, 4000), 'event.duration': int(r, 1_000_000, 900_000_000),
    'user_agent.original': pick(r, ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36', 'Microsoft-CryptoAPI/10.0', 'python-requests/2.32.3']),
    'squid.hierarchy_code': 'HIER_DIRECT', 'squid.request_status': status < 400 ? 'TCP_TUNNEL' : 'TCP_DENIED', 'http.response.mime_type': pick(r, ['text/html', 'application/json', 'application/zip']),
  };
}

/** Events [from, from+count) as NDJSON (one line per event, trailing newline). */
export function ndjson(factory: EventFactory, from: number, count: number): string {
  let out = '';
  for (let i = from; i < from + count; i++) out += `${JSON.stringify(factory.event(i))}\n`;
  return out;
}
