// Reads back what the PDF writer produced, independently of it: objects by cross-reference offset,
// page count, and the text of every `(...) Tj` in the content streams.

export interface PdfReadBack {
  objects: Map<number, string>;
  pageCount: number;
  /** Text runs per page, in drawing order. */
  pages: string[][];
}

function unescape(literal: string): string {
  return literal.replace(/\\([0-7]{3}|[()\\])/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e));
}

export function readPdf(pdf: Buffer): PdfReadBack {
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-1.7\n')) throw new Error('no PDF header');
  const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (!startxref) throw new Error('no startxref at the end');
  const xrefAt = Number(startxref[1]);
  const xref = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  if (!xref) throw new Error(`startxref ${xrefAt} does not point at "xref"`);
  const size = Number(xref[1]);
  const objects = new Map<number, string>();
  for (let id = 0; id < size; id++) {
    const entry = text.slice(xrefAt + xref[0].length + id * 20, xrefAt + xref[0].length + (id + 1) * 20);
    const m = /^(\d{10}) (\d{5}) ([nf]) \n$/.exec(entry);
    if (!m) throw new Error(`xref entry ${id} is malformed: ${JSON.stringify(entry)}`);
    if (m[3] === 'f') continue;
    const offset = Number(m[1]);
    if (!text.startsWith(`${id} 0 obj\n`, offset)) throw new Error(`xref entry ${id} points at ${JSON.stringify(text.slice(offset, offset + 12))}`);
    const end = text.indexOf('\nendobj\n', offset);
    objects.set(id, text.slice(offset + `${id} 0 obj\n`.length, end));
  }
  const root = objects.get(2) ?? '';
  const kids = [...root.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = kids.map((pageId) => {
    const contentsId = Number(/\/Contents (\d+) 0 R/.exec(objects.get(pageId) ?? '')?.[1]);
    const body = objects.get(contentsId) ?? '';
    const stream = /^<< \/Length (\d+) >>\nstream\n/.exec(body);
    if (!stream) throw new Error(`page object ${pageId} has no content stream`);
    const content = body.slice(stream[0].length, stream[0].length + Number(stream[1]));
    if (body.slice(stream[0].length + Number(stream[1])) !== '\nendstream') throw new Error(`stream ${contentsId} length is wrong`);
    return [...content.matchAll(/\(((?:\\[0-7]{3}|\\[()\\]|[^()\\])*)\) Tj/g)].map((m) => unescape(m[1]!));
  });
  return { objects, pageCount: Number(/\/Count (\d+)/.exec(root)?.[1]), pages };
}
