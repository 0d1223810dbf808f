// The JSON rendering against the evtx_dump-style .json files that come with SigmaHQ's regression data
// (each .json holds the same records as the .evtx beside it, as concatenated JSON objects).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { filesWithExtension } from './corpus-files.ts';
import { readEvtx } from './reader.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const DIR = join(CORPORA, 'sigma', 'regression_data');
const present = existsSync(DIR);
if (!present) console.log(`EVTX JSON regression test skipped: ${DIR} is absent (set BULWARK_CORPORA).`);

/**
 * Known differences that are in the .json file, not in our reading: this case's .json was not made from
 * its .evtx by evtx_dump (the time has 9 fraction digits, which evtx_dump never writes, and the parent
 * command line's case differs from the bytes in the .evtx, where it is "Explorer.EXE").
 */
const KNOWN: Record<string, string[]> = {
  'ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx#0': ['Event.System.TimeCreated.#attributes.SystemTime', 'Event.EventData.ParentCommandLine'],
};

/** Splits concatenated (pretty-printed) JSON objects. */
function concatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

function differingPaths(a: unknown, b: unknown, path: string[] = []): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]));
  }
  return [path.join('.')];
}

describe.runIf(present)('EVTX JSON against the regression data renderings', () => {
  it('gives the same JSON objects as the evtx_dump-style files', () => {
    const files = filesWithExtension(DIR, '.evtx');
    expect(files.length).toBeGreaterThan(100);
    let records = 0;
    let matching = 0;
    const problems: string[] = [];
    for (const file of files) {
      const expected = concatenatedJson(readFileSync(file.replace(/\.evtx$/, '.json'), 'utf8'));
      const got = [...readEvtx(readFileSync(file))].map((item) => (item.kind === 'record' ? item.json : item));
      if (got.length !== expected.length) problems.push(`${file}: ${got.length} records, expected ${expected.length}`);
      for (let i = 0; i < expected.length; i++) {
        records++;
        const paths = differingPaths(got[i], expected[i]);
        if (paths.length === 0) matching++;
        const known = KNOWN[`${file.slice(file.lastIndexOf('/') + 1)}#${i}`] ?? [];
        if (!isDeepStrictEqual(paths, known)) problems.push(`${file} #${i}: ${paths.join(', ')}`);
      }
    }
    console.log(`EVTX JSON: ${matching}/${records} records equal the regression data (${files.length} files)`);
    expect(problems).toEqual([]);
  });

  it('keeps numbers typed as evtx_dump does', () => {
    const file = filesWithExtension(DIR, '.evtx')[0]!;
    const first = [...readEvtx(readFileSync(file))].find((i) => i.kind === 'record');
    const system = (first?.kind === 'record' ? (first.json?.['Event'] as Record<string, Record<string, unknown>>) : {})['System']!;
    expect(typeof system['EventID'] === 'number' || typeof system['EventID'] === 'object').toBe(true);
    expect(typeof system['EventRecordID']).toBe('number');
  });
});
