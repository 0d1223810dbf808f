// MISP objects → one combined STIX object per object: a pattern over the to_ids attributes, or an SCO
// graph when nothing is for detection; references between objects → relationships.
import { describe, expect, it } from 'vitest';
import { attribute, convert, ofType, testUuid } from './testing/convert-helpers.ts';

function object(name: string, attrs: [relation: string, type: string, value: string, toIds: boolean][], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { uuid: testUuid(), name, 'meta-category': 'misc', timestamp: '1700000000', Attribute: attrs.map(([relation, type, value, toIds]) => attribute(type, value, toIds, { object_relation: relation })), ...extra };
}

describe('MISP objects with a combined mapping', () => {
  it('file: hashes are alternatives, other properties must hold too; non-detection attributes stay as x_misp_attributes', () => {
    const r = convert({
      Object: [
        object('file', [
          ['filename', 'filename', 'upd.exe', true],
          ['md5', 'md5', 'D41D8CD98F00B204E9800998ECF8427E', true],
          ['sha256', 'sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', true],
          ['size-in-bytes', 'size-in-bytes', '0', false],
          ['entropy', 'float', '0.0', false],
        ]),
      ],
    });
    const ind = ofType(r, 'indicator');
    expect(ind.length).toBe(1);
    expect(ind[0]?.pattern).toBe("[file:name = 'upd.exe' AND (file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')]");
    expect(ind[0]?.x_misp_object_name).toBe('file');
    expect((ind[0]?.x_misp_attributes as { type: string }[]).map((a) => a.type)).toEqual(['size-in-bytes', 'float']);
    expect(r.unmapped.map((u) => [u.type, u.reason, u.keptAs, u.stixId])).toEqual([
      ['size-in-bytes', 'object-relation', 'property', ind[0]?.id],
      ['float', 'object-relation', 'property', ind[0]?.id],
    ]);
  });

  it('file without detection attributes: a file SCO with its directory', () => {
    const r = convert({ Object: [object('file', [['filename', 'filename', 'a.dll', false], ['path', 'text', 'C:\\Windows\\Temp', false], ['sha1', 'sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', false], ['size-in-bytes', 'size-in-bytes', '12', false]])] });
    const file = ofType(r, 'file')[0];
    const dir = ofType(r, 'directory')[0];
    expect(file).toMatchObject({ name: 'a.dll', size: 12, hashes: { 'SHA-1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }, parent_directory_ref: dir?.id });
    expect(dir).toMatchObject({ path: 'C:\\Windows\\Temp' });
    expect(new Set(ofType(r, 'observed-data')[0]?.object_refs as string[])).toEqual(new Set([file?.id, dir?.id]));
  });

  it('domain-ip: the domain resolving to any of the addresses; addresses alone are alternatives', () => {
    const r = convert({
      Object: [
        object('domain-ip', [['domain', 'domain', 'beacon.evil.example', true], ['ip', 'ip-dst', '198.51.100.25', true], ['ip', 'ip-dst', '2001:db8::25', true]]),
        object('domain-ip', [['ip', 'ip-dst', '198.51.100.30', true], ['ip', 'ip-dst', '2001:db8::30', true]]),
      ],
    });
    expect(ofType(r, 'indicator').map((i) => i.pattern)).toEqual([
      "[domain-name:value = 'beacon.evil.example' AND (domain-name:resolves_to_refs[*].value = '198.51.100.25' OR domain-name:resolves_to_refs[*].value = '2001:db8::25')]",
      "[ipv4-addr:value = '198.51.100.30'] OR [ipv6-addr:value = '2001:db8::30']",
    ]);
  });

  it('network-connection and ip-port: endpoints, ports and protocols on network-traffic', () => {
    const r = convert({
      Object: [
        object('network-connection', [['ip-src', 'ip-src', '10.0.0.5', false], ['ip-dst', 'ip-dst', '198.51.100.25', true], ['dst-port', 'port', '443', true], ['layer4-protocol', 'text', 'TCP', true]]),
        object('ip-port', [['ip', 'ip-dst', '198.51.100.26', false], ['dst-port', 'port', '8443', false]]),
      ],
    });
    expect(ofType(r, 'indicator')[0]?.pattern).toBe("[network-traffic:dst_ref.value = '198.51.100.25' AND network-traffic:dst_port = 443 AND network-traffic:protocols[*] = 'tcp']");
    const nt = ofType(r, 'network-traffic')[0];
    expect(nt).toMatchObject({ dst_port: 8443, protocols: ['ipv4'] });
    expect(ofType(r, 'ipv4-addr').find((i) => i.id === nt?.dst_ref)?.value).toBe('198.51.100.26');
  });

  it('url, email, registry-key and x509 templates', () => {
    const r = convert({
      Object: [
        object('url', [['url', 'url', 'https://evil.example/login', true], ['domain', 'domain', 'evil.example', false]]),
        object('email', [['from', 'email-src', 'a@evil.example', true], ['to', 'email-dst', 'b@gov.example', true], ['to', 'email-dst', 'c@gov.example', true], ['subject', 'email-subject', 'Hi', true], ['x-mailer', 'email-x-mailer', 'M 1', true]]),
        object('registry-key', [['key', 'regkey', 'HKLM\\Software\\Run', true], ['name', 'text', 'upd', true], ['data', 'text', 'c:\\u.exe', true]]),
        object('x509', [['x509-fingerprint-sha256', 'x509-fingerprint-sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', true], ['serial-number', 'text', '0a:0b', true]]),
      ],
    });
    expect(ofType(r, 'indicator').map((i) => i.pattern)).toEqual([
      "[url:value = 'https://evil.example/login']",
      "[email-message:from_ref.value = 'a@evil.example' AND (email-message:to_refs[*].value = 'b@gov.example' OR email-message:to_refs[*].value = 'c@gov.example') AND email-message:subject = 'Hi' AND email-message:additional_header_fields.'X-Mailer' = 'M 1']",
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Run' AND windows-registry-key:values[*].name = 'upd' AND windows-registry-key:values[*].data = 'c:\\\\u.exe']",
      "[x509-certificate:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' AND x509-certificate:serial_number = '0a:0b']",
    ]);
  });

  it('email without detection attributes: an email-message with address SCOs', () => {
    const r = convert({ Object: [object('email', [['from', 'email-src', 'a@evil.example', false], ['to', 'email-dst', 'b@gov.example', false], ['subject', 'email-subject', 'Hi', false]])] });
    const msg = ofType(r, 'email-message')[0];
    const addrs = ofType(r, 'email-addr');
    expect(msg).toMatchObject({ is_multipart: false, subject: 'Hi', from_ref: addrs.find((a) => a.value === 'a@evil.example')?.id, to_refs: [addrs.find((a) => a.value === 'b@gov.example')?.id] });
  });

  it('a detection attribute outside the template mapping is also converted on its own', () => {
    const r = convert({ Object: [object('url', [['url', 'url', 'https://evil.example/x', true], ['ip', 'ip-dst', '198.51.100.40', true]])] });
    expect(ofType(r, 'indicator').map((i) => i.pattern)).toEqual(["[url:value = 'https://evil.example/x']", "[ipv4-addr:value = '198.51.100.40']"]);
  });

  it('a bad value is left out of the combined pattern and reported with its path', () => {
    const r = convert({ Object: [object('domain-ip', [['domain', 'domain', 'ok.example', true], ['ip', 'ip-dst', '999.1.1.1', true]])] });
    expect(ofType(r, 'indicator')[0]?.pattern).toBe("[domain-name:value = 'ok.example']");
    expect(r.problems).toContainEqual(expect.objectContaining({ path: 'Event.Object[0].Attribute[1]' }));
  });
});

describe('MISP objects without a combined mapping', () => {
  it('their attributes are converted one by one and the template is reported', () => {
    const obj = object('bank-account', [['iban', 'iban', 'DE89370400440532013000', false], ['ip', 'ip-dst', '198.51.100.50', true]]);
    const r = convert({ Object: [obj] });
    expect(ofType(r, 'indicator')[0]).toMatchObject({ pattern: "[ipv4-addr:value = '198.51.100.50']", x_misp_object_name: 'bank-account', x_misp_object_relation: 'ip' });
    expect(ofType(r, 'note')[0]).toMatchObject({ content: 'DE89370400440532013000' });
    expect(r.unmapped.map((u) => [u.type, u.reason, u.keptAs])).toEqual([
      ['bank-account', 'unknown-template', 'attributes'],
      ['iban', 'unknown-type', 'note'],
    ]);
  });
});

describe('object references', () => {
  it('become relationships between the converted objects (also to attributes); unresolved ones are reported', () => {
    const target = object('domain-ip', [['domain', 'domain', 'c2.example', true]]);
    const attr = attribute('url', 'https://c2.example/x', true);
    const source = object('file', [['md5', 'md5', 'd41d8cd98f00b204e9800998ecf8427e', true]], {
      ObjectReference: [
        { uuid: testUuid(), referenced_uuid: target.uuid, relationship_type: 'communicates-with', comment: 'beacon' },
        { uuid: testUuid(), referenced_uuid: attr.uuid, relationship_type: 'Downloaded From' },
        { uuid: testUuid(), referenced_uuid: '00000000-0000-4000-8000-000000000000', relationship_type: 'drops' },
      ],
    });
    const r = convert({ Attribute: [attr], Object: [source, target] });
    const [fileInd, domainInd] = ofType(r, 'indicator').filter((i) => i.x_misp_object_name);
    const urlInd = ofType(r, 'indicator').find((i) => i.x_misp_type === 'url');
    expect(ofType(r, 'relationship').map((x) => [x.relationship_type, x.source_ref, x.target_ref, x.description])).toEqual([
      ['communicates-with', fileInd?.id, domainInd?.id, 'beacon'],
      ['downloaded-from', fileInd?.id, urlInd?.id, undefined],
    ]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'reference', path: 'Event.Object[0].ObjectReference[2]' }));
  });
});
