// Proof of the NAB scorer: from the per-row outputs of six reference detectors shipped with the corpus,
// it reproduces every per-file row of their summary files at the published thresholds, and the published
// normalised scores (results/final_results.json) with its own threshold sweep. Reads ../shared/corpora/nab
// (or BULWARK_CORPORA); skips when absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus, readResultScores, type NabSeries } from './corpus.ts';
import { normalise, nullAndPerfect, probationLength, PROFILE_NAMES, PROFILES, scoreCorpus } from './scorer.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const NAB = join(CORPORA, 'nab');
const present = existsSync(join(NAB, 'results', 'numenta', 'realTweets'));
if (!present) console.log(`NAB reference test skipped: ${NAB}/results is absent (set BULWARK_CORPORA).`);

const DETECTORS = ['numenta', 'ARTime', 'randomCutForest', 'windowedGaussian', 'relativeEntropy', 'bayesChangePt'] as const;

describe.skipIf(!present)('NAB scorer against the published reference results', () => {
  let corpus: NabSeries[] = [];
  const thresholds = present ? (JSON.parse(readFileSync(join(NAB, 'config', 'thresholds.json'), 'utf8')) as Record<string, Record<string, { threshold: number }>>) : {};
  const final = present ? (JSON.parse(readFileSync(join(NAB, 'results', 'final_results.json'), 'utf8')) as Record<string, Record<string, number>>) : {};

  function summary(det: string, profile: string): Map<string, string[]> {
    const rows = readFileSync(join(NAB, 'results', det, `${det}_${profile}_scores.csv`), 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
    return new Map(rows.map((r) => r.split(',')).map((c) => [c[0] === 'Totals' ? 'Totals' : c[2]!, c]));
  }

  it('reads the 58 series and 116 windows', () => {
    corpus = loadCorpus(NAB);
    expect(corpus).toHaveLength(58);
    expect(corpus.reduce((n, s) => n + s.length, 0)).toBe(365558);
    expect(corpus.reduce((n, s) => n + s.windows.length, 0)).toBe(116);
    for (const p of PROFILE_NAMES) expect(nullAndPerfect(corpus, PROFILES[p])).toEqual({ null: -116 * PROFILES[p].fnWeight, perfect: 116 });
  });

  for (const det of DETECTORS) {
    it(`${det}: per-file rows of the summary files at the published thresholds, and the published final scores ±0.5 with our sweep`, () => {
      const items = corpus.map((series) => ({ series, scores: readResultScores(join(NAB, 'results'), det, series.name) }));
      for (const p of PROFILE_NAMES) {
        const expected = summary(det, p);
        const atPublished = scoreCorpus(items, p, thresholds[det]![p]!.threshold);
        for (const f of atPublished.files) {
          const row = expected.get(f.name);
          expect(row, `${det} ${p} ${f.name}`).toBeDefined();
          const [, , , , score, tp, tn, fp, fn, total] = row!.map(Number);
          expect(f.score, `${det} ${p} ${f.name}`).toBeCloseTo(score!, 6);
          expect([f.tp, f.tn, f.fp, f.fn], `${det} ${p} ${f.name}`).toEqual([tp, tn, fp, fn]);
          // Total_Count holds every row, except in ARTime's files, which leave out the probationary rows.
          expect([f.total, f.total - probationLength(f.total)], `${det} ${p} ${f.name}`).toContain(total);
        }
        const totals = expected.get('Totals')!.map(Number);
        expect(atPublished.raw).toBeCloseTo(totals[4]!, 6);
        // bayesChangePt is not in final_results.json: its published figure is the Totals row normalised.
        const published = final[det]?.[p] ?? normalise(totals[4]!, nullAndPerfect(corpus, PROFILES[p]));
        expect(atPublished.normalised).toBeCloseTo(published, 6);
        // Our sweep visits every distinct score, so it never does worse than the published threshold;
        // NAB's own optimiser is a local search that can stop short (bayesChangePt, low-FP profile: 5.13 vs 3.21).
        const swept = scoreCorpus(items, p);
        expect(swept.normalised).toBeGreaterThanOrEqual(published - 1e-9);
        if (!(det === 'bayesChangePt' && p === 'reward_low_FP_rate')) expect(Math.abs(swept.normalised - published)).toBeLessThanOrEqual(0.5);
      }
    });
  }
});
