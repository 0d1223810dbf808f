// BinXML value types (MS-EVEN6 §2.2.18 / libyal "value type") decoded from their raw bytes, rendered two
// ways: as evtxexport writes them in XML, and as evtx_dump writes them in JSON.
import { filetimeToIso } from './filetime.ts';
import type { RawValue } from './tree.ts';

const ANSI = new TextDecoder('windows-1252');
const ARRAY = 0x80;

/** Fixed element sizes of the scalar types (0 = variable). */
const SIZES: Record<number, number> = {
  0x03: 1, 0x04: 1, 0x05: 2, 0x06: 2, 0x07: 4, 0x08: 4, 0x09: 8, 0x0a: 8,
  0x0b: 4, 0x0c: 8, 0x0d: 4, 0x0f: 16, 0x11: 8, 0x12: 16, 0x14: 4, 0x15: 8,
};

function trimNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

function hex(buf: Buffer, off: number, size: number): string {
  return buf.toString('hex', off, off + size).toUpperCase();
}

function guid(buf: Buffer, o: number): string {
  const h = (a: number, b: number) => buf.toString('hex', a, b);
  const rev = (a: number, n: number) => Buffer.from(buf.subarray(a, a + n)).reverse().toString('hex');
  return `${rev(o, 4)}-${rev(o + 4, 2)}-${rev(o + 6, 2)}-${h(o + 8, o + 10)}-${h(o + 10, o + 16)}`.toUpperCase();
}

function sid(buf: Buffer, o: number, size: number): string {
  if (size < 8) return hex(buf, o, size);
  const rev = buf[o]!;
  const n = buf[o + 1]!;
  let auth = 0;
  for (let i = 0; i < 6; i++) auth = auth * 256 + buf[o + 2 + i]!;
  let s = `S-${rev}-${auth}`;
  for (let i = 0; i < n && o + 8 + i * 4 + 4 <= o + size; i++) s += `-${buf.readUInt32LE(o + 8 + i * 4)}`;
  return s;
}

function systemtime(buf: Buffer, o: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const w = (i: number) => buf.readUInt16LE(o + i * 2);
  return `${p(w(0), 4)}-${p(w(1))}-${p(w(3))}T${p(w(4))}:${p(w(5))}:${p(w(6))}.${p(w(7), 3)}Z`;
}

/** C's "%e" as evtxexport prints reals: six decimals and a three-digit exponent (1.500000e+000). */
function exponential(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const [mantissa, exp] = v.toExponential(6).split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(3, '0')}`;
}

/** The scalar at `o` as evtxexport prints it. */
function scalarText(type: number, buf: Buffer, o: number, size: number): string {
  switch (type) {
    case 0x01: return trimNul(buf.toString('utf16le', o, o + (size & ~1)));
    case 0x02: return trimNul(ANSI.decode(buf.subarray(o, o + size)));
    case 0x03: return String(buf.readInt8(o));
    case 0x04: return String(buf.readUInt8(o));
    case 0x05: return String(buf.readInt16LE(o));
    case 0x06: return String(buf.readUInt16LE(o));
    case 0x07: return String(buf.readInt32LE(o));
    case 0x08: return String(buf.readUInt32LE(o));
    case 0x09: return String(buf.readBigInt64LE(o));
    case 0x0a: return String(buf.readBigUInt64LE(o));
    case 0x0b: return exponential(buf.readFloatLE(o));
    case 0x0c: return exponential(buf.readDoubleLE(o));
    case 0x0d: return buf.readUInt32LE(o) !== 0 ? 'true' : 'false';
    case 0x0f: return `{${guid(buf, o)}}`;
    case 0x10: return size === 8 ? String(buf.readBigUInt64LE(o)) : size === 4 ? String(buf.readUInt32LE(o)) : hex(buf, o, size);
    case 0x11: return filetimeToIso(buf.readBigUInt64LE(o), 9);
    case 0x12: return systemtime(buf, o);
    case 0x13: return sid(buf, o, size);
    case 0x14: return `0x${buf.readUInt32LE(o).toString(16).padStart(8, '0')}`;
    case 0x15: return `0x${buf.readBigUInt64LE(o).toString(16).padStart(16, '0')}`;
    default: return hex(buf, o, size);
  }
}

/** The scalar at `o` as evtx_dump puts it in JSON. */
function scalarJson(type: number, buf: Buffer, o: number, size: number): unknown {
  switch (type) {
    case 0x03: case 0x04: case 0x05: case 0x06: case 0x07: case 0x08:
      return Number(scalarText(type, buf, o, size));
    case 0x0b: return buf.readFloatLE(o);
    case 0x0c: return buf.readDoubleLE(o);
    case 0x10: return size === 8 ? Number(buf.readBigUInt64LE(o)) : size === 4 ? buf.readUInt32LE(o) : hex(buf, o, size);
    case 0x09: case 0x0a: {
      const v = type === 0x09 ? buf.readBigInt64LE(o) : buf.readBigUInt64LE(o);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    }
    case 0x0d: return buf.readUInt32LE(o) !== 0;
    case 0x0f: return guid(buf, o);
    case 0x11: return filetimeToIso(buf.readBigUInt64LE(o), 6);
    case 0x14: return `0x${buf.readUInt32LE(o).toString(16)}`;
    case 0x15: return `0x${buf.readBigUInt64LE(o).toString(16)}`;
    case 0x01: case 0x02: return scalarText(type, buf, o, size).trimEnd(); // evtx_dump drops trailing blanks
    default: return scalarText(type, buf, o, size);
  }
}

/** Splits an array value into its elements' [offset, size]. */
export function arrayElements(v: RawValue): Array<[number, number]> {
  const base = v.type & ~ARRAY;
  const out: Array<[number, number]> = [];
  const end = v.off + v.size;
  if (base === 0x01) {
    let start = v.off;
    for (let o = v.off; o + 1 < end; o += 2) {
      if (v.buf[o] === 0 && v.buf[o + 1] === 0) {
        out.push([start, o - start]);
        start = o + 2;
      }
    }
    if (start + 1 < end) out.push([start, end - start]);
    return out;
  }
  if (base === 0x02) {
    let start = v.off;
    for (let o = v.off; o < end; o++) {
      if (v.buf[o] === 0) {
        out.push([start, o - start]);
        start = o + 1;
      }
    }
    if (start < end) out.push([start, end - start]);
    return out;
  }
  const size = SIZES[base] ?? (base === 0x10 ? (v.size % 8 === 0 ? 8 : 4) : 0);
  if (size === 0) return [[v.off, v.size]];
  for (let o = v.off; o + size <= end; o += size) out.push([o, size]);
  return out;
}

function fits(v: RawValue): boolean {
  const need = SIZES[v.type & ~ARRAY];
  return need === undefined || (v.type & ARRAY) !== 0 || v.size >= need;
}

/** evtxexport's text for a value (arrays: elements joined by ", "). */
export function valueText(v: RawValue): string {
  if (!fits(v)) return hex(v.buf, v.off, v.size);
  if (v.type & ARRAY) return arrayElements(v).map(([o, s]) => scalarText(v.type & ~ARRAY, v.buf, o, s)).join(', ');
  return scalarText(v.type, v.buf, v.off, v.size);
}

/** evtx_dump's JSON for a value (arrays as JSON arrays). */
export function valueJson(v: RawValue): unknown {
  if (!fits(v)) return hex(v.buf, v.off, v.size);
  if (v.type & ARRAY) return arrayElements(v).map(([o, s]) => scalarJson(v.type & ~ARRAY, v.buf, o, s));
  return scalarJson(v.type, v.buf, v.off, v.size);
}
