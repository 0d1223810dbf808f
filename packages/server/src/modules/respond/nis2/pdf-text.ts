// Text for the PDF's standard Helvetica fonts: Unicode to WinAnsi bytes (with a fallback for characters
// outside it), widths for line breaking, and literal strings that untrusted text cannot break out of.
import { FIRST_CODE, HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS } from './pdf-font-metrics.ts';

// Windows-1252's 0x80–0x9F block; 0xA0–0xFF equal Unicode Latin-1.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

// Letters that do not decompose under NFKD but have an obvious Latin stand-in.
const LOOKALIKE: Record<string, string> = { 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ı': 'i', 'ħ': 'h', 'Ħ': 'H', 'ŧ': 't', 'Ŧ': 'T', '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2007': ' ', '\u202f': ' ', '\t': ' ' };

export type FontId = 'regular' | 'bold';

function byteOf(cp: number): number | null {
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return CP1252_HIGH[cp] ?? null;
}

/**
 * WinAnsi bytes of a line of text. Control characters are dropped; a character outside WinAnsi becomes
 * its accent-free form when it has one (ő → o), else "?".
 */
export function toWinAnsi(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && ch !== '\t') continue;
    if ((cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) continue;
    const direct = byteOf(cp);
    if (direct !== null) {
      out.push(direct);
      continue;
    }
    const stand = LOOKALIKE[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    const bytes = [...stand].map((c) => byteOf(c.codePointAt(0)!));
    if (stand !== ch && stand.length > 0 && bytes.every((b) => b !== null)) out.push(...(bytes as number[]));
    else out.push(0x3f);
  }
  return out;
}

export function widthOf(bytes: readonly number[], font: FontId, size: number): number {
  const table = font === 'bold' ? HELVETICA_BOLD_WIDTHS : HELVETICA_WIDTHS;
  let units = 0;
  for (const b of bytes) units += table[b - FIRST_CODE] ?? 556;
  return (units * size) / 1000;
}

/** A PDF literal string: backslash, parentheses and bytes outside printable ASCII escaped. */
export function pdfString(bytes: readonly number[]): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

/**
 * Breaks text into lines no wider than `width`: at spaces where possible, inside a word that alone is
 * too wide (hashes, URLs). Line breaks in the text start new lines; an empty text gives one empty line.
 */
export function wrapText(text: string, font: FontId, size: number, width: number): number[][] {
  const lines: number[][] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = toWinAnsi(paragraph).reduce<number[][]>((acc, b) => {
      if (b === 0x20) acc.push([]);
      else acc[acc.length - 1]!.push(b);
      return acc;
    }, [[]]).filter((w) => w.length > 0);
    let line: number[] = [];
    for (const word of words) {
      const candidate = line.length ? [...line, 0x20, ...word] : word;
      if (widthOf(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line.length) lines.push(line);
      // A word wider than the line is cut where it fills the line (at least one character per line).
      let piece: number[] = [];
      let used = 0;
      for (const b of word) {
        const w = widthOf([b], font, size);
        if (piece.length > 0 && used + w > width) {
          lines.push(piece);
          piece = [];
          used = 0;
        }
        piece.push(b);
        used += w;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
