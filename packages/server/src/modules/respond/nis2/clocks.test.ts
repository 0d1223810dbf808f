import { describe, expect, it } from 'vitest';
import { addCalendarMonthsUtc, computeDeadlines, dueReminders, parseInstant, reminderPoints } from './clocks.ts';

const d = (s: string): Date => new Date(s);

describe('calendar months in UTC', () => {
  it('clamps to the end of shorter months and keeps the time of day', () => {
    expect(addCalendarMonthsUtc(d('2025-01-31T10:15:00Z'), 1).toISOString()).toBe('2025-02-28T10:15:00.000Z');
    expect(addCalendarMonthsUtc(d('2024-01-31T23:59:59Z'), 1).toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(addCalendarMonthsUtc(d('2025-03-31T00:00:00Z'), 1).toISOString()).toBe('2025-04-30T00:00:00.000Z');
    expect(addCalendarMonthsUtc(d('2025-12-31T12:00:00Z'), 1).toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(addCalendarMonthsUtc(d('2025-05-15T08:00:00Z'), 1).toISOString()).toBe('2025-06-15T08:00:00.000Z');
  });
  it('is not shifted by a zone offset in the input', () => {
    // 00:30 on 1 Feb in +02:00 is still 31 Jan in UTC.
    expect(addCalendarMonthsUtc(parseInstant('2025-02-01T00:30:00+02:00', 't'), 1).toISOString()).toBe('2025-02-28T22:30:00.000Z');
    expect(() => parseInstant('2025-02-01T00:30:00', 't')).toThrow(/with a zone/);
  });
});

describe('deadlines', () => {
  const awareAt = '2025-01-28T12:00:00Z';

  it('measures early warning and notification from awareness, the final report from the notification due time until it is submitted', () => {
    const [ew, nt, fin] = computeDeadlines({ awareAt }, d('2025-01-28T20:00:00Z'));
    expect(ew).toMatchObject({ kind: 'early-warning', dueAt: '2025-01-29T12:00:00.000Z', status: 'pending', msLeft: 16 * 3_600_000 });
    expect(nt).toMatchObject({ kind: 'notification', dueAt: '2025-01-31T12:00:00.000Z', status: 'pending' });
    expect(fin).toMatchObject({ kind: 'final', startsAt: '2025-01-31T12:00:00.000Z', dueAt: '2025-02-28T12:00:00.000Z', provisional: true });
  });

  it('moves the final report deadline to one month after the notification was submitted', () => {
    const out = computeDeadlines({ awareAt, earlyWarningSubmittedAt: '2025-01-29T13:00:00Z', notificationSubmittedAt: '2025-01-30T09:00:00Z' }, d('2025-02-20T00:00:00Z'));
    expect(out.map((x) => x.status)).toEqual(['submitted-late', 'submitted-on-time', 'pending']);
    expect(out[2]).toMatchObject({ dueAt: '2025-02-28T09:00:00.000Z', provisional: false });
    expect(out[0]!.msLeft).toBeNull();
  });

  it('reports due soon and overdue', () => {
    const soon = computeDeadlines({ awareAt }, d('2025-01-29T07:00:00Z'));
    expect(soon[0]!.status).toBe('due-soon');
    const late = computeDeadlines({ awareAt }, d('2025-01-29T13:00:00Z'));
    expect(late[0]).toMatchObject({ status: 'overdue', msLeft: -3_600_000 });
  });

  it('asks for a progress report when the incident is ongoing, then a final report a month after handling', () => {
    const base = { awareAt, notificationSubmittedAt: '2025-01-30T09:00:00Z', ongoing: true };
    const open = computeDeadlines(base, d('2025-02-01T00:00:00Z'));
    expect(open.map((x) => x.kind)).toEqual(['early-warning', 'notification', 'progress', 'final']);
    expect(open[2]!.dueAt).toBe('2025-02-28T09:00:00.000Z');
    expect(open[3]).toMatchObject({ dueAt: null, provisional: true, status: 'pending' });
    const handled = computeDeadlines({ ...base, handledAt: '2025-03-31T10:00:00Z' }, d('2025-04-01T00:00:00Z'));
    expect(handled[3]).toMatchObject({ dueAt: '2025-04-30T10:00:00.000Z', provisional: false });
  });
});

describe('reminders', () => {
  const awareAt = '2025-01-28T12:00:00Z';

  it('puts points at 50, 75 and 90 % of each window and at the deadline, with stable ids', () => {
    const ids = reminderPoints({ awareAt }).filter((p) => p.kind === 'early-warning');
    expect(ids.map((p) => [p.id, p.at])).toEqual([
      ['early-warning:50', '2025-01-29T00:00:00.000Z'],
      ['early-warning:75', '2025-01-29T06:00:00.000Z'],
      ['early-warning:90', '2025-01-29T09:36:00.000Z'],
      ['early-warning:deadline', '2025-01-29T12:00:00.000Z'],
    ]);
  });

  it('returns the due and unsent reminders, marking the latest per report', () => {
    const now = d('2025-01-29T07:00:00Z');
    const due = dueReminders({ awareAt }, now);
    expect(due.map((r) => [r.id, r.latest])).toEqual([['early-warning:50', false], ['early-warning:75', true]]);
    expect(dueReminders({ awareAt }, now, ['early-warning:50', 'early-warning:75'])).toEqual([]);
    // A submitted report gets no more reminders.
    expect(dueReminders({ awareAt, earlyWarningSubmittedAt: '2025-01-29T01:00:00Z' }, now)).toEqual([]);
    // 36 h in: the notification window (72 h) is at 50 %.
    expect(dueReminders({ awareAt, earlyWarningSubmittedAt: '2025-01-29T01:00:00Z' }, d('2025-01-30T00:00:00Z')).map((r) => r.id)).toEqual(['notification:50']);
  });

  it('takes configured fractions and rejects impossible ones', () => {
    const policy = { reminderFractions: [0.25], remindAtDeadline: false, dueSoonFraction: 0.5 };
    expect(reminderPoints({ awareAt }, policy).map((p) => p.id)).toEqual(['early-warning:25', 'notification:25', 'final:25']);
    expect(() => reminderPoints({ awareAt }, { ...policy, reminderFractions: [1.5] })).toThrow(/between 0 and 1/);
  });
});
