// MISP attribute types → STIX: the pattern of the indicator (to_ids) and the SCOs of the observed-data
// (not to_ids), one case per type; values that do not parse and types without a mapping become notes
// and are reported.
import { describe, expect, it } from 'vitest';
import { attribute, content, convert, ofType } from './testing/convert-helpers.ts';

const PATTERNS: [type: string, value: string, pattern: string][] = [
  ['ip-dst', '198.51.100.7', "[ipv4-addr:value = '198.51.100.7']"],
  ['ip-src', '203.0.113.0/24', "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"],
  ['ip-src', '203.0.113.9/32', "[ipv4-addr:value = '203.0.113.9']"],
  ['ip-dst', '2001:DB8::1', "[ipv6-addr:value = '2001:db8::1']"],
  ['ip-dst', '2001:0db8:0000:0000:0000:0000:192.0.2.1', "[ipv6-addr:value = '2001:db8::c000:201']"],
  ['ip-dst', '[2001:db8::1]', "[ipv6-addr:value = '2001:db8::1']"],
  ['ip-src', '10.1.2.3/8', "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
  ['ip-dst', '2001:db8::/32', "[ipv6-addr:value ISSUBSET '2001:db8::/32']"],
  ['ip-src|port', '198.51.100.7|51515', "[network-traffic:src_ref.value = '198.51.100.7' AND network-traffic:src_port = 51515]"],
  ['ip-dst|port', '2001:db8::5|443', "[network-traffic:dst_ref.value = '2001:db8::5' AND network-traffic:dst_port = 443]"],
  ['domain', 'Evil.Example.', "[domain-name:value = 'evil.example']"],
  ['hostname', 'c2.evil.example', "[domain-name:value = 'c2.evil.example']"],
  ['domain|ip', 'evil.example|198.51.100.7', "[domain-name:value = 'evil.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.7']"],
  ['hostname|port', 'c2.evil.example|8080', "[network-traffic:dst_ref.value = 'c2.evil.example' AND network-traffic:dst_port = 8080]"],
  ['url', "https://evil.example/a?b='c'", "[url:value = 'https://evil.example/a?b=\\'c\\'']"],
  ['uri', '/wp-admin/x.php', "[url:value = '/wp-admin/x.php']"],
  ['md5', 'D41D8CD98F00B204E9800998ECF8427E', "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"],
  ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"],
  ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
  ['sha512', 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e', "[file:hashes.'SHA-512' = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e']"],
  ['ssdeep', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C', "[file:hashes.SSDEEP = '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C']"],
  ['filename', 'invoice.xlsm', "[file:name = 'invoice.xlsm']"],
  ['filename|md5', 'a.exe|d41d8cd98f00b204e9800998ecf8427e', "[file:name = 'a.exe' AND file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"],
  ['filename|sha256', 'C:\\tmp\\a b.exe|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "[file:name = 'C:\\\\tmp\\\\a b.exe' AND file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
  ['malware-sample', 'drop.bin|d41d8cd98f00b204e9800998ecf8427e', "[file:name = 'drop.bin' AND file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"],
  ['imphash', 'f34d5f2d4577ed6d9ceec516c1f5a744', "[file:extensions.'windows-pebinary-ext'.imphash = 'f34d5f2d4577ed6d9ceec516c1f5a744']"],
  ['email', 'a@evil.example', "[email-addr:value = 'a@evil.example']"],
  ['email-src', 'a@evil.example', "[email-addr:value = 'a@evil.example']"],
  ['email-dst', 'victim@gov.example', "[email-addr:value = 'victim@gov.example']"],
  ['email-subject', 'Urgent: update', "[email-message:subject = 'Urgent: update']"],
  ['email-reply-to', 'r@evil.example', "[email-message:additional_header_fields.'Reply-To' = 'r@evil.example']"],
  ['email-x-mailer', 'EvilMailer 1.0', "[email-message:additional_header_fields.'X-Mailer' = 'EvilMailer 1.0']"],
  ['email-attachment', 'invoice.zip', "[email-message:body_multipart[*].body_raw_ref.name = 'invoice.zip']"],
  ['email-message-id', '<x@evil.example>', "[email-message:message_id = '<x@evil.example>']"],
  ['user-agent', 'curl/8.0', "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8.0']"],
  ['http-method', 'PROPFIND', "[network-traffic:extensions.'http-request-ext'.request_method = 'PROPFIND']"],
  ['AS', 'AS64500', '[autonomous-system:number = 64500]'],
  ['AS', '64501', '[autonomous-system:number = 64501]'],
  ['mutex', 'Global\\M', "[mutex:name = 'Global\\\\M']"],
  ['regkey', 'HKCU\\Software\\Evil\\', "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Evil']"],
  ['regkey|value', 'HKLM\\Software\\Run\\x|c:\\x.exe', "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Run\\\\x' AND windows-registry-key:values[*].data = 'c:\\\\x.exe']"],
  ['mac-address', '00-1A-2B-3C-4D-5E', "[mac-addr:value = '00:1a:2b:3c:4d:5e']"],
  ['port', '4444', '[network-traffic:dst_port = 4444]'],
  ['x509-fingerprint-sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "[x509-certificate:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
  ['cpe', 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*', "[software:cpe = 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*']"],
];

describe('MISP attribute → STIX indicator pattern (to_ids)', () => {
  it.each(PATTERNS)('%s %s', (type, value, pattern) => {
    const r = convert({ Attribute: [attribute(type, value, true)] });
    const indicators = ofType(r, 'indicator');
    expect(indicators.length).toBe(1);
    expect(indicators[0]?.pattern).toBe(pattern);
    expect(indicators[0]?.pattern_type).toBe('stix');
    expect(indicators[0]?.pattern_version).toBe('2.1');
    expect(indicators[0]?.x_misp_type).toBe(type);
    expect(r.unmapped).toEqual([]);
  });
});

const OBSERVABLES: [type: string, value: string, scos: Record<string, unknown>[]][] = [
  ['ip-src', '198.51.100.7', [{ type: 'ipv4-addr', value: '198.51.100.7' }]],
  ['ip-dst', '2001:db8::/48', [{ type: 'ipv6-addr', value: '2001:db8::/48' }]],
  ['domain', 'Evil.Example', [{ type: 'domain-name', value: 'evil.example' }]],
  ['url', 'http://evil.example/x', [{ type: 'url', value: 'http://evil.example/x' }]],
  ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', [{ type: 'file', hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } }]],
  ['filename|md5', 'a.exe|d41d8cd98f00b204e9800998ecf8427e', [{ type: 'file', name: 'a.exe', hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } }]],
  ['email-src', 'a@evil.example', [{ type: 'email-addr', value: 'a@evil.example' }]],
  ['email-subject', 'Hello', [{ type: 'email-message', is_multipart: false, subject: 'Hello' }]],
  ['AS', 'AS64500', [{ type: 'autonomous-system', number: 64500 }]],
  ['mutex', 'M1', [{ type: 'mutex', name: 'M1' }]],
  ['regkey|value', 'HKLM\\Run\\x|y', [{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\Run\\x', values: [{ data: 'y' }] }]],
  ['mac-address', '001a2b3c4d5e', [{ type: 'mac-addr', value: '00:1a:2b:3c:4d:5e' }]],
  ['x509-fingerprint-sha1', 'DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09', [{ type: 'x509-certificate', hashes: { 'SHA-1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709' } }]],
  ['cpe', 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*', [{ type: 'software', name: 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*', cpe: 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*' }]],
  // software.cpe must be CPE 2.3: a CPE 2.2 URI is kept as the name.
  ['cpe', 'cpe:/a:v:p:1', [{ type: 'software', name: 'cpe:/a:v:p:1' }]],
  // STIX's TLSH is the 70 hex digits; the newer "T1" prefix is dropped in the SCO.
  ['tlsh', `T1${'ab'.repeat(35)}`, [{ type: 'file', hashes: { TLSH: 'ab'.repeat(35) } }]],
];

describe('MISP attribute → observed-data and SCOs (not to_ids)', () => {
  it.each(OBSERVABLES)('%s %s', (type, value, scos) => {
    const r = convert({ Attribute: [attribute(type, value, false)] });
    expect(ofType(r, 'indicator')).toEqual([]);
    const od = ofType(r, 'observed-data');
    expect(od.length).toBe(1);
    const refs = od[0]?.object_refs as string[];
    const found = r.objects.filter((o) => refs.includes(o.id));
    expect(found.map((o) => ({ ...Object.fromEntries(Object.entries(o).filter(([k]) => !['id', 'spec_version', 'object_marking_refs', 'x_bulwark_distribution'].includes(k))) }))).toEqual(scos);
    for (const o of found) expect(o.id.startsWith(`${o.type}--`)).toBe(true);
    expect(od[0]?.number_observed).toBe(1);
  });

  it('domain|ip gives a domain-name resolving to the address, both in object_refs', () => {
    const r = convert({ Attribute: [attribute('domain|ip', 'evil.example|198.51.100.7', false)] });
    const od = ofType(r, 'observed-data')[0];
    const domain = ofType(r, 'domain-name')[0];
    const ip = ofType(r, 'ipv4-addr')[0];
    expect(domain?.resolves_to_refs).toEqual([ip?.id]);
    expect(new Set(od?.object_refs as string[])).toEqual(new Set([domain?.id, ip?.id]));
  });

  it('ip-dst|port gives network-traffic with the address as dst_ref and the IP version as protocol', () => {
    const r = convert({ Attribute: [attribute('ip-dst|port', '198.51.100.7|443', false)] });
    const nt = ofType(r, 'network-traffic')[0];
    expect(nt).toMatchObject({ dst_port: 443, protocols: ['ipv4'], dst_ref: ofType(r, 'ipv4-addr')[0]?.id });
  });

  it('types (or values) with a pattern form but no valid SCO become notes when not for detection', () => {
    const r = convert({
      Attribute: [
        attribute('user-agent', 'curl/8.0', false),
        attribute('port', '22', false),
        attribute('hostname|port', 'a.example|22', false),
        attribute('uri', '/wp-login.php', false),
        attribute('mac-eui-64', '00:1a:2b:ff:fe:3c:4d:5e', false),
        attribute('email-src', 'odd"quote@x', false),
      ],
    });
    expect(ofType(r, 'note').length).toBe(6);
    expect(r.unmapped.map((u) => [u.type, u.reason, u.keptAs])).toEqual([
      ['user-agent', 'no-observable', 'note'],
      ['port', 'no-observable', 'note'],
      ['hostname|port', 'no-observable', 'note'],
      ['uri', 'no-observable', 'note'],
      ['mac-eui-64', 'no-observable', 'note'],
      ['email-src', 'no-observable', 'note'],
    ]);
  });
});

describe('MISP attribute → other STIX objects', () => {
  it('vulnerability, threat-actor, campaign-name and target-org become domain objects whatever to_ids says', () => {
    const r = convert({
      Attribute: [attribute('vulnerability', 'cve-2023-23397', true, { comment: 'Outlook' }), attribute('threat-actor', 'Sandworm', false), attribute('campaign-name', 'Op X', false), attribute('target-org', 'Ministry of Energy', false)],
    });
    expect(ofType(r, 'indicator')).toEqual([]);
    expect(ofType(r, 'vulnerability')[0]).toMatchObject({ name: 'cve-2023-23397', description: 'Outlook', external_references: [{ source_name: 'cve', external_id: 'CVE-2023-23397' }] });
    expect(ofType(r, 'threat-actor')[0]).toMatchObject({ name: 'Sandworm' });
    expect(ofType(r, 'campaign')[0]).toMatchObject({ name: 'Op X' });
    expect(ofType(r, 'identity').find((i) => i.name === 'Ministry of Energy')).toMatchObject({ identity_class: 'organization' });
  });

  it('snort, yara, sigma and stix2-pattern rules become indicators in their pattern language', () => {
    const yara = 'rule x { strings: $a = "evil" condition: $a }';
    const r = convert({ Attribute: [attribute('snort', 'alert ip any any -> any any (sid:1;)'), attribute('yara', yara), attribute('sigma', 'title: t'), attribute('stix2-pattern', "[url:value = 'x']")] });
    expect(ofType(r, 'indicator').map((i) => [i.pattern_type, i.pattern])).toEqual([
      ['snort', 'alert ip any any -> any any (sid:1;)'],
      ['yara', yara],
      ['sigma', 'title: t'],
      ['stix', "[url:value = 'x']"],
    ]);
  });

  it('text, comment and other become notes; link becomes an external reference of the report', () => {
    const r = convert({ Attribute: [attribute('text', 'Beacon every 5 min', false), attribute('comment', 'seen twice', false), attribute('link', 'https://csirt.example/a', false, { comment: 'Advisory' })] });
    expect(ofType(r, 'note').map((n) => n.content)).toEqual(['Beacon every 5 min', 'seen twice']);
    expect(ofType(r, 'report')[0]?.external_references).toEqual([{ source_name: 'misp-link', url: 'https://csirt.example/a', description: 'Advisory' }]);
    const odd = convert({ Attribute: [attribute('link', 'see the advisory of 14 Nov', false)] });
    expect(ofType(odd, 'report')[0]?.external_references).toEqual([{ source_name: 'misp-link', description: 'see the advisory of 14 Nov' }]);
    expect(r.unmapped).toEqual([]);
  });

  it('an unknown type is reported and kept as a note with the whole attribute', () => {
    const a = attribute('btc', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', false, { comment: 'ransom wallet' });
    const r = convert({ Attribute: [a] });
    const note = ofType(r, 'note')[0];
    expect(note).toMatchObject({ content: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', x_misp_attribute: { type: 'btc', value: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', comment: 'ransom wallet' } });
    expect(note?.object_refs).toEqual([r.eventObjectId]);
    expect(r.unmapped).toEqual([{ uuid: a.uuid, type: 'btc', reason: 'unknown-type', keptAs: 'note', stixId: note?.id, path: 'Event.Attribute[0]' }]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'unmapped', path: 'Event.Attribute[0]' }));
  });

  it.each([
    ['ip-dst', '300.1.1.1'],
    ['ip-src|port', '198.51.100.7|99999'],
    ['md5', 'abc'],
    ['AS', 'ASX'],
    ['domain|ip', 'nodelimiter'],
    ['email-src', 'no-at-sign'],
    ['mac-address', '00:1a:2b'],
    ['tlsh', 'T1abc'],
    ['ssdeep', 'not ssdeep!'],
  ])('a %s value that does not parse (%s) is reported and kept as a note', (type, value) => {
    const r = convert({ Attribute: [attribute(type, value)] });
    expect(ofType(r, 'indicator')).toEqual([]);
    expect(r.unmapped[0]).toMatchObject({ type, reason: 'invalid-value', keptAs: 'note' });
  });

  it('a payload (malware-sample data) is reported as not imported; the value still converts', () => {
    const r = convert({ Attribute: [attribute('malware-sample', 'x.exe|d41d8cd98f00b204e9800998ecf8427e', true, { data: 'UEsDBAoAAAAAAA==' })] });
    expect(ofType(r, 'indicator').length).toBe(1);
    expect(r.unmapped).toEqual([expect.objectContaining({ reason: 'payload', keptAs: 'dropped' })]);
  });

  it('first_seen/last_seen give valid_from/valid_until and observation times; a deleted attribute is revoked', () => {
    const r = convert({
      Attribute: [
        attribute('ip-dst', '198.51.100.7', true, { first_seen: '2023-11-01T10:00:00.123456+02:00', last_seen: '2023-11-02T00:00:00Z' }),
        attribute('ip-dst', '198.51.100.8', false, { first_seen: '2023-11-01T10:00:00Z', last_seen: '2023-10-01T00:00:00Z' }),
        attribute('ip-dst', '198.51.100.9', true, { deleted: true }),
      ],
    });
    const [i1, i3] = ofType(r, 'indicator');
    expect(i1).toMatchObject({ valid_from: '2023-11-01T08:00:00.123Z', valid_until: '2023-11-02T00:00:00.000Z' });
    expect(ofType(r, 'observed-data')[0]).toMatchObject({ first_observed: '2023-11-01T10:00:00.000Z', last_observed: '2023-11-01T10:00:00.000Z' });
    expect(i3?.revoked).toBe(true);
    expect(i1?.revoked).toBeUndefined();
  });

  it('every converted object has a type-prefixed id and modified ≥ created', () => {
    const r = convert({ Attribute: PATTERNS.map(([t, v]) => attribute(t, v, true, { timestamp: '1690000000' })) });
    for (const o of content(r)) {
      expect(o.id.startsWith(`${o.type}--`)).toBe(true);
      if (o.created !== undefined) expect(String(o.modified) >= String(o.created)).toBe(true);
    }
  });
});
