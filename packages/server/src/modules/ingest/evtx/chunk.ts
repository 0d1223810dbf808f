// An EVTX chunk (64 KiB, "ElfChnk\0"): its 512-byte header and the event records that follow it.
import { crc32 } from 'node:zlib';
import type { Bytes } from './bytes.ts';
import { EvtxFormatError } from './errors.ts';

export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
const SIGNATURE = 'ElfChnk\0';
const RECORD_SIGNATURE = 0x00002a2a; // "**\0\0"
const RECORD_HEADER_SIZE = 24;

export interface ChunkHeader {
  /** Absolute offset of the chunk in the file. */
  readonly start: number;
  readonly firstRecordNumber: bigint;
  readonly lastRecordNumber: bigint;
  readonly firstRecordId: bigint;
  readonly lastRecordId: bigint;
  readonly headerSize: number;
  readonly lastRecordOffset: number;
  readonly freeSpaceOffset: number;
  readonly recordsChecksum: number;
  readonly headerChecksum: number;
  /** CRC32 of bytes 0–119 and 128–511 equals the stored header checksum. */
  readonly headerChecksumOk: boolean;
  /** CRC32 of the record area (512 up to the free-space offset) equals the stored records checksum. */
  readonly recordsChecksumOk: boolean;
}

export function isChunkAt(b: Bytes, start: number): boolean {
  return start + CHUNK_SIZE <= b.length && b.ascii(start, 8) === SIGNATURE;
}

export function parseChunkHeader(b: Bytes, start: number): ChunkHeader {
  b.check(start, CHUNK_SIZE, 'chunk');
  if (b.ascii(start, 8) !== SIGNATURE) throw new EvtxFormatError('no ElfChnk signature', start);
  const freeSpaceOffset = b.u32(start + 48);
  const headerChecksum = b.u32(start + 124);
  const recordsChecksum = b.u32(start + 52);
  const headerCrc = crc32(b.buf.subarray(start + 128, start + CHUNK_HEADER_SIZE), crc32(b.buf.subarray(start, start + 120)));
  const recordsEnd = Math.min(Math.max(freeSpaceOffset, CHUNK_HEADER_SIZE), CHUNK_SIZE);
  return {
    start,
    firstRecordNumber: b.u64(start + 8),
    lastRecordNumber: b.u64(start + 16),
    firstRecordId: b.u64(start + 24),
    lastRecordId: b.u64(start + 32),
    headerSize: b.u32(start + 40),
    lastRecordOffset: b.u32(start + 44),
    freeSpaceOffset,
    recordsChecksum,
    headerChecksum,
    headerChecksumOk: headerCrc === headerChecksum,
    recordsChecksumOk: crc32(b.buf.subarray(start + CHUNK_HEADER_SIZE, start + recordsEnd)) === recordsChecksum,
  };
}

export interface RecordSlot {
  /** Absolute offset of the record header. */
  readonly offset: number;
  readonly size: number;
  readonly recordId: bigint;
  /** FILETIME ticks. */
  readonly written: bigint;
  /** Absolute offset and end of the record's BinXML. */
  readonly binxmlStart: number;
  readonly binxmlEnd: number;
}

/**
 * The records of a chunk, in order, from offset 512 up to the free-space offset. A record whose
 * header is invalid ends the walk with an EvtxFormatError (its size cannot be trusted to find the next).
 */
export function* chunkRecords(b: Bytes, chunk: ChunkHeader): Generator<RecordSlot> {
  const end = chunk.start + Math.min(chunk.freeSpaceOffset, CHUNK_SIZE);
  let off = chunk.start + CHUNK_HEADER_SIZE;
  while (off + RECORD_HEADER_SIZE <= end) {
    if (b.u32(off) !== RECORD_SIGNATURE) throw new EvtxFormatError('no record signature', off);
    const size = b.u32(off + 4);
    if (size < RECORD_HEADER_SIZE + 4 || off + size > end) throw new EvtxFormatError(`record size ${size} out of bounds`, off);
    if (b.u32(off + size - 4) !== size) throw new EvtxFormatError('record size copy differs', off + size - 4);
    yield {
      offset: off,
      size,
      recordId: b.u64(off + 8),
      written: b.u64(off + 16),
      binxmlStart: off + RECORD_HEADER_SIZE,
      binxmlEnd: off + size - 4,
    };
    off += size;
  }
}
