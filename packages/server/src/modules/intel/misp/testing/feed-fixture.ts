// A realistic MISP feed written by hand from the MISP core format and the feed layout (manifest.json,
// one <uuid>.json per event, hashes.csv): three events from a fictional national CSIRT, with plain
// attributes of the common IOC types, objects with references, tags, galaxies, sharing groups, an
// event report, a deleted attribute and a few things that have no STIX mapping.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, unknown>;

export const EVENT_A = '5f1b8c2e-3a4d-4e6f-9a0b-1c2d3e4f5a6b';
export const EVENT_B = '7a2c9d3f-4b5e-4f70-8b1c-2d3e4f5a6b7c';
export const EVENT_C = '9b3dae40-5c6f-4081-9c2d-3e4f5a6b7c8d';
export const ORG = { name: 'CERT-Example', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' };
export const SHARING_GROUP = { id: '3', uuid: 'c4d5e6f7-0809-4a1b-8c2d-3e4f5a6b7c8d', name: 'EU energy ISAC' };

let counter = 0;
/** Stable fake UUIDs for the fixture's attributes and objects. */
function uid(prefix: string): string {
  counter++;
  const n = counter.toString(16).padStart(12, '0');
  return `${prefix}-0000-4000-8000-${n}`;
}

function attr(type: string, category: string, value: string, toIds: boolean, extra: Json = {}): Json {
  return { uuid: uid('a0000000'), type, category, value, to_ids: toIds, distribution: '5', sharing_group_id: '0', timestamp: '1700000100', comment: '', deleted: false, disable_correlation: false, object_relation: null, Tag: [], ...extra };
}

function objAttr(relation: string, type: string, value: string, toIds: boolean, extra: Json = {}): Json {
  return attr(type, 'Payload delivery', value, toIds, { object_relation: relation, ...extra });
}

export interface FixtureIds {
  ipDst: string;
  deletedIp: string;
  btc: string;
  fileObject: string;
  domainIpObject: string;
  connectionObject: string;
  emailObject: string;
  bankObject: string;
  sharingGroupAttr: string;
}

/** The three events as MISP exports them (`{"Event": {...}}`), and the UUIDs tests look for. */
export function fixtureEvents(): { events: Json[]; ids: FixtureIds } {
  counter = 0;
  const ipDst = attr('ip-dst', 'Network activity', '198.51.100.23', true, { Tag: [{ name: 'tlp:amber', colour: '#FFC000' }], comment: 'C2 server', first_seen: '2023-11-10T08:00:00.000000+00:00', last_seen: '2023-11-14T18:30:00.000000+00:00' });
  const deletedIp = attr('ip-dst', 'Network activity', '198.51.100.99', true, { deleted: true });
  const btc = attr('btc', 'Financial fraud', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', false);
  const sgAttr = attr('domain', 'Network activity', 'energy-portal-login.example', true, { distribution: '4', sharing_group_id: SHARING_GROUP.id, SharingGroup: SHARING_GROUP });
  const fileObject = uid('b0000000');
  const domainIpObject = uid('b0000000');
  const connectionObject = uid('b0000000');
  const emailObject = uid('b0000000');
  const bankObject = uid('b0000000');
  const a: Json = {
    Event: {
      id: '1201',
      uuid: EVENT_A,
      info: 'Phishing campaign against energy operators delivering a loader',
      date: '2023-11-14',
      threat_level_id: '1',
      analysis: '2',
      published: true,
      timestamp: '1700000300',
      publish_timestamp: '1700000400',
      distribution: '3',
      sharing_group_id: '0',
      Orgc: ORG,
      Org: ORG,
      Tag: [
        { name: 'tlp:green', colour: '#33FF00', exportable: true },
        { name: 'admiralty-scale:source-reliability="b"', colour: '#00a8ff' },
        { name: 'nis2:impact-sectors-impacted="energy"' },
        { name: 'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"' },
        { name: 'loader' },
      ],
      Galaxy: [
        {
          uuid: 'c4e851fa-775f-11e7-8163-b774922098cd',
          name: 'Attack Pattern',
          type: 'mitre-attack-pattern',
          namespace: 'mitre-attack',
          GalaxyCluster: [
            {
              uuid: '2e34237d-8574-43f6-aace-ae2915de8597',
              type: 'mitre-attack-pattern',
              value: 'Spearphishing Attachment - T1566.001',
              tag_name: 'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"',
              description: 'Adversaries may send spearphishing emails with a malicious attachment.',
              meta: { external_id: ['T1566.001'], kill_chain: ['mitre-attack:enterprise-attack:initial-access'], refs: ['https://attack.mitre.org/techniques/T1566/001'] },
            },
          ],
        },
      ],
      Attribute: [
        ipDst,
        attr('ip-src', 'Network activity', '203.0.113.0/24', true),
        attr('ip-dst|port', 'Network activity', '192.0.2.10|8443', true),
        attr('ip-dst', 'Network activity', '2001:db8:bad::1', true),
        attr('domain', 'Network activity', 'evil-update.example', true, {
          Galaxy: [
            {
              uuid: '698774c7-8022-42c4-917f-8d64efe9ac2c',
              name: 'Threat Actor',
              type: 'threat-actor',
              namespace: 'misp',
              GalaxyCluster: [{ uuid: '5b4ee3ea-eee3-4c8e-8323-85ae32658754', type: 'threat-actor', value: 'APT28', tag_name: 'misp-galaxy:threat-actor="APT28"', description: 'Russian state-sponsored group.', meta: { synonyms: ['Fancy Bear', 'Sofacy'], country: 'RU' } }],
            },
          ],
          Tag: [{ name: 'misp-galaxy:threat-actor="APT28"' }],
        }),
        attr('hostname', 'Network activity', 'CDN.evil-update.example', false),
        attr('domain|ip', 'Network activity', 'login-portal.example|198.51.100.24', true),
        attr('url', 'Network activity', 'https://evil-update.example/dl/payload.bin?id=7', true),
        attr('sha256', 'Payload delivery', '8F0B4D3C2A1E9F8D7C6B5A4F3E2D1C0B9A8F7E6D5C4B3A2F1E0D9C8B7A6F5E4D', true),
        attr('filename|sha1', 'Payload delivery', 'Invoice_2023-11.xlsm|3f786850e387550fdab836ed7e6dc881de23001b', true),
        attr('email-src', 'Payload delivery', 'billing@invoices-mailer.example', true),
        attr('email-subject', 'Payload delivery', "Invoice overdue: pay by Friday's close", true),
        attr('user-agent', 'Network activity', 'Mozilla/5.0 (Windows NT 10.0; Loader/1.2)', true),
        attr('AS', 'Network activity', 'AS64500', false),
        attr('mutex', 'Artifacts dropped', 'Global\\LdrMutex_7f', true),
        attr('regkey|value', 'Persistence mechanism', 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater|C:\\Users\\Public\\upd.exe', true),
        attr('vulnerability', 'External analysis', 'CVE-2023-23397', false, { comment: 'Outlook elevation of privilege' }),
        attr('campaign-name', 'Attribution', 'Operation Winter Invoice', false),
        attr('text', 'Other', 'The loader beacons every 300 seconds.', false, { comment: 'Analyst note' }),
        attr('link', 'External analysis', 'https://csirt.example/advisories/2023-114', false, { comment: 'Public advisory' }),
        attr('snort', 'Network activity', 'alert tcp any any -> any 8443 (msg:"Loader beacon"; content:"LDR1"; sid:1000001;)', true, { comment: 'Loader beacon' }),
        btc,
        deletedIp,
        sgAttr,
      ],
      Object: [
        {
          uuid: fileObject,
          name: 'file',
          'meta-category': 'file',
          template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
          template_version: '24',
          description: 'File object describing a file with meta-information',
          comment: 'Dropped loader',
          timestamp: '1700000200',
          distribution: '5',
          sharing_group_id: '0',
          deleted: false,
          Attribute: [
            objAttr('filename', 'filename', 'upd.exe', false),
            objAttr('md5', 'md5', '0c5d8ee6ae4b6e2a6c1a4e7ed8f6f7a1', true),
            objAttr('sha256', 'sha256', 'a6b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff', true),
            objAttr('size-in-bytes', 'size-in-bytes', '184320', false),
            objAttr('entropy', 'float', '7.61', false),
          ],
          ObjectReference: [
            { uuid: uid('c0000000'), object_uuid: fileObject, referenced_uuid: domainIpObject, relationship_type: 'communicates-with', comment: 'Beacon' },
            { uuid: uid('c0000000'), object_uuid: fileObject, referenced_uuid: 'ffffffff-ffff-4fff-8fff-ffffffffffff', relationship_type: 'drops' },
          ],
        },
        {
          uuid: domainIpObject,
          name: 'domain-ip',
          'meta-category': 'network',
          timestamp: '1700000200',
          distribution: '5',
          deleted: false,
          Attribute: [objAttr('domain', 'domain', 'beacon.evil-update.example', true), objAttr('ip', 'ip-dst', '198.51.100.25', true), objAttr('ip', 'ip-dst', '198.51.100.26', true)],
        },
        {
          uuid: connectionObject,
          name: 'network-connection',
          'meta-category': 'network',
          timestamp: '1700000200',
          distribution: '5',
          deleted: false,
          Attribute: [objAttr('ip-src', 'ip-src', '10.20.30.40', false), objAttr('ip-dst', 'ip-dst', '198.51.100.25', false), objAttr('dst-port', 'port', '443', false), objAttr('layer4-protocol', 'text', 'TCP', false)],
        },
        {
          uuid: emailObject,
          name: 'email',
          'meta-category': 'network',
          timestamp: '1700000200',
          distribution: '5',
          deleted: false,
          Attribute: [objAttr('from', 'email-src', 'billing@invoices-mailer.example', true), objAttr('subject', 'email-subject', 'Invoice overdue', true), objAttr('attachment', 'email-attachment', 'Invoice_2023-11.xlsm', true)],
        },
        {
          uuid: bankObject,
          name: 'bank-account',
          'meta-category': 'financial',
          timestamp: '1700000200',
          distribution: '5',
          deleted: false,
          Attribute: [objAttr('iban', 'iban', 'DE89370400440532013000', false), objAttr('account-name', 'text', 'Mule Holding Ltd', false)],
        },
      ],
    },
  };
  const b: Json = {
    Event: {
      uuid: EVENT_B,
      info: 'Benign-looking indicators shared by a partner (false-positive candidates)',
      date: '2023-12-01',
      threat_level_id: '3',
      analysis: '1',
      published: false,
      timestamp: '1701400000',
      distribution: '1',
      Orgc: ORG,
      Tag: [{ name: 'tlp:white' }, { name: 'tlp:ex:chr' }],
      Attribute: [
        attr('ip-dst', 'Network activity', '8.8.8.8', true),
        attr('md5', 'Payload delivery', 'd41d8cd98f00b204e9800998ecf8427e', true),
        attr('email-dst', 'Payload delivery', 'abuse@victim.example', true),
        attr('domain', 'Network activity', 'mail.google.com', true),
        attr('x509-fingerprint-sha1', 'Network activity', '0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9:0a:1b:2c:3d', true, { Tag: [{ name: 'tlp:red' }] }),
        attr('ip-dst', 'Network activity', 'not-an-ip', true),
      ],
      Object: [],
    },
  };
  const c: Json = {
    Event: {
      uuid: EVENT_C,
      info: 'Sector-restricted: intrusion at a grid operator',
      date: '2024-01-15',
      threat_level_id: '2',
      analysis: '0',
      published: true,
      timestamp: '1705300000',
      publish_timestamp: '1705300100',
      distribution: '4',
      sharing_group_id: SHARING_GROUP.id,
      SharingGroup: SHARING_GROUP,
      Orgc: ORG,
      Tag: [{ name: 'TLP:AMBER+STRICT' }],
      Attribute: [attr('sha1', 'Payload delivery', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', true, { distribution: '3' }), attr('ip-dst', 'Network activity', '192.0.2.200', false, { distribution: '0' })],
      EventReport: [{ uuid: uid('d0000000'), name: 'Timeline', content: '# Timeline\n\n- 08:00 first beacon', distribution: '5', timestamp: '1705300050', deleted: false }],
    },
  };
  return { events: [a, b, c], ids: { ipDst: ipDst.uuid as string, deletedIp: deletedIp.uuid as string, btc: btc.uuid as string, fileObject, domainIpObject, connectionObject, emailObject, bankObject, sharingGroupAttr: sgAttr.uuid as string } };
}

function manifestEntry(event: Json): Json {
  const e = event.Event as Json;
  const entry: Json = { info: e.info, date: e.date, analysis: e.analysis, threat_level_id: e.threat_level_id, timestamp: e.timestamp, Orgc: { name: (e.Orgc as Json).name, uuid: (e.Orgc as Json).uuid }, Tag: ((e.Tag as Json[] | undefined) ?? []).map((t) => ({ name: t.name, colour: t.colour ?? '#ffffff' })) };
  if (e.publish_timestamp !== undefined) entry.publish_timestamp = e.publish_timestamp;
  return entry;
}

/** One hashes.csv line per attribute value part (composite values `a|b` give one line per part). */
function hashLines(event: Json): string[] {
  const e = event.Event as Json;
  const attrs = [...((e.Attribute as Json[] | undefined) ?? []), ...((e.Object as Json[] | undefined) ?? []).flatMap((o) => (o.Attribute as Json[]) ?? [])];
  return attrs.flatMap((a) => String(a.value).split('|').map((part) => `${createHash('md5').update(part).digest('hex')},${String(e.uuid)}`));
}

/** Writes the feed layout into `dir` (a new temporary directory by default) and returns the directory. */
export async function writeFeed(events: readonly Json[], dir?: string): Promise<string> {
  const out = dir ?? (await mkdtemp(join(tmpdir(), 'bulwark-misp-feed-')));
  const manifest: Json = {};
  for (const ev of events) {
    const uuid = String((ev.Event as Json).uuid);
    manifest[uuid] = manifestEntry(ev);
    await writeFile(join(out, `${uuid}.json`), JSON.stringify(ev, null, 1));
  }
  await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
  await writeFile(join(out, 'hashes.csv'), `${events.flatMap(hashLines).join('\n')}\n`);
  return out;
}
