import { describe, expect, it } from 'vitest';
import { sanitize, table } from './output.ts';
import { parseTime } from './time.ts';

describe('output', () => {
  it('makes control characters and bidi overrides visible instead of interpreting them', () => {
    expect(sanitize('ok\u001b]0;pwned\u0007 \u202eevil')).toBe('ok\\u001b]0;pwned\\u0007 \\u202eevil');
    expect(sanitize(null)).toBe('');
    expect(sanitize({ a: 1 })).toBe('{"a":1}');
  });

  it('aligns columns, flattens newlines and cuts long cells', () => {
    const rows = [{ id: 'a', msg: 'one\ntwo' }, { id: 'bbbb', msg: 'x'.repeat(20) }];
    expect(table(rows, [{ header: 'id', value: (r) => r.id }, { header: 'msg', value: (r) => r.msg, max: 10 }])).toBe(
      'ID    MSG\na     one two\nbbbb  xxxxxxxxx…',
    );
  });
});

describe('time arguments', () => {
  const now = new Date('2025-05-01T12:00:00Z');
  it('accept RFC 3339, dates and ages', () => {
    expect(parseTime('2025-04-30T10:00:00+02:00', now)).toBe('2025-04-30T08:00:00.000Z');
    expect(parseTime('2025-04-30', now)).toBe('2025-04-30T00:00:00.000Z');
    expect(parseTime('15m', now)).toBe('2025-05-01T11:45:00.000Z');
    expect(parseTime('now-2h', now)).toBe('2025-05-01T10:00:00.000Z');
    expect(parseTime('7d', now)).toBe('2025-04-24T12:00:00.000Z');
    expect(parseTime('now', now)).toBe('2025-05-01T12:00:00.000Z');
    expect(() => parseTime('yesterday', now)).toThrow(/cannot read the time/);
  });
});
