import { describe, expect, it } from 'vitest';
import { byTime, csv, inert, summarise, summaryText, table, type Detection } from './report.ts';

const d = (over: Partial<Detection>): Detection => ({
  time: '2026-01-01T00:00:00.000Z', ruleId: 'r1', title: 'Rule one', level: 'high', host: 'ws1', channel: 'Security', eventId: '4625', file: 'a.evtx', record: 1, tags: ['attack.t1110'], ...over,
});

describe('hunt report', () => {
  const rows = [
    d({ time: '2026-01-01T00:00:02.000Z', record: 2 }),
    d({ time: '2026-01-01T00:00:01.000Z', ruleId: 'r2', title: 'Rule two', level: 'critical', host: 'dc1' }),
    d({ time: '2026-01-01T00:00:03.000Z', host: 'ws2' }),
  ];

  it('orders a timeline and summarises by rule, level and host', () => {
    expect([...rows].sort(byTime).map((r) => r.time)).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.000Z']);
    const s = summarise(rows);
    expect(s.byLevel).toEqual({ high: 2, critical: 1 });
    expect(s.byRule[0]).toMatchObject({ ruleId: 'r2', count: 1, level: 'critical' });
    expect(s.byRule[1]).toMatchObject({ ruleId: 'r1', count: 2, hosts: 2, first: '2026-01-01T00:00:02.000Z', last: '2026-01-01T00:00:03.000Z' });
    expect(summaryText(s)).toContain('by level: critical 1, high 2');
  });

  it('renders CSV safely and tables inertly', () => {
    const out = csv([d({ title: '=HYPERLINK("x")', host: 'a,b' })]);
    expect(out.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(out.split('\r\n')[1]).toContain('"a,b"');
    expect(inert('a\u001b[31mred')).toBe('a\\x1b[31mred');
    expect(table([d({ title: 'x\u001b]0;pwned\u0007' })]).includes('\u001b')).toBe(false);
  });
});
