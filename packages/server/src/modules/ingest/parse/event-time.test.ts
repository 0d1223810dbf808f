import { describe, it, expect } from 'vitest';
import { eventTime } from './ocsf.ts';
import { parseTimeValue } from './time-value.ts';
import { parseSimpleDateFormat } from './simple-date-format.ts';
import { parseIsoTime } from './iso-time.ts';

const iso = (d: Date | undefined): string | undefined => d?.toISOString();
const REF = new Date('2023-10-12T08:00:00Z');

describe('parseIsoTime', () => {
  it('strict mode is RFC 3339', () => {
    expect(iso((parseIsoTime('2003-08-24T05:14:15.000003-07:00', true) as { value: Date }).value)).toBe('2003-08-24T12:14:15.000Z');
    expect(parseIsoTime('2003-08-24 05:14:15Z', true)).toMatchObject({ ok: false, offset: 10 });
    expect(parseIsoTime('2003-08-24T05:14Z', true).ok).toBe(false);
    expect(parseIsoTime('2003-08-24T05:14:15+0700', true).ok).toBe(false);
  });
  it('loose mode takes what log producers write', () => {
    const loose = (s: string) => { const r = parseIsoTime(s, false); return r.ok ? r.value.toISOString() : r.error; };
    expect(loose('2023-08-16 04:53:48.446')).toBe('2023-08-16T04:53:48.446Z');
    expect(loose('2023-08-16T04:53')).toBe('2023-08-16T04:53:00.000Z');
    expect(loose('2023-08-16T04:53:48,5+0200')).toBe('2023-08-16T02:53:48.500Z');
    expect(loose('2023-08-16T04:53:48.123456789-03')).toBe('2023-08-16T07:53:48.123Z');
    expect(loose('2016-12-31T23:59:60Z')).toBe('2016-12-31T23:59:59.000Z');
    expect(loose('2023-08-16T04:53:48Zjunk')).toMatch(/unexpected characters/);
    expect(loose('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
  });
});

describe('parseTimeValue', () => {
  it('reads epoch seconds, milliseconds, microseconds and nanoseconds', () => {
    expect(iso(parseTimeValue(1697097600))).toBe('2023-10-12T08:00:00.000Z');
    expect(iso(parseTimeValue('1697097600.25'))).toBe('2023-10-12T08:00:00.250Z');
    expect(iso(parseTimeValue(1697097600123))).toBe('2023-10-12T08:00:00.123Z');
    expect(iso(parseTimeValue('1697097600123456'))).toBe('2023-10-12T08:00:00.123Z');
    expect(iso(parseTimeValue('1697097600123456789'))).toBe('2023-10-12T08:00:00.123Z');
  });
  it('reads CEF/BSD month-name times with zones, using the reference for a missing year', () => {
    expect(iso(parseTimeValue('Oct 11 2023 22:14:15'))).toBe('2023-10-11T22:14:15.000Z');
    expect(iso(parseTimeValue('Oct 11 2023 22:14:15.120 CEST'))).toBe('2023-10-11T20:14:15.120Z');
    expect(iso(parseTimeValue('Oct 11 2023 22:14:15 +0100'))).toBe('2023-10-11T21:14:15.000Z');
    expect(iso(parseTimeValue('Oct 11 2023 22:14:15 GMT+02:00'))).toBe('2023-10-11T20:14:15.000Z');
    expect(iso(parseTimeValue('Oct 11 22:14:15', REF))).toBe('2023-10-11T22:14:15.000Z');
    expect(parseTimeValue('Oct 11 22:14:15')).toBeUndefined();
    expect(parseTimeValue('Oct 11 2023 22:14:15 XYZT')).toBeUndefined();
  });
  it('reads Windows SystemTime objects', () => {
    expect(iso(parseTimeValue({ SystemTime: '2023-08-15T09:53:48.5541234Z' }))).toBe('2023-08-15T09:53:48.554Z');
    expect(iso(parseTimeValue({ '#attributes': { SystemTime: '2019-03-19T23:34:24.4458983Z' } }))).toBe('2019-03-19T23:34:24.445Z');
  });
  it('rejects what it cannot read reliably', () => {
    for (const v of ['', 'yesterday', '12:00:01', 0, -5, NaN, Infinity, '99999999999999999999', true, null, [], {}, '2023-02-30T00:00:00Z', '1', 'x'.repeat(100)]) {
      expect(parseTimeValue(v)).toBeUndefined();
    }
    expect(parseTimeValue(new Date(NaN))).toBeUndefined();
  });
});

describe('parseSimpleDateFormat (LEEF devTimeFormat)', () => {
  it('reads the patterns of the LEEF guide and common variants', () => {
    expect(iso(parseSimpleDateFormat('Feb 14 2012 16:52:12', 'MMM dd yyyy HH:mm:ss'))).toBe('2012-02-14T16:52:12.000Z');
    expect(iso(parseSimpleDateFormat('Feb 14 2012 16:52:12.345 CET', 'MMM dd yyyy HH:mm:ss.SSS z'))).toBe('2012-02-14T15:52:12.345Z');
    expect(iso(parseSimpleDateFormat('2012-02-14T16:52:12+0100', "yyyy-MM-dd'T'HH:mm:ssZ"))).toBe('2012-02-14T15:52:12.000Z');
    expect(iso(parseSimpleDateFormat('14/02/12 04:52:12 PM', 'dd/MM/yy hh:mm:ss a'))).toBe('2012-02-14T16:52:12.000Z');
    expect(iso(parseSimpleDateFormat('Tue, 14 February 2012 12:00:00 AM', 'EEE, d MMMM yyyy hh:mm:ss a'))).toBe('2012-02-14T00:00:00.000Z');
  });
  it('returns undefined when the value does not fit', () => {
    expect(parseSimpleDateFormat('Feb 14 2012', 'MMM dd yyyy HH:mm:ss')).toBeUndefined();
    expect(parseSimpleDateFormat('Feb 30 2012 00:00:00', 'MMM dd yyyy HH:mm:ss')).toBeUndefined();
    expect(parseSimpleDateFormat('2012-02-14', 'yyyy-MM-dd QQ')).toBeUndefined();
    expect(parseSimpleDateFormat('2012-02-14 extra', 'yyyy-MM-dd')).toBeUndefined();
  });
});

describe('eventTime', () => {
  it('CEF: rt first, then end and start', () => {
    expect(iso(eventTime({ extensions: { rt: '1697097600000', end: '1' } }, 'cef'))).toBe('2023-10-12T08:00:00.000Z');
    expect(iso(eventTime({ extensions: { rt: 'garbage', end: 'Oct 11 2023 22:14:15' } }, 'cef'))).toBe('2023-10-11T22:14:15.000Z');
    expect(iso(eventTime({ extensions: { start: 'Oct 11 22:14:15' } }, 'cef', REF))).toBe('2023-10-11T22:14:15.000Z');
    expect(eventTime({ extensions: {} }, 'cef')).toBeUndefined();
  });
  it('LEEF: devTime with devTimeFormat, or epoch/default format', () => {
    expect(iso(eventTime({ attributes: { devTime: '14-02-2012 16:52', devTimeFormat: 'dd-MM-yyyy HH:mm' } }, 'leef'))).toBe('2012-02-14T16:52:00.000Z');
    expect(iso(eventTime({ attributes: { devTime: 'Feb 14 2012 16:52:12' } }, 'leef'))).toBe('2012-02-14T16:52:12.000Z');
    expect(iso(eventTime({ attributes: { devTime: '1329238332000' } }, 'leef'))).toBe('2012-02-14T16:52:12.000Z');
  });
  it('syslog: the payload time beats the header time', () => {
    const ts = new Date('2023-10-12T07:00:00Z');
    expect(eventTime({ timestamp: ts }, 'syslog')).toEqual(ts);
    expect(iso(eventTime({ timestamp: ts, cef: { extensions: { rt: '1697097600000' } } }, 'syslog'))).toBe('2023-10-12T08:00:00.000Z');
    expect(eventTime({ timestamp: ts, cef: { extensions: {} } }, 'syslog')).toEqual(ts);
    expect(iso(eventTime({ timestamp: ts, leef: { attributes: { devTime: '1329238332000' } } }, 'syslog'))).toBe('2012-02-14T16:52:12.000Z');
    expect(eventTime({}, 'syslog')).toBeUndefined();
  });
  it('JSON: Windows TimeCreated, ECS @timestamp and common names', () => {
    expect(iso(eventTime({ Event: { System: { TimeCreated: { '#attributes': { SystemTime: '2019-03-19T23:34:24.4458983Z' } } } } }, 'json')))
      .toBe('2019-03-19T23:34:24.445Z');
    expect(iso(eventTime({ TimeCreated: '2023-08-15T09:53:59.757Z', '@timestamp': '2023-08-15T09:54:00Z' }, 'json'))).toBe('2023-08-15T09:53:59.757Z');
    expect(iso(eventTime({ '@timestamp': '2020-09-04T07:06:11.273Z', EventTime: '2020-09-04 03:06:08' }, 'json'))).toBe('2020-09-04T07:06:11.273Z');
    expect(iso(eventTime({ ts: 1697097600.5 }, 'json'))).toBe('2023-10-12T08:00:00.500Z');
    expect(iso(eventTime({ time: 'noon', timestamp: '2023-10-12T08:00:00+02:00' }, 'json'))).toBe('2023-10-12T06:00:00.000Z');
    expect(iso(eventTime({ UtcTime: '2023-08-16 04:53:48.446' }, 'json'))).toBe('2023-08-16T04:53:48.446Z');
    expect(eventTime({ message: 'no time here' }, 'json')).toBeUndefined();
  });
});
