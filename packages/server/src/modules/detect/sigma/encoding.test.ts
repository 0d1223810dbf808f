import { describe, expect, it } from 'vitest';
import { base64, base64offset, utf16be, utf16bom, utf16le } from './encoding.ts';

const t = (s: string) => ({ s, bytes: false });
const hex = (v: { s: string }) => [...v.s].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');

describe('encodings (modifiers appendix examples)', () => {
  it('utf16le: cmd → 63 00 6d 00 64 00', () => expect(hex(utf16le(t('cmd')))).toBe('63 00 6d 00 64 00'));
  it('utf16be: cmd → 00 63 00 6d 00 64', () => expect(hex(utf16be(t('cmd')))).toBe('00 63 00 6d 00 64'));
  it('utf16: cmd → ff fe 63 00 6d 00 64 00', () => expect(hex(utf16bom(t('cmd')))).toBe('ff fe 63 00 6d 00 64 00'));
  it('base64 of text is UTF-8', () => expect(base64(t('é'))).toBe('w6k='));
  it('base64 of bytes', () => expect(base64(utf16le(t('a')))).toBe('YQA='));
  it('base64offset of /bin/bash', () => expect(base64offset(t('/bin/bash'))).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']));
  it('every offset form occurs in the encoding of a longer text', () => {
    const forms = base64offset(t('secret'));
    for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz']) {
      const enc = Buffer.from(`${prefix}secret and more`).toString('base64');
      expect(forms.some((f) => enc.includes(f))).toBe(true);
    }
  });
});
