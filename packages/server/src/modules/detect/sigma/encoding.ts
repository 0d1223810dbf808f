// Encoding modifiers (modifiers appendix, "Encoding"): utf16le/wide, utf16be, utf16 (with BOM), base64 and
// base64offset. Intermediate values are byte strings (one char per byte, 0–255) or ordinary text.

/** A value on its way through the encoding modifiers: text, or bytes held one per char. */
export interface Encoded {
  s: string;
  bytes: boolean;
}

function toBytes(v: Encoded): Uint8Array {
  if (!v.bytes) return new TextEncoder().encode(v.s);
  const out = new Uint8Array(v.s.length);
  for (let i = 0; i < v.s.length; i++) out[i] = v.s.charCodeAt(i) & 0xff;
  return out;
}

function fromBytes(b: Uint8Array): Encoded {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return { s, bytes: true };
}

function utf16Units(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

export function utf16le(v: Encoded): Encoded {
  return fromBytes(utf16Units(v.s, true));
}

export function utf16be(v: Encoded): Encoded {
  return fromBytes(utf16Units(v.s, false));
}

/** UTF-16 with a byte order mark; little endian like Windows (`FF FE`). */
export function utf16bom(v: Encoded): Encoded {
  const body = utf16Units(v.s, true);
  const out = new Uint8Array(body.length + 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  out.set(body, 2);
  return fromBytes(out);
}

export function base64(v: Encoded): string {
  return Buffer.from(toBytes(v)).toString('base64');
}

/**
 * The three base64 forms of a value placed at byte offset 0, 1 or 2 of a longer encoded string, trimmed to
 * the characters that do not depend on the neighbouring bytes.
 */
export function base64offset(v: Encoded): string[] {
  const bytes = toBytes(v);
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const enc = Buffer.from(padded).toString('base64');
    const start = [0, 2, 3][shift] as number;
    const endTrim = [0, 3, 2][(bytes.length + shift) % 3] as number;
    const body = enc.slice(start, enc.length - endTrim);
    if (body && !out.includes(body)) out.push(body);
  }
  return out;
}
