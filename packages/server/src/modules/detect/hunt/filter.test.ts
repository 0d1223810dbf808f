// Meta filters in the offline hunt: a filter document in the rules folder suppresses the matches it
// describes for the rules it names, and only for those.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hunt } from './run.ts';

const RAR = '6f3e2987-db24-4c78-a860-b4f4095a7095';
const WHOAMI = 'df0841c0-9846-4e9f-ad8a-7df91571771b';
const rule = (title: string, id: string, image: string) =>
  `title: ${title}\nid: ${id}\nlevel: high\nlogsource: { product: windows, category: process_creation }\ndetection:\n  sel:\n    Image|endswith: '\\\\${image}'\n  condition: sel\n`;
const FILTER = `title: Administrators archive files
logsource: { product: windows, category: process_creation }
filter:
  rules: [${RAR}]
  selection:
    User|startswith: adm_
  condition: selection
`;
const proc = (image: string, user: string, minute: number) =>
  JSON.stringify({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Computer: 'ws1', Image: `C:\\bin\\${image}`, User: user, '@timestamp': new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString() });

describe('hunt with meta filters', () => {
  it('suppresses the filtered matches of the named rule only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-hunt-filter-'));
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    writeFileSync(join(rules, 'rar.yml'), rule('Rar', RAR, 'rar.exe'));
    writeFileSync(join(rules, 'whoami.yml'), rule('Whoami', WHOAMI, 'whoami.exe'));
    writeFileSync(join(dir, 'events.ndjson'), [proc('rar.exe', 'adm_jane', 0), proc('rar.exe', 'bob', 1), proc('whoami.exe', 'adm_jane', 2)].join('\n'));
    const before = await hunt([join(dir, 'events.ndjson')], { rules: [rules] });
    expect(before.detections.map((d) => [d.title, d.record])).toEqual([['Rar', 1], ['Rar', 2], ['Whoami', 3]]);

    writeFileSync(join(rules, 'mf_admins.yml'), FILTER);
    const after = await hunt([join(dir, 'events.ndjson')], { rules: [rules] });
    expect(after.ruleErrors).toEqual([]);
    expect(after.detections.map((d) => [d.title, d.record])).toEqual([['Rar', 2], ['Whoami', 3]]);
  });
});
