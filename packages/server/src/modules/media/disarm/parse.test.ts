// The DISARM reader against DISARM's own STIX bundle (../shared/corpora/disarm, counts from its
// MANIFEST.md), and on bad input: each limit and each skipped object reported with index and path.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISARM_LIMITS, DisarmParseError, parseDisarmBundle, readDisarmBundle } from './parse.ts';
import { htmlToText } from './text.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const FILE = join(CORPORA, 'disarm/DISARM.json');
const present = existsSync(FILE);
if (!present) console.log(`DISARM corpus tests skipped: ${FILE} is absent (set BULWARK_CORPORA).`);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tactic = (n: number, ta: string, short: string) => ({
  type: 'x-mitre-tactic', id: `x-mitre-tactic--${uuid(n)}`, name: `Tactic ${ta}`, x_mitre_shortname: short,
  external_references: [{ source_name: 'DISARM', external_id: ta }],
});
const technique = (n: number, t: string, phase: string, extra: Record<string, unknown> = {}) => ({
  type: 'attack-pattern', id: `attack-pattern--${uuid(n)}`, name: `Technique ${t}`, description: 'One<br>two <b>bold</b> &amp; more',
  kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: phase }],
  external_references: [{ source_name: 'mitre-attack', external_id: t, url: `https://example.org/${t}` }], ...extra,
});
const bundle = (objects: unknown[]) => ({ type: 'bundle', id: `bundle--${uuid(999)}`, objects });

describe.runIf(present)('DISARM bundle (corpus)', () => {
  const parsed = present ? parseDisarmBundle(readFileSync(FILE)) : undefined!;

  it('reads the 391 techniques (288 sub-techniques) and 16 tactics of the MANIFEST, without defects', () => {
    expect(parsed.received).toBe(698);
    expect(parsed.techniques).toHaveLength(391);
    expect(parsed.techniques.filter((t) => t.subtechnique)).toHaveLength(288);
    expect(parsed.tactics).toHaveLength(16);
    expect(parsed.defects).toEqual([]);
    expect(parsed.others.map((o) => o.type).sort()).toEqual(['identity', 'marking-definition', 'x-mitre-matrix']);
  });

  it('orders the tactics as the matrix does (plan, prepare, execute, assess); TA01, TA02, TA05-TA18, no TA03 or TA04', () => {
    expect(parsed.tactics.map((t) => t.id)).toEqual(['TA01', 'TA02', 'TA13', 'TA14', 'TA06', 'TA15', 'TA16', 'TA05', 'TA07', 'TA08', 'TA09', 'TA17', 'TA18', 'TA10', 'TA11', 'TA12']);
    expect(parsed.tactics[4]).toMatchObject({ id: 'TA06', name: 'Develop Content', shortname: 'develop-content', position: 4 });
  });

  it('gives each technique its tactic, parent, STIX id and URL, with plain-text descriptions', () => {
    const t = parsed.techniques.find((x) => x.id === 'T0086.002')!;
    expect(t).toMatchObject({
      name: 'Develop AI-Generated Images (Deepfakes)', stixId: 'attack-pattern--7b6c328e-b050-4d76-8e11-ff3b3fe7dea3',
      tacticId: 'TA06', tacticShortname: 'develop-content', parentId: 'T0086', subtechnique: true,
    });
    expect(t.url).toMatch(/^https:\/\/github\.com\/DISARMFoundation\/.*T0086\.002\.md$/);
    expect(parsed.techniques.find((x) => x.id === 'T0086')).toMatchObject({ parentId: null, subtechnique: false, stixId: 'attack-pattern--5f8a5d7e-fc17-48f2-a6fa-38fcf7843bdf' });
    for (const x of parsed.techniques) {
      expect(x.description, x.id).not.toMatch(/<\/?[a-z]+\s*\/?>/i);
      expect(x.tacticId, x.id).not.toBeNull();
      expect(x.subtechnique === (x.parentId !== null), x.id).toBe(true);
    }
    // The source's "<br /> <br />" becomes a paragraph break.
    expect(parsed.techniques.some((x) => x.description.includes('\n\n'))).toBe(true);
  });
});

