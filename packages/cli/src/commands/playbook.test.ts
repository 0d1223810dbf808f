// `bulwark playbook test | push | list | runs`: the real command against a real server (in this process,
// embedded database): a dry run of a document against an alert given inline and from a file, the
// problems of a broken document with their place, a document saved and listed.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybookList, PlaybookRunList, PlaybookTestResult } from '@bulwark/contracts';
import { databaseTiers } from '../../../server/src/testing/databases.ts';
import { startTestApp, type TestApp } from '../../../server/src/testing/app.ts';
import { UsageError } from '../problem.ts';
import { readObject } from './playbook.ts';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-playbook-'));
const DOC = `id: block-critical
name: Block the source of critical alerts
version: 1
on:
  alert:
    when: "alert.severity >= 'high'"
steps:
  - id: block
    uses: contain.blocklist
    with: { value: "{{ alert.fields.IpAddress }}", ttl: 1h }
  - id: tell
    uses: notify.webhook
    if: "steps.block.output.created"
    with: { url: "https://soc.example/hooks/bulwark", body: { text: "blocked {{ alert.fields.IpAddress }}" } }
`;
const ALERT = { id: 'a1', detector: 'sigma', ruleId: 'r', title: 'Brute force', severity: 'critical', tags: [], fields: { IpAddress: '198.51.100.4' }, eventTime: '2026-11-28T10:00:00Z' };

describe('playbook command parsing', () => {
  it('reads an alert inline or from a file, and says what is wrong', () => {
    expect(readObject('{"a":1}', '--alert')).toEqual({ a: 1 });
    writeFileSync(join(dir, 'alert.json'), JSON.stringify(ALERT));
    expect(readObject(`@${join(dir, 'alert.json')}`, '--alert')).toMatchObject({ id: 'a1' });
    expect(() => readObject('[1]', '--alert')).toThrow(UsageError);
    expect(() => readObject('{nope', '--alert')).toThrow(/not JSON/);
    expect(() => readObject(join(dir, 'missing.json'), '--alert')).toThrow(/cannot read/);
  });
});

describe('bulwark playbook against a server', () => {
  let t: TestApp;
  const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BULWARK_')) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, BULWARK_URL: t.url, BULWARK_TOKEN: t.adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  beforeAll(async () => {
    t = await startTestApp(databaseTiers()[0]!);
    writeFileSync(join(dir, 'block.yaml'), DOC);
    writeFileSync(join(dir, 'broken.yaml'), DOC.replace('contain.blocklist', 'contain.blocklst'));
  }, 120_000);
  afterAll(async () => t?.close());

  it('dry-runs a document against an alert and does nothing', async () => {
    const r = await run(['playbook', 'test', join(dir, 'block.yaml'), '--alert', JSON.stringify(ALERT)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/block-critical@1: the trigger matches/);
    expect(r.stdout).toMatch(/198\.51\.100\.4/);
    const j = await run(['--json', 'playbook', 'test', join(dir, 'block.yaml'), '--alert', `@${join(dir, 'alert.json')}`]);
    const res = JSON.parse(j.stdout) as PlaybookTestResult;
    expect((res.run as { steps: Array<{ id: string; status: string }> }).steps.map((s) => s.id)).toEqual(['block', 'tell']);
    const low = await run(['playbook', 'test', join(dir, 'block.yaml'), '--alert', JSON.stringify({ ...ALERT, severity: 'low' })]);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/does not match/);
    const list = await fetch(`${t.url}/api/v1/blocklist.txt`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(await list.text()).not.toContain('198.51.100.4');
  });

  it('shows a broken document\'s problems with their place, saves a good one and lists it', async () => {
    const bad = await run(['playbook', 'test', join(dir, 'broken.yaml'), '--alert', JSON.stringify(ALERT)]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/steps\[0\]\.uses/);
    expect(bad.stderr).toMatch(/line 9/);
    const pushed = await run(['playbook', 'push', join(dir, 'block.yaml')]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/saved block-critical version 1/);
    const list = JSON.parse((await run(['--json', 'playbook', 'list'])).stdout) as PlaybookList;
    expect(list.playbooks.map((p) => [p.id, p.version, p.triggers])).toEqual([['block-critical', 1, ['alert']]]);
    const runs = JSON.parse((await run(['--json', 'playbook', 'runs'])).stdout) as PlaybookRunList;
    expect(runs.runs).toEqual([]);
  });
});
