// The offline hunt end to end on real data: SigmaHQ's regression cases, read from their binary .evtx
// files by the native reader and matched by the Sigma engine over all SigmaHQ rules.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { hunt, type HuntResult } from './run.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const SIGMA = join(CORPORA, 'sigma');
const present = existsSync(join(SIGMA, 'regression_data'));
if (!present) console.log(`Hunt corpus test skipped: ${SIGMA}/regression_data is absent (set BULWARK_CORPORA).`);

interface Case {
  ruleId: string;
  file: string;
  matchCount: number | undefined;
}

function cases(dir: string): Case[] {
  const out: Case[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === 'info.yml') {
        const info = parse(readFileSync(p, 'utf8')) as { rule_metadata: { id: string }[]; regression_tests_info?: { type: string; path: string; match_count?: number }[] };
        for (const t of info.regression_tests_info ?? []) {
          if (t.type !== 'evtx') continue;
          out.push({ ruleId: info.rule_metadata[0]!.id, file: join(SIGMA, t.path), matchCount: t.match_count });
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe.runIf(present)('hunt over SigmaHQ regression .evtx files with all SigmaHQ rules', () => {
  let result: HuntResult;
  let all: Case[];
  beforeAll(async () => {
    all = cases(join(SIGMA, 'regression_data'));
    result = await hunt(all.map((c) => c.file), { rules: ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((d) => join(SIGMA, d)) });
  }, 240_000);

  it('reads every record and finds each case’s rule in its file', () => {
    expect(result.problems).toEqual([]);
    expect(result.files).toBe(all.length);
    const failures: string[] = [];
    for (const c of all) {
      const n = result.detections.filter((d) => d.file === c.file && d.ruleId === c.ruleId).length;
      // Upstream's semantics: with match_count, fewer matches fail (more only warn); without it, one is enough.
      if (n < (c.matchCount ?? 1)) failures.push(`${c.ruleId} in ${c.file.slice(SIGMA.length)}: ${n} match(es), expected ${c.matchCount ?? '≥1'}`);
    }
    expect(failures).toEqual([]);
    console.log(`hunt: ${all.length} regression cases, ${result.events} records, ${result.rules} rules, ${result.detections.length} detections, ${result.seconds.toFixed(1)} s`);
  });
});
