// BinXML (MS-EVEN6 §3.1.4.1 as used in EVTX chunks) to an element tree. Offsets inside BinXML (names,
// template definitions) are relative to the chunk; names and template definitions are cached per chunk.
import type { Bytes } from './bytes.ts';
import { EvtxFormatError } from './errors.ts';
import { instantiate, type TemplateValue } from './instantiate.ts';
import type { XmlAttr, XmlElement, XmlNode } from './tree.ts';

export interface BinXmlLimits {
  /** Nesting of elements, templates and nested BinXML values together. */
  readonly maxDepth: number;
  /** Tokens decoded for one record, templates included. */
  readonly maxTokens: number;
}

export const DEFAULT_BINXML_LIMITS: BinXmlLimits = { maxDepth: 96, maxTokens: 500_000 };

/** State shared by all records of one chunk. */
export class ChunkContext {
  readonly bytes: Bytes;
  readonly start: number;
  readonly end: number;
  readonly limits: BinXmlLimits;
  readonly names = new Map<number, string>();
  /** Template definitions by chunk offset; `null` while one is being decoded (a loop is an error). */
  readonly templates = new Map<number, Template | null>();
  tokens = 0;
  constructor(bytes: Bytes, start: number, end: number, limits: BinXmlLimits) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.limits = limits;
  }
}

interface Template {
  readonly nodes: XmlNode[];
  /** Node count, charged to the token budget at each use so that reuse cannot amplify without bound. */
  readonly weight: number;
}

function weigh(nodes: readonly XmlNode[]): number {
  let n = nodes.length;
  for (const x of nodes) if (x.kind === 'element') n += weigh(x.children) + x.attrs.reduce((s, a) => s + 1 + a.value.length, 0);
  return n;
}

const T_EOF = 0x00;
const T_OPEN = 0x01;
const T_CLOSE_START = 0x02;
const T_CLOSE_EMPTY = 0x03;
const T_END = 0x04;
const T_VALUE = 0x05;
const T_ATTR = 0x06;
const T_CDATA = 0x07;
const T_CHARREF = 0x08;
const T_ENTITYREF = 0x09;
const T_PI_TARGET = 0x0a;
const T_PI_DATA = 0x0b;
const T_TEMPLATE = 0x0c;
const T_SUB = 0x0d;
const T_SUB_OPT = 0x0e;
const T_FRAGMENT = 0x0f;
const MORE = 0x40;

/** Decodes the BinXML fragment in [pos, end) of the chunk to nodes (templates instantiated). */
export function decodeFragment(ctx: ChunkContext, pos: number, end: number, depth: number): XmlNode[] {
  // BinXML written without a fragment header (seen in nested BinXML values, e.g. CAPI2 UserData) also
  // leaves out the dependency identifier of its start elements.
  const withHeader = pos < end && ctx.bytes.u8(pos) === T_FRAGMENT;
  return new Decoder(ctx, pos, end, depth, false, withHeader).fragment();
}

class Decoder {
  readonly ctx: ChunkContext;
  readonly b: Bytes;
  pos: number;
  readonly end: number;
  readonly depth: number;
  /** Inside a template definition, where substitution tokens are allowed. */
  readonly inTemplate: boolean;
  /** Start elements carry a 2-byte dependency identifier. */
  readonly dependencyIds: boolean;

  constructor(ctx: ChunkContext, pos: number, end: number, depth: number, inTemplate: boolean, dependencyIds: boolean) {
    if (depth > ctx.limits.maxDepth) throw new EvtxFormatError('BinXML nested too deeply', pos);
    if (pos < ctx.start || end > ctx.end || pos > end) throw new EvtxFormatError('BinXML outside its chunk', pos);
    this.ctx = ctx;
    this.b = ctx.bytes;
    this.pos = pos;
    this.end = end;
    this.depth = depth;
    this.inTemplate = inTemplate;
    this.dependencyIds = dependencyIds;
  }

  /** `size` bytes at `off` lie inside this decoder's data. */
  private need(off: number, size: number, what: string): void {
    if (off + size > this.end) throw new EvtxFormatError(`${what} runs past the end of its BinXML`, off);
  }

  private token(): number {
    if (this.pos >= this.end) throw new EvtxFormatError('BinXML ends without EOF token', this.pos);
    if (++this.ctx.tokens > this.ctx.limits.maxTokens) throw new EvtxFormatError('too many BinXML tokens in one record', this.pos);
    return this.b.u8(this.pos);
  }

