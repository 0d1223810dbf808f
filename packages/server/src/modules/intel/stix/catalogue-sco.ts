// STIX Cyber-observable Objects (specification section 6): type-specific properties, predefined
// extensions (shapes in catalogue-sco-ext.ts) and ID Contributing Properties. Co-constraints (artifact
// needs payload_bin or url, ...) are in rules-sco.ts.
import { bin, bool, dict, either, en, fmt, hashes, hex, int, ov, ref, refs, str, strs, struct, structs, ts, type Prop, type TypeDef } from './props.ts';

interface ScoExtra {
  extensions?: Record<string, string>;
  idContributing?: string[];
  atLeastOne?: boolean;
}

function sco(type: string, props: Record<string, Prop>, required: string[], extra: ScoExtra = {}): TypeDef {
  return { type, kind: 'sco', common: 'sco', props, required, ...extra };
}

const address = ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');
const count = int(0);

export const SCO_TYPES: readonly TypeDef[] = [
  sco(
    'artifact',
    { mime_type: str, payload_bin: bin, url: fmt('url'), hashes, encryption_algorithm: en('encryption-algorithm-enum'), decryption_key: str },
    [],
    { idContributing: ['hashes', 'payload_bin'] },
  ),
  sco('autonomous-system', { number: int(0), name: str, rir: str }, ['number'], { idContributing: ['number'] }),
  sco(
    'directory',
    { path: str, path_enc: str, ctime: ts, mtime: ts, atime: ts, contains_refs: refs('file', 'directory') },
    ['path'],
    { idContributing: ['path'] },
  ),
  sco('domain-name', { value: str, resolves_to_refs: refs('ipv4-addr', 'ipv6-addr', 'domain-name') }, ['value'], { idContributing: ['value'] }),
  sco('email-addr', { value: fmt('email'), display_name: str, belongs_to_ref: ref('user-account') }, ['value'], { idContributing: ['value'] }),
  sco(
    'email-message',
    {
      is_multipart: bool, date: ts, content_type: str, from_ref: ref('email-addr'), sender_ref: ref('email-addr'), to_refs: refs('email-addr'),
      cc_refs: refs('email-addr'), bcc_refs: refs('email-addr'), message_id: str, subject: str, received_lines: strs,
      additional_header_fields: dict(either(str, strs)), body: str, body_multipart: structs('email-mime-part'), raw_email_ref: ref('artifact'),
    },
    ['is_multipart'],
    { idContributing: ['from_ref', 'subject', 'body'] },
  ),
  sco(
    'file',
    {
      hashes, size: count, name: str, name_enc: str, magic_number_hex: hex, mime_type: str, ctime: ts, mtime: ts, atime: ts,
      parent_directory_ref: ref('directory'), contains_refs: refs('sco', 'custom'), content_ref: ref('artifact'),
    },
    [],
    {
      extensions: { 'archive-ext': 'archive-ext', 'ntfs-ext': 'ntfs-ext', 'pdf-ext': 'pdf-ext', 'raster-image-ext': 'raster-image-ext', 'windows-pebinary-ext': 'windows-pebinary-ext' },
      idContributing: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
    },
  ),
  sco(
    'ipv4-addr',
    { value: fmt('ipv4'), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    ['value'],
    { idContributing: ['value'] },
  ),
  sco(
    'ipv6-addr',
    { value: fmt('ipv6'), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    ['value'],
    { idContributing: ['value'] },
  ),
  sco('mac-addr', { value: fmt('mac') }, ['value'], { idContributing: ['value'] }),
  sco('mutex', { name: str }, ['name'], { idContributing: ['name'] }),
  sco(
    'network-traffic',
    {
      start: ts, end: ts, is_active: bool, src_ref: address, dst_ref: address, src_port: int(0, 65535), dst_port: int(0, 65535), protocols: strs,
      src_byte_count: count, dst_byte_count: count, src_packets: count, dst_packets: count, ipfix: dict(either(str, int())),
      src_payload_ref: ref('artifact'), dst_payload_ref: ref('artifact'), encapsulates_refs: refs('network-traffic'),
      encapsulated_by_ref: ref('network-traffic'),
    },
    ['protocols'],
    {
      extensions: { 'http-request-ext': 'http-request-ext', 'icmp-ext': 'icmp-ext', 'socket-ext': 'socket-ext', 'tcp-ext': 'tcp-ext' },
      idContributing: ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
    },
  ),
  sco(
    'process',
    {
      is_hidden: bool, pid: int(), created_time: ts, cwd: str, command_line: str, environment_variables: dict(str),
      opened_connection_refs: refs('network-traffic'), creator_user_ref: ref('user-account'), image_ref: ref('file'), parent_ref: ref('process'),
      child_refs: refs('process'),
    },
    [],
    { extensions: { 'windows-process-ext': 'windows-process-ext', 'windows-service-ext': 'windows-service-ext' }, idContributing: [], atLeastOne: true },
  ),
  sco('software', { name: str, cpe: str, swid: str, languages: strs, vendor: str, version: str }, ['name'], { idContributing: ['name', 'cpe', 'swid', 'vendor', 'version'] }),
  sco('url', { value: fmt('url') }, ['value'], { idContributing: ['value'] }),
  sco(
    'user-account',
    {
      user_id: str, credential: str, account_login: str, account_type: ov('account-type-ov'), display_name: str, is_service_account: bool,
      is_privileged: bool, can_escalate_privs: bool, is_disabled: bool, account_created: ts, account_expires: ts, credential_last_changed: ts,
      account_first_login: ts, account_last_login: ts,
    },
    [],
    { extensions: { 'unix-account-ext': 'unix-account-ext' }, idContributing: ['account_type', 'user_id', 'account_login'], atLeastOne: true },
  ),
  sco(
    'windows-registry-key',
    { key: str, values: structs('windows-registry-value'), modified_time: ts, creator_user_ref: ref('user-account'), number_of_subkeys: count },
    [],
    { idContributing: ['key', 'values'], atLeastOne: true },
  ),
  sco(
    'x509-certificate',
    {
      is_self_signed: bool, hashes, version: str, serial_number: str, signature_algorithm: str, issuer: str, validity_not_before: ts,
      validity_not_after: ts, subject: str, subject_public_key_algorithm: str, subject_public_key_modulus: str, subject_public_key_exponent: int(0),
      x509_v3_extensions: struct('x509-v3-extensions'),
    },
    [],
    { idContributing: ['hashes', 'serial_number'], atLeastOne: true },
  ),
];
