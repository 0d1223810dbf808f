import { deflateSync } from 'node:zlib';
import { GifWriter } from 'omggif';
import { describe, expect, it } from 'vitest';
import { decodeImage, ImageDecodeError } from './decode.ts';
import { jpegOrientation } from './exif.ts';

function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(width: number, height: number, rows?: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 0; // 8-bit grey
  const raw = rows ?? new Uint8Array((width + 1) * height);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
function bmp24(width: number, height: number): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const b = Buffer.alloc(54 + stride * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) b.fill(x * 10, 54 + y * stride + x * 3, 54 + y * stride + x * 3 + 3);
  return b;
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ImageDecodeError);
    return (e as ImageDecodeError).reason;
  }
}

describe('image decoding', () => {
  it('decodes a grey PNG and a 24-bit BMP', async () => {
    const p = await decodeImage(png(3, 2));
    expect([p.width, p.height, p.mime]).toEqual([3, 2, 'image/png']);
    const b = await decodeImage(bmp24(5, 4));
    expect([b.width, b.height, b.channels, b.data[3]]).toEqual([5, 4, 3, 10]);
  });

  it('decodes the first frame of a GIF through its palette', async () => {
    const buf = new Uint8Array(4096);
    const w = new GifWriter(buf, 8, 6, { loop: 0 });
    const pixels = Array.from({ length: 48 }, (_, i) => (i % 8 < 4 ? 0 : 1));
    w.addFrame(0, 0, 8, 6, pixels, { palette: [0x000000, 0xff8000] });
    w.addFrame(0, 0, 8, 6, pixels.map(() => 0), { palette: [0x000000, 0xff8000] });
    const g = await decodeImage(buf.subarray(0, w.end()));
    expect([g.mime, g.width, g.height, g.channels]).toEqual(['image/gif', 8, 6, 4]);
    expect([...g.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...g.data.subarray(16, 20)]).toEqual([255, 128, 0, 255]);
  });

  it('refuses decompression bombs from the header, before decoding', async () => {
    // 100000 × 100000 declared, a few bytes of data
    expect(await reason(decodeImage(png(100_000, 100_000, new Uint8Array(10))))).toBe('too-many-pixels');
    expect(await reason(decodeImage(png(200, 200), { maxPixels: 10_000 }))).toBe('too-many-pixels');
  });

  it('refuses files over the byte limit', async () => {
    expect(await reason(decodeImage(png(10, 10), { maxBytes: 20 }))).toBe('too-large');
  });

  it('reports truncated, corrupt, empty and non-image input without throwing anything else', async () => {
    const good = png(40, 40);
    expect(await reason(decodeImage(good.subarray(0, good.length - 30)))).toBe('corrupt');
    const bad = Buffer.from(good);
    bad.fill(0xaa, 40, 60);
    expect(await reason(decodeImage(bad))).toBe('corrupt');
    expect(await reason(decodeImage(new Uint8Array(0)))).toBe('unsupported');
    expect(await reason(decodeImage(Buffer.from('{"not":"an image"}')))).toBe('unsupported');
    expect(await reason(decodeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])))).toBe('corrupt');
    expect(await reason(decodeImage(Buffer.from('GIF89a\x05\x00\x05\x00garbage', 'latin1')))).toBe('corrupt');
    expect(await reason(decodeImage(Buffer.from('RIFF\x20\0\0\0WEBPVP8 garbage-garbage-garbage', 'latin1')))).not.toBe('ok');
    expect(await reason(decodeImage(Buffer.from('II*\0', 'latin1')))).toBe('unsupported');
  });

  it('survives random bytes behind every image signature', async () => {
    const sigs = ['\xff\xd8\xff', '\x89PNG\r\n\x1a\n', 'GIF89a', 'BM', 'RIFF\0\0\0\0WEBPVP8L'];
    let seed = 7;
    for (const sig of sigs) {
      for (let i = 0; i < 20; i++) {
        const body = new Uint8Array(64 + i * 37);
        for (let k = 0; k < body.length; k++) body[k] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16;
        const bytes = Buffer.concat([Buffer.from(sig, 'latin1'), body]);
        const r = await reason(decodeImage(bytes, { maxPixels: 4_000_000 }));
        expect(['ok', 'corrupt', 'unsupported', 'too-many-pixels']).toContain(r);
      }
    }
  });

  it('reads the EXIF orientation of a JPEG and ignores a missing one', () => {
    const tiff = Buffer.from('MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0', 'latin1');
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, tiff.length + 8]), Buffer.from('Exif\0\0', 'latin1'), tiff]);
    expect(jpegOrientation(Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xd9])]))).toBe(6);
    expect(jpegOrientation(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBe(1);
  });
});
