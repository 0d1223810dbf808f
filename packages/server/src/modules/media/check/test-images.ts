// Test support: synthetic PNG images with enough structure for a PDQ quality of 100, and their
// rotated and slightly altered copies (written here so that tests need no corpus).
import { PNG } from 'pngjs';

export function pictureRgba(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const blobs = Array.from({ length: 12 }, () => ({ x: rnd() * width, y: rnd() * height, r: 10 + rnd() * width / 4, c: [rnd() * 255, rnd() * 255, rnd() * 255] }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c = [(x * 255) / width, (y * 255) / height, 128];
      for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) c = b.c;
      const i = (y * width + x) * 4;
      out[i] = c[0]!;
      out[i + 1] = c[1]!;
      out[i + 2] = c[2]!;
      out[i + 3] = 255;
    }
  }
  return out;
}

export function png(width: number, height: number, rgba: Uint8Array): Buffer {
  const img = new PNG({ width, height });
  img.data = Buffer.from(rgba);
  return PNG.sync.write(img);
}

/** Rotated a quarter turn counter-clockwise. */
export function rotate90(width: number, height: number, rgba: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const out = new Uint8Array(rgba.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const nx = y;
      const ny = width - 1 - x;
      out.set(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4), (ny * height + nx) * 4);
    }
  }
  return { width: height, height: width, rgba: out };
}

/** A copy with a caption bar painted over the bottom `share` of the picture. */
export function withBar(width: number, height: number, rgba: Uint8Array, share: number): Uint8Array {
  const out = Uint8Array.from(rgba);
  for (let y = Math.floor(height * (1 - share)); y < height; y++) out.fill(255, y * width * 4, (y + 1) * width * 4);
  return out;
}
