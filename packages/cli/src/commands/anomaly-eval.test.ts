// `bulwark anomaly eval`, run as the real command on a small labelled CSV.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-anomaly-eval-'));
const good = join(dir, 'good.csv');
const lines = ['f0,f1,f2,label'];
for (let i = 0; i < 120; i++) lines.push(`${Math.sin(i).toFixed(4)},${Math.cos(i * 0.7).toFixed(4)},${((i % 7) / 7).toFixed(4)},0`);
for (let i = 0; i < 6; i++) lines.push(`${6 + i},${-5 - i},${3 + i},1`);
writeFileSync(good, `${lines.join('\n')}\n`);
const bad = join(dir, 'bad.csv');
writeFileSync(bad, 'f0,f1,label\n1,2,0\n1,oops,1\n');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark anomaly eval', () => {
  it('prints roc_auc=<value> with the default detector', () => {
    const r = run('anomaly', 'eval', good);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('roc_auc=1.0000\n');
    expect(r.stderr).toContain('ensemble, whole set: 126 rows scored, 6 outliers');
  });

  it('--json gives the figure, detector, rows and outliers', () => {
    const r = run('anomaly', 'eval', good, '--detector', 'hbos', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ roc_auc: 1, detector: 'hbos', rows: 126, outliers: 6, protocol: 'whole' });
  });

  it('names the line and column of a bad value, and refuses unknown detectors', () => {
    let r = run('anomaly', 'eval', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv: line 3, column 2: "oops" is not a finite number');
    r = run('anomaly', 'eval', good, '--detector', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown detector "nope"; known: iforest');
    r = run('anomaly', 'eval', good, '--protocol', 'half');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--protocol is whole or split');
  });
});
