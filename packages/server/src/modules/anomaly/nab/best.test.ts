// Our best streaming detector over the whole NAB corpus (58 series, 365,558 rows: under a second of
// detection, run twice) must beat the published Random Cut Forest scores in all three profiles. Reads
// ../shared/corpora/nab (or BULWARK_CORPORA); skips when absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nabBenchmark } from './benchmark.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const NAB = join(CORPORA, 'nab');
const present = existsSync(join(NAB, 'data')) && existsSync(join(NAB, 'results', 'final_results.json'));
if (!present) console.log(`NAB benchmark test skipped: ${NAB} is absent (set BULWARK_CORPORA).`);

describe.skipIf(!present)('our best streaming detector on NAB', () => {
  it('beats Random Cut Forest (51.7 standard, 38.4 low FP, 59.7 low FN) and is reproducible', async () => {
    const published = (JSON.parse(readFileSync(join(NAB, 'results', 'final_results.json'), 'utf8')) as Record<string, Record<string, number>>)['randomCutForest']!;
    const r = await nabBenchmark(NAB, { threads: 2 });
    for (const p of ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const) expect(r.profiles[p].normalised, p).toBeGreaterThan(published[p]!);
    expect(r.profiles.standard.normalised).toBeGreaterThan(66);
    // Same settings, same scores, however the series are spread over threads.
    const again = await nabBenchmark(NAB, { threads: 1 });
    expect(again.profiles.standard.normalised).toBe(r.profiles.standard.normalised);
  });
});
