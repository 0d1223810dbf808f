import { describe, it, expect } from 'vitest';
import { parseSyslog5424 } from './syslog5424.ts';

function ok(line: string) {
  const r = parseSyslog5424(line);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}
function err(line: string) {
  const r = parseSyslog5424(line);
  if (r.ok) throw new Error('expected an error');
  return r;
}

describe('parseSyslog5424: RFC 5424 section 6.5 examples', () => {
  it('example 1: no structured data, BOM before MSG', () => {
    const m = ok("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");
    expect(m).toMatchObject({
      facility: 4, severity: 2, version: 1, hostname: 'mymachine.example.com', appName: 'su', msgId: 'ID47',
      message: "'su root' failed for lonvick on /dev/pts/8", rfc: '5424', structuredData: {},
    });
    expect(m.procId).toBeUndefined();
    expect(m.timestamp?.toISOString()).toBe('2003-10-11T22:14:15.003Z');
  });

  it('example 2: microseconds and a negative offset, no MSGID', () => {
    const m = ok("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
    expect(m.facility).toBe(20);
    expect(m.severity).toBe(5);
    expect(m.timestamp?.toISOString()).toBe('2003-08-24T12:14:15.000Z');
    expect(m).toMatchObject({ hostname: '192.0.2.1', appName: 'myproc', procId: '8710', message: "%% It's time to make the do-nuts." });
    expect(m.msgId).toBeUndefined();
  });

  it('example 3: one SD-ELEMENT and a message', () => {
    const m = ok('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...');
    expect(m.structuredData).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' } });
    expect(m.message).toBe('An application event log entry...');
  });

  it('example 4: two SD-ELEMENTs and no MSG', () => {
    const m = ok('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]');
    expect(m.structuredData).toEqual({
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
    });
    expect(m.message).toBe('');
  });
});

describe('parseSyslog5424: fields', () => {
  it('accepts the minimal all-NILVALUE message', () => {
    const m = ok('<0>1 - - - - - -');
    expect(m).toMatchObject({ facility: 0, severity: 0, version: 1, message: '', structuredData: {} });
    expect(m.timestamp).toBeUndefined();
    expect(m.hostname).toBeUndefined();
  });

  it('parses the RFC 3339 timestamp examples of section 6.2.3.1', () => {
    expect(ok('<1>1 1985-04-12T23:20:50.52Z h a p m -').timestamp?.toISOString()).toBe('1985-04-12T23:20:50.520Z');
    expect(ok('<1>1 1985-04-12T19:20:50.52-04:00 h a p m -').timestamp?.toISOString()).toBe('1985-04-12T23:20:50.520Z');
    expect(ok('<1>1 2024-02-29T00:00:00+05:30 h a p m -').timestamp?.toISOString()).toBe('2024-02-28T18:30:00.000Z');
  });

  it('rejects the invalid timestamps of section 6.2.3.2 with the offset of the problem', () => {
    const e1 = err('<1>1 2003-08-24T05:14:15.000000003-07:00 h a p m -');
    expect(e1.error).toMatch(/fraction has 9 digits/);
    expect(e1.offset).toBe(25);
    expect(err('<1>1 1990-12-31T23:59:60Z h a p m -').error).toMatch(/second 60/);
    expect(err('<1>1 2003-10-11T22:14:15 h a p m -').error).toMatch(/offset/);
    expect(err('<1>1 2023-02-29T00:00:00Z h a p m -').error).toMatch(/day 29/);
    expect(err('<1>1 2023-13-01T00:00:00Z h a p m -').error).toMatch(/month 13/);
  });

  it('unescapes \\" \\\\ and \\] in PARAM-VALUE and keeps other backslashes', () => {
    const m = ok('<13>1 - h a - - [x@1 q="a\\"b" b="c\\\\d" r="e\\]f" o="C:\\temp"] msg');
    expect(m.structuredData['x@1']).toEqual({ q: 'a"b', b: 'c\\d', r: 'e]f', o: 'C:\\temp' });
    expect(m.message).toBe('msg');
  });

  it('keeps repeated PARAM-NAMEs (RFC 5424 origin ip) and merges repeated SD-IDs', () => {
    const m = ok('<13>1 - h a - - [origin ip="192.0.2.1" ip="192.0.2.129"][meta sequenceId="1"][meta language="en"]');
    expect(m.structuredData['origin']).toEqual({ ip: '192.0.2.1', 'ip#2': '192.0.2.129' });
    expect(m.structuredData['meta']).toEqual({ sequenceId: '1', language: 'en' });
  });

  it('allows an empty PARAM-VALUE, an SD-ELEMENT without params, and "]" unescaped inside a value', () => {
    const m = ok('<13>1 - h a - - [a@1 k=""][timeQuality][b@1 v="x]y"] m');
    expect(m.structuredData).toEqual({ 'a@1': { k: '' }, timeQuality: {}, 'b@1': { v: 'x]y' } });
  });

  it('treats a space between SD-ELEMENTs as the start of MSG (section 6.3.5)', () => {
    const m = ok('<13>1 - h a - - [a@1 k="1"] [b@1 k="2"]');
    expect(Object.keys(m.structuredData)).toEqual(['a@1']);
    expect(m.message).toBe('[b@1 k="2"]');
  });

  it('keeps message content verbatim, including spaces, brackets and UTF-8, but drops the line end', () => {
    expect(ok('<13>1 - h a - - -  two  spaces [x] é ✓\r\n').message).toBe(' two  spaces [x] é ✓');
  });

  it('accepts a 3-digit VERSION and lower-case t/z', () => {
    const m = ok('<13>123 2003-10-11t22:14:15z h a p m -');
    expect(m.version).toBe(123);
    expect(m.timestamp?.toISOString()).toBe('2003-10-11T22:14:15.000Z');
  });
});

describe('parseSyslog5424: bad input', () => {
  const cases: Array<[string, RegExp, number?]> = [
    ['', /'<' starting PRI/, 0],
    ['<>1 - - - - - -', /PRI has no digits/, 1],
    ['<192>1 - - - - - -', /PRI 192 out of range/],
    ['<013>1 - - - - - -', /leading zero/],
    ['<1234>1 - - - - - -', /more than 3 digits/],
    ['<13 1 - - - - - -', /'>' closing PRI/, 3],
    ['<13>0 - - - - - -', /VERSION/, 4],
    ['<13>1 - - - - -', /STRUCTURED-DATA/, 15],
    ['<13>1 - - - - - x', /STRUCTURED-DATA \('-' or '\['\)/, 16],
    ['<13>1 -  - - - -', /HOSTNAME is empty/, 8],
    ['<13>1 - h\u00e9 a - - -', /printable US-ASCII/, 9],
    [`<13>1 - ${'h'.repeat(256)} a - - -`, /HOSTNAME longer than 255/],
    [`<13>1 - h ${'a'.repeat(49)} - - -`, /APP-NAME longer than 48/],
    [`<13>1 - h a - ${'m'.repeat(33)} -`, /MSGID longer than 32/],
    ['<13>1 - h a - - [x@1 k="v"', /unterminated SD-ELEMENT/],
    ['<13>1 - h a - - [x@1 k="v]', /unterminated PARAM-VALUE/],
    ['<13>1 - h a - - [x@1 k=v]', /'"' opening PARAM-VALUE/],
    ['<13>1 - h a - - [x@1 k]', /'=' after PARAM-NAME/],
    ['<13>1 - h a - - [ x@1 k="v"]', /SD-ID is empty/],
    ['<13>1 - h a - - [x@1 k="v"]m', /SP between STRUCTURED-DATA and MSG/],
    [`<13>1 - h a - - [${'i'.repeat(33)}]`, /SD-ID longer than 32/],
  ];
  for (const [line, re, offset] of cases) {
    it(`rejects ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)}`, () => {
      const e = err(line);
      expect(e.error).toMatch(re);
      if (offset !== undefined) expect(e.offset).toBe(offset);
      if (e.offset !== undefined) expect(e.error).toContain(`at offset ${e.offset}`);
    });
  }

  it('enforces the input length and SD-PARAM count limits', () => {
    expect(parseSyslog5424('<13>1 - - - - - - hello', { maxLength: 10 })).toMatchObject({ ok: false, error: expect.stringMatching(/limit 10/) });
    const params = Array.from({ length: 5 }, (_, i) => `k${i}="v"`).join(' ');
    expect(parseSyslog5424(`<13>1 - - - - - [x@1 ${params}]`, { maxFields: 4 })).toMatchObject({ ok: false, error: expect.stringMatching(/more than 4 SD-PARAMs/) });
    expect(parseSyslog5424(`<13>1 - - - - - [x@1 ${params}]`, { maxFields: 5 }).ok).toBe(true);
  });

  it('treats __proto__ as plain data', () => {
    const m = ok('<13>1 - h a - - [__proto__ polluted="yes"]');
    expect(m.structuredData['__proto__']).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
