// vPDQ matching by share of matching frames: hand-made cases, and every ordered pair of the corpus's
// full-resolution hash files against its match matrix (../shared/corpora/vpdq/derived_match_matrix.csv).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isVpdqMatch, matchVpdq, parseVpdqHashes } from './vpdq.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const VPDQ = join(CORPORA, 'vpdq');

const A = 'f'.repeat(64);
const B = '0'.repeat(64);
const nearA = `${'0'.repeat(7)}${'f'.repeat(57)}`; // 28 bits from A
const farA = `${'0'.repeat(8)}${'f'.repeat(56)}`; // 32 bits from A

describe('vPDQ matching', () => {
  it('counts unique usable frames both ways', () => {
    const query = [
      { quality: 100, pdq: A },
      { quality: 100, pdq: A }, // duplicate: counted once
      { quality: 90, pdq: B },
      { quality: 10, pdq: nearA }, // below quality 50: ignored
    ];
    const compared = [{ quality: 80, pdq: nearA }, { quality: 80, pdq: farA }, { quality: 80, pdq: '0f'.repeat(32) }];
    const r = matchVpdq(query, compared);
    expect(r).toEqual({ queryMatchPercent: 50, comparedMatchPercent: 100 / 3, queryFramesUsed: 2, comparedFramesUsed: 3 });
    expect(isVpdqMatch(r)).toBe(false);
    expect(matchVpdq(query, compared, { distance: 27 }).queryMatchPercent).toBe(0);
    expect(isVpdqMatch(matchVpdq([{ quality: 100, pdq: A }], compared))).toBe(true);
    expect(isVpdqMatch(matchVpdq([], compared))).toBe(false);
  });

  it('parses hash lists and rejects malformed lines with their number', () => {
    expect(parseVpdqHashes(`0,100,${A.toUpperCase()},0.000\n\n1,40,${B}\n`)).toEqual([
      { frame: 0, quality: 100, pdq: A, seconds: 0 },
      { frame: 1, quality: 40, pdq: B, seconds: Number.NaN },
    ]);
    expect(() => parseVpdqHashes(`0,100,${A}\n1,100,abc,0.1`)).toThrow(/line 2: a PDQ hash is 64 hexadecimal/);
    expect(() => parseVpdqHashes(`x,100,${A}`)).toThrow(/line 1: frame number/);
    expect(() => parseVpdqHashes(`0,101,${A}`)).toThrow(/quality/);
    expect(() => parseVpdqHashes(`0,100,${A},-1`)).toThrow(/timestamp/);
    expect(() => parseVpdqHashes(`0,100`)).toThrow(/expected frame_number/);
  });
});

const present = existsSync(join(VPDQ, 'derived_match_matrix.csv'));
if (!present) console.log(`vPDQ corpus matching test skipped: ${VPDQ} is absent (set BULWARK_CORPORA).`);

describe.skipIf(!present)('vPDQ matching on the corpus hash files', () => {
  it('agrees with the match matrix for every ordered pair', () => {
    const rows = readFileSync(join(VPDQ, 'derived_match_matrix.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const cache = new Map<string, ReturnType<typeof parseVpdqHashes>>();
    const frames = (id: string) => {
      let f = cache.get(id);
      if (!f) cache.set(id, (f = parseVpdqHashes(readFileSync(join(VPDQ, 'sample-hashes', `${id}.txt`), 'utf8'))));
      return f;
    };
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [query, compared, qp, cp, qn, cn, quality, distance] = row.split(',');
      const r = matchVpdq(frames(query!), frames(compared!), { quality: Number(quality), distance: Number(distance) });
      const label = `${query} vs ${compared}`;
      expect(r.queryFramesUsed, label).toBe(Number(qn));
      expect(r.comparedFramesUsed, label).toBe(Number(cn));
      expect(r.queryMatchPercent, label).toBeCloseTo(Number(qp), 1);
      expect(r.comparedMatchPercent, label).toBeCloseTo(Number(cp), 1);
    }
    // What the corpus documents: a subsequence matches; bars and a large logo break matching.
    expect(isVpdqMatch(matchVpdq(frames('chair-19-sd-bar'), frames('chair-orig-22-sd-bar')))).toBe(true);
    expect(isVpdqMatch(matchVpdq(frames('chair-orig-22-sd-bar'), frames('chair-orig-22-hd-no-bar')))).toBe(false);
    expect(isVpdqMatch(matchVpdq(frames('chair-19-sd-bar'), frames('doorknob-hd-no-bar')))).toBe(false);
  });
});
