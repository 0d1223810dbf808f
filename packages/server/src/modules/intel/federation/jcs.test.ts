// RFC 8785 conformance with the RFC's own examples: the number samples of Appendix B, the sorting example
// of section 3.2.3 and the complete example of sections 3.2.2-3.2.4 (input text and expected UTF-8 bytes).
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalize, JcsError } from './jcs.ts';

function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 canonical JSON', () => {
  it('serialises the Appendix B number samples', () => {
    const samples: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, text] of samples) expect(canonicalize(double(hex)), hex).toBe(text);
    // NaN and Infinity (7fffffffffffffff, 7ff0000000000000) are errors.
    expect(() => canonicalize(double('7fffffffffffffff'))).toThrow(JcsError);
    expect(() => canonicalize(double('7ff0000000000000'))).toThrow(JcsError);
  });

  it('sorts members by UTF-16 code units (section 3.2.3)', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`) as Record<string, string>;
    const values = Object.values(JSON.parse(canonicalize(input)) as Record<string, string>);
    // Parsing the output again would reorder integer-like keys; read the order from the text instead.
    const order = [...canonicalize(input).matchAll(/":"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh']);
    expect(values).toHaveLength(7);
  });

  it('reproduces the complete example of sections 3.2.2 to 3.2.4, byte for byte', () => {
    const text = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalize(JSON.parse(text))).toBe(expected);
    const hex = `7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
      5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c
      22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;
    expect(canonicalBytes(JSON.parse(text)).toString('hex')).toBe(hex.replace(/\s+/g, ''));
  });

  it('escapes only what it must, and keeps U+007F, U+2028 and non-ASCII as they are', () => {
    expect(canonicalize('\b\t\n\f\r\u0001\u001f"\\/\u007f\u2028é')).toBe('"\\b\\t\\n\\f\\r\\u0001\\u001f\\"\\\\/\u007f\u2028é"');
  });

  it('does not depend on member order, nesting order or how a number was written', () => {
    const a = JSON.parse('{"b":[1.0,{"y":2E0,"x":"1"}],"a":{"d":null,"c":1e2}}') as unknown;
    const b = JSON.parse('{"a":{"c":100,"d":null},"b":[1,{"x":"1","y":2.000}]}') as unknown;
    expect(canonicalize(a)).toBe(canonicalize(b));
    expect(canonicalize(a)).toBe('{"a":{"c":100,"d":null},"b":[1,{"x":"1","y":2}]}');
    expect(canonicalize({ a: undefined, b: -0 })).toBe('{"b":0}');
  });

  it('refuses what is not I-JSON, naming where', () => {
    expect(() => canonicalize({ a: [1, '\ud800'] })).toThrow(/lone surrogate is not I-JSON at \$\.a\[1\]/);
    expect(() => canonicalize({ ['\udc00']: 1 })).toThrow(/lone surrogate/);
    expect(() => canonicalize({ when: new Date(0) })).toThrow(/Date object is not JSON data at \$\.when/);
    expect(() => canonicalize({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalize([undefined])).toThrow(/undefined/);
    expect(() => canonicalize({ f: () => 1 })).toThrow(/function/);
    expect(canonicalize('\ud83d\ude00')).toBe('"\ud83d\ude00"');
    expect(canonicalize(Object.assign(Object.create(null) as object, { z: 1, a: 2 }))).toBe('{"a":2,"z":1}');
  });
});
