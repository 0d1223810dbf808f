// Text normalisation for the scanners: lower case, zero-width and format characters dropped, full-width
// ASCII folded to ASCII. Keeps a map from each normalised code unit back to its offset in the original
// text, so that findings point at the text the user sent.

/** Lower-case table for the Basic Multilingual Plane, filled lazily: 0 = not computed yet, 0xffff = the
 *  lower-case form is longer than one code unit (then String#toLowerCase is used for that character). */
const LOWER = new Uint16Array(0x10000);
const MULTI = 0xffff;

function isDropped(c: number): boolean {
  return c === 0x00ad || c === 0x180e || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff;
}

export interface Normalized {
  /** The normalised text. */
  readonly text: string;
  /** map[i] = offset in the original text of the normalised code unit i; map[text.length] = original length.
   *  null when the offsets are the same (ASCII text, the common case). */
  readonly map: Int32Array | null;
}

/** Offset in the original text of offset i of the normalised text. */
export function originalOffset(n: Normalized, i: number): number {
  const j = Math.max(0, Math.min(i, n.text.length));
  return n.map === null ? j : n.map[j]!;
}

const NON_ASCII = /[^\t\n\r -~]/; // anything but printable ASCII and common whitespace takes the full path

let codes = new Uint16Array(4096);
let offsets = new Int32Array(4097);

function grow(need: number): void {
  if (need <= codes.length) return;
  let size = codes.length;
  while (size < need) size *= 2;
  const c = new Uint16Array(size);
  c.set(codes);
  codes = c;
  const o = new Int32Array(size + 1);
  o.set(offsets);
  offsets = o;
}

/** Builds a string from code units without a call per character (chunks keep the argument list short). */
export function fromCodes(buf: Uint16Array, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return out;
}

export function normalize(input: string): Normalized {
  if (!NON_ASCII.test(input)) return { text: input.toLowerCase(), map: null };
  grow(input.length * 2 + 16);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      codes[n] = c;
      offsets[n++] = i;
      continue;
    }
    if (isDropped(c)) continue;
    if (c >= 0xff01 && c <= 0xff5e) {
      c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      codes[n] = c;
      offsets[n++] = i;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      codes[n] = c;
      offsets[n++] = i;
      continue;
    }
    let l = LOWER[c]!;
    if (l === 0) {
      const s = String.fromCharCode(c).toLowerCase();
      l = s.length === 1 && s.charCodeAt(0) !== MULTI ? s.charCodeAt(0) : MULTI;
      LOWER[c] = l;
    }
    if (l !== MULTI) {
      codes[n] = l;
      offsets[n++] = i;
    } else {
      const s = String.fromCharCode(c).toLowerCase();
      grow(n + s.length + input.length - i + 16);
      for (let k = 0; k < s.length; k++) {
        codes[n] = s.charCodeAt(k);
        offsets[n++] = i;
      }
    }
  }
  offsets[n] = input.length;
  return { text: fromCodes(codes, n), map: offsets.slice(0, n + 1) };
}
