// Streaming detectors: determinism with a seed, snapshot → JSON → restore gives the same future scores,
// an obvious spike scores high, scores stay in [0, 1], and the state stays bounded on a long stream.
import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';
import { createDetector, detectorKinds, restoreDetector, BEST_STREAMING_DETECTOR } from './registry.ts';

function series(n: number, seed = 7, spikeAt = -1): number[] {
  const r = new Prng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(10 + Math.sin(i / 15) + 0.2 * r.next() + (i === spikeAt ? 8 : 0));
  return out;
}

const SMALL: Record<string, Record<string, number | string>> = {
  'random-cut-forest': { trees: 20, sampleSize: 64, shingleSize: 4, decay: 0.01 },
  'half-space-trees': { trees: 10, depth: 6, window: 100, shingleSize: 2 },
  'windowed-gaussian': { window: 200 },
  novelty: { halfLife: 500 },
  'novelty-forest': { halfLife: 500, trees: 10, sampleSize: 64 },
};

describe('streaming detectors', () => {
  const cases = [
    ...detectorKinds().map(({ kind }) => ({ label: kind, kind, options: { seed: 42, ...SMALL[kind] } })),
    { label: 'random-cut-forest (CoDisp score)', kind: 'random-cut-forest', options: { seed: 42, ...SMALL['random-cut-forest'], score: 'codisp' } },
  ];
  for (const { label, kind, options } of cases) {
    describe(label, () => {
      it('is deterministic for a seed and scores in [0, 1]', () => {
        const xs = series(1200);
        const a = createDetector(kind, options);
        const b = createDetector(kind, options);
        for (let i = 0; i < xs.length; i++) {
          const sa = a.update(xs[i]!, i * 60_000);
          expect(sa).toBe(b.update(xs[i]!, i * 60_000));
          expect(sa).toBeGreaterThanOrEqual(0);
          expect(sa).toBeLessThanOrEqual(1);
        }
      });

      it('snapshot → JSON → restore gives identical subsequent scores', () => {
        const xs = series(1500, 3, 1300);
        const a = createDetector(kind, options);
        for (let i = 0; i < 700; i++) a.update(xs[i]!, i * 60_000);
        const b = restoreDetector(JSON.parse(JSON.stringify(a.snapshot())) as ReturnType<typeof a.snapshot>);
        for (let i = 700; i < xs.length; i++) expect(b.update(xs[i]!, i * 60_000)).toBe(a.update(xs[i]!, i * 60_000));
        expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
      });

      it('scores an obvious spike above almost every ordinary point', () => {
        const xs = series(1500, 5, 1300);
        const d = createDetector(kind, options);
        const scores = xs.map((x, i) => d.update(x, i * 60_000));
        const spike = Math.max(scores[1300]!, scores[1301]!);
        const ordinary = scores.slice(600, 1290).sort((x, y) => x - y);
        expect(spike).toBeGreaterThan(ordinary[Math.floor(ordinary.length * 0.995)]!);
        expect(spike).toBeGreaterThan(0);
      });

      it('scores a value that is not a finite number 0 and ignores it', () => {
        const xs = series(800, 13);
        const a = createDetector(kind, options);
        const b = createDetector(kind, options);
        for (let i = 0; i < xs.length; i++) {
          if (i % 97 === 50) for (const bad of [NaN, Infinity, -Infinity]) expect(b.update(bad, i)).toBe(0);
          expect(b.update(xs[i]!, i)).toBe(a.update(xs[i]!, i));
        }
      });

      it('keeps its state bounded on a long stream', () => {
        const d = createDetector(kind, options);
        const xs = series(6000, 11);
        const size = (): number => JSON.stringify(d.snapshot()).length;
        for (let i = 0; i < 3000; i++) d.update(xs[i]!, i);
        const mid = size();
        for (let i = 3000; i < 6000; i++) d.update(xs[i]!, i);
        expect(size()).toBeLessThanOrEqual(mid * 1.1 + 200);
      });
    });
  }

  it('refuses unknown kinds and snapshots of another kind', () => {
    expect(() => createDetector('nope')).toThrow(/unknown streaming detector/);
    const snap = createDetector('windowed-gaussian').snapshot();
    expect(() => restoreDetector({ ...snap, version: 99 })).toThrow(/snapshot/);
    expect(() => createDetector('random-cut-forest', { trees: -1 })).toThrow(/trees/);
    expect(() => createDetector('random-cut-forest', { score: 'mass' })).toThrow(/score/);
  });

  it('novelty: a normal level at an unusual hour of the day scores high once that hour has a history', () => {
    const d = createDetector('novelty', { halfLife: 0 });
    const hour = 3_600_000;
    const scores: number[] = [];
    // 20 days of 5-minute values: high by day (8–20 h), low at night; on the last day, the day level at 3 h.
    for (let i = 0; i < 20 * 288; i++) {
      const t = i * 300_000;
      const h = Math.floor(t / hour) % 24;
      const day = h >= 8 && h < 20;
      const odd = i >= 19 * 288 + 36 && i < 19 * 288 + 60; // 3:00–5:00 on day 20
      scores.push(d.update((day || odd ? 100 : 10) + (i % 7) * 0.1, t));
    }
    const odd = Math.max(...scores.slice(19 * 288 + 36, 19 * 288 + 60));
    const before = Math.max(...scores.slice(5 * 288, 19 * 288));
    expect(odd).toBeGreaterThan(0.9);
    expect(before).toBeLessThan(0.5);
  });

  it('ignores timestamps that are not finite numbers for the hourly view', () => {
    const d = createDetector('novelty');
    for (let i = 0; i < 500; i++) expect(d.update(10 + (i % 5), NaN)).toBeGreaterThanOrEqual(0);
  });

  it('names a best detector that exists', () => {
    expect(detectorKinds().map((k) => k.kind)).toContain(BEST_STREAMING_DETECTOR);
  });
});
