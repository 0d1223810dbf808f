import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openInput } from './input.ts';
import { InputFormatError, RecordReader, type InputRecord, type ReadOptions } from './records.ts';

// Real Windows events from the shared corpora (../shared/corpora beside the repository, or BULWARK_CORPORA).
const CORPORA = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));
const OTRF = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
const HAVE_OTRF = existsSync(OTRF);
if (!HAVE_OTRF) console.log(`skipping the OTRF corpus tests: ${OTRF} is absent (set BULWARK_CORPORA)`);

const dir = mkdtempSync(join(tmpdir(), 'bw-records-'));
let n = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `f${++n}`);
  writeFileSync(p, content);
  return p;
}

/** Reads a file with small chunks (so records straddle chunk boundaries), optionally stopping after `limit`. */
async function read(path: string, opts: Partial<ReadOptions> = {}, limit = Infinity): Promise<{ records: InputRecord[]; reader: RecordReader }> {
  const input = await openInput(path);
  const reader = new RecordReader({ kind: 'auto', ...opts });
  const records: InputRecord[] = [];
  async function* small() {
    for await (const c of input.chunks(opts.offset ?? 0)) for (let i = 0; i < c.length; i += 7) yield c.subarray(i, i + 7);
  }
  for await (const r of reader.records(small())) {
    records.push(r);
    if (records.length >= limit) break;
  }
  return { records, reader };
}

describe('NDJSON and text lines', () => {
  it('numbers lines as the file does, skipping blank ones and CRs, and keeps a last line without newline', async () => {
    const p = file('\ufeff{"a":1}\r\n\n   \n{"b":"ü"}\r\nnot json\n{"c":3}');
    const { records, reader } = await read(p);
    expect(reader.kind).toBe('lines');
    expect(records.map((r) => [r.line, r.text])).toEqual([[1, '{"a":1}'], [4, '{"b":"ü"}'], [5, 'not json'], [6, '{"c":3}']]);
    // each end offset is just after the record's newline (byte offsets: the BOM is three bytes, ü two)
    expect(records.map((r) => r.end)).toEqual([12, 29, 38, 45]);
    expect(records.map((r) => r.endLine)).toEqual([2, 5, 6, 7]);
  });

  it('resumes after any record with the same remaining records', async () => {
    const p = file('{"a":1}\n\n{"b":2}\n{"c":3}\n');
    const all = (await read(p)).records;
    for (const [i, r] of all.entries()) {
      const rest = (await read(p, { kind: 'lines', offset: r.end, line: r.endLine })).records;
      expect(rest).toEqual(all.slice(i + 1));
    }
  });

  it('turns an over-long line into an error record without losing the following lines', async () => {
    const p = file(`${'x'.repeat(100)}\n{"ok":true}\n`);
    const { records } = await read(p, { maxRecordBytes: 50 });
    expect(records).toEqual([
      { text: '', line: 1, end: 101, endLine: 2, error: 'line is longer than 50 bytes' },
      { text: '{"ok":true}', line: 2, end: 113, endLine: 3 },
    ]);
  });

  it('reads gzip files and resumes them at a decompressed offset', async () => {
    const text = Array.from({ length: 300 }, (_, i) => JSON.stringify({ i, msg: `event ${i}` })).join('\n');
    const p = file(gzipSync(text));
    const all = (await read(p)).records;
    expect(all).toHaveLength(300);
    expect(all[299]).toMatchObject({ line: 300, text: '{"i":299,"msg":"event 299"}' });
    const rest = (await read(p, { kind: 'lines', offset: all[149]!.end, line: all[149]!.endLine })).records;
    expect(rest).toEqual(all.slice(150));
  });
});

describe('JSON arrays', () => {
  const events = [
    { EventID: 4624, msg: 'brackets ] } [ { and "quotes" and \\ backslash' },
    { nested: { a: [1, 2, { b: '\n' }] }, empty: {} },
    'a string element',
    42,
    null,
  ];

  it('yields each element as one compact JSON line with the line it starts on', async () => {
    const p = file(JSON.stringify(events, null, 2));
    const { records, reader } = await read(p);
    expect(reader.kind).toBe('json-array');
    expect(records.map((r) => JSON.parse(r.text))).toEqual(events);
    expect(records.every((r) => !r.text.includes('\n'))).toBe(true);
    expect(records.map((r) => r.line)).toEqual([2, 6, 18, 19, 20]);
  });

  it('resumes after any element with the same remaining elements', async () => {
    const p = file(`  [${JSON.stringify(events[0])},\n${JSON.stringify(events[1], null, 1)}\n, "x" , 7 ]\n`);
    const all = (await read(p)).records;
    expect(all.map((r) => JSON.parse(r.text))).toEqual([events[0], events[1], 'x', 7]);
    for (const [i, r] of all.entries()) {
      const rest = (await read(p, { kind: 'json-array', offset: r.end, line: r.endLine })).records;
      expect(rest).toEqual(all.slice(i + 1));
    }
  });

  it('reports an element that is not JSON by its line and continues', async () => {
    const p = file('[\n{"ok":1},\n{bad: 2},\n{"ok":3}\n]');
    const { records } = await read(p);
    expect(records.map((r) => [r.line, r.error === undefined ? r.text : 'error'])).toEqual([[2, '{"ok":1}'], [3, 'error'], [4, '{"ok":3}']]);
    expect(records[1]!.error).toMatch(/^invalid JSON/);
  });

  it('accepts an empty array and rejects broken structure with the line', async () => {
    expect((await read(file(' [ ] \n'))).records).toEqual([]);
    await expect(read(file('[{"a":1}\n{"b":2}]'))).rejects.toMatchObject({ name: 'InputFormatError', line: 2 });
    await expect(read(file('[{"a":1},\n'))).rejects.toBeInstanceOf(InputFormatError);
    await expect(read(file('[1,]'))).rejects.toBeInstanceOf(InputFormatError);
    await expect(read(file('[1] x'))).rejects.toBeInstanceOf(InputFormatError);
  });
});

describe.skipIf(!HAVE_OTRF)('OTRF corpus (real Windows events, gzip NDJSON)', () => {
  it('reads the first 5,000 events with their line numbers, and resumes in the middle', async () => {
    const first = (await read(OTRF, {}, 5000)).records;
    expect(first).toHaveLength(5000);
    expect(first.map((r) => r.line)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    for (const r of first) expect(typeof JSON.parse(r.text)).toBe('object');
    const mid = first[2999]!;
    const rest = (await read(OTRF, { kind: 'lines', offset: mid.end, line: mid.endLine }, 2000)).records;
    expect(rest).toEqual(first.slice(3000));
  });

  it('maps the same events, re-written as a pretty JSON array, to the lines where they start', async () => {
    const events = (await read(OTRF, {}, 200)).records.map((r) => JSON.parse(r.text) as Record<string, unknown>);
    const pretty = JSON.stringify(events, null, 2);
    const starts: number[] = [];
    pretty.split('\n').forEach((l, i) => l === '  {' && starts.push(i + 1));
    const { records } = await read(file(pretty));
    expect(records.map((r) => r.line)).toEqual(starts);
    expect(records.map((r) => JSON.parse(r.text))).toEqual(events);
  });
});
