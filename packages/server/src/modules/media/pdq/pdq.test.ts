import { describe, expect, it } from 'vitest';
import { applyOrientation } from '../decode/exif.ts';
import { DIHEDRAL_NAMES, dct16, jaroszWindow, pdqDistance, pdqHash, type DihedralName } from './pdq.ts';

// A deterministic grey 64×64 test picture with structure at several scales and no symmetry.
function picture(w = 64, h = 64): Uint8Array {
  const out = new Uint8Array(w * h);
  let seed = 12345;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const v = 128 + 60 * Math.sin((x * 3.1) / w + (y * 7.3) / h) + 40 * Math.cos((x * y) / (w * 4)) + ((seed >> 16) % 21) - 10 + (x < w / 3 && y < h / 2 ? 30 : 0);
      out[y * w + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return out;
}

// EXIF orientation numbers that produce each dihedral transform of the stored image
const ORIENTATION: Record<DihedralName, number> = {
  original: 1, flipY: 2, rotate180: 3, flipX: 4, flipPlus1: 5, rotate90: 8, flipMinus1: 7, rotate270: 6,
};

describe('PDQ', () => {
  it('computes the Jarosz window as ceil(old / 128)', () => {
    expect(jaroszWindow(64, 64)).toBe(1);
    expect(jaroszWindow(128, 64)).toBe(1);
    expect(jaroszWindow(129, 64)).toBe(2);
    expect(jaroszWindow(1600, 64)).toBe(13);
  });

  it('prints 64 hex characters and a quality in 0..100', () => {
    const r = pdqHash({ data: picture(), width: 64, height: 64, channels: 1 });
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.quality).toBeGreaterThan(50);
    expect(r.quality).toBeLessThanOrEqual(100);
    // half the bits are above the median
    expect(pdqDistance(r.hash, '0'.repeat(64))).toBeGreaterThanOrEqual(120);
  });

  it('gives a flat image quality 0', () => {
    const r = pdqHash({ data: new Uint8Array(100 * 80 * 3).fill(77), width: 100, height: 80, channels: 3 });
    expect(r.quality).toBe(0);
  });

  it('derives the hash of each rotated or mirrored image from the DCT exactly', () => {
    const data = picture();
    const base = pdqHash({ data, width: 64, height: 64, channels: 1 }, { dihedral: true });
    for (const name of DIHEDRAL_NAMES) {
      const t = applyOrientation({ data, width: 64, height: 64, channels: 1 }, ORIENTATION[name]);
      expect(pdqHash(t).hash, name).toBe(base.dihedral[name]);
    }
    // transposing the image transposes the DCT block
    const t = applyOrientation({ data, width: 64, height: 64, channels: 1 }, 5);
    const a = dct16(Float64Array.from(data));
    const b = dct16(Float64Array.from(t.data));
    for (let u = 0; u < 16; u++) for (let v = 0; v < 16; v++) expect(b[u * 16 + v]).toBeCloseTo(a[v * 16 + u]!, 6);
  });

  it('is stable under resizing and treats RGB grey like grey', () => {
    const small = picture(64, 64);
    const big = new Uint8Array(256 * 256 * 3);
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) big.fill(small[(y >> 2) * 64 + (x >> 2)]!, (y * 256 + x) * 3, (y * 256 + x) * 3 + 3);
    const a = pdqHash({ data: small, width: 64, height: 64, channels: 1 }).hash;
    const b = pdqHash({ data: big, width: 256, height: 256, channels: 3 }).hash;
    expect(pdqDistance(a, b)).toBeLessThanOrEqual(24);
  });

  it('rejects malformed hashes in pdqDistance', () => {
    expect(() => pdqDistance('abc', '0'.repeat(64))).toThrow(/64 hexadecimal/);
  });
});
