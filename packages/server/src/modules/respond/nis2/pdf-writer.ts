// A minimal PDF 1.7 file writer: pages with uncompressed content streams, the two standard Helvetica
// fonts in WinAnsiEncoding, an Info dictionary and a classic cross-reference table. Content streams
// are built by the caller from pdf-text.ts, so they are plain ASCII.
import { pdfString, toWinAnsi } from './pdf-text.ts';

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  creationDate: Date;
}

function pdfDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** Serialises pages (content stream operators, one string per page) into a PDF file. */
export function writePdf(pages: readonly string[], info: PdfInfo): Buffer {
  if (pages.length === 0) throw new RangeError('a PDF needs at least one page');
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  const date = pdfDate(info.creationDate);
  objects[5] = `<< /Title ${pdfString(toWinAnsi(info.title))}${info.subject ? ` /Subject ${pdfString(toWinAnsi(info.subject))}` : ''} /Producer (Bulwark) /CreationDate (${date}) /ModDate (${date}) >>`;
  pages.forEach((content, i) => {
    const pageId = pageIds[i]!;
    if (/[^\x20-\x7e\n]/.test(content)) throw new RangeError(`page ${i + 1}: content stream must be printable ASCII`);
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });

  // The second line's high bytes tell transfer tools the file is binary.
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
