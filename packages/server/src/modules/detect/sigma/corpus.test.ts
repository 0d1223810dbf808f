// The SigmaHQ corpus: every live rule compiles (except unresolvable placeholders), and every
// regression case passes. Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePack } from './compile.ts';
import { runRegression } from './regress.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const sigma = join(corpora, 'sigma');
const present = existsSync(join(sigma, 'rules'));
if (!present) console.log(`sigma corpus not found at ${sigma}: skipping the SigmaHQ corpus checks`);
const ruleDirs = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder'].map((d) => join(sigma, d));

describe.skipIf(!present)('SigmaHQ corpus', () => {
  it('compiles every live rule except those with unresolvable placeholders', async () => {
    const pack = await compilePack(ruleDirs);
    const live = pack.errors.filter((e) => e.status !== 'deprecated' && e.status !== 'unsupported');
    const placeholderRules = new Set(live.filter((e) => e.code === 'placeholder').map((e) => e.ruleId ?? e.file));
    const failures = live.filter((e) => e.code !== 'placeholder' && !placeholderRules.has(e.ruleId ?? e.file));
    console.log(`sigma corpus: ${pack.rules.length} rules compiled, ${placeholderRules.size} rejected for unresolvable placeholders, ${failures.length} other errors`);
    for (const f of failures) console.log(`  ${f.file}: ${f.reason}`);
    expect(failures).toEqual([]);
    expect(pack.rules.length).toBeGreaterThan(3000);
  });

  it('passes every regression case', async () => {
    const report = await runRegression(ruleDirs, join(sigma, 'regression_data'));
    for (const c of report.cases) if (c.status === 'failed') console.log(`  FAIL ${c.dir}: ${c.reason}`);
    console.log(`sigma regression: ${report.passed} passed, ${report.failed} failed (${report.cases.filter((c) => c.warning).length} with more matches than expected)`);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(150);
  });
});
