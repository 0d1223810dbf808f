// Every MISP warninglist in the corpus loads (528,972 entries, none skipped), known members and
// non-members per list type, and the load time and lookup speed. Reads ../shared/corpora (or
// BULWARK_CORPORA); skips when absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWarningLists, type WarningListLoadResult } from './warninglist-load.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const dir = join(corpora, 'misp', 'warninglists');
const present = existsSync(join(dir, 'lists'));
if (!present) console.log(`MISP warninglists not found at ${dir}: skipping the warninglist corpus checks`);

/** MANIFEST.md: 136 lists, 528,972 entries; no entry fails to parse, so nothing is skipped. */
const MANIFEST_LISTS = 136;
const MANIFEST_ENTRIES = 528_972;

describe.skipIf(!present)('MISP warninglists corpus', () => {
  let loaded: WarningListLoadResult;
  let loadMs = 0;
  beforeAll(async () => {
    const t0 = performance.now();
    loaded = await loadWarningLists(dir);
    loadMs = performance.now() - t0;
  });

  it('loads every list and every entry', () => {
    console.log(`warninglists: ${loaded.lists.lists.length} lists, ${loaded.lists.entryCount} entries loaded in ${loadMs.toFixed(0)} ms; skipped ${JSON.stringify(loaded.skipped)}, duplicates after normalisation ${JSON.stringify(loaded.duplicates)}`);
    expect(loaded.problems).toEqual([]);
    expect(loaded.lists.lists.length).toBe(MANIFEST_LISTS);
    expect(loaded.skipped).toEqual({});
    expect(loaded.lists.entryCount).toBe(MANIFEST_ENTRIES);
    const byType = (t: string) => loaded.lists.lists.filter((l) => l.type === t).length;
    expect([byType('cidr'), byType('string'), byType('hostname'), byType('substring'), byType('regex')]).toEqual([80, 32, 19, 3, 2]);
    expect(loaded.lists.lists.find((l) => l.id === 'public-dns-v4')?.entries).toBe(62_745);
    expect(loadMs).toBeLessThan(10_000);
  });

  const MEMBERS: [value: string, kind: string, list: string][] = [
    ['8.8.8.8', 'ip-dst', 'public-dns-v4'],
    ['2001:4860:4860::8888', 'ip-dst', 'public-dns-v6'],
    ['192.168.10.20', 'ip-src', 'rfc1918'],
    ['10.0.0.1', 'ip-dst', 'rfc1918'],
    ['172.16.5.4|443', 'ip-dst|port', 'rfc1918'],
    ['100.64.1.1', 'ip-dst', 'rfc6598'],
    ['239.255.255.250', 'ip-dst', 'multicast'],
    ['fe80::1c2b:3aff:fe4d:5e6f', 'ip-src', 'ipv6-linklocal'],
    ['2001:db8::1', 'ip-dst', 'rfc3849'],
    ['www.02bancorp.com', 'domain', 'bank-website'],
    ['online.vakıfbank.com', 'hostname', 'bank-website'],
    ['static-185.132.201.202.andorpac.ad', 'hostname', 'public-dns-hostname'],
    ['https://bit.ly/3xYz', 'url', 'url-shortener'],
    ['myhome.0000004.xyz', 'domain', 'dynamic-dns'],
    ['google.com', 'domain', 'cisco_top1000'],
    ['com', 'domain', 'tlds'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5', 'empty-hashes'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256', 'empty-hashes'],
    ['user@0-mail.com', 'email-src', 'disposable-email'],
    ['https://www.virustotal.com/gui/home', 'url', 'automated-malware-analysis'],
    ['abuse@cert.example', 'email-dst', 'common-contact-emails'],
    ['+1 5555501234'.replace(' ', ''), 'phone-number', 'phone_numbers'],
  ];

  it.each(MEMBERS)('%s (%s) is on %s', (value, kind, list) => {
    expect(loaded.lists.check(value, kind).map((h) => h.id)).toContain(list);
  });

  const NON_MEMBERS: [value: string, kind: string, list: string][] = [
    ['8.8.8.8', 'ip-dst', 'rfc1918'],
    ['203.0.113.77', 'ip-dst', 'public-dns-v4'],
    ['192.169.0.1', 'ip-src', 'rfc1918'],
    ['02bancorp.com.evil.example', 'domain', 'bank-website'],
    ['notgoogle.com', 'domain', 'cisco_top1000'],
    ['d41d8cd98f00b204e9800998ecf8427f', 'md5', 'empty-hashes'],
    ['user@gov.example', 'email-src', 'disposable-email'],
    ['john.smith@cert.example', 'email-dst', 'common-contact-emails'],
    ['8.8.8.8', 'email-src', 'public-dns-v4'],
  ];

  it.each(NON_MEMBERS)('%s (%s) is not on %s', (value, kind, list) => {
    expect(loaded.lists.check(value, kind).map((h) => h.id)).not.toContain(list);
  });

  it('looks values up in microseconds', () => {
    const cases: [string, string][] = [
      ['8.8.8.8', 'ip-dst'],
      ['203.0.113.77', 'ip-dst'],
      ['2001:db8:1::7', 'ip-dst'],
      ['www.unlisted-bulwark-test.example', 'domain'],
      ['https://mail.google.com/mail/u/0/', 'url'],
      ['someone@0-mail.com', 'email-src'],
      ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    ];
    const rounds = 20_000;
    const report: string[] = [];
    let worst = 0;
    for (const [value, kind] of cases) {
      for (let i = 0; i < 2000; i++) loaded.lists.check(value, kind);
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) loaded.lists.check(value, kind);
      const us = ((performance.now() - t0) * 1000) / rounds;
      worst = Math.max(worst, us);
      report.push(`${kind} ${value}: ${us.toFixed(2)} µs`);
    }
    console.log(`warninglist lookups (mean over ${rounds}):\n  ${report.join('\n  ')}`);
    expect(worst).toBeLessThan(200);
  });
});
