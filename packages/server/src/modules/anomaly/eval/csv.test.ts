import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvError, parseLabelledCsv, readLabelledCsv } from './csv.ts';
import { evaluate } from './evaluate.ts';

describe('labelled CSV reader', () => {
  it('reads features and labels (CRLF, exponents, trailing newline optional)', () => {
    const t = parseLabelledCsv('f0,f1,label\r\n1,2.5,0\r\n-3e2,.5,1');
    expect(t.columns).toEqual(['f0', 'f1']);
    expect(t.rows.map((r) => Array.from(r))).toEqual([[1, 2.5], [-300, 0.5]]);
    expect(Array.from(t.labels)).toEqual([0, 1]);
  });

  it('locates errors by line and column', () => {
    const err = (text: string) => {
      try {
        parseLabelledCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(CsvError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err('f0,f1,label\n1,2,0\n1,x,0\n')).toBe('line 3, column 2: "x" is not a finite number');
    expect(err('f0,f1,label\n1,,0\n')).toBe('line 2, column 2: "" is not a finite number');
    expect(err('f0,f1,label\n1,Infinity,0\n')).toBe('line 2, column 2: "Infinity" is not a finite number');
    expect(err('f0,f1,label\n1,0x10,0\n')).toBe('line 2, column 2: "0x10" is not a finite number');
    expect(err('f0,f1,label\n1,2,0\n1,2\n')).toBe('line 3: 2 fields, expected 3 as in the header');
    expect(err('f0,f1,label\n1,2,0,4\n')).toBe('line 2: 4 fields, expected 3 as in the header');
    expect(err('f0,f1,label\n1,2,2\n')).toBe('line 2, column 3: label "2" is not 0 or 1');
    expect(err('f0,f1,label\n1,2,1.0\n')).toBe('line 2, column 3: label "1.0" is not 0 or 1');
    expect(err('f0,f1,class\n1,2,1\n')).toBe('line 1, column 3: the last column must be "label", not "class"');
    expect(err('')).toBe('empty file: expected a header f0,…,label');
    expect(err('f0,label\n')).toBe('no data rows after the header');
    expect(err('label\n1\n')).toBe('line 1: the header needs at least one feature column and a label column');
  });

  it('enforces its limits', () => {
    expect(() => parseLabelledCsv('f0,label\n1,0\n2,1\n3,0\n', { maxRows: 2 })).toThrow(/3 rows: at most 2/);
    expect(() => parseLabelledCsv('f0,f1,f2,label\n1,2,3,0\n', { maxColumns: 2 })).toThrow(/3 feature columns: at most 2/);
    expect(() => parseLabelledCsv('f0,f1,label\n1,2,0\n3,4,1\n', { maxCells: 3 })).toThrow(/2 × 2 values: at most 3/);
    const dir = mkdtempSync(join(tmpdir(), 'bw-csv-'));
    writeFileSync(join(dir, 'big.csv'), 'f0,label\n1,0\n');
    expect(() => readLabelledCsv(join(dir, 'big.csv'), { maxBytes: 5 })).toThrow(/is 13 bytes; at most 5/);
  });
});

describe('evaluate', () => {
  const lines = ['f0,f1,label'];
  for (let i = 0; i < 200; i++) lines.push(`${Math.sin(i) * 1.5},${Math.cos(i * 1.3)},0`);
  for (let i = 0; i < 10; i++) lines.push(`${8 + i},${-7 - i},1`);
  const table = parseLabelledCsv(lines.join('\n'));

  it('whole-set protocol: every row scored', () => {
    const r = evaluate(table, { detector: 'iforest' });
    expect(r).toMatchObject({ detector: 'iforest', protocol: 'whole', rows: 210, outliers: 10 });
    expect(r.roc_auc).toBe(1);
  });

  it('split protocol: the 40 % test part scored, deterministic for a seed', () => {
    const a = evaluate(table, { protocol: 'split', seed: 4 });
    expect(a.rows).toBe(84);
    expect(a.roc_auc).toBeGreaterThan(0.95);
    expect(evaluate(table, { protocol: 'split', seed: 4 }).roc_auc).toBe(a.roc_auc);
  });
});
