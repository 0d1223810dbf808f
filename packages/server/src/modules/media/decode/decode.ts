// Image decoding to 8-bit pixels for hashing: JPEG (baseline and progressive; libjpeg as WASM, the
// pure-JS jpeg-js for what it refuses, such as CMYK), PNG (every colour
// type and depth, palette, alpha; 16-bit scaled to 8), GIF (first frame), BMP (uncompressed 1/4/8/24/32-bit)
// and WebP (libwebp as WASM). Dimensions are read from the header and checked against the pixel limit
// before any pixel buffer is allocated; any decoder failure becomes an ImageDecodeError.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { GifReader } from 'omggif';
import { detectFileType } from '../hash/filetype.ts';
import { applyOrientation, jpegOrientation, type Pixels } from './exif.ts';

export class ImageDecodeError extends Error {
  readonly reason: 'too-large' | 'too-many-pixels' | 'unsupported' | 'corrupt' | 'timeout';
  constructor(reason: ImageDecodeError['reason'], message: string) {
    super(message);
    this.name = 'ImageDecodeError';
    this.reason = reason;
  }
}

export interface DecodeLimits {
  /** Largest accepted file, bytes (default 64 MiB). */
  maxBytes?: number;
  /** Largest accepted width × height (default 50 megapixels): decompression bombs stop here. */
  maxPixels?: number;
  /** 'ignore' (default) hashes the stored pixels as ThreatExchange's reference tools do; 'apply' rotates per EXIF first. */
  exifOrientation?: 'ignore' | 'apply';
}

export const DEFAULT_LIMITS = { maxBytes: 64 * 1024 * 1024, maxPixels: 50_000_000 } as const;

export interface DecodedImage extends Pixels {
  mime: string;
  /** EXIF Orientation 1–8 found in the file (1 when none). */
  orientation: number;
  /** Whether the orientation was applied to `data`. */
  oriented: boolean;
}

function be16(b: Uint8Array, o: number): number { return (b[o]! << 8) | b[o + 1]!; }
function le16(b: Uint8Array, o: number): number { return b[o]! | (b[o + 1]! << 8); }
function le32(b: Uint8Array, o: number): number { return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 2 ** 24; }
function be32(b: Uint8Array, o: number): number { return b[o]! * 2 ** 24 + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!); }

/** Width and height from the header, without decoding; null when the header is unreadable. */
export function imageDimensions(b: Uint8Array, mime: string): { width: number; height: number } | null {
  try {
    switch (mime) {
      case 'image/png':
        return b.length >= 24 ? { width: be32(b, 16), height: be32(b, 20) } : null;
      case 'image/gif':
        return b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8) } : null;
      case 'image/bmp':
        return b.length >= 26 ? { width: Math.abs(le32(b, 18) | 0), height: Math.abs(le32(b, 22) | 0) } : null;
      case 'image/jpeg': {
        let p = 2;
        while (p + 9 <= b.length) {
          if (b[p] !== 0xff) return null;
          const m = b[p + 1]!;
          if (m === 0xff) { p++; continue; }
          if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { height: be16(b, p + 5), width: be16(b, p + 7) };
          if (m === 0xd9 || m === 0xda) return null;
          p += 2 + be16(b, p + 2);
        }
        return null;
      }
      case 'image/webp': {
        const chunk = String.fromCharCode(...b.subarray(12, 16));
        if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
        if (chunk === 'VP8L' && b.length >= 25) {
          const bits = le32(b, 21);
          return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
        }
        if (chunk === 'VP8 ' && b.length >= 30) return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
        return null;
      }
      default:
        return null;
    }
  } catch {
    return null;
  }
}

