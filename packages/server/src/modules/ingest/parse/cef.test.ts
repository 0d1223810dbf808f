import { describe, it, expect } from 'vitest';
import { parseCef } from './cef.ts';

function ok(text: string) {
  const r = parseCef(text);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}

describe('parseCef: header', () => {
  it('parses the spec example', () => {
    const e = ok('CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232');
    expect(e).toMatchObject({
      version: 0, deviceVendor: 'Security', deviceProduct: 'threatmanager', deviceVersion: '1.0',
      signatureId: '100', name: 'worm successfully stopped', severity: '10', severityScore: 10,
    });
    expect(e.extensions).toEqual({ src: '10.0.0.1', dst: '2.1.2.2', spt: '1232' });
    expect(e.labels).toEqual({});
  });

  it('unescapes \\| and \\\\ in header fields (spec examples)', () => {
    expect(ok('CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a | dst=1.1.1.1').name)
      .toBe('detected a | in message');
    expect(ok('CEF:0|security|threatmanager|1.0|100|detected a \\\\ in packet|10|src=10.0.0.1').name).toBe('detected a \\ in packet');
    expect(ok('CEF:0|Micro\\|soft|P\\x|1|s|n|1|').deviceVendor).toBe('Micro|soft');
    expect(ok('CEF:0|Micro\\|soft|P\\x|1|s|n|1|').deviceProduct).toBe('P\\x');
  });

  it('reads numeric and named severities', () => {
    expect(ok('CEF:0|V|P|1|s|n|0|').severityScore).toBe(0);
    expect(ok('CEF:0|V|P|1|s|n| 7 |').severityScore).toBe(7);
    expect(ok('CEF:0|V|P|1|s|n|Low|').severityScore).toBe(3);
    expect(ok('CEF:0|V|P|1|s|n|medium|').severityScore).toBe(6);
    expect(ok('CEF:0|V|P|1|s|n|High|').severityScore).toBe(8);
    expect(ok('CEF:0|V|P|1|s|n|Very-High|').severityScore).toBe(10);
    const unknown = ok('CEF:0|V|P|1|s|n|Unknown|');
    expect(unknown.severity).toBe('Unknown');
    expect(unknown.severityScore).toBeUndefined();
    expect(ok('CEF:0|V|P|1|s|n|11|').severityScore).toBeUndefined();
    expect(ok('CEF:0|V|P|1|s|n|Catastrophic|').severity).toBe('Catastrophic');
  });

  it('accepts CEF version 1, empty header fields and a missing final pipe', () => {
    expect(ok('CEF:1|V|P|1|s|n|5|').version).toBe(1);
    expect(ok('CEF:0||||||5|')).toMatchObject({ deviceVendor: '', name: '', severity: '5' });
    expect(ok('CEF:0|V|P|1|s|n|5').extensions).toEqual({});
  });
});

