// Warninglists built from small documents: each list type, the normalisation quirks of the upstream data,
// matching_attributes, composite attribute types, and problems instead of exceptions.
import { describe, expect, it } from 'vitest';
import { buildWarningLists } from './warninglist-load.ts';

const lists = buildWarningLists([
  { id: 'dns', json: { name: 'DNS', type: 'cidr', list: ['8.8.8.8', '2001:4860:4860::8888', '9.9.9.0/24', '10.1.2.3/8'], matching_attributes: ['ip-src', 'ip-dst', 'domain|ip', 'ip-dst|port'] } },
  { id: 'banks', json: { name: 'Banks', type: 'hostname', list: ['.Bank.EXAMPLE', 'vakıfbank.com', 'parked.example.', 'static-1.2.3.4.andorpac.ad\\ ', '*.wild.example'], matching_attributes: ['domain', 'hostname', 'url', 'domain|ip'] } },
  { id: 'top', json: { name: 'Top', type: 'string', list: ['Example.ORG', 'D41D8CD98F00B204E9800998ECF8427E'], matching_attributes: ['domain', 'hostname', 'url', 'md5', 'filename|md5'] } },
  { id: 'disposable', json: { name: 'Disposable', type: 'substring', list: ['mailinator.com', 'trashmail', '0-mail.com'], matching_attributes: ['email-src', 'email-dst'] } },
  { id: 'contact', json: { name: 'Contacts', type: 'regex', list: ['/^(security|abuse)\\@.*\\..*$/i'], matching_attributes: ['email-dst'] } },
  { id: 'any', json: { name: 'Any type', type: 'string', list: ['needle'] } },
]);
const wl = lists.lists;
const ids = (value: string, kind?: string) => wl.check(value, kind).map((h) => h.id).sort();

describe('warninglist types', () => {
  it('cidr: addresses and networks, IPv4 and IPv6, host bits cleared, networks inside networks', () => {
    expect(ids('8.8.8.8', 'ip-dst')).toEqual(['dns']);
    expect(ids('8.8.8.9', 'ip-dst')).toEqual([]);
    expect(ids('9.9.9.200', 'ip-src')).toEqual(['dns']);
    expect(ids('9.9.9.0/25', 'ip-src')).toEqual(['dns']);
    expect(ids('9.9.0.0/16', 'ip-src')).toEqual([]);
    expect(ids('10.200.0.1', 'ip-dst')).toEqual(['dns']);
    expect(ids('2001:4860:4860:0:0:0:0:8888', 'ip-dst')).toEqual(['dns']);
    expect(ids('::ffff:8.8.8.8', 'ip-dst')).toEqual(['dns']);
    expect(wl.check('9.9.9.9', 'ip-dst')[0]?.matched).toBe('9.9.9.0/24');
    expect(wl.check('10.9.9.9', 'ip-dst')[0]?.matched).toBe('10.0.0.0/8');
  });

  it('hostname: case, leading dots, trailing dots, wildcards, IDN and a trailing backslash are normalised; subdomains match', () => {
    expect(ids('bank.example', 'domain')).toEqual(['banks']);
    expect(ids('www.online.BANK.example', 'hostname')).toEqual(['banks']);
    expect(ids('notbank.example', 'domain')).toEqual([]);
    expect(ids('vakıfbank.com', 'domain')).toEqual(['banks']);
    expect(ids('xn--vakfbank-vkb.com', 'domain')).toEqual(['banks']);
    expect(ids('login.xn--vakfbank-vkb.com', 'domain')).toEqual(['banks']);
    expect(ids('parked.example', 'domain')).toEqual(['banks']);
    expect(ids('static-1.2.3.4.andorpac.ad', 'hostname')).toEqual(['banks']);
    expect(ids('a.wild.example', 'hostname')).toEqual(['banks']);
    expect(ids('https://user@secure.bank.example:8443/login?x=1', 'url')).toEqual(['banks']);
    expect(wl.check('a.b.bank.example', 'domain')[0]?.matched).toBe('bank.example');
  });

  it('string: exact after case folding; for URL and domain kinds the host is tried as well', () => {
    expect(ids('example.org', 'domain')).toEqual(['top']);
    expect(ids('www.example.org', 'domain')).toEqual([]);
    expect(ids('https://example.org/path', 'url')).toEqual(['top']);
    expect(ids('d41d8cd98f00b204e9800998ecf8427e', 'md5')).toEqual(['top']);
  });

  it('substring: anywhere in the value, case-insensitive', () => {
    expect(ids('x@MAILINATOR.com', 'email-src')).toEqual(['disposable']);
    expect(ids('someone@trashmail.example', 'email-dst')).toEqual(['disposable']);
    expect(ids('a@10-mail.com', 'email-src')).toEqual(['disposable']);
    expect(ids('a@gov.example', 'email-src')).toEqual([]);
  });

  it('regex: PCRE delimiters and flags, evaluated in linear time', () => {
    expect(ids('Abuse@cert.example', 'email-dst')).toEqual(['contact']);
    expect(ids('john@cert.example', 'email-dst')).toEqual([]);
    expect(wl.check('abuse@x.example', 'email-dst')[0]?.matched).toBe('/^(security|abuse)\\@.*\\..*$/i');
  });
});

