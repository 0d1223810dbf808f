// An independent check of a JPEG's or PNG's C2PA data-hash binding (C2PA 2.x, "c2pa.hash.data"): finds
// the manifest store (JPEG APP11 JUMBF segments, PNG caBX chunk), reads the active manifest's data-hash
// assertion (CBOR: exclusions, alg, hash), hashes the file without the exclusions, and says whether the
// exclusions cover anything besides the manifest store. Used to tell a changed content ("hash differs")
// from an over-wide exclusion (content intact, but the excluded bytes are not protected).
import { createHash } from 'node:crypto';
import { decodeCbor } from './cbor.ts';

export interface DataHashCheck {
  readonly alg: string;
  readonly exclusions: readonly { readonly start: number; readonly length: number }[];
  /** The hash over the bytes outside the exclusions equals the signed one. */
  readonly hashMatches: boolean;
  /** Excluded byte ranges that are not part of the manifest store (unprotected bytes). */
  readonly excludedBesidesManifest: readonly { readonly start: number; readonly length: number }[];
}

interface Span {
  start: number;
  end: number;
}

const ALGS: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** JUMBF bytes of the manifest store and the file ranges that hold it; undefined when there is none. */
function manifestStore(b: Uint8Array): { jumbf: Uint8Array; spans: Span[] } | undefined {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0xff && b[1] === 0xd8) {
    const parts: Uint8Array[] = [];
    const spans: Span[] = [];
    let p = 2;
    while (p + 4 <= b.length && b[p] === 0xff) {
      const marker = b[p + 1]!;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
        p += marker === 0xff ? 1 : 2;
        continue;
      }
      if (marker === 0xda || marker === 0xd9) break;
      const len = dv.getUint16(p + 2);
      const end = p + 2 + len;
      if (len < 2 || end > b.length) break;
      // APP11 JPEG-XT box: 'JP', box instance (2), packet sequence (4), then the box; continuation
      // packets repeat the box header (LBox, TBox, and XLBox if used).
      if (marker === 0xeb && len >= 18 && b[p + 4] === 0x4a && b[p + 5] === 0x50) {
        const seq = dv.getUint32(p + 8);
        const boxStart = p + 12;
        const header = dv.getUint32(boxStart) === 1 ? 16 : 8;
        const isC2pa = seq === 1 ? String.fromCharCode(...b.subarray(boxStart + 4, boxStart + 8)) === 'jumb' : parts.length > 0;
        if (isC2pa) {
          parts.push(seq === 1 ? b.subarray(boxStart, end) : b.subarray(boxStart + header, end));
          spans.push({ start: p, end });
        }
      }
      p = end;
    }
    if (!parts.length) return undefined;
    return { jumbf: Buffer.concat(parts), spans };
  }
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50) {
    let p = 8;
    while (p + 12 <= b.length) {
      const len = dv.getUint32(p);
      const type = String.fromCharCode(...b.subarray(p + 4, p + 8));
      const end = p + 12 + len;
      if (end > b.length) break;
      if (type === 'caBX') return { jumbf: b.subarray(p + 8, p + 8 + len), spans: [{ start: p, end }] };
      p = end;
    }
  }
  return undefined;
}

interface Box {
  type: string;
  label?: string;
  children: Box[];
  content: Uint8Array;
}

function parseBoxes(b: Uint8Array, depth: number, budget: { n: number }): Box[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Box[] = [];
  let p = 0;
  while (p + 8 <= b.length) {
    if (--budget.n < 0 || depth > 16) throw new Error('JUMBF too large or too deep');
    let len = dv.getUint32(p);
    const type = String.fromCharCode(...b.subarray(p + 4, p + 8));
    let head = 8;
    if (len === 1) {
      if (p + 16 > b.length) break;
      len = Number(dv.getBigUint64(p + 8));
      head = 16;
    } else if (len === 0) len = b.length - p;
    if (len < head || p + len > b.length) throw new Error('JUMBF box length out of range');
    const content = b.subarray(p + head, p + len);
    const box: Box = { type, children: [], content };
    if (type === 'jumb') {
      box.children = parseBoxes(content, depth + 1, budget);
      const d = box.children[0];
      // Description box: type UUID (16), toggles (1), then the label (NUL-terminated) when toggle bit 2.
      if (d?.type === 'jumd' && d.content.length > 17 && d.content[16]! & 2) {
        const z = d.content.indexOf(0, 17);
        box.label = new TextDecoder().decode(d.content.subarray(17, z < 0 ? d.content.length : z));
      }
    }
    out.push(box);
    p += len;
  }
  return out;
}

/** Checks the data-hash binding; undefined when the file has no readable data-hash assertion. */
export function checkDataHash(b: Uint8Array): DataHashCheck | undefined {
  const store = manifestStore(b);
  if (!store) return undefined;
  let top: Box[];
  try {
    top = parseBoxes(store.jumbf, 0, { n: 100_000 });
  } catch {
    return undefined;
  }
  const c2pa = top.find((x) => x.label === 'c2pa');
  // The active manifest is the last one in the store.
  const manifests = c2pa?.children.filter((x) => x.type === 'jumb') ?? [];
  const active = manifests[manifests.length - 1];
  const assertions = active?.children.find((x) => x.label === 'c2pa.assertions');
  const hashBox = assertions?.children.find((x) => x.label !== undefined && /^c2pa\.hash\.data(__\d+)?$/.test(x.label));
  const cbor = hashBox?.children.find((x) => x.type === 'cbor');
  if (!cbor) return undefined;
  let a: { exclusions?: unknown; alg?: unknown; hash?: unknown };
  try {
    a = decodeCbor(cbor.content) as typeof a;
  } catch {
    return undefined;
  }
  const alg = typeof a.alg === 'string' ? a.alg : 'sha256';
  if (!ALGS[alg] || !(a.hash instanceof Uint8Array)) return undefined;
  const exclusions = (Array.isArray(a.exclusions) ? a.exclusions : [])
    .map((e) => e as { start?: unknown; length?: unknown })
    .filter((e): e is { start: number; length: number } => typeof e.start === 'number' && typeof e.length === 'number')
    .map((e) => ({ start: e.start, length: e.length }))
    .sort((x, y) => x.start - y.start);
  const h = createHash(ALGS[alg]!);
  let p = 0;
  for (const e of exclusions) {
    if (e.start > p) h.update(b.subarray(p, Math.min(e.start, b.length)));
    p = Math.max(p, e.start + e.length);
  }
  if (p < b.length) h.update(b.subarray(p));
  const hashMatches = Buffer.from(h.digest()).equals(Buffer.from(a.hash));
  // Excluded ranges minus the manifest store's own bytes.
  const besides: { start: number; length: number }[] = [];
  for (const e of exclusions) {
    let cur = e.start;
    const end = Math.min(e.start + e.length, b.length);
    for (const s of store.spans) {
      if (s.end <= cur || s.start >= end) continue;
      if (s.start > cur) besides.push({ start: cur, length: s.start - cur });
      cur = Math.max(cur, s.end);
    }
    if (cur < end) besides.push({ start: cur, length: end - cur });
  }
  return { alg, exclusions, hashMatches, excludedBesidesManifest: besides };
}