  /** Fragment: [header] then content up to EOF (or the end of the data). */
  fragment(): XmlNode[] {
    const out: XmlNode[] = [];
    while (this.pos < this.end) {
      const t = this.token();
      if (t === T_EOF) {
        this.pos++;
        break;
      }
      if (t === T_FRAGMENT) {
        this.b.check(this.pos, 4, 'fragment header');
        this.pos += 4;
      } else if (t === T_TEMPLATE) {
        for (const n of this.templateInstance()) out.push(n);
      } else {
        this.content(t, out);
      }
    }
    return out;
  }

  /** One content token (element, value, reference, CDATA, PI, substitution) appended to `out`. */
  private content(t: number, out: XmlNode[]): void {
    const base = t & ~MORE;
    switch (base) {
      case T_OPEN:
        out.push(this.element(t));
        return;
      case T_VALUE:
      case T_CHARREF:
      case T_ENTITYREF:
      case T_SUB:
      case T_SUB_OPT:
        out.push(this.valueToken(t));
        return;
      case T_CDATA: {
        const n = this.b.u16(this.pos + 1);
        this.need(this.pos, 3 + n * 2, 'CDATA');
        out.push({ kind: 'cdata', text: this.b.utf16(this.pos + 3, n) });
        this.pos += 3 + n * 2;
        return;
      }
      case T_PI_TARGET: {
        this.pos++;
        const target = this.name();
        if (this.token() !== T_PI_DATA) throw new EvtxFormatError('PI target without PI data', this.pos);
        const n = this.b.u16(this.pos + 1);
        this.need(this.pos, 3 + n * 2, 'PI data');
        out.push({ kind: 'pi', target, data: this.b.utf16(this.pos + 3, n) });
        this.pos += 3 + n * 2;
        return;
      }
      default:
        throw new EvtxFormatError(`unexpected BinXML token 0x${t.toString(16)}`, this.pos);
    }
  }

  /** A value-like token: inline value, char/entity reference or (in templates) a substitution. */
  private valueToken(t: number): XmlNode {
    const base = t & ~MORE;
    const at = this.pos;
    if (base === T_VALUE) {
      const type = this.b.u8(at + 1);
      if (type !== 0x01) throw new EvtxFormatError(`inline value of type 0x${type.toString(16)}`, at);
      const n = this.b.u16(at + 2);
      this.need(at, 4 + n * 2, 'inline value');
      this.pos = at + 4 + n * 2;
      return { kind: 'value', type, buf: this.b.buf, off: at + 4, size: n * 2 };
    }
    if (base === T_CHARREF) {
      this.pos = at + 3;
      return { kind: 'charref', code: this.b.u16(at + 1) };
    }
    if (base === T_ENTITYREF) {
      this.pos = at + 1;
      return { kind: 'entityref', name: this.name() };
    }
    if (t !== T_SUB && t !== T_SUB_OPT) throw new EvtxFormatError(`unexpected BinXML token 0x${t.toString(16)}`, at);
    if (!this.inTemplate) throw new EvtxFormatError('substitution outside a template', at);
    const index = this.b.u16(at + 1);
    const type = this.b.u8(at + 3);
    this.pos = at + 4;
    return { kind: 'sub', index, type, optional: t === T_SUB_OPT };
  }

  /** A name reference: chunk offset of a name record, which may follow inline. */
  private name(): string {
    const off = this.b.u32(this.pos);
    this.pos += 4;
    const rel = this.pos - this.ctx.start;
    if (off === rel) {
      const n = this.b.u16(this.pos + 6);
      const s = this.b.utf16(this.pos + 8, n);
      this.pos += 8 + n * 2 + 2;
      this.ctx.names.set(off, s);
      return s;
    }
    const cached = this.ctx.names.get(off);
    if (cached !== undefined) return cached;
    const abs = this.ctx.start + off;
    if (off < 0 || abs + 8 > this.ctx.end) throw new EvtxFormatError('name offset outside the chunk', this.pos - 4);
    const n = this.b.u16(abs + 6);
    if (abs + 8 + n * 2 > this.ctx.end) throw new EvtxFormatError('name outside the chunk', abs);
    const s = this.b.utf16(abs + 8, n);
    this.ctx.names.set(off, s);
    return s;
  }

