// The C2PA reader (c2pa-rs compiled to WebAssembly, npm @contentauth/c2pa-wasm, MIT) with a hard cap on
// its linear memory: the module declares its memory without a maximum, so we rewrite that one limit in
// the module's memory section. When the reader then asks for more, memory.grow fails, the Rust allocator
// aborts and the call traps: a per-file error instead of a process that grows until the kernel kills it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const PAGE = 65536;
// The WebAssembly global (the project's TypeScript libs declare its types but not the value).
const WASM = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WebAssembly.Module } }).WebAssembly;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function readLeb(b: Uint8Array, p: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    const x = b[p++]!;
    n += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(x & 0x80)) return [n, p];
  }
}

/** The module bytes with the (single, 32-bit) memory's maximum set to `maxBytes`. */
export function capMemory(wasm: Uint8Array, maxBytes: number): Uint8Array {
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error('not a WebAssembly module');
  let p = 8;
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++]!;
    const [size, body] = readLeb(wasm, p);
    const end = body + size;
    if (id === 5) {
      const [count, q0] = readLeb(wasm, body);
      if (count !== 1) throw new Error('expected one memory');
      const flags = wasm[q0]!;
      if (flags & ~1) throw new Error('unsupported memory flags');
      const [min, q1] = readLeb(wasm, q0 + 1);
      const maxPages = Math.max(min, Math.floor(maxBytes / PAGE));
      const section = [...leb(1), 1, ...leb(min), ...leb(maxPages)];
      void q1;
      const head = wasm.subarray(0, start);
      const tail = wasm.subarray(end);
      const mid = Uint8Array.from([5, ...leb(section.length), ...section]);
      const out = new Uint8Array(head.length + mid.length + tail.length);
      out.set(head, 0);
      out.set(mid, head.length);
      out.set(tail, head.length + mid.length);
      return out;
    }
    p = end;
  }
  throw new Error('the module has no memory section');
}

/** The reader's module, compiled, its memory capped at `maxBytes`. */
export function readerModule(maxBytes: number): WebAssembly.Module {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@contentauth/c2pa-wasm/c2pa.wasm');
  return new WASM.Module(capMemory(readFileSync(path), maxBytes));
}
