import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointPath, loadCheckpoint, mismatch, removeCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { headHash, openInput, HEAD_BYTES } from './input.ts';
import { RecordReader, type InputRecord } from './records.ts';
import { batches } from './batches.ts';

const dir = mkdtempSync(join(tmpdir(), 'bw-cp-'));

async function readAll(path: string, from?: Checkpoint): Promise<InputRecord[]> {
  const input = await openInput(path);
  const reader = new RecordReader({ kind: from?.kind ?? 'auto', offset: from?.offset ?? 0, line: from?.line ?? 1 });
  const out: InputRecord[] = [];
  for await (const r of reader.records(input.chunks(from?.offset ?? 0))) out.push(r);
  return out;
}

async function checkpointAfter(path: string, acknowledgedBatches: number, batchSize: number): Promise<Checkpoint> {
  const input = await openInput(path);
  const reader = new RecordReader({ kind: 'auto' });
  let last: InputRecord | undefined;
  let n = 0;
  for await (const b of batches(reader.records(input.chunks(0)), batchSize, 1 << 20)) {
    last = b.records.at(-1);
    if (++n === acknowledgedBatches) break;
  }
  const bytes = Math.min(input.size, HEAD_BYTES);
  return {
    version: 1,
    file: path,
    source: 'test',
    format: 'json',
    kind: reader.kind,
    offset: last!.end,
    line: last!.endLine,
    head: { bytes, sha256: (await headHash(path, bytes))! },
    totals: { sent: n * batchSize, accepted: n * batchSize, duplicates: 0, rejected: 0 },
    updatedAt: new Date().toISOString(),
  };
}

describe('checkpoint files', () => {
  it('live beside the file, or in a state directory under a name unique per path', () => {
    expect(checkpointPath('/data/in/events.ndjson')).toBe('/data/in/events.ndjson.bulwark-progress');
    const a = checkpointPath('/data/a/events.ndjson', '/state');
    const b = checkpointPath('/data/b/events.ndjson', '/state');
    expect(a).toMatch(/^\/state\/events\.ndjson-[0-9a-f]{12}\.bulwark-progress$/);
    expect(a).not.toBe(b);
  });

  it('are written atomically, read back, and removed', async () => {
    const data = join(dir, 'roundtrip.ndjson');
    writeFileSync(data, '{"a":1}\n{"a":2}\n');
    const cp = await checkpointAfter(data, 1, 1);
    const path = checkpointPath(data, join(dir, 'state'));
    saveCheckpoint(path, cp);
    expect(loadCheckpoint(path)).toEqual(cp);
    expect(readdirSync(join(dir, 'state')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    removeCheckpoint(path);
    expect(existsSync(path)).toBe(false);
    expect(loadCheckpoint(path)).toBeUndefined();
    writeFileSync(path, '{"version":9}');
    expect(() => loadCheckpoint(path)).toThrow(/not a checkpoint/);
  });
});

describe('resuming from a checkpoint', () => {
  const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ seq: i + 1, msg: `event ${i + 1}` }));

  it('continues NDJSON exactly after the last acknowledged batch', async () => {
    const data = join(dir, 'resume.ndjson');
    writeFileSync(data, `${lines.slice(0, 10).join('\n')}\n\n${lines.slice(10).join('\n')}\n`);
    const all = await readAll(data);
    const cp = await checkpointAfter(data, 2, 4); // 8 events acknowledged
    expect(cp.line).toBe(9);
    const rest = await readAll(data, cp);
    expect(rest).toEqual(all.slice(8));
    expect(rest[0]!.text).toBe(lines[8]);
    expect(rest.at(-1)!.line).toBe(26); // the blank line 11 still counts
  });

  it('continues a JSON array after the last acknowledged element', async () => {
    const data = join(dir, 'resume.json');
    writeFileSync(data, JSON.stringify(lines.map((l) => JSON.parse(l)), null, 2));
    const all = await readAll(data);
    const cp = await checkpointAfter(data, 3, 5);
    expect(cp.kind).toBe('json-array');
    expect(await readAll(data, cp)).toEqual(all.slice(15));
  });

  it('accepts a file that only grew, and refuses one that changed, or another source or format', async () => {
    const data = join(dir, 'grow.ndjson');
    writeFileSync(data, `${lines.slice(0, 10).join('\n')}\n`);
    const cp = await checkpointAfter(data, 1, 5);
    const current = async () => ({ file: data, source: 'test', format: 'json', headSha256: await headHash(data, cp.head.bytes) });
    appendFileSync(data, `${lines.slice(10).join('\n')}\n`);
    expect(mismatch(cp, await current())).toBeUndefined();
    expect((await readAll(data, cp)).map((r) => r.text)).toEqual(lines.slice(5));
    expect(mismatch(cp, { ...(await current()), source: 'other' })).toMatch(/--source/);
    expect(mismatch(cp, { ...(await current()), format: 'syslog' })).toMatch(/--format/);
    writeFileSync(data, lines.slice(0, 10).reverse().join('\n'));
    expect(mismatch(cp, await current())).toBe('the file has changed since');
    writeFileSync(data, '{}');
    expect(mismatch(cp, await current())).toBe('the file has changed since');
  });
});
