// Hunt inputs: .evtx files (native reader), JSON / NDJSON / concatenated JSON (evtx_dump style), each
// optionally gzip-compressed; folders are walked. Every event keeps where it came from.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { readEvtxFile } from '../../ingest/index.ts';
import { JsonObjectStream } from '../sigma/json-stream.ts';

export interface HuntEvent {
  readonly file: string;
  /** EVTX record id, or the line where the JSON object starts. */
  readonly record: number;
  readonly event: Record<string, unknown>;
}

export interface SourceProblem {
  readonly file: string;
  readonly record?: number;
  readonly reason: string;
}

const EXTENSIONS = /\.(evtx|json|jsonl|ndjson|log|txt)(\.gz)?$/i;

/** The files named, and the matching files inside named folders (recursively). */
export async function listInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string, explicit: boolean): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const e of (await readdir(p)).sort()) await walk(join(p, e), false);
    } else if (explicit || EXTENSIONS.test(p)) out.push(p);
  };
  for (const p of paths) await walk(p, true);
  return out;
}

async function magic(file: string): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    const b = Buffer.alloc(8);
    const { bytesRead } = await h.read(b, 0, 8, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

export async function* readSource(file: string, problems: SourceProblem[]): AsyncGenerator<HuntEvent> {
  const head = await magic(file);
  if (head.subarray(0, 8).toString('latin1') === 'ElfFile\u0000') {
    const reading = await readEvtxFile(file, { json: true });
    for (const item of reading) {
      if (item.kind === 'record') yield { file, record: item.recordId, event: item.json ?? {} };
      else problems.push({ file, ...(item.recordId !== undefined ? { record: item.recordId } : {}), reason: `damaged ${item.scope} at offset ${item.offset}: ${item.reason}` });
    }
    return;
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const input = gz ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  input.setEncoding('utf8');
  const stream = new JsonObjectStream();
  for await (const chunk of input as AsyncIterable<string>) {
    for (const item of stream.push(chunk)) {
      if (item.value) yield { file, record: item.line, event: item.value };
      else problems.push({ file, record: item.line, reason: item.error ?? 'unreadable' });
    }
  }
  for (const item of stream.end()) problems.push({ file, record: item.line, reason: item.error ?? 'unreadable' });
}
