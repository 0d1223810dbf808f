// An element tree to a JSON object in evtx_dump's layout: attributes under "#attributes", text as typed
// values ("#text" next to attributes), <Data Name="X">v</Data> as "X": v, empty elements as null,
// repeated sibling names suffixed _1, _2…
import type { XmlElement, XmlNode } from './tree.ts';
import { valueJson, valueText } from './values.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function pieceText(n: XmlNode): string {
  switch (n.kind) {
    case 'value': return valueText(n);
    case 'charref': return String.fromCharCode(n.code);
    case 'entityref': return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[n.name] ?? `&${n.name};`;
    case 'cdata': return n.text;
    case 'pi': return '';
    case 'sub': return '';
    case 'element': return '';
  }
}

/** Text content: one value keeps its type; several pieces join as a string; none is null. */
function textOf(nodes: readonly XmlNode[]): Json {
  const pieces = nodes.filter((n) => n.kind !== 'element' && n.kind !== 'pi' && n.kind !== 'sub');
  if (pieces.length === 0) return null;
  const only = pieces[0]!;
  if (pieces.length === 1 && only.kind === 'value') return valueJson(only) as Json;
  return pieces.map(pieceText).join('');
}

function put(obj: { [key: string]: Json }, key: string, value: Json): void {
  if (!(key in obj)) {
    obj[key] = value;
    return;
  }
  let i = 1;
  while (`${key}_${i}` in obj) i++;
  obj[`${key}_${i}`] = value;
}

function dataName(e: XmlElement): string | undefined {
  if (e.name !== 'Data') return undefined;
  const a = e.attrs.find((x) => x.name === 'Name');
  return a ? a.value.map(pieceText).join('') : undefined;
}

function elementJson(e: XmlElement): Json {
  const elements = e.children.filter((c): c is XmlElement => c.kind === 'element');
  const text = textOf(e.children);
  if (e.attrs.length === 0 && elements.length === 0) return text;
  const obj: { [key: string]: Json } = {};
  if (e.attrs.length > 0) {
    const attrs: { [key: string]: Json } = {};
    for (const a of e.attrs) put(attrs, a.name, textOf(a.value));
    obj['#attributes'] = attrs;
  }
  if (text !== null) obj['#text'] = text;
  const unnamed: Json[] = [];
  for (const c of elements) {
    const name = dataName(c);
    if (name !== undefined) put(obj, name, textOf(c.children) ?? ''); // evtx_dump: empty named Data is ""
    else if (c.name === 'Data' && c.attrs.length === 0 && !c.children.some((x) => x.kind === 'element')) unnamed.push(textOf(c.children));
    else put(obj, c.name, elementJson(c));
  }
  // Unnamed <Data> elements (classic event logs): "Data": {"#text": value or [values]}.
  if (unnamed.length > 0) put(obj, 'Data', { '#text': unnamed.length === 1 ? unnamed[0]! : unnamed });
  return obj;
}

/** The record's JSON object: {"Event": {...}}. */
export function renderJson(nodes: readonly XmlNode[]): Record<string, unknown> {
  const out: { [key: string]: Json } = {};
  for (const n of nodes) if (n.kind === 'element') put(out, n.name, elementJson(n));
  return out;
}
