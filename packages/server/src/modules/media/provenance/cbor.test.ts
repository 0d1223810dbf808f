// CBOR decoding against examples of RFC 8949 Appendix A, and refusal of truncated or hostile input.
import { describe, expect, it } from 'vitest';
import { CborError, decodeCbor } from './cbor.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

describe('decodeCbor', () => {
  it('decodes the RFC 8949 examples we rely on', () => {
    expect(decodeCbor(hex('00'))).toBe(0);
    expect(decodeCbor(hex('1903e8'))).toBe(1000);
    expect(decodeCbor(hex('1b000000e8d4a51000'))).toBe(1000000000000);
    expect(decodeCbor(hex('3863'))).toBe(-100);
    expect(decodeCbor(hex('f93c00'))).toBe(1);
    expect(decodeCbor(hex('fb3ff199999999999a'))).toBe(1.1);
    expect(decodeCbor(hex('f5'))).toBe(true);
    expect(decodeCbor(hex('f6'))).toBe(null);
    expect(decodeCbor(hex('6449455446'))).toBe('IETF');
    expect([...(decodeCbor(hex('4401020304')) as Uint8Array)]).toEqual([1, 2, 3, 4]);
    expect(decodeCbor(hex('8301820203820405'))).toEqual([1, [2, 3], [4, 5]]);
    expect({ ...(decodeCbor(hex('a26161016162820203')) as object) }).toEqual({ a: 1, b: [2, 3] });
    expect(decodeCbor(hex('c074323031332d30332d32315432303a30343a30305a'))).toBe('2013-03-21T20:04:00Z');
  });

  it('refuses truncated, indefinite, oversized and deeply nested input', () => {
    expect(() => decodeCbor(hex('1903'))).toThrow(CborError);
    expect(() => decodeCbor(hex('5f'))).toThrow(CborError);
    expect(() => decodeCbor(hex('9bffffffffffffffff'))).toThrow(CborError);
    expect(() => decodeCbor(hex('9a7fffffff00'))).toThrow(CborError);
    expect(() => decodeCbor(new Uint8Array(100).fill(0x81))).toThrow(/deeply/);
  });
});
