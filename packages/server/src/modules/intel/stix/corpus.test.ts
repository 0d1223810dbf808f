// The shared STIX corpora: knowledge bundles, the generated bundle, the OASIS examples and TLP 2.0
// objects load; ATLAS gives exactly its known defects; OpenCTI exports load with warnings only.
// Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle, type ParseResult } from './parse-bundle.ts';
import { stixCorpusDir } from './testing/corpora.ts';

const stix = stixCorpusDir();
const present = existsSync(join(stix, 'bundles'));
if (!present) console.log(`STIX corpus not found at ${stix}: skipping the STIX corpus checks`);

function load(...parts: string[]): ParseResult {
  return parseBundle(readFileSync(join(stix, ...parts)));
}

function counts(r: ParseResult, severity: 'error' | 'warning'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of r.defects) if (d.severity === severity) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}

function report(name: string, r: ParseResult): void {
  console.log(`${name}: ${r.total} objects, ${r.objects.length} accepted, ${r.rejected.length} rejected; errors ${JSON.stringify(counts(r, 'error'))}; warnings ${JSON.stringify(counts(r, 'warning'))}`);
}

describe.skipIf(!present)('STIX corpus', () => {
  it.each([
    ['ATT&CK for ICS', ['bundles', 'mitre-attack', 'ics-attack.json'], 1826],
    ['DISARM', ['bundles', 'disarm', 'DISARM.json'], 698],
    ['generated', ['generated', 'stix2-generator-bundle-319.json'], 319],
  ])('%s loads with no error', (name, parts, total) => {
    const r = load(...parts);
    report(name, r);
    expect(r.defects.filter((d) => d.severity === 'error')).toEqual([]);
    expect([r.form, r.total, r.objects.length]).toEqual(['bundle', total, total]);
  });

  it('the OASIS examples and the TLP 2.0 objects load with no error', () => {
    const files = [
      ...readdirSync(join(stix, 'schemas', 'examples')).filter((f) => f.endsWith('.json')).map((f) => ['schemas', 'examples', f]),
      ...readdirSync(join(stix, 'schemas', 'examples', 'threat-reports')).map((f) => ['schemas', 'examples', 'threat-reports', f]),
      ...readdirSync(join(stix, 'tlp2', 'markings')).map((f) => ['tlp2', 'markings', f]),
      ['tlp2', 'examples', 'using-tlp2.0-green.json'],
      ['tlp2', 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json'],
    ];
    let objects = 0;
    for (const parts of files) {
      const r = load(...parts);
      expect(r.defects.filter((d) => d.severity === 'error'), parts.join('/')).toEqual([]);
      objects += r.objects.length;
    }
    console.log(`OASIS examples and TLP 2.0: ${files.length} files, ${objects} objects, no error`);
    // The interop example is one bare campaign, not a bundle.
    expect(load('schemas', 'examples', 'interop-objectmarking-test.json').form).toBe('object');
  });

  it('ATLAS gives exactly its known defects: 2 modified < created and 80 conflicting copies of 34 relationship ids', () => {
    const r = load('bundles', 'mitre-atlas', 'stix-atlas.json');
    report('ATLAS', r);
    const errors = r.defects.filter((d) => d.severity === 'error');
    expect(counts(r, 'error')).toEqual({ 'time-order': 2, 'version-conflict': 80 });
    expect(errors.filter((d) => d.code === 'time-order').map((d) => [d.id, d.path.replace(/^\$\.objects\[\d+\]/, '')])).toEqual([
      ['attack-pattern--c9f8f4b0-e377-55b1-bad3-aa5f13389216', '.modified'],
      ['attack-pattern--92a68652-d864-5c9c-9c1d-64ec09587390', '.modified'],
    ]);
    const conflicting = new Set(errors.filter((d) => d.code === 'version-conflict').map((d) => d.id));
    expect(conflicting.size).toBe(34);
    expect([...conflicting].every((id) => id?.startsWith('relationship--'))).toBe(true);
    // Nothing is lost silently: every object is either accepted or rejected with a reason.
    expect(r.objects.length + r.rejected.length).toBe(538);
    expect(r.objects).toHaveLength(456);
    expect(r.objects.find((o) => o.type === 'x-mitre-collection')).toBeDefined();
  });

  it('the OpenCTI exports load, with warnings only (CLEAR on the TLP 1.0 WHITE id, stop_time == start_time)', () => {
    const dir = join(stix, 'bundles', 'mitre-atlas', 'opencti-bundles');
    const expected: Record<string, [number, number]> = { AMLCS0010: [13, 0], AMLCS0011: [10, 0], AMLCS0017: [19, 3], AMLCS0018: [32, 14], AMLCS0019: [27, 13], AMLCS0020: [16, 6] };
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const r = parseBundle(readFileSync(join(dir, file)));
      const [total, equalTimes] = expected[file.slice(0, 9)] ?? [-1, -1];
      report(file.slice(0, 9), r);
      expect(r.defects.filter((d) => d.severity === 'error'), file).toEqual([]);
      expect([r.total, r.objects.length]).toEqual([total, total]);
      expect(counts(r, 'warning')['tlp-marking']).toBe(1);
      expect(counts(r, 'warning')['time-equal'] ?? 0).toBe(equalTimes);
    }
  });

  it('the older TLP 2.0 example is refused where it is wrong: no bundle type, a thirteenth month', () => {
    const r = load('tlp2', 'examples', 'using-tlp2.0-green.older-revision-invalid.json');
    expect(r.defects.filter((d) => d.severity === 'error').map((d) => [d.index, d.code, d.path])).toEqual([
      [-1, 'invalid-bundle', '$.type'],
      [2, 'invalid-timestamp', '$.objects[2].created'],
    ]);
    expect(r.objects).toHaveLength(2);
  });
});