describe('parseCef: extension', () => {
  it('keeps spaces inside values and trims the separator', () => {
    const e = ok('CEF:0|V|P|1|s|n|5|msg=Detected a threat. No action needed.  suser=bob   fname=My File.docx');
    expect(e.extensions).toEqual({ msg: 'Detected a threat. No action needed.', suser: 'bob', fname: 'My File.docx' });
  });

  it('unescapes \\= \\\\ \\n \\r and keeps unknown escapes (spec examples)', () => {
    expect(ok('CEF:0|security|threatmanager|1.0|100|detected a = in message|10|src=10.0.0.1 act=blocked a \\= dst=1.1.1.1').extensions)
      .toEqual({ src: '10.0.0.1', act: 'blocked a =', dst: '1.1.1.1' });
    expect(ok('CEF:0|security|threatmanager|1.0|100|detected a \\\\ in packet|10|src=10.0.0.1 act=blocked a \\\\ dst=1.1.1.1').extensions['act'])
      .toBe('blocked a \\');
    expect(ok('CEF:0|V|P|1|s|n|5|msg=line1\\nline2\\r\\nline3').extensions['msg']).toBe('line1\nline2\r\nline3');
    expect(ok('CEF:0|V|P|1|s|n|5|filePath=C:\\Windows\\System32\\cmd.exe').extensions['filePath']).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(ok('CEF:0|V|P|1|s|n|5|a=x\\|y').extensions['a']).toBe('x|y');
  });

  it('keeps an unescaped "=" inside a value when no key precedes it', () => {
    const e = ok('CEF:0|V|P|1|s|n|5|request=https://example.org/?a=1&b=2 requestMethod=GET');
    expect(e.extensions).toEqual({ request: 'https://example.org/?a=1&b=2', requestMethod: 'GET' });
  });

  it('handles escaped "=" right before a key-like word', () => {
    expect(ok('CEF:0|V|P|1|s|n|5|a=1\\=b=2').extensions).toEqual({ a: '1=b=2' });
  });

  it('maps custom label pairs', () => {
    const e = ok('CEF:0|V|P|1|s|n|5|cs1=Block Malware cs1Label=Policy Name cn1=42 cn1Label=Risk flexString1Label=Tag flexString1=blue cs2Label=orphan');
    expect(e.labels).toEqual({ 'Policy Name': 'Block Malware', Risk: '42', Tag: 'blue' });
    expect(e.extensions['cs1']).toBe('Block Malware');
  });

  it('accepts empty values, dotted vendor keys, and a repeated key (last wins)', () => {
    const e = ok('CEF:0|V|P|1|s|n|5|a= b=2 ad.vendor_key=x a=3');
    expect(e.extensions).toEqual({ a: '3', b: '2', 'ad.vendor_key': 'x' });
  });

  it('parses a real-world style firewall event', () => {
    const line = 'CEF:0|Palo Alto Networks|PAN-OS|10.1.0|TRAFFIC|end|3|rt=Oct 11 2023 22:14:15 GMT deviceExternalId=0123 src=10.1.1.5 dst=203.0.113.10 sourceTranslatedAddress=198.51.100.2 suser=corp\\\\alice spt=51544 dpt=443 proto=TCP act=allow cs1Label=Rule cs1=allow-web';
    const e = ok(line);
    expect(e.extensions).toMatchObject({ rt: 'Oct 11 2023 22:14:15 GMT', suser: 'corp\\alice', dpt: '443', act: 'allow' });
    expect(e.labels).toEqual({ Rule: 'allow-web' });
  });

  it('null-prototype maps: __proto__ is just a key', () => {
    const e = ok('CEF:0|V|P|1|s|n|5|__proto__=x constructor=y');
    expect(e.extensions['__proto__']).toBe('x');
    expect(e.extensions['constructor']).toBe('y');
  });
});

describe('parseCef: bad input', () => {
  const cases: Array<[string, RegExp, number?]> = [
    ['', /expected 'CEF:'/, 0],
    ['LEEF:1.0|a', /expected 'CEF:'/, 0],
    ['CEF:x|V|P|1|s|n|5|', /version must be digits/, 4],
    ['CEF:0', /version must be digits/, 4],
    ['CEF:0|V|P|1|s', /5 of 7/],
    ['CEF:0|V|P|1|s|n|5|just words', /not key=value/, 18],
    ['CEF:0|V|P|1|s|n|5|words then a=1', /starts with text/, 18],
  ];
  for (const [text, re, offset] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      const r = parseCef(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatch(re);
      if (offset !== undefined) expect(r.offset).toBe(offset);
    });
  }

  it('enforces length and field limits', () => {
    expect(parseCef(`CEF:0|V|P|1|s|n|5|msg=${'x'.repeat(100)}`, { maxLength: 50 })).toMatchObject({ ok: false, error: expect.stringMatching(/limit 50/) });
    const ext = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join(' ');
    expect(parseCef(`CEF:0|V|P|1|s|n|5|${ext}`, { maxFields: 10 })).toMatchObject({ ok: false, error: expect.stringMatching(/more than 10 fields/) });
    expect(parseCef(`CEF:0|V|P|1|s|n|5|${ext}`, { maxFields: 11 }).ok).toBe(true);
  });

  it('stays linear on hostile extensions', () => {
    const start = performance.now();
    parseCef(`CEF:0|V|P|1|s|n|5|a=${'b=c'.repeat(50_000)}`, { maxLength: 1e6, maxFields: 1e6 });
    parseCef(`CEF:0|V|P|1|s|n|5|a=${'x'.repeat(200_000)}=`, { maxLength: 1e6 });
    parseCef(`CEF:0|V|P|1|s|n|5|${'\\'.repeat(200_001)}`, { maxLength: 1e6 });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
