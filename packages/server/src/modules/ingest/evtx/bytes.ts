// Bounds-checked little-endian reads over one file buffer; every read outside [0, length) throws.
import { EvtxFormatError } from './errors.ts';

export class Bytes {
  readonly buf: Buffer;
  readonly length: number;
  constructor(data: Uint8Array) {
    this.buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.length = this.buf.length;
  }

  check(off: number, size: number, what: string): void {
    if (!(off >= 0 && size >= 0 && off + size <= this.length)) throw new EvtxFormatError(`${what}: ${size} bytes out of bounds`, off);
  }

  u8(off: number): number {
    this.check(off, 1, 'u8');
    return this.buf[off]!;
  }

  u16(off: number): number {
    this.check(off, 2, 'u16');
    return this.buf.readUInt16LE(off);
  }

  u32(off: number): number {
    this.check(off, 4, 'u32');
    return this.buf.readUInt32LE(off);
  }

  u64(off: number): bigint {
    this.check(off, 8, 'u64');
    return this.buf.readBigUInt64LE(off);
  }

  /** `count` UTF-16LE code units starting at `off`. */
  utf16(off: number, count: number): string {
    this.check(off, count * 2, 'UTF-16 string');
    return this.buf.toString('utf16le', off, off + count * 2);
  }

  ascii(off: number, size: number): string {
    this.check(off, size, 'signature');
    return this.buf.toString('latin1', off, off + size);
  }
}
