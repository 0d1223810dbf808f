// Minimal CBOR decoder (RFC 8949) for C2PA assertion boxes: definite lengths, bounded depth; tags are
// dropped (their content kept), indefinite lengths refused.

export class CborError extends Error {}

export function decodeCbor(b: Uint8Array): unknown {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  const need = (n: number) => {
    if (n < 0 || p + n > b.length) throw new CborError('truncated CBOR');
  };
  const arg = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : -1;
    if (size < 0) throw new CborError('indefinite or reserved CBOR length');
    need(size);
    let v: number;
    if (size === 1) v = b[p]!;
    else if (size === 2) v = dv.getUint16(p);
    else if (size === 4) v = dv.getUint32(p);
    else {
      const big = dv.getBigUint64(p);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('CBOR integer too large');
      v = Number(big);
    }
    p += size;
    return v;
  };
  const item = (depth: number): unknown => {
    if (depth > 64) throw new CborError('CBOR nested too deeply');
    need(1);
    const ib = b[p++]!;
    const major = ib >> 5;
    const info = ib & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      if (info === 23) return undefined;
      if (info === 25) {
        need(2);
        const h = dv.getUint16(p);
        p += 2;
        const e = (h >> 10) & 31;
        const m = h & 1023;
        const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
        return h & 0x8000 ? -v : v;
      }
      if (info === 26) {
        need(4);
        p += 4;
        return dv.getFloat32(p - 4);
      }
      if (info === 27) {
        need(8);
        p += 8;
        return dv.getFloat64(p - 8);
      }
      if (info < 24) return info;
      throw new CborError('unsupported CBOR simple value');
    }
    const n = arg(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
        need(n);
        p += n;
        return b.subarray(p - n, p);
      case 3:
        need(n);
        p += n;
        return new TextDecoder().decode(b.subarray(p - n, p));
      case 4: {
        need(n); // each element takes at least one byte
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(item(depth + 1));
        return out;
      }
      case 5: {
        need(n * 2);
        const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (let i = 0; i < n; i++) {
          const k = item(depth + 1);
          out[typeof k === 'string' ? k : String(k)] = item(depth + 1);
        }
        return out;
      }
      default: // 6: tag
        return item(depth + 1);
    }
  };
  return item(0);
}
