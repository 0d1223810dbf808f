import { describe, expect, it } from 'vitest';
import { pdfString, toWinAnsi, widthOf, wrapText } from './pdf-text.ts';

describe('WinAnsi text', () => {
  it('maps Latin-1 and the Windows-1252 block, falls back for the rest and drops control characters', () => {
    expect(toWinAnsi('Aé€–')).toEqual([0x41, 0xe9, 0x80, 0x96]);
    expect(toWinAnsi('őŁ')).toEqual([0x6f, 0x4c]);
    expect(toWinAnsi('a\u0000\u0007\n\u202eb🚀')).toEqual([0x61, 0x62, 0x3f]);
    expect(toWinAnsi('a\tb')).toEqual([0x61, 0x20, 0x62]);
  });

  it('escapes what would end a literal string', () => {
    expect(pdfString(toWinAnsi('a(b)c\\d é'))).toBe('(a\\(b\\)c\\\\d \\351)');
  });

  it('measures with the Helvetica widths', () => {
    expect(widthOf(toWinAnsi('Hi'), 'regular', 10)).toBeCloseTo(7.22 + 2.22, 5);
    expect(widthOf(toWinAnsi('Hi'), 'bold', 10)).toBeGreaterThan(widthOf(toWinAnsi('Hi'), 'regular', 10));
  });
});

describe('wrapping', () => {
  it('breaks at spaces, keeps paragraphs and splits a word wider than the line', () => {
    const lines = wrapText(`one two three four five six\n\n${'f'.repeat(80)}`, 'regular', 10, 60);
    const strings = lines.map((l) => Buffer.from(l).toString('latin1'));
    expect(strings.slice(0, 3)).toEqual(['one two', 'three four', 'five six']);
    expect(strings[3]).toBe('');
    expect(strings.slice(4).join('')).toBe('f'.repeat(80));
    for (const l of lines) expect(widthOf(l, 'regular', 10)).toBeLessThanOrEqual(60);
  });
});
