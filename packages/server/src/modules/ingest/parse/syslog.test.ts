import { describe, it, expect } from 'vitest';
import { parseSyslog } from './syslog.ts';

const NOW = new Date('2023-10-12T08:00:00Z');

function ok(line: string) {
  const r = parseSyslog(line, NOW);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}

describe('parseSyslog: format detection', () => {
  it('detects RFC 5424 by VERSION followed by a TIMESTAMP', () => {
    expect(ok('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - hi').rfc).toBe('5424');
    expect(ok('<34>1 - - - - - -').rfc).toBe('5424');
  });
  it('detects RFC 3164 otherwise', () => {
    expect(ok("<34>Oct 11 22:14:15 mymachine su: 'su root' failed").rfc).toBe('3164');
    expect(ok('<0>1990 Oct 22 10:52:01 TZ-6 host').rfc).toBe('3164');
    expect(ok('<13>2023-10-11T22:14:15Z host app: x').rfc).toBe('3164');
    expect(ok('plain text without anything').rfc).toBe('3164');
  });
  it('reports RFC 5424 field errors instead of falling back', () => {
    const r = parseSyslog('<34>1 2003-10-11T22:14:15.003Z host app - - [broken', NOW);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/SD-ELEMENT|SD-ID/) });
  });
});

describe('parseSyslog: CEF and LEEF payloads', () => {
  it('parses the ArcSight spec example with a BSD header and no PRI', () => {
    const m = ok('Sep 19 08:26:10 host CEF:0|security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232');
    expect(m.hostname).toBe('host');
    expect(m.cef).toMatchObject({
      deviceVendor: 'security', deviceProduct: 'threatmanager', signatureId: '100', name: 'worm successfully stopped',
      severity: '10', extensions: { src: '10.0.0.1', dst: '2.1.2.2', spt: '1232' },
    });
  });

  it('parses CEF in an RFC 5424 MSG', () => {
    const m = ok('<134>1 2023-10-11T22:14:15Z fw01 cef - - - CEF:0|Check Point|VPN-1|R81|Accept|Accept|3|src=192.0.2.1 act=Accept');
    expect(m.rfc).toBe('5424');
    expect(m.cef?.extensions).toEqual({ src: '192.0.2.1', act: 'Accept' });
  });

  it('parses CEF after a TAG', () => {
    const m = ok('<134>Oct 11 22:14:15 host CEF-agent[12]: CEF:0|V|P|1|s|n|Low|');
    expect(m.appName).toBe('CEF-agent');
    expect(m.cef?.severityScore).toBe(3);
  });

  it('parses a bare CEF line', () => {
    expect(ok('CEF:1|V|P|1|s|n|5|msg=hi').cef?.version).toBe(1);
  });

  it('parses LEEF 2.0 in syslog', () => {
    const m = ok('<13>Oct 11 22:14:15 qradar LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5');
    expect(m.leef).toMatchObject({ vendor: 'Lancope', eventId: '41', delimiter: '^', attributes: { src: '192.0.2.0', dst: '172.50.123.1', sev: '5' } });
  });

  it('keeps the syslog result and explains a broken payload', () => {
    const m = ok('<13>Oct 11 22:14:15 host CEF:0|only|three');
    expect(m.cef).toBeUndefined();
    expect(m.payloadError).toMatch(/^CEF: .*3 of 7/);
    expect(m.message).toBe('CEF:0|only|three');
    expect(ok('<13>Oct 11 22:14:15 host LEEF:9.0|a|b|c|d|').payloadError).toMatch(/^LEEF: unsupported LEEF version/);
  });

  it('leaves other messages alone', () => {
    const m = ok('<13>Oct 11 22:14:15 host app: the CEF: word later');
    expect(m.cef).toBeUndefined();
    expect(m.payloadError).toBeUndefined();
  });

  it('applies limits to the payload too', () => {
    const ext = Array.from({ length: 10 }, (_, i) => `k${i}=v`).join(' ');
    const r = parseSyslog(`<13>Oct 11 22:14:15 host CEF:0|V|P|1|s|n|5|${ext}`, NOW, { maxFields: 5 });
    expect(r.ok && r.value.payloadError).toMatch(/more than 5 fields/);
  });
});
