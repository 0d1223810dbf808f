// Test support: builds small EVTX files in memory (file header, one chunk, records) with BinXML written
// token by token, so that tests can exercise tokens and value types the corpus lacks.
import { crc32 } from 'node:zlib';

/** Writes BinXML whose first byte sits at chunk offset `base`. */
export class BinXmlWriter {
  readonly base: number;
  readonly out: number[] = [];
  constructor(base: number) {
    this.base = base;
  }
  get rel(): number {
    return this.base + this.out.length;
  }
  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  raw(bytes: Uint8Array | number[]): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }
  utf16(s: string): this {
    return this.raw(Buffer.from(s, 'utf16le'));
  }
  /** A name reference with the name record inline. */
  name(s: string): this {
    this.u32(this.rel + 4);
    return this.u32(0).u16(0).u16(s.length).utf16(s).u16(0);
  }
  header(): this {
    return this.u8(0x0f).u8(1).u8(1).u8(0);
  }
  /** Positions of the data-size fields of the open elements, patched when each element ends. */
  private readonly sizes: number[] = [];

  open(name: string, attrs = false): this {
    this.u8(attrs ? 0x41 : 0x01).u16(0xffff);
    this.sizes.push(this.out.length);
    this.u32(0).name(name);
    this.attrList = attrs ? this.out.length : -1;
    return attrs ? this.u32(0) : this;
  }

  /** Position of the attribute-list size of the element being opened (-1: none). */
  private attrList = -1;

  private patchAttrList(): this {
    if (this.attrList < 0) return this;
    const size = this.out.length - this.attrList - 4;
    this.out.splice(this.attrList, 4, size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24);
    this.attrList = -1;
    return this;
  }

  private patchSize(): this {
    const at = this.sizes.pop();
    if (at === undefined) return this;
    const size = this.out.length - at - 4;
    this.out.splice(at, 4, size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24);
    return this;
  }
  attr(name: string, more = false): this {
    return this.u8(more ? 0x46 : 0x06).name(name);
  }
  closeStart(): this {
    return this.patchAttrList().u8(0x02);
  }
  closeEmpty(): this {
    return this.patchAttrList().u8(0x03).patchSize();
  }
  end(): this {
    return this.u8(0x04).patchSize();
  }
  text(s: string): this {
    return this.u8(0x05).u8(0x01).u16(s.length).utf16(s);
  }
  sub(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
  }
  eof(): this {
    return this.u8(0x00);
  }
  /** Template instance with an inline definition written by `body`, then the values. */
  /** Chunk offset of the last inline template definition written. */
  lastTemplate = -1;

  template(body: (w: BinXmlWriter) => void, values: Array<{ type: number; bytes: Uint8Array | number[] }>): this {
    this.u8(0x0c).u8(1).u32(1);
    this.lastTemplate = this.rel + 4;
    this.u32(this.rel + 4);
    const sizeAt = this.out.length + 20;
    this.u32(0).raw(new Array<number>(16).fill(0x11)).u32(0);
    const start = this.out.length;
    body(this);
    const size = this.out.length - start;
    this.out.splice(sizeAt, 4, size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24);
    return this.values(values);
  }

  /** Template instance of a definition written earlier in the chunk, then the values. */
  templateRef(defOffset: number, values: Array<{ type: number; bytes: Uint8Array | number[] }>): this {
    return this.u8(0x0c).u8(1).u32(1).u32(defOffset).values(values);
  }

  private values(values: Array<{ type: number; bytes: Uint8Array | number[] }>): this {
    this.u32(values.length);
    for (const v of values) this.u16(v.bytes.length).u8(v.type).u8(0);
    for (const v of values) this.raw(v.bytes);
    return this;
  }
}

export const RECORDS_START = 512;
const RECORD_HEADER = 24;

/** The chunk offset where a record's BinXML starts, given the sizes of the records before it. */
export function binxmlBase(previousRecordsBytes: number): number {
  return RECORDS_START + previousRecordsBytes + RECORD_HEADER;
}

/** One record: header, BinXML, size copy (padded to 8 bytes). */
export function record(id: number, binxml: number[], ticks = 132_440_000_000_000_000n): Buffer {
  const size = Math.ceil((RECORD_HEADER + binxml.length + 4) / 8) * 8;
  const r = Buffer.alloc(size);
  r.write('**\0\0', 0, 'latin1');
  r.writeUInt32LE(size, 4);
  r.writeBigUInt64LE(BigInt(id), 8);
  r.writeBigUInt64LE(ticks, 16);
  Buffer.from(binxml).copy(r, RECORD_HEADER);
  r.writeUInt32LE(size, size - 4);
  return r;
}

/** A whole file: 4 KiB header and one 64 KiB chunk holding `records`, with valid checksums. */
export function evtxFile(records: Buffer[], firstId = 1): Buffer {
  const header = Buffer.alloc(4096);
  header.write('ElfFile\0', 0, 'latin1');
  header.writeBigUInt64LE(BigInt(firstId + records.length), 24);
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(4096, 40);
  header.writeUInt16LE(1, 42);
  header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
  const chunk = Buffer.alloc(65536);
  chunk.write('ElfChnk\0', 0, 'latin1');
  const body = Buffer.concat(records);
  body.copy(chunk, RECORDS_START);
  chunk.writeBigUInt64LE(1n, 8);
  chunk.writeBigUInt64LE(BigInt(records.length), 16);
  chunk.writeBigUInt64LE(BigInt(firstId), 24);
  chunk.writeBigUInt64LE(BigInt(firstId + records.length - 1), 32);
  chunk.writeUInt32LE(128, 40);
  chunk.writeUInt32LE(RECORDS_START + body.length - (records.at(-1)?.length ?? 0), 44);
  chunk.writeUInt32LE(RECORDS_START + body.length, 48);
  chunk.writeUInt32LE(crc32(chunk.subarray(RECORDS_START, RECORDS_START + body.length)), 52);
  chunk.writeUInt32LE(crc32(chunk.subarray(128, 512), crc32(chunk.subarray(0, 120))), 124);
  return Buffer.concat([header, chunk]);
}

/** A record holding <Event><V>text</V></Event>, placed after `before` bytes of records. */
export function simpleRecord(id: number, before: number, text: string): Buffer {
  const w = new BinXmlWriter(binxmlBase(before)).header().open('Event').closeStart().open('V').closeStart().text(text).end().end().eof();
  return record(id, w.out);
}

/** A valid file with records 10, 11 and 12. */
export function threeRecordFile(): Buffer {
  const r1 = simpleRecord(10, 0, 'one');
  const r2 = simpleRecord(11, r1.length, 'two');
  const r3 = simpleRecord(12, r1.length + r2.length, 'three');
  return evtxFile([r1, r2, r3], 10);
}
