import { describe, expect, it } from 'vitest';
import { batches, body, halve, rejections, sendable, type Batch } from './batches.ts';
import { ProblemError } from './problem.ts';
import { nothingAccepted } from './commands/events-send.ts';
import type { InputRecord } from './records.ts';

const rec = (line: number, text: string, error?: string): InputRecord => ({ text, line, end: line * 10, endLine: line + 1, ...(error ? { error } : {}) });

async function collect(records: InputRecord[], count: number, bytes: number): Promise<Batch[]> {
  async function* src() {
    yield* records;
  }
  const out: Batch[] = [];
  for await (const b of batches(src(), count, bytes)) out.push(b);
  return out;
}

describe('batches', () => {
  const records = Array.from({ length: 10 }, (_, i) => rec(i * 2 + 1, `{"n":${i}}`)); // 8 bytes + newline each

  it('cuts by count and by body bytes, never leaving a record out', async () => {
    expect((await collect(records, 4, 1 << 20)).map((b) => b.records.length)).toEqual([4, 4, 2]);
    expect((await collect(records, 100, 20)).map((b) => b.records.length)).toEqual([2, 2, 2, 2, 2]);
    const oversized = await collect([rec(1, 'x'.repeat(50)), rec(2, '{}')], 100, 20);
    expect(oversized.map((b) => b.records.length)).toEqual([1, 1]);
    expect((await collect(records, 3, 1 << 20)).flatMap((b) => b.records)).toEqual(records);
  });

  it('builds an NDJSON body of the sendable records and maps server lines back to file lines', async () => {
    const [batch] = await collect([rec(3, '{"a":1}'), rec(5, '', 'invalid JSON: x'), rec(9, '{"b":2}'), rec(12, '{"c":3}')], 10, 1 << 20);
    const sent = sendable(batch!);
    expect(body(sent)).toBe('{"a":1}\n{"b":2}\n{"c":3}\n');
    // the server numbers lines of the body: its line 2 is the file's line 9
    expect(rejections(batch!, sent, { rejected: [{ line: 2, reason: 'an event must be a JSON object' }] })).toEqual([
      { line: 5, reason: 'invalid JSON: x' },
      { line: 9, reason: 'an event must be a JSON object' },
    ]);
  });

  it('halves a batch in order for a 413', async () => {
    const [batch] = await collect(records.slice(0, 5), 10, 1 << 20);
    const [a, b] = halve(batch!);
    expect([...a.records, ...b.records]).toEqual(batch!.records);
    expect([a.records.length, b.records.length]).toEqual([3, 2]);
    expect(a.bytes + b.bytes).toBe(batch!.bytes);
  });

  it('reads the server’s INGEST_NOTHING_ACCEPTED problem as per-line rejections', () => {
    const err = new ProblemError({
      type: 'urn:bulwark:problem:ingest-nothing-accepted',
      title: 'Bad Request',
      status: 400,
      code: 'INGEST_NOTHING_ACCEPTED',
      detail: 'No event in the request was valid (1 rejected; first: line 1: invalid JSON: …).',
      rejected: [{ line: 1, reason: 'invalid JSON: Unexpected token' }],
    } as never);
    expect(nothingAccepted(err, 2)?.rejected).toEqual([
      { line: 1, reason: 'invalid JSON: Unexpected token' },
      { line: 2, reason: 'rejected (the server listed only the first 1000 reasons)' },
    ]);
    expect(nothingAccepted(new Error('x'), 1)).toBeUndefined();
  });
});
