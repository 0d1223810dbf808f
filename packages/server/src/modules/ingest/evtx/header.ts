// The EVTX file header: the first 128 bytes of the 4096-byte header block ("ElfFile\0").
import { crc32 } from 'node:zlib';
import type { Bytes } from './bytes.ts';
import { EvtxFormatError } from './errors.ts';

export const FILE_HEADER_BLOCK = 4096;
const SIGNATURE = 'ElfFile\0';

export interface FileHeader {
  readonly firstChunk: bigint;
  readonly lastChunk: bigint;
  readonly nextRecordId: bigint;
  readonly headerSize: number;
  readonly minorVersion: number;
  readonly majorVersion: number;
  readonly blockSize: number;
  readonly chunkCount: number;
  readonly flags: number;
  readonly checksum: number;
  /** CRC32 of the first 120 bytes equals the stored checksum. */
  readonly checksumOk: boolean;
}

export function parseFileHeader(b: Bytes): FileHeader {
  b.check(0, 128, 'file header');
  if (b.ascii(0, 8) !== SIGNATURE) throw new EvtxFormatError('not an EVTX file: no ElfFile signature', 0);
  const checksum = b.u32(124);
  return {
    firstChunk: b.u64(8),
    lastChunk: b.u64(16),
    nextRecordId: b.u64(24),
    headerSize: b.u32(32),
    minorVersion: b.u16(36),
    majorVersion: b.u16(38),
    blockSize: b.u16(40),
    chunkCount: b.u16(42),
    flags: b.u32(120),
    checksum,
    checksumOk: crc32(b.buf.subarray(0, 120)) === checksum,
  };
}
