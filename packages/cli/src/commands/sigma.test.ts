// `bulwark sigma check` and `bulwark sigma regress`, run as the real command on a small rule pack.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const ID = '11111111-2222-4333-8444-555555555555';
let root = '';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulwark-sigma-cli-'));
  await mkdir(join(root, 'rules'));
  await writeFile(join(root, 'rules', 'good.yml'), `title: whoami\nid: ${ID}\nlogsource: {product: windows, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: '\\whoami.exe'\n    condition: sel\n`);
  await writeFile(join(root, 'rules', 'bad.yml'), 'title: bad\nlogsource: {product: windows}\ndetection:\n    sel:\n        Image|bogus: x\n    condition: sel\n');
  await writeFile(join(root, 'rules', 'ph.yml'), "title: admins\nlogsource: {product: windows}\ndetection:\n    sel:\n        User|expand: '%Admins%'\n    condition: sel\n");
  await writeFile(join(root, 'ph.yml'), 'Admins: [root]\n');
  await mkdir(join(root, 'tuned'));
  await writeFile(join(root, 'tuned', 'rule.yml'), `title: whoami\nid: ${ID}\nlogsource: {product: windows, category: process_creation}\ndetection:\n    sel:\n        Image|endswith: '\\whoami.exe'\n    condition: sel\n`);
  await writeFile(join(root, 'tuned', 'mf_admins.yml'), `title: admins\nlogsource: {product: windows}\nfilter:\n    rules:\n        - ${ID}\n        - 99999999-2222-4333-8444-555555555555\n    selection:\n        User|startswith: adm_\n    condition: selection\n`);
  const data = join(root, 'data', 'case');
  await mkdir(data, { recursive: true });
  await writeFile(join(data, 'info.yml'), `rule_metadata:\n    - id: ${ID}\nregression_tests_info:\n    - name: t\n      type: evtx\n      match_count: 1\n      path: x.evtx\n`);
  const ev = { Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: 'C:\\Windows\\whoami.exe' } } };
  await writeFile(join(data, `${ID}.json`), JSON.stringify(ev, null, 2));
});

describe('bulwark sigma', () => {
  it('check lists each rule that cannot run, with the reason, and the counts', () => {
    const r = run('sigma', 'check', join(root, 'rules'));
    expect(r.stdout).toContain('bad.yml:5');
    expect(r.stdout).toContain('unknown modifier "bogus"');
    expect(r.stdout).toContain('placeholder %Admins% has no configured value list');
    expect(r.stdout).toMatch(/1 rules, 0 filters compiled, 2 cannot run/);
    expect(r.code).toBe(1);
  });
  it('check --placeholders resolves expand values; --json prints one document', () => {
    const r = run('sigma', 'check', '--json', '--placeholders', join(root, 'ph.yml'), join(root, 'rules'));
    const doc = JSON.parse(r.stdout) as { compiled: number; failedRules: number; errors: Array<{ code: string }> };
    expect(doc.compiled).toBe(2);
    expect(doc.failedRules).toBe(1);
    expect(doc.errors.map((e) => e.code)).toEqual(['modifier']);
  });
  it('check compiles meta filters and warns about rules they name that are not loaded', () => {
    const r = run('sigma', 'check', join(root, 'tuned'));
    expect(r.stdout).toContain('mf_admins.yml:6  admins: warning: filter names rule "99999999-2222-4333-8444-555555555555"');
    expect(r.stdout).toMatch(/1 rules, 1 filters compiled, 0 cannot run/);
    expect(r.code).toBe(0);
  });
  it('regress prints failures and N passed, N failed', () => {
    const r = run('sigma', 'regress', '--rules', join(root, 'rules'), join(root, 'data'));
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(r.code).toBe(0);
  });
  it('regress without a data folder is a usage error', () => {
    const r = run('sigma', 'regress', '--rules', join(root, 'rules'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('regression data folder');
  });
});
