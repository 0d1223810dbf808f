// Where feed files come from. A directory on disk here; an HTTP source (through the egress guard) can
// implement the same interface, since a remote MISP feed has the same layout.
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export type FeedFile = { ok: true; text: string } | { ok: false; code: 'missing' | 'too-large' | 'io'; message: string };

export interface FeedSource {
  /** How problems name a file of this source (e.g. its full path). */
  describe(file: string): string;
  /** Reads a file of the feed as UTF-8, refusing more than `maxBytes`. */
  read(file: string, maxBytes: number): Promise<FeedFile>;
}

/** Feed files are flat names such as `manifest.json`, `<uuid>.json`, `hashes.csv`. */
export function isFeedFileName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..';
}

export function directoryFeedSource(dir: string): FeedSource {
  return {
    describe: (file) => join(dir, file),
    async read(file, maxBytes) {
      if (!isFeedFileName(file)) return { ok: false, code: 'io', message: `not a feed file name: ${JSON.stringify(file)}` };
      let handle;
      try {
        handle = await open(join(dir, file), 'r');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { ok: false, code: 'missing', message: `${file} does not exist` };
        return { ok: false, code: 'io', message: `${file} cannot be opened: ${(err as Error).message}` };
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return { ok: false, code: 'io', message: `${file} is not a regular file` };
        if (info.size > maxBytes) return { ok: false, code: 'too-large', message: `${file} has ${info.size} bytes, more than the limit of ${maxBytes}` };
        // Read at most one byte beyond the limit, so a file that grows meanwhile is still refused.
        const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
        let length = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
          if (bytesRead === 0) break;
          length += bytesRead;
          if (length === buf.length) break;
        }
        if (length > maxBytes) return { ok: false, code: 'too-large', message: `${file} has more than the limit of ${maxBytes} bytes` };
        return { ok: true, text: buf.toString('utf8', 0, length) };
      } catch (err) {
        return { ok: false, code: 'io', message: `${file} cannot be read: ${(err as Error).message}` };
      } finally {
        await handle.close();
      }
    },
  };
}
