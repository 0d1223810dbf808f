// readEvtx: the records of an EVTX file as XML text and/or evtx_dump-style JSON. Damaged chunks and
// records are yielded as `damaged` items and counted in the summary; the reader itself never throws.
import { readFile } from 'node:fs/promises';
import { DEFAULT_BINXML_LIMITS, ChunkContext, decodeFragment, type BinXmlLimits } from './binxml.ts';
import { Bytes } from './bytes.ts';
import { CHUNK_SIZE, chunkRecords, parseChunkHeader, type ChunkHeader, type RecordSlot } from './chunk.ts';
import { filetimeToIso } from './filetime.ts';
import { FILE_HEADER_BLOCK, parseFileHeader, type FileHeader } from './header.ts';
import { renderJson } from './render-json.ts';
import { renderXml } from './render-xml.ts';

export interface ReadEvtxOptions {
  /** Render XML text (evtxexport layout). Default false. */
  readonly xml?: boolean;
  /** Render the evtx_dump JSON object. Default true. */
  readonly json?: boolean;
  /** Stop after this many records (default: no limit). */
  readonly maxRecords?: number;
  /** Largest file accepted by readEvtxFile, in bytes (default 4 GiB). */
  readonly maxFileBytes?: number;
  readonly limits?: Partial<BinXmlLimits>;
}

export interface EvtxRecord {
  readonly kind: 'record';
  readonly recordId: number;
  /** Time the record was written, ISO 8601 with 100 ns precision. */
  readonly timestamp: string;
  readonly chunk: number;
  readonly xml?: string;
  readonly json?: Record<string, unknown>;
}

export interface EvtxDamage {
  readonly kind: 'damaged';
  readonly scope: 'file' | 'chunk' | 'record';
  readonly chunk: number;
  /** Absolute byte offset where the damage was found. */
  readonly offset: number;
  readonly recordId?: number;
  readonly reason: string;
}

export type EvtxItem = EvtxRecord | EvtxDamage;

export interface EvtxSummary {
  header: FileHeader | null;
  chunks: number;
  records: number;
  damagedChunks: number;
  damagedRecords: number;
  /** Chunks whose header or record-area CRC32 differs from the stored one (still read). */
  chunkChecksumMismatches: number;
  fileChecksumMismatch: boolean;
}

export interface EvtxReading extends Iterable<EvtxItem> {
  /** Counts so far; complete once iteration has finished. */
  readonly summary: EvtxSummary;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads the EVTX file in `data`. Iterate once; `summary` fills in as items are produced. */
export function readEvtx(data: Uint8Array, opts: ReadEvtxOptions = {}): EvtxReading {
  const summary: EvtxSummary = { header: null, chunks: 0, records: 0, damagedChunks: 0, damagedRecords: 0, chunkChecksumMismatches: 0, fileChecksumMismatch: false };
  return { summary, [Symbol.iterator]: () => items(new Bytes(data), opts, summary) };
}

/** Reads an EVTX file from disk (whole file in memory; EVTX files are bounded by their format use). */
export async function readEvtxFile(path: string, opts: ReadEvtxOptions = {}): Promise<EvtxReading> {
  const data = await readFile(path);
  const max = opts.maxFileBytes ?? 4 * 1024 ** 3;
  if (data.length > max) throw new RangeError(`${path}: ${data.length} bytes exceeds the limit of ${max}`);
  return readEvtx(data, opts);
}

function* items(b: Bytes, opts: ReadEvtxOptions, summary: EvtxSummary): Generator<EvtxItem> {
  const limits: BinXmlLimits = { ...DEFAULT_BINXML_LIMITS, ...opts.limits };
  const wantXml = opts.xml ?? false;
  const wantJson = opts.json ?? true;
  const maxRecords = opts.maxRecords ?? Infinity;
  try {
    summary.header = parseFileHeader(b);
    summary.fileChecksumMismatch = !summary.header.checksumOk;
  } catch (err) {
    yield { kind: 'damaged', scope: 'file', chunk: -1, offset: 0, reason: message(err) };
    if (b.length < FILE_HEADER_BLOCK + CHUNK_SIZE) return;
  }
  const declared = summary.header?.chunkCount ?? 0;
  for (let index = 0; ; index++) {
    const start = FILE_HEADER_BLOCK + index * CHUNK_SIZE;
    if (start + CHUNK_SIZE > b.length) break;
    // Chunks past the header's count are unused space unless they carry a chunk signature.
    if (index >= declared && b.ascii(start, 8) !== 'ElfChnk\0') continue;
    summary.chunks++;
    let chunk: ChunkHeader;
    try {
      chunk = parseChunkHeader(b, start);
    } catch (err) {
      summary.damagedChunks++;
      yield { kind: 'damaged', scope: 'chunk', chunk: index, offset: start, reason: message(err) };
      continue;
    }
    if (!chunk.headerChecksumOk || !chunk.recordsChecksumOk) summary.chunkChecksumMismatches++;
    const ctx = new ChunkContext(b, start, start + CHUNK_SIZE, limits);
    const slots = chunkRecords(b, chunk);
    for (;;) {
      let next: IteratorResult<RecordSlot>;
      try {
        next = slots.next();
      } catch (err) {
        summary.damagedRecords++;
        yield { kind: 'damaged', scope: 'record', chunk: index, offset: (err as { offset?: number }).offset ?? start, reason: message(err) };
        break;
      }
      if (next.done) break;
      const slot = next.value;
      const recordId = Number(slot.recordId);
      try {
        ctx.tokens = 0;
        const nodes = decodeFragment(ctx, slot.binxmlStart, slot.binxmlEnd, 0);
        const record: EvtxRecord = {
          kind: 'record',
          recordId,
          timestamp: filetimeToIso(slot.written, 7),
          chunk: index,
          ...(wantXml ? { xml: renderXml(nodes) } : {}),
          ...(wantJson ? { json: renderJson(nodes) } : {}),
        };
        summary.records++;
        yield record;
        if (summary.records >= maxRecords) return;
      } catch (err) {
        summary.damagedRecords++;
        yield { kind: 'damaged', scope: 'record', chunk: index, offset: slot.offset, recordId, reason: message(err) };
      }
    }
  }
}
