// Opens an input file (or stdin) as a byte stream from a given offset, gunzipping when it is gzip.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];
export const HEAD_BYTES = 64 * 1024;

export interface Input {
  readonly path: string;
  /** Size on disk (compressed size for gzip); 0 for stdin. */
  readonly size: number;
  readonly gzip: boolean;
  /** Bytes read from disk so far. */
  readonly rawRead: number;
  /** Decompressed bytes produced so far (gzip only). */
  readonly produced: number;
  /** Bytes from `offset` (decompressed for gzip) to the end. */
  chunks(offset: number): AsyncIterable<Uint8Array>;
}

/** Where an offset into the (decompressed) input lies in the file on disk, for progress. */
export function diskPosition(input: Input, offset: number): number {
  if (!input.gzip) return offset;
  return input.produced > 0 ? Math.min(input.size, Math.round((offset * input.rawRead) / input.produced)) : 0;
}

/** sha256 of the first `bytes` bytes, or undefined when the file is shorter. Identifies a file across runs. */
export async function headHash(path: string, bytes: number): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    let got = 0;
    while (got < bytes) {
      const { bytesRead } = await fh.read(buf, got, bytes - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got < bytes ? undefined : createHash('sha256').update(buf).digest('hex');
  } finally {
    await fh.close();
  }
}

export async function openInput(path: string): Promise<Input> {
  const fh = await open(path, 'r');
  let size: number;
  let gzip: boolean;
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    size = st.size;
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    gzip = bytesRead === 2 && magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1];
  } finally {
    await fh.close();
  }
  const input = {
    path,
    size,
    gzip,
    rawRead: 0,
    produced: 0,
    async *chunks(offset: number): AsyncGenerator<Uint8Array> {
      const raw = createReadStream(path, { start: gzip ? 0 : offset, highWaterMark: 1024 * 1024 });
      input.rawRead = gzip ? 0 : offset;
      if (!gzip) {
        for await (const c of raw as AsyncIterable<Buffer>) {
          input.rawRead += c.length;
          yield c;
        }
        return;
      }
      raw.on('data', (c) => void (input.rawRead += c.length));
      yield* skip(raw.pipe(createGunzip()), offset, (n) => void (input.produced += n));
    },
  };
  return input;
}

/** Standard input: read once, never resumable; gzip detected from the first bytes. */
export function stdinInput(): Input {
  const input = {
    path: '-',
    size: 0,
    gzip: false,
    rawRead: 0,
    produced: 0,
    async *chunks(): AsyncGenerator<Uint8Array> {
      const it = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      const first = await it.next();
      if (first.done) return;
      const all = async function* () {
        yield first.value;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      };
      const counted = async function* (src: AsyncIterable<Buffer>) {
        for await (const c of src) {
          input.rawRead += c.length;
          yield c;
        }
      };
      if (first.value[0] === GZIP_MAGIC[0] && first.value[1] === GZIP_MAGIC[1]) yield* Readable.from(counted(all())).pipe(createGunzip());
      else yield* counted(all());
    },
  };
  return input;
}

async function* skip(src: AsyncIterable<Buffer>, n: number, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let left = n;
  for await (const c of src) {
    count(c.length);
    if (left >= c.length) {
      left -= c.length;
      continue;
    }
    yield left > 0 ? c.subarray(left) : c;
    left = 0;
  }
  if (left > 0) throw new Error(`the file is shorter than the checkpoint's offset (${n} bytes)`);
}
