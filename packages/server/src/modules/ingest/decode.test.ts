import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.ts';
import { decodeRecords, decompress, type DecodeLimits } from './decode.ts';

const limits: DecodeLimits = { maxBodyBytes: 1 << 20, maxEvents: 100, maxDepth: 8, maxFields: 50, maxStringLength: 10_000 };
const now = new Date('2026-11-28T10:00:00Z');

describe('decodeRecords', () => {
  it('keeps good NDJSON lines and reports bad ones by line number', () => {
    const text = '{"a":1}\n{"b":\n\n[1,2]\n{"c":3}\r\n';
    const out = decodeRecords(text, 'application/x-ndjson', undefined, limits, now);
    expect(out.filter((o) => o.native).map((o) => o.line)).toEqual([1, 5]);
    expect(out.filter((o) => o.error).map((o) => [o.line, o.error?.slice(0, 12)])).toEqual([
      [2, 'invalid JSON'],
      [4, 'an event mus'],
    ]);
  });

  it('rejects a malformed JSON array whole, with its position', () => {
    try {
      decodeRecords('[{"a":1},\n {"b": }]', 'application/json', undefined, limits, now);
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/line 2, column/);
    }
  });

  it('enforces depth, field and count limits per event', () => {
    const deep = JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } });
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, i])));
    const out = decodeRecords(`${deep}\n${wide}\n{"ok":true}`, 'application/x-ndjson', undefined, limits, now);
    expect(out[0]!.error).toMatch(/depth/);
    expect(out[1]!.error).toMatch(/field/);
    expect(out[2]!.native).toEqual({ ok: true });
    const nul = decodeRecords('{"a":"x\\u0000y"}\n{"b":1}', 'application/x-ndjson', undefined, limits, now);
    expect(nul[0]!.error).toMatch(/NUL character .* at \$\.a/);
    expect(nul[1]!.native).toEqual({ b: 1 });
    const many = Array.from({ length: 101 }, () => '{}').join('\n');
    expect(() => decodeRecords(many, 'application/x-ndjson', undefined, limits, now)).toThrow(/More than 100 events/);
  });

  it('parses syslog, CEF and LEEF lines from text bodies', () => {
    const text = '<34>1 2026-11-28T09:00:00Z host app - - - hello\nnot syslog at all\n';
    const out = decodeRecords(text, 'text/plain', 'syslog', limits, now);
    expect(out[0]!.native?.['hostname']).toBe('host');
    const cef = decodeRecords('CEF:0|V|P|1|100|Name|5|src=10.0.0.1', 'text/plain', 'cef', limits, now);
    expect((cef[0]!.native?.['extensions'] as Record<string, string>)['src']).toBe('10.0.0.1');
    expect(() => decodeRecords('x', 'application/xml', undefined, limits, now)).toThrow(/not accepted/);
  });
});

describe('decompress', () => {
  it('inflates gzip within the limit and refuses a bomb', async () => {
    const small = gzipSync(Buffer.from('{"a":1}'));
    expect((await decompress(small, 'gzip', 1000)).toString()).toBe('{"a":1}');
    const bomb = gzipSync(Buffer.alloc(5_000_000));
    await expect(decompress(bomb, 'gzip', 1_000_000)).rejects.toThrow(/larger than/);
    await expect(decompress(Buffer.from('nope'), 'gzip', 1000)).rejects.toThrow(/decompressed/);
  });
});
