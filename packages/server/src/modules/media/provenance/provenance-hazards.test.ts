// Files that hang, crash or exhaust a C2PA reader end as per-file errors, and the next file is read by a
// fresh worker: a stand-in worker that hangs, runs out of heap, exits or throws; the real reader with
// its WebAssembly memory capped below what a file needs; and hostile files made here (deeply nested
// MP4 boxes, a RIFF nesting bomb, a JPEG whose JUMBF box claims 4 GiB, a malformed ID3 frame).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { capMemory, ProvenanceReader } from './index.ts';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const fixture = new URL('./hazard-worker.fixture.ts', import.meta.url);

function box(type: string, body: Uint8Array): Uint8Array {
  const b = new Uint8Array(8 + body.length);
  new DataView(b.buffer).setUint32(0, b.length);
  b.set(Buffer.from(type, 'latin1'), 4);
  b.set(body, 8);
  return b;
}

describe('C2PA reader isolation', () => {
  it('turns a hang, heap exhaustion, an exit and a throw into per-file errors, and goes on', async () => {
    const reader = new ProvenanceReader({ threads: 1, timeoutMs: 1500, maxHeapMb: 32, workerUrl: fixture });
    try {
      const hang = await reader.readBytes('hang', JPEG);
      expect(hang.validation).toMatch(/^error:reader timed out after 1500 ms/);
      const oom = await reader.readBytes('oom', JPEG);
      expect(oom.status).toBe('error');
      expect(oom.error).toMatch(/out of memory|crashed|exited/);
      expect((await reader.readBytes('exit', JPEG)).error).toBe('reader exited (code 3)');
      expect((await reader.readBytes('throw', JPEG)).error).toMatch(/reader crashed \(boom\)|exited/);
      expect((await reader.readBytes('fine.jpg', JPEG)).status).toBe('no-manifest');
    } finally {
      await reader.close();
    }
  }, 30_000);

  it('caps the reader module memory', () => {
    // (module (memory (export "m") 1)) without a maximum, capped at 2 pages.
    const mod = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 5, 1, 1, 0x6d, 2, 0]);
    const WA = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: { m: { grow(n: number): number } } } } }).WebAssembly;
    const free = new WA.Instance(new WA.Module(mod)).exports.m;
    expect(free.grow(4)).toBe(1);
    const capped = new WA.Instance(new WA.Module(capMemory(mod, 2 * 65536))).exports.m;
    expect(capped.grow(1)).toBe(1);
    expect(() => capped.grow(1)).toThrow(RangeError);
  });

  it('reports a file that needs more than the memory cap as an error, then reads the next file', async () => {
    const reader = new ProvenanceReader({ threads: 1, maxWasmBytes: 16 * 1024 * 1024 });
    try {
      const big = new Uint8Array(20 * 1024 * 1024);
      big.set(JPEG.subarray(0, 6));
      const r = await reader.readBytes('big.jpg', big);
      expect(r.status).toBe('error');
      expect(r.error).toMatch(/reader aborted/);
      expect((await reader.readBytes('small.jpg', JPEG)).status).toBe('no-manifest');
    } finally {
      await reader.close();
    }
  }, 30_000);

  it('reads hostile files without harm', async () => {
    let nested: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 1000; i++) nested = box('moov', nested);
    const mp4 = Buffer.concat([box('ftyp', Uint8Array.from(Buffer.from('isom\0\0\0\0isommp41', 'latin1'))), nested]);
    let riff = Buffer.from('data');
    for (let i = 0; i < 1000; i++) {
      const h = Buffer.alloc(12);
      h.write('LIST', 0);
      h.writeUInt32LE(riff.length + 4, 4);
      h.write('INFO', 8);
      riff = Buffer.concat([h, riff]);
    }
    const wav = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), riff]);
    wav.writeUInt32LE(wav.length - 8, 4);
    // APP11 segment with a JPEG-XT/JUMBF header whose box length says 4 GiB.
    const jumbf = Uint8Array.from([0xff, 0xd8, 0xff, 0xeb, 0x00, 0x80, 0x4a, 0x50, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xf0, ...Buffer.from('jumb'), ...new Array<number>(108).fill(0x41), 0xff, 0xd9]);
    // ID3v2.3 frame flagged as compressed but shorter than its 4-byte decompressed-size field.
    const frame = [...Buffer.from('GEOB'), 0, 0, 0, 2, 0x00, 0x80, 0, 0];
    const n = frame.length + 16;
    const mp3 = Uint8Array.from([...Buffer.from('ID3'), 3, 0, 0, 0, 0, (n >> 7) & 127, n & 127, ...frame, ...new Array<number>(16).fill(0), 0xff, 0xfb, 0x90, 0x00, ...new Array<number>(400).fill(0)]);
    const reader = new ProvenanceReader({ threads: 1, timeoutMs: 10_000 });
    try {
      for (const [name, bytes] of [['nested.mp4', mp4], ['riff-bomb.wav', wav], ['jumbf-4gib.jpg', jumbf], ['id3-underflow.mp3', mp3]] as const) {
        const r = await reader.readBytes(name, bytes);
        expect(['no-manifest', 'error'], `${name}: ${r.validation}`).toContain(r.status);
        expect(r.elapsedMs ?? 0).toBeLessThan(10_000);
      }
      expect((await reader.readBytes('not-media.txt', Buffer.from('hello'))).error).toBe('unsupported media type');
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('refuses files over the size limit before reading them', async () => {
    const reader = new ProvenanceReader({ maxFileBytes: 10 });
    expect((await reader.readBytes('x.jpg', JPEG)).error).toMatch(/^file too large/);
    const self = new URL(import.meta.url).pathname;
    expect((await reader.readFile(self)).error).toMatch(/^file too large/);
    expect(readFileSync(self).length).toBeGreaterThan(10);
    await reader.close();
  });

  it('never fetches a remote manifest (a local server counts the requests)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('nothing');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/manifest.c2pa`;
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="${url}"/></rdf:RDF></x:xmpmeta>`;
    const payload = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0'), Buffer.from(xmp)]);
    const jpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload, Buffer.from([0xff, 0xd9])]);
    const reader = new ProvenanceReader({ threads: 1 });
    try {
      const r = await reader.readBytes('remote.jpg', jpg);
      expect(r).toMatchObject({ status: 'error', hasManifest: true, validation: 'error:RemoteManifestUrl' });
      expect(r.summary).toMatch(/remote.*not fetched/);
      expect(requests).toBe(0);
    } finally {
      await reader.close();
      server.close();
    }
  });
});
