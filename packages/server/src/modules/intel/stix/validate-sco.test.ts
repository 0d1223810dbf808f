// Invalid cyber-observable objects, pinned to the specification (section 6).
import { describe, it } from 'vitest';
import { IDS, SCO_EXAMPLES, example } from './testing/examples.ts';
import { expectClean, expectDefect, withProps } from './testing/expect-defect.ts';

const id = (type: string): string => String(SCO_EXAMPLES[type]?.id);

describe('SCO required properties', () => {
  const required: Array<[string, string]> = [
    ['autonomous-system', 'number'], ['directory', 'path'], ['domain-name', 'value'], ['email-addr', 'value'], ['email-message', 'is_multipart'],
    ['ipv4-addr', 'value'], ['ipv6-addr', 'value'], ['mac-addr', 'value'], ['mutex', 'name'], ['network-traffic', 'protocols'],
    ['software', 'name'], ['url', 'value'],
  ];
  it.each(required)('%s requires %s', (type, prop) => {
    expectDefect(withProps(example(type), { [prop]: undefined }), { code: 'missing-property', path: `$.${prop}` });
  });
  it.each(['process', 'user-account', 'windows-registry-key', 'x509-certificate'])('%s needs at least one of its properties', (type) => {
    expectDefect({ type, spec_version: '2.1', id: `${type}--0ade8a7b-1474-48f8-b456-348ed296519d` }, { code: 'missing-one-of', path: '$' });
  });
});

