// Flowing layout on A4 pages: headings, label/value fields, wrapped paragraphs and tables that break
// across pages (repeating their header). Produces content streams for pdf-writer.ts.
import { A4 } from './pdf-writer.ts';
import { pdfString, toWinAnsi, widthOf, wrapText, type FontId } from './pdf-text.ts';

const MARGIN_X = 50;
const TOP = A4.height - 50;
const BOTTOM = 62;
const BODY = 9.5;
const LEADING = 12.5;
const LABEL_WIDTH = 150;
/** A table cell shows at most this many lines, so one row always fits on a page. */
const MAX_CELL_LINES = 40;

const n = (v: number): string => (Math.round(v * 100) / 100).toString();

export interface Column {
  title: string;
  width: number;
}

export class PdfLayout {
  readonly width = A4.width - 2 * MARGIN_X;
  private readonly pages: string[][] = [];
  private y = TOP;

  constructor() {
    this.newPage();
  }

  private get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = TOP;
  }

  private ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  // The fill colour is graphics state that outlives ET, so every text run sets its own.
  private text(x: number, y: number, bytes: readonly number[], font: FontId, size: number, rgb: [number, number, number] = [0, 0, 0]): void {
    this.ops.push(`BT ${rgb.map(n).join(' ')} rg /${font === 'bold' ? 'F2' : 'F1'} ${n(size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm ${pdfString(bytes)} Tj ET`);
  }

  private rule(y: number, grey = 0.75): void {
    this.ops.push(`${n(grey)} G 0.5 w ${n(MARGIN_X)} ${n(y)} m ${n(MARGIN_X + this.width)} ${n(y)} l S 0 G`);
  }

  title(text: string, subtitle: string): void {
    for (const line of wrapText(text, 'bold', 17, this.width)) {
      this.ensure(22);
      this.y -= 20;
      this.text(MARGIN_X, this.y, line, 'bold', 17, [0.08, 0.18, 0.4]);
    }
    for (const line of wrapText(subtitle, 'regular', 10, this.width)) {
      this.y -= 14;
      this.text(MARGIN_X, this.y, line, 'regular', 10, [0.3, 0.3, 0.3]);
    }
    this.y -= 8;
    this.rule(this.y, 0.4);
    this.y -= 4;
  }

  heading(text: string): void {
    this.ensure(24 + 2 * LEADING);
    this.y -= 20;
    this.text(MARGIN_X, this.y, toWinAnsi(text), 'bold', 12, [0.08, 0.18, 0.4]);
    this.y -= 5;
    this.rule(this.y);
    this.y -= 2;
  }

  /** A label and its value; the value wraps and may continue on the next page. */
  field(label: string, value: string): void {
    const labelLines = wrapText(label, 'bold', BODY, LABEL_WIDTH - 10);
    const valueLines = wrapText(value, 'regular', BODY, this.width - LABEL_WIDTH);
    const count = Math.max(labelLines.length, valueLines.length);
    this.ensure(Math.min(count, 3) * LEADING + 3);
    this.y -= 3;
    for (let i = 0; i < count; i++) {
      if (i > 0) this.ensure(LEADING);
      this.y -= LEADING;
      if (labelLines[i]?.length) this.text(MARGIN_X, this.y, labelLines[i]!, 'bold', BODY, [0.25, 0.25, 0.25]);
      if (valueLines[i]?.length) this.text(MARGIN_X + LABEL_WIDTH, this.y, valueLines[i]!, 'regular', BODY);
    }
  }

  paragraph(text: string): void {
    this.y -= 3;
    for (const line of wrapText(text, 'regular', BODY, this.width)) {
      this.ensure(LEADING);
      this.y -= LEADING;
      if (line.length) this.text(MARGIN_X, this.y, line, 'regular', BODY);
    }
  }

  /** Columns' widths are scaled to the text width. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[]): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const header = (): void => {
      this.ensure(LEADING + 2 * pad + LEADING);
      const h = LEADING + 2 * pad;
      this.ops.push(`0.9 g ${n(MARGIN_X)} ${n(this.y - h)} ${n(this.width)} ${n(h)} re f 0 g`);
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        this.text(x + pad, this.y - pad - 9.5, wrapText(c.title, 'bold', BODY, widths[i]! - 2 * pad)[0] ?? [], 'bold', BODY);
        x += widths[i]!;
      });
      this.y -= h;
    };
    this.y -= 4;
    header();
    for (const row of rows) {
      const cells = widths.map((w, i) => {
        const lines = wrapText(row[i] ?? '', 'regular', BODY, w - 2 * pad);
        return lines.length > MAX_CELL_LINES ? [...lines.slice(0, MAX_CELL_LINES - 1), toWinAnsi('[…]')] : lines;
      });
      const h = Math.max(...cells.map((c) => c.length)) * LEADING + 2 * pad;
      if (this.y - h < BOTTOM) {
        this.newPage();
        header();
      }
      let x = MARGIN_X;
      cells.forEach((lines, i) => {
        lines.forEach((line, j) => {
          if (line.length) this.text(x + pad, this.y - pad - 9.5 - j * LEADING, line, 'regular', BODY);
        });
        x += widths[i]!;
      });
      this.y -= h;
      this.rule(this.y, 0.85);
    }
  }

  /** Content streams, each page with its footer (left, centre and "Page i of n" on the right). */
  finish(footerLeft: string, footerCentre: string): string[] {
    const total = this.pages.length;
    return this.pages.map((ops, i) => {
      const footer: string[] = [`0.75 G 0.5 w ${n(MARGIN_X)} 45 m ${n(MARGIN_X + this.width)} 45 l S 0 G`];
      const size = 8;
      const put = (text: string, align: 'left' | 'centre' | 'right'): void => {
        const bytes = toWinAnsi(text);
        const w = widthOf(bytes, 'regular', size);
        const x = align === 'left' ? MARGIN_X : align === 'right' ? MARGIN_X + this.width - w : MARGIN_X + (this.width - w) / 2;
        footer.push(`BT 0.35 0.35 0.35 rg /F1 ${size} Tf 1 0 0 1 ${n(x)} 32 Tm ${pdfString(bytes)} Tj ET`);
      };
      put(footerLeft, 'left');
      put(footerCentre, 'centre');
      put(`Page ${i + 1} of ${total}`, 'right');
      return [...ops, ...footer].join('\n');
    });
  }
}
