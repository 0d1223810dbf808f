// Machine tags and MISP taxonomies: parsing tags, validating them against loaded taxonomies (synthetic
// documents here; the corpus in taxonomies-corpus.test.ts), exclusivity, and problems instead of exceptions.
import { describe, expect, it } from 'vitest';
import { formatTag, parseTag } from './tag-parse.ts';
import { buildTaxonomies } from './taxonomy-load.ts';

describe('parseTag', () => {
  it.each([
    ['tlp:amber', { namespace: 'tlp', predicate: 'amber' }],
    ['tlp:amber+strict', { namespace: 'tlp', predicate: 'amber+strict' }],
    ['tlp:ex:chr', { namespace: 'tlp', predicate: 'ex:chr' }],
    ['PAP:GREEN', { namespace: 'PAP', predicate: 'GREEN' }],
    ['admiralty-scale:source-reliability="b"', { namespace: 'admiralty-scale', predicate: 'source-reliability', value: 'b' }],
    ['misp-galaxy:threat-actor="APT 28"', { namespace: 'misp-galaxy', predicate: 'threat-actor', value: 'APT 28' }],
    ['nis2:impact-sectors-impacted=energy', { namespace: 'nis2', predicate: 'impact-sectors-impacted', value: 'energy' }],
    ['  rsit:malicious-code="c2-server"  ', { namespace: 'rsit', predicate: 'malicious-code', value: 'c2-server' }],
    ['x:y="a \\"quoted\\" word"', { namespace: 'x', predicate: 'y', value: 'a "quoted" word' }],
  ])('%s', (text, parsed) => {
    expect(parseTag(text)).toEqual(parsed);
  });

  it.each(['ransomware', ':amber', 'tlp:', 'tlp:=x', 'tl p:amber', 'a:b="', 'a:b=', 'a:b="x"y'])('%s is not a machine tag', (text) => {
    expect(parseTag(text)).toBeUndefined();
  });

  it('formats the canonical form', () => {
    expect(formatTag({ namespace: 'a', predicate: 'b', value: 'say "hi"' })).toBe('a:b="say \\"hi\\""');
    expect(parseTag(formatTag({ namespace: 'a', predicate: 'b', value: 'say "hi"' }))?.value).toBe('say "hi"');
  });
});

const { taxonomies, problems } = buildTaxonomies([
  {
    file: 'colours.json',
    json: {
      namespace: 'colours',
      description: 'test',
      version: 2,
      exclusive: false,
      predicates: [
        { value: 'primary', expanded: 'Primary colour', exclusive: true },
        { value: 'other', expanded: 'Other colour', colour: '#999999' },
        { value: 'bare', expanded: 'No values', description: 'A predicate used alone', numerical_value: 5 },
      ],
      values: [
        { predicate: 'primary', entry: [{ value: 'red', expanded: 'Red', colour: '#ff0000', numerical_value: 1 }, { value: 'blue', expanded: 'Blue' }] },
        { predicate: 'other', entry: [{ value: 'teal', expanded: 'Teal' }] },
        { predicate: 'missing', entry: [{ value: 'x' }] },
      ],
    },
  },
  { file: 'one.json', json: { namespace: 'one', description: 'exclusive', version: 1, exclusive: true, predicates: [{ value: 'A' }, { value: 'B' }] } },
  { file: 'dup.json', json: { namespace: 'one', description: 'again', version: 1, predicates: [{ value: 'C' }] } },
  { file: 'broken.json', json: { namespace: 'has space', predicates: [] } },
  { file: 'array.json', json: [] },
]);

describe('Taxonomies', () => {
  it('loads what it can and reports the rest', () => {
    expect(taxonomies.taxonomies.map((t) => t.namespace)).toEqual(['colours', 'one']);
    expect(problems.map((p) => [p.file, p.path])).toEqual([
      ['colours.json', 'values[2]'],
      ['dup.json', 'namespace'],
      ['broken.json', 'namespace'],
      ['array.json', undefined],
    ]);
  });

  it('validates tags and explains them', () => {
    const v = taxonomies.validate('colours:primary="red"');
    expect(v).toEqual({ ok: true, caseDiffers: false, tag: { tag: 'colours:primary="red"', namespace: 'colours', predicate: 'primary', value: 'red', expanded: 'Red', predicateExpanded: 'Primary colour', colour: '#ff0000', numericalValue: 1 } });
    expect(taxonomies.lookup('colours:other="teal"')?.colour).toBe('#999999');
    expect(taxonomies.lookup('colours:bare')).toMatchObject({ expanded: 'No values', description: 'A predicate used alone', numericalValue: 5 });
    expect(taxonomies.validate('COLOURS:Primary="RED"')).toMatchObject({ ok: true, caseDiffers: true, tag: { tag: 'colours:primary="red"' } });
  });

  it.each([
    ['free-tag', 'not-machine-tag'],
    ['shapes:round', 'unknown-namespace'],
    ['colours:secondary="green"', 'unknown-predicate'],
    ['colours:primary="green"', 'unknown-value'],
    ['colours:primary', 'value-required'],
    ['colours:bare="x"', 'no-values'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(taxonomies.validate(text)).toMatchObject({ ok: false, reason });
  });

  it('lists the tags a taxonomy defines', () => {
    expect(taxonomies.tags('colours').map((t) => t.tag)).toEqual(['colours:primary="red"', 'colours:primary="blue"', 'colours:other="teal"', 'colours:bare']);
    expect(taxonomies.tags().length).toBe(6);
  });

  it('checks exclusivity of taxonomies and predicates', () => {
    expect(taxonomies.checkTagSet(['one:A', 'one:B', 'colours:primary="red"', 'colours:primary="blue"', 'colours:other="teal"'])).toEqual([
      expect.objectContaining({ namespace: 'one', tags: ['one:A', 'one:B'] }),
      expect.objectContaining({ namespace: 'colours', predicate: 'primary', tags: ['colours:primary="red"', 'colours:primary="blue"'] }),
    ]);
    expect(taxonomies.checkTagSet(['one:A', 'one:a', 'colours:primary="red"', 'colours:bare'])).toEqual([]);
  });
});
