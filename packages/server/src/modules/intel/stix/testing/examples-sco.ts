// Valid, realistic STIX 2.1 cyber-observable objects (our own), one per type, with deterministic
// UUIDv5 ids computed from their ID Contributing Properties (process has none: UUIDv4).
import { deterministicScoId } from '../sco-id.ts';

function sco<T extends Record<string, unknown>>(obj: T): T & { id: string; spec_version: string } {
  return { spec_version: '2.1', ...obj, id: deterministicScoId(obj) ?? '' };
}

const domain = sco({ type: 'domain-name', value: 'tender-portal.example' });
const ipv4 = sco({ type: 'ipv4-addr', value: '203.0.113.45' });
const ipv6 = sco({ type: 'ipv6-addr', value: '2001:db8::45' });
const mac = sco({ type: 'mac-addr', value: '00:1a:2b:3c:4d:5e' });
const as = sco({ type: 'autonomous-system', number: 64500, name: 'Example Hosting', rir: 'RIPE' });
const victim = sco({ type: 'email-addr', value: 'procurement@ministry.example', display_name: 'Procurement office' });
const sender = sco({ type: 'email-addr', value: 'tenders@tender-portal.example' });
const url = sco({ type: 'url', value: 'https://tender-portal.example/docs/call-2025-17.docm' });
const directory = sco({ type: 'directory', path: 'C:\\Users\\Public\\Documents', mtime: '2025-03-04T07:01:00Z' });
const mutex = sco({ type: 'mutex', name: 'Global\\GreyTender_2025' });
const software = sco({ type: 'software', name: 'Microsoft Word', vendor: 'Microsoft', version: '16.0', cpe: 'cpe:2.3:a:microsoft:word:16.0:*:*:*:*:*:*:*', languages: ['en', 'fr'] });
const artifact = sco({
  type: 'artifact', mime_type: 'application/vnd.ms-word.document.macroEnabled.12', payload_bin: 'UEsDBBQABgAIAAAAIQA=',
  hashes: { 'SHA-256': '3a4f0e1d6b1c8d9e2f0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e' },
});
const file = sco({
  type: 'file', name: 'call-2025-17.docm', size: 48213, mime_type: 'application/vnd.ms-word.document.macroEnabled.12',
  hashes: { MD5: '5d41402abc4b2a76b9719d911017c592', 'SHA-256': '3a4f0e1d6b1c8d9e2f0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e' },
  magic_number_hex: '504b0304', parent_directory_ref: directory.id, content_ref: artifact.id, ctime: '2025-03-04T07:01:02.000Z',
});
const loader = sco({
  type: 'file', name: 'upd.exe', hashes: { 'SHA-256': 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' },
  extensions: {
    'windows-pebinary-ext': {
      pe_type: 'exe', machine_hex: '8664', number_of_sections: 5, time_date_stamp: '2025-02-28T12:00:00Z',
      optional_header: { magic_hex: '020b', size_of_code: 81920, address_of_entry_point: 4096 },
      sections: [{ name: '.text', size: 81920, entropy: 6.1 }],
    },
  },
});
const account = sco({
  type: 'user-account', user_id: '1001', account_login: 'jdoe', account_type: 'unix', display_name: 'J. Doe', is_privileged: false,
  extensions: { 'unix-account-ext': { gid: 1001, groups: ['staff'], home_dir: '/home/jdoe', shell: '/bin/bash' } },
});
const traffic = sco({
  type: 'network-traffic', src_ref: ipv4.id, dst_ref: domain.id, dst_port: 443, protocols: ['ipv4', 'tcp', 'http'], start: '2025-03-04T07:02:00Z',
  end: '2025-03-04T07:02:05Z', src_byte_count: 1420,
  extensions: { 'http-request-ext': { request_method: 'get', request_value: '/docs/call-2025-17.docm', request_version: 'http/1.1', request_header: { Host: ['tender-portal.example'] } } },
});
const process = sco({
  type: 'process', pid: 4312, command_line: 'WINWORD.EXE /n call-2025-17.docm', created_time: '2025-03-04T07:01:30Z', image_ref: file.id,
  opened_connection_refs: [traffic.id], extensions: { 'windows-process-ext': { aslr_enabled: true, integrity_level: 'medium', owner_sid: 'S-1-5-21-1004336348-1177238915-682003330-1001' } },
});
const registry = sco({
  type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  values: [{ name: 'updater', data: 'C:\\Users\\Public\\upd.exe', data_type: 'REG_SZ' }], modified_time: '2025-03-04T07:03:00Z', number_of_subkeys: 0,
});
const certificate = sco({
  type: 'x509-certificate', serial_number: '4c:ff:22:5a:00:01', issuer: 'CN=Example Issuing CA', subject: 'CN=tender-portal.example',
  validity_not_before: '2025-01-01T00:00:00Z', validity_not_after: '2026-01-01T00:00:00Z', is_self_signed: false,
  x509_v3_extensions: { subject_alternative_name: 'DNS:tender-portal.example', key_usage: 'digitalSignature' },
});
const email = sco({
  type: 'email-message', is_multipart: true, date: '2025-03-04T06:58:00Z', from_ref: sender.id, to_refs: [victim.id],
  subject: 'Call for tenders 2025/17', content_type: 'multipart/mixed', additional_header_fields: { 'X-Mailer': 'Example Mailer 1.0' },
  body_multipart: [
    { content_type: 'text/plain; charset=utf-8', body: 'Please find the call for tenders attached.' },
    { content_type: 'application/vnd.ms-word.document.macroEnabled.12', content_disposition: 'attachment; filename="call-2025-17.docm"', body_raw_ref: file.id },
  ],
});

export const SCO_EXAMPLES: Record<string, Record<string, unknown>> = {
  artifact, 'autonomous-system': as, directory, 'domain-name': domain, 'email-addr': victim, 'email-message': email, file,
  'ipv4-addr': { ...ipv4, resolves_to_refs: [mac.id], belongs_to_refs: [as.id] }, 'ipv6-addr': ipv6, 'mac-addr': mac, mutex,
  'network-traffic': traffic, process, software, url, 'user-account': account, 'windows-registry-key': registry, 'x509-certificate': certificate,
};

/** Further valid SCOs: a PE file with the windows-pebinary extension, the sender address. */
export const MORE_SCOS = { loader, sender };
