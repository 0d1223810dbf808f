import { describe, it, expect } from 'vitest';
import { parseLeef } from './leef.ts';

function ok(text: string) {
  const r = parseLeef(text);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}

describe('parseLeef: LEEF 1.0', () => {
  it('parses the QRadar documentation example (tab-delimited)', () => {
    const e = ok('LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black');
    expect(e).toMatchObject({ version: '1.0', vendor: 'Microsoft', product: 'MSExchange', productVersion: '4.0 SP1', eventId: '15345', delimiter: '\t' });
    expect(e.attributes).toEqual({ src: '192.0.2.0', dst: '172.50.123.1', sev: '5', cat: 'anomaly', srcPort: '81', dstPort: '21', usrName: 'joe.black' });
  });

  it('keeps "=" and "|" inside values, spaces too', () => {
    const e = ok('LEEF:1.0|V|P|1|id|url=https://x.example/?a=1|b\tmsg=hello world\tdevTime=Feb 14 2012 16:52:12\tdevTimeFormat=MMM dd yyyy HH:mm:ss');
    expect(e.attributes).toEqual({ url: 'https://x.example/?a=1|b', msg: 'hello world', devTime: 'Feb 14 2012 16:52:12', devTimeFormat: 'MMM dd yyyy HH:mm:ss' });
  });

  it('a piece without "=" continues the previous value; empty pieces are skipped', () => {
    expect(ok('LEEF:1.0|V|P|1|id|a=x\ty\t\tb=2\t').attributes).toEqual({ a: 'x\ty', b: '2' });
  });

  it('accepts no attributes at all', () => {
    expect(ok('LEEF:1.0|V|P|1|id|').attributes).toEqual({});
    expect(ok('LEEF:1.0|V|P|1|id').eventId).toBe('id');
  });

  it('unescapes \\| in header fields', () => {
    expect(ok('LEEF:1.0|Ven\\|dor|P|1|id|').vendor).toBe('Ven|dor');
  });
});

describe('parseLeef: LEEF 2.0', () => {
  it('parses the documentation example with "^" as delimiter', () => {
    const e = ok('LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5^cat=anomaly^srcPort=81^dstPort=21^usrName=joe.black');
    expect(e.delimiter).toBe('^');
    expect(e.attributes).toMatchObject({ src: '192.0.2.0', usrName: 'joe.black', srcPort: '81' });
  });

  it('reads hex delimiters x09, 0x5E and xa6', () => {
    expect(ok('LEEF:2.0|V|P|1|id|x09|a=1\tb=2').attributes).toEqual({ a: '1', b: '2' });
    expect(ok('LEEF:2.0|V|P|1|id|0x5E|a=1^b=2').delimiter).toBe('^');
    const e = ok('LEEF:2.0|V|P|1|id|xa6|a=1¦b=2');
    expect(e.delimiter).toBe('¦');
    expect(e.attributes).toEqual({ a: '1', b: '2' });
  });

  it('defaults to tab for an empty or absent delimiter field', () => {
    expect(ok('LEEF:2.0|V|P|1|id||a=1\tb=2').attributes).toEqual({ a: '1', b: '2' });
    const absent = ok('LEEF:2.0|V|P|1|id|a=1\tb=x|y');
    expect(absent.delimiter).toBe('\t');
    expect(absent.attributes).toEqual({ a: '1', b: 'x|y' });
  });

  it('rejects a malformed delimiter field', () => {
    expect(parseLeef('LEEF:2.0|V|P|1|id|xZZ|a=1')).toMatchObject({ ok: false, error: expect.stringMatching(/invalid LEEF 2.0 delimiter 'xZZ'/) });
  });
});

describe('parseLeef: bad input', () => {
  it('requires the LEEF: prefix and five header fields', () => {
    expect(parseLeef('CEF:0|x')).toMatchObject({ ok: false, offset: 0 });
    expect(parseLeef('LEEF:1.0|V|P')).toMatchObject({ ok: false, error: expect.stringMatching(/3 of 5/) });
  });
  it('rejects unknown versions and non key=value attributes', () => {
    expect(parseLeef('LEEF:3.0|V|P|1|id|a=1')).toMatchObject({ ok: false, error: expect.stringMatching(/unsupported LEEF version/) });
    expect(parseLeef('LEEF:1.0|V|P|1|id|garbage')).toMatchObject({ ok: false, error: expect.stringMatching(/not key=value/), offset: 18 });
  });
  it('enforces limits', () => {
    expect(parseLeef('LEEF:1.0|V|P|1|id|a=1\tb=2\tc=3', { maxFields: 2 })).toMatchObject({ ok: false, error: expect.stringMatching(/more than 2 attributes/) });
    expect(parseLeef('LEEF:1.0|V|P|1|id|a=1', { maxLength: 5 })).toMatchObject({ ok: false, error: expect.stringMatching(/limit 5/) });
  });
});
