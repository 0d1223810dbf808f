// Template instantiation: copy a template definition's nodes, putting the instance's values in place of
// its substitutions. A null or empty value disappears; an attribute left without a value is dropped.
import type { RawValue, XmlAttr, XmlElement, XmlNode } from './tree.ts';
import { arrayElements } from './values.ts';

export interface TemplateValue {
  readonly type: number;
  /** Absolute offset and size of the value's bytes. */
  readonly off: number;
  readonly size: number;
}

const TYPE_NULL = 0x00;
const TYPE_BINXML = 0x21;
const ARRAY = 0x80;

export type NestedDecoder = (off: number, size: number) => XmlNode[];

export function instantiate(nodes: readonly XmlNode[], values: readonly TemplateValue[], nested: NestedDecoder, buf: Buffer): XmlNode[] {
  const out: XmlNode[] = [];
  for (const n of nodes) fill(n, values, nested, buf, out);
  return out;
}

function fill(n: XmlNode, values: readonly TemplateValue[], nested: NestedDecoder, buf: Buffer, out: XmlNode[]): void {
  if (n.kind === 'sub') {
    const v = values[n.index];
    if (!v || v.type === TYPE_NULL || v.size === 0) return;
    if (v.type === TYPE_BINXML) {
      for (const m of nested(v.off, v.size)) out.push(m);
      return;
    }
    out.push({ kind: 'value', type: v.type, buf, off: v.off, size: v.size });
    return;
  }
  if (n.kind !== 'element') {
    out.push(n);
    return;
  }
  const attrs: XmlAttr[] = [];
  for (const a of n.attrs) {
    const value: XmlNode[] = [];
    for (const p of a.value) fill(p, values, nested, buf, value);
    if (value.length > 0 || !a.value.some((p) => p.kind === 'sub')) attrs.push({ name: a.name, value });
  }
  // An element whose content is an array value is repeated, once per array element (MS-EVEN6 §3.1.4.7.5).
  const arraySub = n.children.find((c) => c.kind === 'sub' && ((values[c.index]?.type ?? 0) & ARRAY) !== 0);
  if (arraySub && arraySub.kind === 'sub') {
    const v = values[arraySub.index]!;
    const whole: RawValue = { kind: 'value', type: v.type, buf, off: v.off, size: v.size };
    for (const [off, size] of arrayElements(whole)) {
      const item: XmlNode[] = size === 0 ? [] : [{ kind: 'value', type: v.type & ~ARRAY, buf, off, size }];
      const children: XmlNode[] = [];
      for (const c of n.children) {
        if (c === arraySub) for (const x of item) children.push(x);
        else fill(c, values, nested, buf, children);
      }
      out.push({ kind: 'element', name: n.name, attrs, children } satisfies XmlElement);
    }
    return;
  }
  // Like evtxexport: an element whose content is an optional substitution given a NULL value is left out.
  const absent = n.children.some((c) => c.kind === 'sub' && c.optional && (values[c.index]?.type ?? TYPE_NULL) === TYPE_NULL);
  if (absent) return;
  const children: XmlNode[] = [];
  for (const c of n.children) fill(c, values, nested, buf, children);
  out.push({ kind: 'element', name: n.name, attrs, children });
}
