import { describe, expect, it } from 'vitest';
import { normalize } from '../../ingest/normalize.ts';
import type { ObservedObject } from '../pattern/index.ts';
import { observablesOf } from './observables.ts';

const RECEIVED = new Date('2024-05-01T10:00:00Z');
const event = (native: Record<string, unknown>, format: 'json' | 'cef' = 'json') => normalize({ native, format, source: 'test' }, RECEIVED);
const objects = (native: Record<string, unknown>, format: 'json' | 'cef' = 'json') => observablesOf(event(native, format)).objects;
const ofType = (list: readonly ObservedObject[], type: string) => list.filter((o) => o.type === type);
const byId = (list: readonly ObservedObject[], id: unknown) => list.find((o) => o.id === id);

describe('observablesOf', () => {
  it('Sysmon network connection: addresses, the domain it resolves to, network-traffic with ports, the process', () => {
    const list = objects({
      Event: {
        System: { Provider: { Name: 'Microsoft-Windows-Sysmon' }, EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WKS-1.corp.example', EventRecordID: 1 },
        EventData: {
          UtcTime: '2024-05-01 09:59:00.000', Image: 'C:\\Windows\\System32\\rundll32.exe', ProcessId: '4242', User: 'CORP\\alice', Protocol: 'tcp',
          SourceIp: '10.1.2.3', SourcePort: '50000', DestinationIp: '::ffff:198.51.100.7', DestinationHostname: 'c2.evil.example', DestinationPort: '443',
        },
      },
    });
    const nt = ofType(list, 'network-traffic')[0]!;
    expect(nt).toMatchObject({ src_port: 50000, dst_port: 443, protocols: ['tcp'] });
    expect(byId(list, nt['src_ref'])).toMatchObject({ type: 'ipv4-addr', value: '10.1.2.3' });
    expect(byId(list, nt['dst_ref'])).toMatchObject({ type: 'ipv4-addr', value: '198.51.100.7' }); // IPv4-mapped → IPv4
    expect(ofType(list, 'domain-name')).toEqual([expect.objectContaining({ value: 'c2.evil.example', resolves_to_refs: [nt['dst_ref']] })]);
    const proc = ofType(list, 'process')[0]!;
    expect(proc).toMatchObject({ pid: 4242, name: 'rundll32.exe' });
    const image = byId(list, proc['image_ref'])!;
    expect(image).toMatchObject({ type: 'file', name: 'rundll32.exe' });
    expect(byId(list, image['parent_directory_ref'])).toMatchObject({ type: 'directory', path: 'C:\\Windows\\System32' });
    expect(byId(list, proc['creator_user_ref'])).toMatchObject({ type: 'user-account', account_login: 'alice' });
    // The reporting computer is not an observable.
    expect(list.some((o) => o['value'] === 'WKS-1.corp.example')).toBe(false);
  });

  it('Sysmon process creation: command line and image hashes under their STIX names', () => {
    const list = objects({
      Event: {
        System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WKS-1', EventRecordID: 2 },
        EventData: { Image: 'C:\\Tools\\mimikatz.exe', CommandLine: 'mimikatz.exe "sekurlsa::logonpasswords"', ProcessId: '77',
          Hashes: 'MD5=CEAD3F77F6CDA6EC00F57D76C9A6879F,SHA256=AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F,IMPHASH=00112233445566778899AABBCCDDEEFF' },
      },
    });
    const proc = ofType(list, 'process')[0]!;
    expect(proc['command_line']).toBe('mimikatz.exe "sekurlsa::logonpasswords"');
    expect(byId(list, proc['image_ref'])!['hashes']).toEqual({
      MD5: 'CEAD3F77F6CDA6EC00F57D76C9A6879F', 'SHA-256': 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F', IMPHASH: '00112233445566778899AABBCCDDEEFF',
    });
  });

  it('Sysmon DNS query (event 22): the queried name', () => {
    const list = objects({ Event: { System: { EventID: 22, Channel: 'Microsoft-Windows-Sysmon/Operational', EventRecordID: 3, Computer: 'W' }, EventData: { QueryName: 'update.evil.example', Image: 'C:\\x.exe' } } });
    expect(ofType(list, 'domain-name').map((d) => d['value'])).toEqual(['update.evil.example']);
  });

  it('web proxy (ECS): the URL and its host', () => {
    const list = objects({ '@timestamp': '2024-05-01T09:00:00Z', 'source.ip': '10.0.0.9', 'url.original': 'https://files.evil.example/a/payload.zip?x=1', 'user.name': 'bob' });
    expect(ofType(list, 'url').map((u) => u['value'])).toEqual(['https://files.evil.example/a/payload.zip?x=1']);
    expect(ofType(list, 'domain-name').map((u) => u['value'])).toEqual(['files.evil.example']);
    expect(ofType(list, 'user-account')).toEqual([expect.objectContaining({ account_login: 'bob' })]);
  });

  it('a URL whose host is an address gives an address', () => {
    const list = objects({ 'url.original': 'http://[2001:db8::1]:8080/x' });
    expect(ofType(list, 'ipv6-addr').map((u) => u['value'])).toEqual(['2001:db8::1']);
  });

  it('CEF firewall: source and destination', () => {
    const list = objects({ deviceVendor: 'Fortinet', deviceProduct: 'FortiGate', deviceVersion: '7', signatureId: '1', name: 'x', severity: 3, src: '10.0.0.1', spt: 1234, dst: '203.0.113.5', dpt: 22, proto: 'TCP', extensions: {} }, 'cef');
    const nt = ofType(list, 'network-traffic')[0]!;
    expect(byId(list, nt['dst_ref'])).toMatchObject({ value: '203.0.113.5' });
    expect(nt).toMatchObject({ dst_port: 22, src_port: 1234 });
  });

  it('e-mail: sender, recipients and subject', () => {
    const list = objects({ 'email.from.address': 'Mallory <mallory@evil.example>', 'email.to.address': ['a@gov.example', 'b@gov.example'], 'email.subject': 'Invoice' });
    const msg = ofType(list, 'email-message')[0]!;
    expect(byId(list, msg['from_ref'])).toMatchObject({ type: 'email-addr', value: 'mallory@evil.example' });
    expect((msg['to_refs'] as string[]).map((r) => byId(list, r)!['value'])).toEqual(['a@gov.example', 'b@gov.example']);
    expect(msg['subject']).toBe('Invoice');
  });

  it('leaves out unspecified addresses and names that are not DNS names', () => {
    const list = objects({ 'source.ip': '0.0.0.0', 'destination.ip': '::', 'source.domain': 'WKS-0142' });
    expect(list).toEqual([]);
  });

  it('deduplicates the same value seen twice and carries the event time', () => {
    const ev = event({ '@timestamp': '2024-05-01T09:00:00Z', 'source.ip': '10.0.0.1', 'destination.ip': '10.0.0.1' });
    const o = observablesOf(ev);
    expect(ofType(o.objects, 'ipv4-addr')).toHaveLength(1);
    expect(o.firstObserved).toBe(Date.parse('2024-05-01T09:00:00Z'));
  });
});
