// `bulwark anomaly generate`, run as the real command: NDJSON events and a ground-truth file, and --score.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/bulwark.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-anomaly-generate-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, BULWARK_URL: 'http://127.0.0.1:9' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark anomaly generate', () => {
  it('prints NDJSON events in time order and writes the ground truth; the same seed gives the same logs', () => {
    const truth = join(dir, 'truth.json');
    const r = run('anomaly', 'generate', '--users', '8', '--days', '3', '--seed', '9', '--truth', truth);
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { '@timestamp': string; event: { category: string } });
    expect(events.length).toBeGreaterThan(100);
    expect(events.map((e) => e['@timestamp'])).toEqual(events.map((e) => e['@timestamp']).sort());
    expect(new Set(events.map((e) => e.event.category))).toEqual(new Set(['authentication', 'process', 'network']));
    const t = JSON.parse(readFileSync(truth, 'utf8')) as { seed: number; attacks: Array<{ kind: string }> };
    expect(t.seed).toBe(9);
    expect(t.attacks.map((a) => a.kind)).toContain('password_spray');
    expect(run('anomaly', 'generate', '--users', '8', '--days', '3', '--seed', '9').stdout).toBe(r.stdout);
  });

  it('--score --json prints precision and recall per attack', () => {
    const r = run('anomaly', 'generate', '--users', '40', '--days', '44', '--seed', '2', '--score', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scores: Array<{ kind: string; recall: number; precision: number }> };
    expect(out.scores.map((s) => s.kind).sort()).toEqual(['dormant_account', 'exfiltration', 'impossible_travel', 'password_spray']);
    for (const s of out.scores) expect(s.recall).toBeGreaterThan(0);
  });

  it('refuses bad numbers', () => {
    const r = run('anomaly', 'generate', '--days', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--days must be an integer');
  });
});