function decodeBmp(b: Uint8Array): Pixels {
  const dataOffset = le32(b, 10);
  const headerSize = le32(b, 14);
  if (headerSize < 40) throw new ImageDecodeError('unsupported', 'BMP: only BITMAPINFOHEADER and later headers are supported');
  const w = le32(b, 18) | 0;
  const hs = le32(b, 22) | 0;
  const bpp = le16(b, 28);
  const compression = le32(b, 30);
  if (compression !== 0 && compression !== 3) throw new ImageDecodeError('unsupported', `BMP: compression ${compression} is not supported`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new ImageDecodeError('unsupported', `BMP: ${bpp} bits per pixel is not supported`);
  const width = Math.abs(w);
  const height = Math.abs(hs);
  const topDown = hs < 0;
  const stride = Math.floor((width * bpp + 31) / 32) * 4;
  if (dataOffset + stride * height > b.length) throw new ImageDecodeError('corrupt', 'BMP: pixel data is truncated');
  const colours = le32(b, 46) || (bpp <= 8 ? 1 << bpp : 0);
  const palette = 14 + headerSize;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      let r: number, g: number, bl: number;
      if (bpp >= 24) {
        const p = row + x * (bpp / 8);
        bl = b[p]!; g = b[p + 1]!; r = b[p + 2]!;
      } else {
        const bit = x * bpp;
        const byte = b[row + (bit >> 3)]!;
        const idx = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        if (idx >= colours) throw new ImageDecodeError('corrupt', 'BMP: palette index out of range');
        const p = palette + idx * 4;
        bl = b[p]!; g = b[p + 1]!; r = b[p + 2]!;
      }
      const o = (y * width + x) * 3;
      out[o] = r; out[o + 1] = g; out[o + 2] = bl;
    }
  }
  return { data: out, width, height, channels: 3 };
}

type WasmDecode = (buf: ArrayBuffer) => Promise<{ data: Uint8ClampedArray; width: number; height: number }>;
const wasmDecoders = new Map<string, Promise<WasmDecode>>();

/** A Squoosh codec (`@jsquash/<name>`) compiled from its .wasm file on disk: no fetch, works offline. */
function loadWasmDecoder(pkg: '@jsquash/webp' | '@jsquash/jpeg', wasmFile: string): Promise<WasmDecode> {
  let p = wasmDecoders.get(pkg);
  if (!p) {
    p = (async () => {
      // the codecs' Emscripten glue builds its result with `new ImageData(...)`, which Node lacks
      const g = globalThis as { ImageData?: unknown };
      g.ImageData ??= class ImageData {
        data: Uint8ClampedArray;
        width: number;
        height: number;
        constructor(data: Uint8ClampedArray, width: number, height: number) {
          this.data = data;
          this.width = width;
          this.height = height;
        }
      };
      const require = createRequire(import.meta.url);
      const wasm = (globalThis as unknown as { WebAssembly: { compile: (b: Uint8Array) => Promise<WebAssembly.Module> } }).WebAssembly;
      const mod = await wasm.compile(readFileSync(require.resolve(`${pkg}/codec/dec/${wasmFile}`)));
      const dec = (await (pkg === '@jsquash/webp' ? import('@jsquash/webp/decode.js') : import('@jsquash/jpeg/decode.js'))) as {
        init: (m: WebAssembly.Module, overrides?: Record<string, unknown>) => Promise<void>;
        default: WasmDecode;
      };
      // libjpeg's warnings ("Corrupt JPEG data…") would otherwise go to the console
      const quiet = (): void => undefined;
      await dec.init(mod, { print: quiet, printErr: quiet });
      return dec.default;
    })();
    wasmDecoders.set(pkg, p);
  }
  return p;
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function toPixels(data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number): Pixels {
  const d = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { data: d, width, height, channels };
}

/**
 * JPEG through libjpeg (mozjpeg as WebAssembly: fast, and the decoder family the reference tools use);
 * files it refuses (CMYK/YCCK, some damaged streams) go to the pure-JS decoder, which handles those.
 */
async function decodeJpeg(bytes: Uint8Array, maxPixels: number): Promise<Pixels> {
  try {
    const dec = await loadWasmDecoder('@jsquash/jpeg', 'mozjpeg_dec.wasm');
    const r = await dec(arrayBufferOf(bytes));
    if (r.width > 0 && r.height > 0 && r.data.length >= r.width * r.height * 4) return toPixels(r.data, r.width, r.height, 4);
  } catch {
    // an aborted Emscripten instance stays unusable: start a fresh one next time, and try jpeg-js now
    wasmDecoders.delete('@jsquash/jpeg');
  }
  const r = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: true,
    maxResolutionInMP: Math.ceil(maxPixels / 1e6),
    maxMemoryUsageInMB: Math.max(512, Math.ceil((maxPixels * 4 * 3) / 2 ** 20)),
  });
  return toPixels(r.data, r.width, r.height, r.data.length / (r.width * r.height));
}

