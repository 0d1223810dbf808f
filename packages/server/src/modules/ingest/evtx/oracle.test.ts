// Every record of every file in the EVTX corpus, rendered to XML, equals evtxexport's oracle rendering
// byte for byte (the oracle's only layout convention handled here: records separated by a blank line).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesWithExtension } from './corpus-files.ts';
import { readEvtx } from './reader.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const DIR = join(CORPORA, 'evtx');
const present = existsSync(join(DIR, 'index.csv'));
if (!present) console.log(`EVTX oracle test skipped: ${DIR} is absent (set BULWARK_CORPORA).`);

/** The oracle file: banner line, blank line, then each <Event> followed by a blank line. */
function oracleRecords(text: string): string[] {
  const body = text.slice(text.indexOf('\n\n') + 2);
  return body.split(/\n(?=<Event )/).map((s) => s.replace(/\n+$/, '\n')).filter((s) => s.trim() !== '');
}

describe.runIf(present)('EVTX corpus against the evtxexport oracle', () => {
  it('renders every record exactly as evtxexport -f xml does', () => {
    const files = filesWithExtension(DIR, '.evtx');
    expect(files.length).toBe(120);
    let records = 0;
    let matching = 0;
    let matchingFiles = 0;
    const failures: string[] = [];
    for (const file of files) {
      const expected = oracleRecords(readFileSync(file.replace(/\.evtx$/, '.xml'), 'utf8'));
      const reading = readEvtx(readFileSync(file), { xml: true, json: false });
      const got: string[] = [];
      for (const item of reading) if (item.kind === 'record') got.push(item.xml ?? '');
      let same = got.length === expected.length && reading.summary.damagedRecords === 0;
      if (got.length !== expected.length) failures.push(`${file}: ${got.length} records, oracle ${expected.length}`);
      for (let i = 0; i < expected.length; i++) {
        records++;
        if (got[i] === expected[i]) matching++;
        else {
          same = false;
          if (failures.length < 5) failures.push(`${file} record #${i} differs:\n${got[i]}\n--- oracle ---\n${expected[i]}`);
        }
      }
      if (same) matchingFiles++;
    }
    console.log(`EVTX oracle: ${matchingFiles}/${files.length} files and ${matching}/${records} records match exactly`);
    expect(failures).toEqual([]);
    expect(records).toBe(1983);
  });
});
