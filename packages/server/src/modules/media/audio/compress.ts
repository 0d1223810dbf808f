// The compressed fingerprint string fpcalc prints (and AcoustID accepts): a 4-byte header (algorithm
// number, then the item count as 24-bit big-endian), then each item XORed with the previous one and
// written as the gaps between its set bits: every gap as a 3-bit code (7 = "7 or more"), a 0 code ending
// the item; then, for each gap of 7 or more, the excess as a 5-bit code. Bits are packed least
// significant first; the whole is encoded in URL-safe base64 without padding.

const ALGORITHM = 1; // "algorithm 2" (TEST2) is numbered 1 in the header, as fpcalc writes it

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, width: number): void {
    this.acc |= value << this.n;
    this.n += width;
    while (this.n >= 8) {
      this.bytes.push(this.acc & 0xff);
      this.acc >>>= 8;
      this.n -= 8;
    }
  }
  flush(): void {
    if (this.n > 0) this.bytes.push(this.acc & 0xff);
    this.acc = 0;
    this.n = 0;
  }
}

class BitReader {
  private pos = 0; // bit position
  private readonly data: Uint8Array;
  private readonly start: number;
  constructor(data: Uint8Array, start: number) {
    this.data = data;
    this.start = start;
  }
  read(width: number): number {
    let v = 0;
    for (let i = 0; i < width; i++) {
      const bit = this.pos + i;
      const byte = this.data[this.start + (bit >> 3)];
      if (byte === undefined) throw new Error('compressed fingerprint is truncated');
      v |= ((byte >> (bit & 7)) & 1) << i;
    }
    this.pos += width;
    return v;
  }
  /** Byte offset just after the last byte touched. */
  end(): number {
    return this.start + Math.ceil(this.pos / 8);
  }
}

/** fpcalc's compressed string for a raw fingerprint. */
export function compressFingerprint(raw: ArrayLike<number>, algorithm = ALGORITHM): string {
  const codes: number[] = [];
  let prev = 0;
  for (let i = 0; i < raw.length; i++) {
    let x = (raw[i]! ^ prev) >>> 0;
    prev = raw[i]! >>> 0;
    let last = 0;
    for (let bit = 1; x !== 0; bit++, x >>>= 1) {
      if (x & 1) {
        codes.push(bit - last);
        last = bit;
      }
    }
    codes.push(0);
  }
  const w = new BitWriter();
  w.bytes.push(algorithm & 0xff, (raw.length >>> 16) & 0xff, (raw.length >>> 8) & 0xff, raw.length & 0xff);
  for (const code of codes) w.write(Math.min(code, 7), 3);
  w.flush();
  for (const code of codes) if (code >= 7) w.write(code - 7, 5);
  w.flush();
  return Buffer.from(w.bytes).toString('base64url');
}

/** Raw fingerprint and algorithm number from fpcalc's compressed string. */
export function decompressFingerprint(text: string): { algorithm: number; raw: Uint32Array } {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('compressed fingerprint is not URL-safe base64');
  const data = new Uint8Array(Buffer.from(text, 'base64url'));
  if (data.length < 4) throw new Error('compressed fingerprint is too short');
  const algorithm = data[0]!;
  const count = (data[1]! << 16) | (data[2]! << 8) | data[3]!;
  if (count > data.length * 8) throw new Error('compressed fingerprint claims more items than it can hold');
  const normal = new BitReader(data, 4);
  const codes: number[] = [];
  let items = 0;
  while (items < count) {
    const code = normal.read(3);
    codes.push(code);
    if (code === 0) items++;
  }
  const exceptions = new BitReader(data, normal.end());
  const raw = new Uint32Array(count);
  let prev = 0;
  let item = 0;
  let value = 0;
  let bit = 0;
  for (const c of codes) {
    if (c === 0) {
      prev = (prev ^ value) >>> 0;
      raw[item++] = prev;
      value = 0;
      bit = 0;
      continue;
    }
    const gap = c === 7 ? 7 + exceptions.read(5) : c;
    bit += gap;
    if (bit > 32) throw new Error('compressed fingerprint has a bit beyond 32');
    value = (value | (1 << (bit - 1))) >>> 0;
  }
  return { algorithm, raw };
}
