// Groups records into request-sized batches and maps the server's per-line rejections back to file lines.
import type { IngestResult, Rejection } from '@bulwark/contracts';
import type { InputRecord } from './records.ts';

export interface Batch {
  readonly records: readonly InputRecord[];
  /** Bytes of the request body before compression. */
  readonly bytes: number;
}

/** At most `maxCount` records and (unless a single record is larger) `maxBytes` body bytes per batch. */
export async function* batches(records: AsyncIterable<InputRecord>, maxCount: number, maxBytes: number): AsyncGenerator<Batch> {
  let current: InputRecord[] = [];
  let bytes = 0;
  for await (const rec of records) {
    const size = rec.error ? 0 : Buffer.byteLength(rec.text) + 1;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      yield { records: current, bytes };
      current = [];
      bytes = 0;
    }
    current.push(rec);
    bytes += size;
  }
  if (current.length > 0) yield { records: current, bytes };
}

/** The records a batch actually sends (those without a local error), in body order. */
export function sendable(batch: Batch): InputRecord[] {
  return batch.records.filter((r) => r.error === undefined);
}

/** NDJSON (or text lines): line k of the body is sendable(batch)[k - 1]. */
export function body(records: readonly InputRecord[]): string {
  return records.length === 0 ? '' : `${records.map((r) => r.text).join('\n')}\n`;
}

/** Splits a batch in two halves (for a 413), keeping order. */
export function halve(batch: Batch): [Batch, Batch] {
  const mid = Math.ceil(batch.records.length / 2);
  const part = (records: readonly InputRecord[]): Batch => ({
    records,
    bytes: records.reduce((n, r) => n + (r.error ? 0 : Buffer.byteLength(r.text) + 1), 0),
  });
  return [part(batch.records.slice(0, mid)), part(batch.records.slice(mid))];
}

export interface FileRejection {
  /** Line in the input file (the starting line of an array element). */
  readonly line: number;
  readonly reason: string;
}

/** Rejections in file terms: local ones (never sent) and the server's, whose `line` counts body lines. */
export function rejections(batch: Batch, sent: readonly InputRecord[], result: Pick<IngestResult, 'rejected'> | undefined): FileRejection[] {
  const out: FileRejection[] = [];
  for (const r of batch.records) if (r.error !== undefined) out.push({ line: r.line, reason: r.error });
  for (const rej of result?.rejected ?? ([] as Rejection[])) {
    const rec = sent[rej.line - 1];
    out.push(rec ? { line: rec.line, reason: rej.reason } : { line: -1, reason: `(request line ${rej.line}) ${rej.reason}` });
  }
  return out.sort((a, b) => a.line - b.line);
}
