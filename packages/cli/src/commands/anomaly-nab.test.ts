// `bulwark anomaly nab`: the real command over a small NAB-shaped folder made here (two series, one
// window): --json prints exactly the three profile scores; the table names the profiles; bad options are
// usage errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bw-nab-'));

function ts(i: number): string {
  return new Date(Date.UTC(2020, 0, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
}

beforeAll(() => {
  mkdirSync(join(dir, 'data', 'synthetic'), { recursive: true });
  mkdirSync(join(dir, 'labels'));
  const rows = (spikeAt: number) => ['timestamp,value', ...Array.from({ length: 1000 }, (_, i) => `${ts(i)},${(10 + Math.sin(i / 10) + (i === spikeAt ? 50 : 0)).toFixed(4)}`)].join('\n');
  writeFileSync(join(dir, 'data', 'synthetic', 'a.csv'), `${rows(600)}\n`);
  writeFileSync(join(dir, 'data', 'synthetic', 'b.csv'), `${rows(-1)}\n`);
  writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'synthetic/a.csv': [[`${ts(590)}.000000`, `${ts(640)}.000000`]], 'synthetic/b.csv': [] }));
});

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'anomaly', 'nab', dir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark anomaly nab', () => {
  it('prints the three profile scores as JSON', () => {
    const r = run('--json', '--threads', '1');
    expect(r.code, r.stderr).toBe(0);
    const scores = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(scores)).toEqual(['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']);
    // The spike is found at once: close to a perfect score.
    expect(scores['standard']).toBeGreaterThan(90);
  });

  it('prints a table for another detector', () => {
    const r = run('--detector', 'windowed-gaussian', '--options', '{"window":100}');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PROFILE\s+SCORE/);
    expect(r.stdout).toContain('reward_low_FN_rate');
    expect(r.stderr).toContain('windowed-gaussian: 2 series, 2000 rows');
  });

  it('refuses bad options and unknown detectors', () => {
    expect(run('--options', '[1]').stderr).toMatch(/JSON object/);
    expect(run('--threads', '0').stderr).toMatch(/--threads/);
    const unknown = run('--detector', 'nope', '--threads', '1');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown streaming detector/);
  });
});
