// 256-bit PDQ hashes as eight unsigned 32-bit words (word 0 = the first 8 hex characters), and the
// Hamming distance between two of them.

export const PDQ_WORDS = 8;
const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Parses 64 hexadecimal characters into eight 32-bit words; throws a clear error for anything else. */
export function parsePdqHex(hex: string, into: Uint32Array = new Uint32Array(PDQ_WORDS), at = 0): Uint32Array {
  if (typeof hex !== 'string' || !HEX64.test(hex)) {
    const shown = typeof hex === 'string' ? JSON.stringify(hex.length > 80 ? `${hex.slice(0, 80)}…` : hex) : typeof hex;
    const length = typeof hex === 'string' ? ` (${hex.length} characters)` : '';
    throw new Error(`a PDQ hash is 64 hexadecimal characters, got ${shown}${length}`);
  }
  for (let w = 0; w < PDQ_WORDS; w++) into[at + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return into;
}

/** The 64 lower-case hex characters of the hash stored at `words[at .. at+8)`. */
export function pdqToHex(words: Uint32Array, at = 0): string {
  let s = '';
  for (let w = 0; w < PDQ_WORDS; w++) s += (words[at + w]! >>> 0).toString(16).padStart(8, '0');
  return s;
}

/** Number of set bits in a 32-bit word (SWAR bit tricks). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between the hashes at `a[ai ..]` and `b[bi ..]` (0..256). */
export function hamming(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) d += popcount32((a[ai + w]! ^ b[bi + w]!) >>> 0);
  return d;
}