describe('SCO rules', () => {
  it('artifact: payload_bin xor url, url with hashes, key with algorithm', () => {
    const a = example('artifact');
    expectDefect(withProps(a, { url: 'https://files.example/x.bin' }), { code: 'mutually-exclusive', path: '$.url' });
    expectDefect(withProps(a, { payload_bin: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(a, { payload_bin: undefined, hashes: undefined, url: 'https://files.example/x.bin' }), { code: 'requires', path: '$.url' });
    expectDefect(withProps(a, { payload_bin: 'not base64!' }), { code: 'invalid-value', path: '$.payload_bin' });
    expectDefect(withProps(a, { decryption_key: 'infected' }), { code: 'requires', path: '$.decryption_key' });
    expectDefect(withProps(a, { encryption_algorithm: 'rot13' }), { code: 'enum', path: '$.encryption_algorithm' });
    expectClean(withProps(a, { encryption_algorithm: 'mime-type-indicated', decryption_key: 'infected' }));
  });
  it('email-message: body or body_multipart by is_multipart, address references, MIME parts', () => {
    const m = example('email-message');
    expectDefect(withProps(m, { body: 'hello' }), { code: 'mutually-exclusive', path: '$.body' });
    expectDefect(withProps(m, { is_multipart: false }), { code: 'mutually-exclusive', path: '$.body_multipart' });
    expectDefect(withProps(m, { from_ref: id('ipv4-addr') }), { code: 'ref-type', path: '$.from_ref' });
    expectDefect(withProps(m, { body_multipart: [{ content_type: 'text/plain' }] }), { code: 'missing-one-of', path: '$.body_multipart[0]' });
    expectDefect(withProps(m, { body_multipart: [{ body_raw_ref: id('url') }] }), { code: 'ref-type', path: '$.body_multipart[0].body_raw_ref' });
    expectDefect(withProps(m, { date: '4 March 2025' }), { code: 'invalid-timestamp', path: '$.date' });
  });
  it('file: hashes or name, sizes, encodings, hex, references', () => {
    const f = example('file');
    expectDefect(withProps(f, { hashes: undefined, name: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(f, { size: -1 }), { code: 'out-of-range', path: '$.size' });
    expectDefect(withProps(f, { name: undefined, name_enc: 'windows-1252' }), { code: 'requires', path: '$.name_enc' });
    expectDefect(withProps(f, { magic_number_hex: '504B0304' }), { code: 'invalid-value', path: '$.magic_number_hex' });
    expectDefect(withProps(f, { magic_number_hex: '504' }), { code: 'invalid-value', path: '$.magic_number_hex' });
    expectDefect(withProps(f, { parent_directory_ref: id('file') }), { code: 'ref-type', path: '$.parent_directory_ref' });
    expectDefect(withProps(f, { hashes: { MD5: 'zz' } }), { code: 'invalid-hash', path: '$.hashes.MD5' });
    expectDefect(withProps(f, { extensions: { 'windows-pebinary-ext': { pe_type: 'exe', sections: [{ size: 1 }] } } }), { code: 'missing-property', path: '$.extensions["windows-pebinary-ext"].sections[0].name' });
  });
  it('addresses: IPv4/IPv6 with CIDR, MAC-48 lowercase, e-mail addr-spec', () => {
    expectDefect(withProps(example('ipv4-addr'), { value: '300.1.1.1' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('ipv4-addr'), { value: '10.0.0.0/33' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('ipv4-addr'), { resolves_to_refs: [id('domain-name')] }), { code: 'ref-type', path: '$.resolves_to_refs[0]' });
    expectDefect(withProps(example('ipv6-addr'), { value: 'gggg::1' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('mac-addr'), { value: '00:1A:2B:3C:4D:5E' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('mac-addr'), { value: '0:1a:2b:3c:4d:5e' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('email-addr'), { value: 'procurement' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('url'), { value: 'tender portal' }), { code: 'invalid-value', path: '$.value' });
    expectDefect(withProps(example('autonomous-system'), { number: '64500' }), { code: 'wrong-kind', path: '$.number' });
  });
  it('network-traffic: an end point, ports, activity, order, extensions', () => {
    const t = example('network-traffic');
    expectDefect(withProps(t, { src_ref: undefined, dst_ref: undefined }), { code: 'missing-one-of', path: '$' });
    expectDefect(withProps(t, { dst_port: 70000 }), { code: 'out-of-range', path: '$.dst_port' });
    expectDefect(withProps(t, { is_active: true }), { code: 'mutually-exclusive', path: '$.end' });
    expectDefect(withProps(t, { end: '2025-03-04T07:01:00Z' }), { code: 'time-order', path: '$.end' });
    expectDefect(withProps(t, { dst_ref: IDS.infrastructure }), { code: 'ref-type', path: '$.dst_ref' });
    expectDefect(withProps(t, { extensions: { 'socket-ext': { address_family: 'AF_X' } } }), { code: 'enum', path: '$.extensions["socket-ext"].address_family' });
    expectDefect(withProps(t, { extensions: { 'icmp-ext': { icmp_type_hex: '08' } } }), { code: 'missing-property', path: '$.extensions["icmp-ext"].icmp_code_hex' });
    expectDefect(withProps(t, { extensions: { 'tcp-ext': {} } }), { code: 'missing-one-of', path: '$.extensions["tcp-ext"]' });
    expectDefect(withProps(t, { ipfix: { minimumIpTotalLength: true } }), { code: 'wrong-kind', path: '$.ipfix.minimumIpTotalLength' });
  });
  it('process, user account, registry key, certificate', () => {
    expectDefect(withProps(example('process'), { parent_ref: id('file') }), { code: 'ref-type', path: '$.parent_ref' });
    expectDefect(withProps(example('process'), { environment_variables: { 'MY VAR': 'x' } }), { code: 'invalid-dictionary-key', path: '$.environment_variables["MY VAR"]' });
    expectDefect(withProps(example('process'), { extensions: { 'windows-process-ext': { integrity_level: 'ultra' } } }), { code: 'enum', path: '$.extensions["windows-process-ext"].integrity_level' });
    expectDefect(withProps(example('process'), { pid: 2 ** 53 }), { code: 'out-of-range', path: '$.pid' });
    expectDefect(withProps(example('user-account'), { extensions: { 'unix-account-ext': {} } }), { code: 'missing-one-of', path: '$.extensions["unix-account-ext"]' });
    expectDefect(withProps(example('windows-registry-key'), { values: [{ name: 'a', data_type: 'REG_FOO' }] }), { code: 'enum', path: '$.values[0].data_type' });
    expectDefect(withProps(example('windows-registry-key'), { values: [{}] }), { code: 'missing-one-of', path: '$.values[0]' });
    expectDefect(withProps(example('x509-certificate'), { validity_not_before: 'yesterday' }), { code: 'invalid-timestamp', path: '$.validity_not_before' });
    expectDefect(withProps(example('x509-certificate'), { x509_v3_extensions: {} }), { code: 'missing-one-of', path: '$.x509_v3_extensions' });
    expectDefect(withProps(example('software'), { languages: 'en' }), { code: 'wrong-kind', path: '$.languages' });
  });
});
