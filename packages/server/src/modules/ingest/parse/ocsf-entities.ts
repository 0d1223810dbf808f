import type { FieldView } from './ocsf-fields.ts';
import { basename, splitAccount, toInt, toIp } from './ocsf-fields.ts';
import type { OcsfEndpoint, OcsfFile, OcsfFingerprint, OcsfUser } from './ocsf-types.ts';

type Names = readonly string[];
export type EndpointNames = { ip: Names; port: Names; hostname: Names };
export type UserNames = { name: Names; uid: Names; domain: Names };

/** ECS, CEF keys (short and full names), LEEF keys, Windows Security and Sysmon fields, common JSON. */
export const SRC: EndpointNames = {
  ip: ['source.ip', 'client.ip', 'source.address', 'src', 'sourceAddress', 'SourceIp', 'SourceAddress', 'IpAddress', 'src_ip', 'srcip'],
  port: ['source.port', 'client.port', 'spt', 'sourcePort', 'srcPort', 'SourcePort', 'IpPort', 'src_port', 'srcport'],
  hostname: ['source.domain', 'client.domain', 'shost', 'sourceHostName', 'SourceHostname', 'WorkstationName', 'src_host'],
};
export const DST: EndpointNames = {
  ip: ['destination.ip', 'server.ip', 'destination.address', 'dst', 'destinationAddress', 'DestinationIp', 'DestAddress', 'dst_ip', 'dstip'],
  port: ['destination.port', 'server.port', 'dpt', 'destinationPort', 'dstPort', 'DestinationPort', 'DestPort', 'dst_port', 'dstport'],
  hostname: ['destination.domain', 'server.domain', 'dhost', 'destinationHostName', 'DestinationHostname', 'dst_host'],
};
/** Sysmon `User` is `DOMAIN\name`; NXLog's AccountName/Domain/UserID describe the record's writer. */
export const USERS: Record<'ecs' | 'subject' | 'sysmon' | 'generic' | 'suser' | 'duser' | 'target', UserNames> = {
  ecs: { name: ['user.name'], uid: ['user.id'], domain: ['user.domain'] },
  subject: { name: ['SubjectUserName'], uid: ['SubjectUserSid'], domain: ['SubjectDomainName'] },
  sysmon: { name: ['User', 'SourceUser'], uid: [], domain: [] },
  generic: { name: ['UserName', 'userName', 'username', 'usrName', 'AccountName'], uid: ['UserID', 'UserSid', 'uid'], domain: ['Domain', 'domain'] },
  suser: { name: ['suser', 'sourceUserName'], uid: ['suid', 'sourceUserId'], domain: ['sntdom', 'sourceNtDomain'] },
  duser: { name: ['duser', 'destinationUserName'], uid: ['duid', 'destinationUserId'], domain: ['dntdom', 'destinationNtDomain'] },
  target: { name: ['TargetUserName'], uid: ['TargetUserSid'], domain: ['TargetDomainName'] },
};

export function endpoint(view: FieldView, names: EndpointNames): OcsfEndpoint | undefined {
  const out: OcsfEndpoint = {};
  const ip = toIp(view.get(names.ip));
  if (ip) out.ip = ip;
  const port = toInt(view.get(names.port), 65535);
  if (port !== undefined) out.port = port;
  const hostname = view.str(names.hostname);
  if (hostname) out.hostname = hostname;
  return Object.keys(out).length ? out : undefined;
}

/** The first group (see USERS) that has a name; `DOMAIN\name` accounts are split. */
export function user(view: FieldView, ...groups: UserNames[]): OcsfUser | undefined {
  for (const g of groups) {
    const raw = view.str(g.name);
    if (!raw) continue;
    const acct = splitAccount(raw);
    const out: OcsfUser = { name: acct.name };
    const uid = view.str(g.uid);
    if (uid) out.uid = uid;
    const domain = view.str(g.domain) ?? acct.domain;
    if (domain) out.domain = domain;
    return out;
  }
  return undefined;
}

const HASH_IDS: Record<string, [number, string]> = {
  md5: [1, 'MD5'], sha1: [2, 'SHA-1'], 'sha-1': [2, 'SHA-1'], sha256: [3, 'SHA-256'], 'sha-256': [3, 'SHA-256'],
  sha512: [4, 'SHA-512'], 'sha-512': [4, 'SHA-512'], ssdeep: [5, 'CTPH'], tlsh: [6, 'TLSH'],
};
const BY_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

/**
 * Fingerprints from Sysmon `SHA1=…,MD5=…,IMPHASH=…`, a bare hex digest (algorithm from its length,
 * CEF `fileHash`), or ECS `file.hash.*` fields.
 */
export function hashes(view: FieldView, sysmonNames: Names, bareNames: Names): OcsfFingerprint[] | undefined {
  const out: OcsfFingerprint[] = [];
  const add = (alg: string, value: string): void => {
    const known = HASH_IDS[alg.toLowerCase()];
    out.push({ algorithm_id: known ? known[0] : 99, algorithm: known ? known[1] : alg.toUpperCase(), value });
  };
  const list = view.str(sysmonNames);
  if (list) {
    for (const part of list.split(',').slice(0, 16)) {
      const eq = part.indexOf('=');
      if (eq > 0) add(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  for (const name of bareNames) {
    const v = view.str([name])?.trim();
    if (v && /^[0-9a-fA-F]+$/.test(v) && BY_LENGTH[v.length]) add(BY_LENGTH[v.length] ?? '', v);
  }
  for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'ssdeep', 'tlsh']) {
    const v = view.str([`file.hash.${alg}`, `hash.${alg}`]);
    if (v) add(alg, v);
  }
  return out.length ? out : undefined;
}

export function fileOf(path: string | undefined, name: string | undefined, h?: OcsfFingerprint[]): OcsfFile | undefined {
  const out: OcsfFile = {};
  if (path) out.path = path;
  const n = name ?? (path ? basename(path) : undefined);
  if (n) out.name = n;
  if (h) out.hashes = h;
  return Object.keys(out).length ? out : undefined;
}

export function urlOf(view: FieldView): { url_string?: string; hostname?: string; path?: string } | undefined {
  const out: { url_string?: string; hostname?: string; path?: string } = {};
  const s = view.str(['url.full', 'url.original', 'request', 'requestURL', 'url', 'URL']);
  if (s) out.url_string = s;
  let host = view.str(['url.domain']);
  let path = view.str(['url.path']);
  if (s && s.length <= 8192 && (!host || !path)) {
    if (s.startsWith('/')) path ??= s.split('?')[0];
    else {
      try {
        const u = new URL(s);
        host ??= u.hostname || undefined;
        path ??= u.pathname || undefined;
      } catch { /* not an absolute URL: keep only url_string */ }
    }
  }
  if (host) out.hostname = host;
  if (path) out.path = path;
  return Object.keys(out).length ? out : undefined;
}
