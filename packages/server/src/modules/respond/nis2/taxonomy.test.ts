import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TaxonomyError, formatMachineTag, listValues, loadTaxonomy, lookupValue, parseMachineTag, parseTaxonomy, validateMachineTag } from './taxonomy.ts';
import { mappedIncidentTypes } from './attack-mapping.ts';
import { subsectorSectorPairs } from './sector-map.ts';
import { loadNis2Vocabulary, vocabularyTaxonomies } from './vocabulary.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const NIS2 = join(CORPORA, 'misp/taxonomies/nis2/machinetag.json');
const RSIT = join(CORPORA, 'misp/taxonomies/rsit/machinetag.json');
const present = existsSync(NIS2) && existsSync(RSIT);
if (!present) console.log(`NIS2 taxonomy corpus test skipped: ${NIS2} is absent (set BULWARK_CORPORA).`);

describe.skipIf(!present)('the MISP nis2 taxonomy from the corpus', () => {
  it('loads every predicate with its values', async () => {
    const t = await loadTaxonomy(NIS2, { expectedNamespace: 'nis2' });
    expect(t.namespace).toBe('nis2');
    expect(t.predicates.map((p) => p.value)).toEqual(['impact-sectors-impacted', 'impact-subsectors-impacted', 'important-entities', 'impact-subsectors-important-entities', 'impact-severity', 'impact-outlook', 'nature-root-cause', 'nature-severity', 'test']);
    expect(t.predicates.reduce((n, p) => n + p.values.length, 0)).toBe(75);
    expect(listValues(t, 'impact-severity').map((v) => v.value)).toEqual(['red', 'yellow', 'green', 'white']);
    expect(lookupValue(t, 'nature-root-cause', 'malicious-actions')?.expanded).toBe('Malicious actions');
    expect(lookupValue(t, 'impact-severity', 'red')?.colour).toBe('#CC0033');
    expect(t.predicates.find((p) => p.value === 'impact-outlook')?.exclusive).toBe(true);
    expect(t.predicates.find((p) => p.value === 'impact-sectors-impacted')?.exclusive).toBe(false);
  });

  it('validates machine tags against it', async () => {
    const v = await loadNis2Vocabulary({ nis2: NIS2, rsit: RSIT });
    expect(validateMachineTag(v.nis2, 'nis2:impact-sectors-impacted="energy"').ok).toBe(true);
    expect(validateMachineTag([v.nis2, v.incidentTypes!], 'rsit:intrusions="system-compromise"').ok).toBe(true);
    const bad = validateMachineTag(v.nis2, 'nis2:impact-sectors-impacted="fishing"');
    expect(bad).toEqual({ ok: false, problem: 'nis2:impact-sectors-impacted has no value "fishing"' });
    expect(validateMachineTag(v.nis2, 'nis2:impact-severity="red"', ['nis2:impact-outlook']).ok).toBe(false);
  });

  it('has every value the built-in mappings use, and every subsector is mapped to a sector', async () => {
    const v = await loadNis2Vocabulary({ nis2: NIS2, rsit: RSIT });
    const all = vocabularyTaxonomies(v);
    const bad = [...mappedIncidentTypes(), ...subsectorSectorPairs().flat()].filter((tag) => !validateMachineTag(all, tag).ok);
    expect(bad).toEqual([]);
    const mapped = new Set(subsectorSectorPairs().map(([sub]) => sub));
    const subsectors = ['impact-subsectors-impacted', 'impact-subsectors-important-entities'].flatMap((p) => listValues(v.nis2, p).map((x) => `nis2:${p}="${x.value}"`));
    expect(subsectors.filter((s) => !mapped.has(s))).toEqual([]);
  });

  it('refuses a file of another namespace', async () => {
    await expect(loadTaxonomy(RSIT, { expectedNamespace: 'nis2' })).rejects.toMatchObject({ code: 'wrong_namespace' });
  });
});

describe('taxonomy parsing', () => {
  const minimal = { namespace: 'x', description: 'd', version: 1, predicates: [{ value: 'p', expanded: 'P' }], values: [{ predicate: 'p', entry: [{ value: 'a', expanded: 'A' }] }] };

  it('reads a minimal file and names defects with their path', () => {
    expect(parseTaxonomy(JSON.stringify(minimal)).predicates[0]!.values).toEqual([{ value: 'a', expanded: 'A', description: '' }]);
    const bad = { ...minimal, values: [{ predicate: 'p', entry: [{ value: 'a' }, { value: 7 }] }] };
    expect(() => parseTaxonomy(JSON.stringify(bad), { source: 'f.json' })).toThrow('f.json at values[0].entry[1].value: expected a string');
    const undeclared = { ...minimal, values: [{ predicate: 'q', entry: [] }] };
    expect(() => parseTaxonomy(JSON.stringify(undeclared))).toThrow('"q" is not a declared predicate');
    const dup = { ...minimal, values: [{ predicate: 'p', entry: [{ value: 'a' }, { value: 'a' }] }] };
    expect(() => parseTaxonomy(JSON.stringify(dup))).toThrow(TaxonomyError);
    expect(() => parseTaxonomy('{"namespace":')).toThrow(/not JSON/);
  });

  it('enforces its limits', async () => {
    expect(() => parseTaxonomy(JSON.stringify(minimal), { limits: { maxBytes: 10 } })).toThrow(/exceeds 10 bytes/);
    const many = { ...minimal, values: [{ predicate: 'p', entry: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] }] };
    expect(() => parseTaxonomy(JSON.stringify(many), { limits: { maxValuesPerPredicate: 2 } })).toThrow(/more than 2 values/);
    const dir = await mkdtemp(join(tmpdir(), 'nis2-tax-'));
    const file = join(dir, 'big.json');
    await writeFile(file, JSON.stringify(minimal));
    await expect(loadTaxonomy(file, { limits: { maxBytes: 20 } })).rejects.toMatchObject({ code: 'too_large' });
    await expect(loadTaxonomy(join(dir, 'absent.json'))).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('parses and formats machine tags', () => {
    expect(parseMachineTag('nis2:impact-severity="red"')).toEqual({ namespace: 'nis2', predicate: 'impact-severity', value: 'red' });
    expect(parseMachineTag('nis2:impact-severity=red')).toBeNull();
    expect(parseMachineTag('tlp:red')).toBeNull();
    expect(formatMachineTag('rsit', 'fraud', 'phishing')).toBe('rsit:fraud="phishing"');
    const t = parseTaxonomy(JSON.stringify(minimal));
    expect(validateMachineTag(t, 'y:p="a"')).toEqual({ ok: false, problem: 'no taxonomy "y" is loaded' });
    expect(validateMachineTag(t, 'x:q="a"')).toEqual({ ok: false, problem: 'taxonomy x has no predicate "q"' });
  });
});