describe('DISARM bundle reader', () => {
  it('turns HTML fragments into text without rendering anything', () => {
    expect(htmlToText('One<br>two<br />three</br><b>bold</b> &amp; &lt;script&gt; &#x41;&#66; &bogus; a < b')).toBe('One\ntwo\nthree\nbold & <script> AB &bogus; a < b');
    expect(htmlToText('<script>alert(1)</script>x')).toBe('alert(1)x');
    expect(htmlToText('unclosed <b tag and more')).toBe('unclosed <b tag and more');
    expect(htmlToText('a<p>b</p><p>c</p>')).toBe('a\nb\n\nc');
  });

  it('reads a small bundle, ordering tactics by id without a matrix and finding parents by id prefix', () => {
    const r = readDisarmBundle(bundle([tactic(1, 'TA06', 'develop-content'), tactic(2, 'TA02', 'plan-objectives'), technique(3, 'T0086', 'develop-content'), technique(4, 'T0086.002', 'develop-content', { x_mitre_is_subtechnique: true })]));
    expect(r.tactics.map((t) => [t.id, t.position])).toEqual([['TA02', 0], ['TA06', 1]]);
    expect(r.techniques.map((t) => [t.id, t.parentId, t.tacticId])).toEqual([['T0086', null, 'TA06'], ['T0086.002', 'T0086', 'TA06']]);
    expect(r.techniques[0]!.description).toBe('One\ntwo bold & more');
    expect(r.defects).toEqual([]);
  });

  it('skips bad objects and reports each with its index and path', () => {
    const r = readDisarmBundle(bundle([
      tactic(1, 'TA06', 'develop-content'),
      'not an object',
      { ...technique(3, 'T0001', 'develop-content'), external_references: [{ source_name: 'x', external_id: 'nope' }] },
      { ...technique(4, 'T0002', 'develop-content'), id: 'indicator--00000000-0000-4000-8000-000000000004' },
      technique(5, 'T0003', 'unknown-phase'),
      technique(6, 'T0003', 'develop-content'),
      { ...technique(7, 'T0004', 'develop-content'), name: '' },
      technique(8, 'T0009.001', 'develop-content'),
      { type: 'x-mitre-matrix', id: `x-mitre-matrix--${uuid(9)}`, tactic_refs: [`x-mitre-tactic--${uuid(1)}`, `x-mitre-tactic--${uuid(77)}`] },
    ]));
    expect(r.techniques.map((t) => t.id)).toEqual(['T0003', 'T0009.001']);
    expect(r.techniques[0]!.tacticId).toBeNull();
    const at = r.defects.map((d) => `${d.index} ${d.path}`);
    expect(at).toEqual([
      '1 $.objects[1]',
      '2 $.objects[2].external_references',
      '3 $.objects[3].id',
      '4 $.objects[4].kill_chain_phases',
      '5 $.objects[5].external_references',
      '6 $.objects[6].name',
      '7 $.objects[7]',
      '8 $.objects[8].tactic_refs[1]',
    ]);
    expect(r.defects[3]!.message).toContain('"unknown-phase"');
    expect(r.defects[6]!.message).toContain('without a parent');
  });

  it('refuses what is not a bundle, and enforces size, object count, depth and string limits', () => {
    const fail = (input: string | unknown, limits = DISARM_LIMITS) => {
      try {
        if (typeof input === 'string') parseDisarmBundle(input, limits);
        else readDisarmBundle(input, limits);
      } catch (err) {
        expect(err).toBeInstanceOf(DisarmParseError);
        return (err as Error).message;
      }
      throw new Error('expected a DisarmParseError');
    };
    expect(fail('{"type": "bundle", "objects": [')).toMatch(/^\$: not JSON/);
    expect(fail('[]')).toBe('$: a STIX bundle is a JSON object');
    expect(fail({ type: 'report', objects: [] })).toBe('$.type: expected "bundle", not "report"');
    expect(fail({ type: 'bundle', objects: {} })).toBe('$.objects: a bundle holds an array of objects');
    expect(fail(JSON.stringify(bundle([])), { ...DISARM_LIMITS, maxBytes: 10 })).toMatch(/holds \d+ bytes \(at most 10\)/);
    expect(fail(bundle([technique(1, 'T0001', 'x'), technique(2, 'T0002', 'x')]), { ...DISARM_LIMITS, maxObjects: 1 })).toBe('$.objects: 2 objects (at most 1)');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(fail(bundle([{ ...technique(1, 'T0001', 'x'), x_deep: deep }]))).toMatch(/^\$\.objects\[0\]\.x_deep(\.a)+: nested deeper than 32 levels$/);
    expect(fail(bundle([{ ...technique(1, 'T0001', 'x'), description: 'y'.repeat(200) }]), { ...DISARM_LIMITS, maxStringLength: 100 })).toBe('$.objects[0].description: a string of 200 characters (at most 100)');
    const empty = readDisarmBundle(bundle([]));
    expect(empty.defects).toEqual([{ index: null, path: '$.objects', message: 'no DISARM techniques (attack-pattern objects with a T0000 id) in the bundle' }]);
  });
});
