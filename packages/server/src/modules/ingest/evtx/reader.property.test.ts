// Property: whatever bytes of a valid file are corrupted or cut off, readEvtx returns (no throw, no
// hang) and accounts for every item it yields.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { threeRecordFile } from './fixture.ts';
import { readEvtx } from './reader.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const REAL = join(CORPORA, 'evtx', 'EVTX-ATTACK-SAMPLES', 'Credential_Access', 'CA_4624_4625_LogonType2_LogonProc_chrome.evtx');
const hasReal = existsSync(REAL);
if (!hasReal) console.log(`EVTX corruption property on a real file skipped: ${REAL} is absent (set BULWARK_CORPORA).`);

function survives(original: Buffer, used: number, runs: number): void {
  const mutation = fc.record({
    bytes: fc.array(fc.tuple(fc.integer({ min: 0, max: used - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
    cut: fc.option(fc.integer({ min: 0, max: original.length }), { nil: undefined }),
  });
  fc.assert(
    fc.property(mutation, ({ bytes, cut }) => {
      const file = Buffer.from(original);
      for (const [at, value] of bytes) file[at] = value;
      const data = cut === undefined ? file : file.subarray(0, cut);
      const started = performance.now();
      const reading = readEvtx(data, { xml: true, json: true });
      let records = 0;
      let damaged = 0;
      for (const item of reading) {
        if (item.kind === 'record') {
          records++;
          JSON.stringify(item.json);
        } else damaged++;
      }
      expect(reading.summary.records).toBe(records);
      expect(reading.summary.damagedRecords + reading.summary.damagedChunks).toBeLessThanOrEqual(damaged);
      expect(performance.now() - started).toBeLessThan(5000);
    }),
    { numRuns: runs },
  );
}

describe('readEvtx on corrupted input', () => {
  it('never throws or hangs on a corrupted small file', () => {
    const file = threeRecordFile();
    survives(file, 4096 + 1024, 1500);
  });

  it.runIf(hasReal)('never throws or hangs on a corrupted real file', () => {
    const file = readFileSync(REAL);
    const used = 4096 + file.readUInt32LE(4096 + 48);
    survives(file, used, 400);
  });
});
