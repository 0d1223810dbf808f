// EXIF Orientation (tag 0x0112) from a JPEG's APP1 segment, and applying it to decoded pixels.

/** The Orientation value 1–8, or 1 when absent or unreadable. */
export function jpegOrientation(b: Uint8Array): number {
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return 1;
    const marker = b[p + 1]!;
    if (marker === 0xd9 || marker === 0xda) return 1; // end of image / start of scan: no EXIF before the data
    if (marker === 0xff) { p++; continue; }
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    if (len < 2) return 1;
    if (marker === 0xe1 && len >= 16 && b[p + 4] === 0x45 && b[p + 5] === 0x78 && b[p + 6] === 0x69 && b[p + 7] === 0x66) {
      return tiffOrientation(b.subarray(p + 10, Math.min(b.length, p + 2 + len)));
    }
    p += 2 + len;
  }
  return 1;
}

function tiffOrientation(t: Uint8Array): number {
  if (t.length < 8) return 1;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return 1;
  const u16 = (o: number): number => (o + 2 > t.length ? -1 : le ? t[o]! | (t[o + 1]! << 8) : (t[o]! << 8) | t[o + 1]!);
  const u32 = (o: number): number =>
    o + 4 > t.length ? -1 : le ? t[o]! + (t[o + 1]! << 8) + (t[o + 2]! << 16) + t[o + 3]! * 2 ** 24 : t[o]! * 2 ** 24 + ((t[o + 1]! << 16) | (t[o + 2]! << 8) | t[o + 3]!);
  const ifd = u32(4);
  if (ifd < 8) return 1;
  const count = u16(ifd);
  if (count < 0) return 1;
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return 1;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** Rotates/mirrors pixels so an image with EXIF Orientation `o` is shown upright. */
export function applyOrientation(img: Pixels, o: number): Pixels {
  if (o <= 1 || o > 8) return img;
  const { width: w, height: h, channels: c, data } = img;
  const swap = o >= 5;
  const nw = swap ? h : w;
  const nh = swap ? w : h;
  const out = new Uint8Array(nw * nh * c);
  for (let y = 0; y < nh; y++) {
    for (let x = 0; x < nw; x++) {
      // source coordinates of display pixel (x, y)
      let sx: number;
      let sy: number;
      switch (o) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const s = (sy * w + sx) * c;
      const d = (y * nw + x) * c;
      for (let k = 0; k < c; k++) out[d + k] = data[s + k]!;
    }
  }
  return { data: out, width: nw, height: nh, channels: c };
}
