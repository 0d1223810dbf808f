import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseSyslog } from './syslog.ts';
import { parseSyslog5424 } from './syslog5424.ts';
import { parseSyslog3164 } from './syslog3164.ts';
import { parseCef } from './cef.ts';
import { parseLeef } from './leef.ts';
import { projectOcsf, eventTime } from './ocsf.ts';
import { checkLimits } from './limits.ts';
import { parseTimeValue } from './time-value.ts';
import { parseSimpleDateFormat } from './simple-date-format.ts';

const NOW = new Date('2024-01-01T00:00:00Z');

/** Strings made of the syntax the parsers care about, so random input reaches deep paths. */
const TOKENS = ['<', '>', '<13>', '<165>', '1', '0', '9', ' ', '  ', '-', '[', ']', '"', '\\', '=', '|', '\t', '^', ':', '.',
  'CEF:', 'CEF:0|', 'LEEF:', 'LEEF:2.0|', 'x09', 'Oct', 'Feb 29', '11', '22:14:15', '2003-10-11T22:14:15.003Z', '+02:00',
  'Z', 'T', 'host', 'sshd[22]:', 'a=b', 'cs1Label=L', 'cs1=v', '\n', '\r', '\0', '\uFEFF', 'é', '\u{1F600}', '__proto__'];
const syntaxy = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), syntaxy);

const noThrowResult = (r: { ok: boolean; error?: string; offset?: number }, len: number) => {
  if (!r.ok) {
    expect(typeof r.error).toBe('string');
    if (r.offset !== undefined) expect(r.offset).toBeGreaterThanOrEqual(0);
    if (r.offset !== undefined) expect(r.offset).toBeLessThanOrEqual(len);
  }
};

describe('parsers never throw on arbitrary strings', () => {
  it('syslog, CEF, LEEF', () => {
    fc.assert(fc.property(anyString, (s) => {
      noThrowResult(parseSyslog(s, NOW), s.length);
      noThrowResult(parseSyslog5424(s), s.length);
      noThrowResult(parseSyslog3164(s, NOW), s.length);
      noThrowResult(parseCef(s), s.length);
      noThrowResult(parseCef(`CEF:0|${s}`), s.length + 6);
      noThrowResult(parseLeef(s), s.length);
      noThrowResult(parseLeef(`LEEF:2.0|${s}`), s.length + 9);
    }), { numRuns: 2000 });
  });

  it('time readers', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      parseTimeValue(a, NOW);
      parseSimpleDateFormat(a, b);
      eventTime({ rt: a, devTime: a, devTimeFormat: b, '@timestamp': a, TimeCreated: { SystemTime: b } }, 'json', NOW);
    }), { numRuns: 1000 });
  });

  it('projectOcsf and checkLimits on arbitrary JSON-like values', () => {
    const formats = fc.constantFrom('json' as const, 'syslog' as const, 'cef' as const, 'leef' as const);
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), formats, (native, format) => {
      const o = projectOcsf({ format, native, receivedAt: NOW });
      expect(Number.isFinite(o.time)).toBe(true);
      expect(o.type_uid).toBe(o.class_uid * 100 + o.activity_id);
      checkLimits(native, { maxDepth: 3, maxFields: 20, maxStringLength: 10 });
    }), { numRuns: 1000 });
  });

  it('projectOcsf on parser output of arbitrary strings', () => {
    fc.assert(fc.property(syntaxy, (s) => {
      const r = parseSyslog(s, NOW);
      if (r.ok) projectOcsf({ format: 'syslog', native: r.value as unknown as Record<string, unknown>, receivedAt: NOW });
    }), { numRuns: 1000 });
  });
});

/** Escape a CEF extension value per the spec. */
const cefEscape = (v: string) => v.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.]{0,12}$/);

describe('round trips', () => {
  it('CEF: escaped header fields and extension values parse back to the originals', () => {
    const headerField = fc.string({ maxLength: 20 });
    const extValue = fc.string({ maxLength: 30 }).map((v) => v.trim()).filter((v) => !v.includes('\t'));
    fc.assert(fc.property(fc.array(headerField, { minLength: 5, maxLength: 5 }), fc.uniqueArray(fc.tuple(key, extValue), { selector: ([k]) => k, maxLength: 8 }), (header, pairs) => {
      const esc = (h: string) => h.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
      const text = `CEF:0|${header.map(esc).join('|')}|5|${pairs.map(([k, v]) => `${k}=${cefEscape(v)}`).join(' ')}`;
      const r = parseCef(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect([r.value.deviceVendor, r.value.deviceProduct, r.value.deviceVersion, r.value.signatureId, r.value.name]).toEqual(header);
      expect({ ...r.value.extensions }).toEqual(Object.fromEntries(pairs));
    }), { numRuns: 1000 });
  });

  it('RFC 5424: escaped SD-PARAM values parse back to the originals', () => {
    const sdName = fc.stringMatching(/^[!#-<>-\\^-~]{1,32}$/);
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(sdName, fc.string({ maxLength: 20 })), { selector: ([k]) => k, maxLength: 6 }), (params) => {
      const esc = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);
      const line = `<13>1 - - - - - [id@1${params.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}] msg`;
      const r = parseSyslog5424(line);
      expect(r.ok).toBe(true);
      if (r.ok) expect({ ...r.value.structuredData['id@1'] }).toEqual(Object.fromEntries(params));
    }), { numRuns: 1000 });
  });
});