/** Decodes an image file's bytes. Throws ImageDecodeError with a reason on anything it cannot or will not decode. */
export async function decodeImage(bytes: Uint8Array, limits: DecodeLimits = {}): Promise<DecodedImage> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const maxPixels = limits.maxPixels ?? DEFAULT_LIMITS.maxPixels;
  if (bytes.length > maxBytes) throw new ImageDecodeError('too-large', `${bytes.length} bytes exceeds the ${maxBytes}-byte limit`);
  const { mime, kind } = detectFileType(bytes);
  if (kind !== 'image') throw new ImageDecodeError('unsupported', `not an image (${mime})`);
  const dims = imageDimensions(bytes, mime);
  if (mime === 'image/tiff' || mime === 'image/avif' || mime === 'image/heic') throw new ImageDecodeError('unsupported', `${mime} is not supported`);
  if (!dims) throw new ImageDecodeError('corrupt', `${mime}: unreadable header`);
  if (dims.width < 1 || dims.height < 1) throw new ImageDecodeError('corrupt', `${mime}: empty image (${dims.width}×${dims.height})`);
  if (dims.width * dims.height > maxPixels) {
    throw new ImageDecodeError('too-many-pixels', `${dims.width}×${dims.height} exceeds the ${maxPixels}-pixel limit`);
  }
  let px: Pixels;
  let orientation = 1;
  try {
    switch (mime) {
      case 'image/jpeg': {
        orientation = jpegOrientation(bytes);
        px = await decodeJpeg(bytes, maxPixels);
        break;
      }
      case 'image/png': {
        const r = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        px = toPixels(r.data, r.width, r.height, 4);
        break;
      }
      case 'image/gif': {
        const r = new GifReader(bytes);
        const data = new Uint8Array(r.width * r.height * 4);
        r.decodeAndBlitFrameRGBA(0, data);
        px = { data, width: r.width, height: r.height, channels: 4 };
        break;
      }
      case 'image/bmp':
        px = decodeBmp(bytes);
        break;
      case 'image/webp': {
        const dec = await loadWasmDecoder('@jsquash/webp', 'webp_dec.wasm');
        let r: Awaited<ReturnType<WasmDecode>>;
        try {
          r = await dec(arrayBufferOf(bytes));
        } catch (e) {
          wasmDecoders.delete('@jsquash/webp'); // an aborted Emscripten instance stays unusable
          throw e;
        }
        px = toPixels(r.data, r.width, r.height, 4);
        break;
      }
      default:
        throw new ImageDecodeError('unsupported', `${mime} is not supported`);
    }
  } catch (e) {
    if (e instanceof ImageDecodeError) throw e;
    throw new ImageDecodeError('corrupt', `${mime}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (px.width * px.height > maxPixels) throw new ImageDecodeError('too-many-pixels', `${px.width}×${px.height} exceeds the ${maxPixels}-pixel limit`);
  if (px.data.length < px.width * px.height * px.channels || !Number.isInteger(px.channels) || px.channels < 1) {
    throw new ImageDecodeError('corrupt', `${mime}: decoder returned a short pixel buffer`);
  }
  const apply = limits.exifOrientation === 'apply' && orientation > 1;
  if (apply) px = applyOrientation(px, orientation);
  return { ...px, mime, orientation, oriented: apply };
}