describe('which lists are consulted', () => {
  it('only lists whose matching_attributes name the kind (a list without any applies to all)', () => {
    expect(ids('8.8.8.8', 'email-src')).toEqual([]);
    expect(ids('abuse@x.example', 'email-src')).toEqual([]);
    expect(ids('needle', 'text')).toEqual(['any']);
    expect(ids('needle', 'md5')).toEqual(['any']);
  });

  it('composite kinds are checked part by part', () => {
    expect(ids('evil.example|8.8.8.8', 'domain|ip')).toEqual(['dns']);
    expect(ids('www.bank.example|203.0.113.1', 'domain|ip')).toEqual(['banks']);
    expect(ids('8.8.8.8|53', 'ip-dst|port')).toEqual(['dns']);
    expect(ids('a.exe|d41d8cd98f00b204e9800998ecf8427e', 'filename|md5')).toEqual(['top']);
  });

  it('STIX SCO types are accepted as kinds; without a kind every list is consulted', () => {
    expect(ids('8.8.8.8', 'ipv4-addr')).toEqual(['dns']);
    expect(ids('www.bank.example', 'domain-name')).toEqual(['banks']);
    expect(ids('8.8.8.8')).toEqual(['dns']);
    expect(ids('abuse@x.mailinator.com')).toEqual(['contact', 'disposable']);
  });
});

describe('loading', () => {
  it('counts entries per list and reports duplicates and unusable entries without throwing', () => {
    const r = buildWarningLists([
      { id: 'bad', json: { name: 'Bad', type: 'cidr', list: ['1.2.3.4', 'not-an-ip', '1.2.3.4/33', 7, '', '1.2.3.4'] } },
      { id: 'dups', json: { name: 'Dups', type: 'hostname', list: ['A.example', 'a.example', '.a.example'] } },
      { id: 're', json: { name: 'Backref', type: 'regex', list: ['/(a)\\1/', '/ok/x'] } },
      { id: 'weird', json: { name: 'Weird', type: 'wildmask', list: ['x'] } },
      { id: 'nolist', json: { name: 'No list', type: 'string' } },
      { id: 'notobject', json: [1, 2] },
    ]);
    expect(r.lists.lists.map((l) => [l.id, l.entries])).toEqual([
      ['bad', 2],
      ['dups', 3],
      ['re', 0],
    ]);
    expect(r.skipped).toEqual({ bad: 4, re: 2 });
    expect(r.duplicates).toEqual({ bad: 1, dups: 2 });
    expect(r.problems.map((p) => `${p.file}:${p.path ?? ''}`).sort()).toEqual(['bad:list[1]', 'bad:list[2]', 'bad:list[3]', 'bad:list[4]', 'nolist:list', 'notobject:', 're:list[0]', 're:list[1]', 'weird:type']);
  });
});