  private element(t: number): XmlElement {
    if (this.depth + 1 > this.ctx.limits.maxDepth) throw new EvtxFormatError('elements nested too deeply', this.pos);
    // token, [dependency id (u16)], data size (u32), name offset (u32)
    const head = this.dependencyIds ? 7 : 5;
    this.b.check(this.pos, head, 'element');
    this.pos += head;
    const name = this.name();
    const attrs: XmlAttr[] = [];
    if (t & MORE) {
      this.b.check(this.pos, 4, 'attribute list size');
      this.pos += 4;
      for (;;) {
        const a = this.token();
        if ((a & ~MORE) !== T_ATTR) break;
        this.pos++;
        const attrName = this.name();
        const value: XmlNode[] = [];
        for (;;) {
          const v = this.token();
          const vb = v & ~MORE;
          if (vb !== T_VALUE && vb !== T_CHARREF && vb !== T_ENTITYREF && v !== T_SUB && v !== T_SUB_OPT) break;
          value.push(this.valueToken(v));
        }
        attrs.push({ name: attrName, value });
        if (!(a & MORE)) break;
      }
    }
    const close = this.token();
    this.pos++;
    const children: XmlNode[] = [];
    if (close === T_CLOSE_EMPTY) return { kind: 'element', name, attrs, children };
    if (close !== T_CLOSE_START) throw new EvtxFormatError(`expected end of start tag, got 0x${close.toString(16)}`, this.pos - 1);
    const inner = new Decoder(this.ctx, this.pos, this.end, this.depth + 1, this.inTemplate, this.dependencyIds);
    for (;;) {
      const c = inner.token();
      if (c === T_END) {
        inner.pos++;
        break;
      }
      if (c === T_TEMPLATE) {
        for (const n of inner.templateInstance()) children.push(n);
      } else {
        inner.content(c, children);
      }
    }
    this.pos = inner.pos;
    return { kind: 'element', name, attrs, children };
  }

  /** Template instance: definition (cached by chunk offset) + substitution values → instantiated nodes. */
  private templateInstance(): XmlNode[] {
    // token, unknown (u8), template id (u32), definition offset (u32)
    const defOff = this.b.u32(this.pos + 6);
    this.pos += 10;
    const rel = this.pos - this.ctx.start;
    if (defOff === rel) {
      const dataSize = this.b.u32(this.pos + 20);
      this.b.check(this.pos, 24 + dataSize, 'inline template definition');
      this.pos += 24 + dataSize;
    }
    const skeleton = this.template(defOff);
    this.ctx.tokens += skeleton.weight;
    if (this.ctx.tokens > this.ctx.limits.maxTokens) throw new EvtxFormatError('too many BinXML tokens in one record', this.pos);
    const count = this.b.u32(this.pos);
    if (this.pos + 4 + count * 4 > this.end) throw new EvtxFormatError(`${count} substitution values cannot fit`, this.pos);
    const values: TemplateValue[] = [];
    let data = this.pos + 4 + count * 4;
    for (let i = 0; i < count; i++) {
      const size = this.b.u16(this.pos + 4 + i * 4);
      const type = this.b.u8(this.pos + 6 + i * 4);
      if (data + size > this.end) throw new EvtxFormatError('substitution value outside the record', data);
      values.push({ type, off: data, size });
      data += size;
    }
    this.pos = data;
    return instantiate(skeleton.nodes, values, (off, size) => decodeFragment(this.ctx, off, off + size, this.depth + 1), this.b.buf);
  }

  private template(defOff: number): Template {
    const cached = this.ctx.templates.get(defOff);
    if (cached) return cached;
    if (cached === null) throw new EvtxFormatError('template refers to itself', this.ctx.start + defOff);
    const abs = this.ctx.start + defOff;
    if (abs + 24 > this.ctx.end) throw new EvtxFormatError('template offset outside the chunk', abs);
    const dataSize = this.b.u32(abs + 20);
    if (abs + 24 + dataSize > this.ctx.end) throw new EvtxFormatError('template outside the chunk', abs);
    this.ctx.templates.set(defOff, null);
    try {
      const nodes = new Decoder(this.ctx, abs + 24, abs + 24 + dataSize, this.depth + 1, true, true).fragment();
      const template = { nodes, weight: weigh(nodes) };
      this.ctx.templates.set(defOff, template);
      return template;
    } catch (err) {
      this.ctx.templates.delete(defOff);
      throw err;
    }
  }
}
