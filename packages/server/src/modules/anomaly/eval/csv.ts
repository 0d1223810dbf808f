// Reader of labelled feature tables: a header `f0,…,f{d-1},label`, then one row per line of d numbers and
// a 0/1 label. Errors name the line and column. Size limits guard the reader.
import { readFileSync, statSync } from 'node:fs';

export interface CsvLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxCells: number;
}

export const CSV_LIMITS: CsvLimits = {
  maxBytes: 256 * 2 ** 20,
  maxRows: 1_000_000,
  maxColumns: 10_000,
  maxCells: 100_000_000,
};

export interface LabelledTable {
  readonly columns: string[];
  readonly rows: Float64Array[];
  readonly labels: Uint8Array;
}

export class CsvError extends Error {
  readonly code = 'anomaly.csv_invalid';
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line?: number, column?: number) {
    super(line === undefined ? message : `line ${line}${column !== undefined ? `, column ${column}` : ''}: ${message}`);
    this.line = line;
    this.column = column;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses the text of a labelled table; columns in errors are 1-based like lines. */
export function parseLabelledCsv(text: string, limits: Partial<CsvLimits> = {}): LabelledTable {
  const lim = { ...CSV_LIMITS, ...limits };
  if (text.length > lim.maxBytes) throw new CsvError(`the table is larger than ${lim.maxBytes} bytes`);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new CsvError('empty file: expected a header f0,…,label');
  const header = stripCr(lines[0]!).split(',').map((h) => h.trim());
  const width = header.length;
  if (width < 2) throw new CsvError('the header needs at least one feature column and a label column', 1);
  if (width - 1 > lim.maxColumns) throw new CsvError(`${width - 1} feature columns: at most ${lim.maxColumns} are accepted`, 1);
  if (header[width - 1]!.toLowerCase() !== 'label') throw new CsvError(`the last column must be "label", not ${JSON.stringify(header[width - 1]!.slice(0, 40))}`, 1, width);
  const d = width - 1;
  const n = lines.length - 1;
  if (n === 0) throw new CsvError('no data rows after the header');
  if (n > lim.maxRows) throw new CsvError(`${n} rows: at most ${lim.maxRows} are accepted`);
  if (n * d > lim.maxCells) throw new CsvError(`${n} × ${d} values: at most ${lim.maxCells} are accepted`);
  const rows: Float64Array[] = new Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const lineNo = i + 2;
    const fields = stripCr(lines[i + 1]!).split(',');
    if (fields.length !== width) throw new CsvError(`${fields.length} fields, expected ${width} as in the header`, lineNo);
    const r = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const f = fields[j]!.trim();
      const v = NUMBER.test(f) ? Number(f) : NaN;
      if (!Number.isFinite(v)) throw new CsvError(`${JSON.stringify(f.slice(0, 40))} is not a finite number`, lineNo, j + 1);
      r[j] = v;
    }
    const l = fields[d]!.trim();
    if (l !== '0' && l !== '1') throw new CsvError(`label ${JSON.stringify(l.slice(0, 40))} is not 0 or 1`, lineNo, width);
    rows[i] = r;
    labels[i] = l === '1' ? 1 : 0;
  }
  return { columns: header.slice(0, d), rows, labels };
}

export function readLabelledCsv(path: string, limits: Partial<CsvLimits> = {}): LabelledTable {
  const max = limits.maxBytes ?? CSV_LIMITS.maxBytes;
  const size = statSync(path).size;
  if (size > max) throw new CsvError(`${path} is ${size} bytes; at most ${max} are accepted`);
  return parseLabelledCsv(readFileSync(path, 'utf8'), limits);
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
