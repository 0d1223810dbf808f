// The MISP taxonomies of the corpus (tlp, PAP, admiralty-scale, nis2, rsit, ecsirt, europol-incident,
// eu-ai-act) load and their tags validate. Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Taxonomies } from './taxonomies.ts';
import { loadTaxonomies } from './taxonomy-load.ts';

const corpora = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../shared/corpora', import.meta.url));
const dir = join(corpora, 'misp', 'taxonomies');
const present = existsSync(join(dir, 'tlp', 'machinetag.json'));
if (!present) console.log(`MISP taxonomies not found at ${dir}: skipping the taxonomy corpus checks`);

describe.skipIf(!present)('MISP taxonomies corpus', () => {
  let tax: Taxonomies;
  beforeAll(async () => {
    const r = await loadTaxonomies(dir);
    expect(r.problems).toEqual([]);
    tax = r.taxonomies;
  });

  it('loads the eight taxonomies with the counts of the MANIFEST', () => {
    const counts = Object.fromEntries(tax.taxonomies.map((t) => [t.namespace, [t.predicates.length, t.predicates.reduce((n, p) => n + p.entries.length, 0)]]));
    expect(counts).toEqual({
      PAP: [5, 0],
      'admiralty-scale': [2, 13],
      ecsirt: [11, 43],
      'eu-ai-act': [5, 21],
      'europol-incident': [9, 21],
      nis2: [9, 75],
      rsit: [11, 39],
      tlp: [8, 0],
    });
    expect(tax.taxonomy('tlp')?.exclusive).toBe(true);
  });

  it.each(['tlp:amber', 'tlp:amber+strict', 'tlp:clear', 'tlp:white', 'tlp:ex:chr', 'PAP:GREEN', 'admiralty-scale:source-reliability="b"', 'admiralty-scale:information-credibility="2"', 'nis2:impact-sectors-impacted="energy"', 'nis2:impact-severity="red"', 'nis2:nature-root-cause="malicious-actions"', 'rsit:malicious-code="c2-server"', 'ecsirt:malicious-code="trojan"'])(
    '%s is a valid tag',
    (text) => {
      expect(tax.validate(text)).toMatchObject({ ok: true, caseDiffers: false });
    },
  );

  it('explains tags: expansion, colour, numerical value', () => {
    expect(tax.lookup('tlp:red')).toMatchObject({ expanded: '(TLP:RED) For the eyes and ears of individual recipients only, no further disclosure.', colour: '#FF2B2B' });
    expect(tax.lookup('admiralty-scale:source-reliability="a"')).toMatchObject({ numericalValue: 100 });
    expect(tax.lookup('nis2:impact-sectors-impacted="energy"')?.predicateExpanded).toBe('Sectors impacted');
  });

  it('MISP-style case differences are accepted and reported; unknown tags are refused', () => {
    expect(tax.validate('TLP:AMBER')).toMatchObject({ ok: true, caseDiffers: true, tag: { tag: 'tlp:amber' } });
    expect(tax.validate('pap:green')).toMatchObject({ ok: true, caseDiffers: true, tag: { tag: 'PAP:GREEN' } });
    expect(tax.validate('tlp:black')).toMatchObject({ ok: false, reason: 'unknown-predicate' });
    expect(tax.validate('nis2:impact-sectors-impacted="tourism"')).toMatchObject({ ok: false, reason: 'unknown-value' });
    expect(tax.validate('nis2:impact-severity')).toMatchObject({ ok: false, reason: 'value-required' });
  });

  it('one TLP tag per event; one NIS2 severity', () => {
    expect(tax.checkTagSet(['tlp:amber', 'tlp:red']).map((p) => p.namespace)).toEqual(['tlp']);
    expect(tax.checkTagSet(['nis2:impact-severity="red"', 'nis2:impact-severity="green"', 'nis2:impact-sectors-impacted="energy"', 'nis2:impact-sectors-impacted="health"']).map((p) => p.predicate)).toEqual(['impact-severity']);
  });

  it('lists every NIS2 sector, for prefilling reports', () => {
    const sectors = tax.tags('nis2').filter((t) => t.predicate === 'impact-sectors-impacted');
    expect(sectors.map((t) => t.value)).toContain('drinking-water');
    expect(sectors.every((t) => tax.validate(t.tag).ok)).toBe(true);
  });
});
