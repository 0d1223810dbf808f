// An element tree to XML text laid out as `evtxexport -f xml` writes it: two-space indentation, text-only
// elements on one line, empty elements self-closed, and only &, < and > escaped.
import type { XmlElement, XmlNode } from './tree.ts';
import { valueText } from './values.ts';

function escape(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

/**
 * Attribute values. evtxexport 20181227 writes them unescaped (so `"`, `&` or `<` in a value give
 * ill-formed XML); we escape them, which changes only records that evtxexport renders ill-formed.
 */
function escapeAttr(s: string): string {
  return /[&<>"]/.test(s) ? escape(s).replace(/"/g, '&quot;') : s;
}

/** Text of a non-element node as it appears in the document. */
function inlineText(n: XmlNode, attr = false): string {
  switch (n.kind) {
    case 'value': return attr ? escapeAttr(valueText(n)) : escape(valueText(n));
    case 'charref': return `&#${n.code};`;
    case 'entityref': return `&${n.name};`;
    case 'cdata': return `<![CDATA[${n.text}]]>`;
    case 'pi': return `<?${n.target} ${n.data}?>`;
    case 'sub': return '';
    case 'element': return '';
  }
}

function startTag(e: XmlElement): string {
  let s = `<${e.name}`;
  for (const a of e.attrs) s += ` ${a.name}="${a.value.map((v) => inlineText(v, true)).join('')}"`;
  return s;
}

function element(e: XmlElement, indent: string, out: string[]): void {
  // Like evtxexport, a processing instruction goes on its own line as a child does.
  const hasElement = e.children.some((c) => c.kind === 'element' || c.kind === 'pi');
  if (!hasElement) {
    const text = e.children.map((c) => inlineText(c)).join('');
    out.push(text === '' ? `${indent}${startTag(e)}/>\n` : `${indent}${startTag(e)}>${text}</${e.name}>\n`);
    return;
  }
  out.push(`${indent}${startTag(e)}>\n`);
  const inner = `${indent}  `;
  for (const c of e.children) {
    if (c.kind === 'element') element(c, inner, out);
    else {
      const t = inlineText(c);
      if (t !== '') out.push(`${inner}${t}\n`);
    }
  }
  out.push(`${indent}</${e.name}>\n`);
}

/** XML text of the nodes of one record, each top-level element ending with a newline. */
export function renderXml(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'element') element(n, '', out);
    else {
      const t = inlineText(n);
      if (t !== '') out.push(`${t}\n`);
    }
  }
  return out.join('');
}
