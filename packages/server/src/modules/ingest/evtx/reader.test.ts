// readEvtx on damaged input: every kind of damage is yielded and counted, never thrown.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simpleRecord, threeRecordFile } from './fixture.ts';
import { readEvtx, readEvtxFile, type EvtxItem } from './reader.ts';

const kinds = (items: EvtxItem[]) => items.map((i) => (i.kind === 'record' ? i.recordId : `${i.scope}!`));

describe('readEvtx', () => {
  it('reads a valid file with correct checksums', () => {
    const reading = readEvtx(threeRecordFile(), { xml: true });
    const items = [...reading];
    expect(kinds(items)).toEqual([10, 11, 12]);
    expect(items[0]).toMatchObject({ kind: 'record', timestamp: '2020-09-08T00:53:20.0000000Z', xml: '<Event>\n  <V>one</V>\n</Event>\n', json: { Event: { V: 'one' } } });
    expect(reading.summary).toMatchObject({ chunks: 1, records: 3, damagedChunks: 0, damagedRecords: 0, chunkChecksumMismatches: 0, fileChecksumMismatch: false });
    expect(reading.summary.header?.chunkCount).toBe(1);
  });

  it('reports a file that is not EVTX as one damaged item', () => {
    const items = [...readEvtx(Buffer.from('MZ this is not a log'))];
    expect(items).toEqual([expect.objectContaining({ kind: 'damaged', scope: 'file' })]);
  });

  it('counts checksum mismatches and still reads the records', () => {
    const file = threeRecordFile();
    file[4096 + 512 + 24 + 40]! ^= 0x01; // inside the first record's text
    file[10]! ^= 0x01; // file header field covered by its CRC
    const reading = readEvtx(file);
    expect([...reading].length).toBe(3);
    expect(reading.summary.chunkChecksumMismatches).toBe(1);
    expect(reading.summary.fileChecksumMismatch).toBe(true);
  });

  it('skips a record with broken BinXML and goes on with the next', () => {
    const file = threeRecordFile();
    const second = 4096 + 512 + simpleRecord(10, 0, 'one').length;
    file[second + 24 + 4] = 0x77; // first token after the fragment header of record 11
    const reading = readEvtx(file);
    expect(kinds([...reading])).toEqual([10, 'record!', 12]);
    expect(reading.summary.damagedRecords).toBe(1);
  });

  it('ends a chunk at a record whose header is broken, counting it', () => {
    const file = threeRecordFile();
    const second = 4096 + 512 + simpleRecord(10, 0, 'one').length;
    file.writeUInt32LE(0xffff, second + 4); // size beyond the chunk
    const reading = readEvtx(file);
    expect(kinds([...reading])).toEqual([10, 'record!']);
  });

  it('reports a chunk without its signature', () => {
    const file = threeRecordFile();
    file.write('XXXX', 4096, 'latin1');
    expect(kinds([...readEvtx(file)])).toEqual(['chunk!']);
  });

  it('stops after maxRecords', () => {
    expect(kinds([...readEvtx(threeRecordFile(), { maxRecords: 2 })])).toEqual([10, 11]);
  });

  it('reads from a path', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evtx-')), 'x.evtx');
    writeFileSync(path, threeRecordFile());
    const reading = await readEvtxFile(path);
    expect(kinds([...reading])).toEqual([10, 11, 12]);
    await expect(readEvtxFile(path, { maxFileBytes: 100 })).rejects.toThrow(/exceeds/);
  });
});
