import { describe, expect, it } from 'vitest';
import type { Nis2ReportDocument } from '@bulwark/contracts';
import { countdownText, deadlineStatusColor, liveDeadlineStatus, reportFileName, spanText, textFieldsOf, withTextFields } from './nis2.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('NIS2 countdown', () => {
  it('writes spans with the two largest units', () => {
    expect(spanText(0)).toBe('0 s');
    expect(spanText(4_000)).toBe('4 s');
    expect(spanText(65_000)).toBe('1 min 5 s');
    expect(spanText((3 * 3600 + 12 * 60 + 9) * 1000)).toBe('3 h 12 min');
    expect(spanText((86400 + 4 * 3600 + 59) * 1000)).toBe('1 d 4 h');
    expect(spanText(2 * 86400 * 1000 + 30_000)).toBe('2 d');
    expect(spanText(-90_000)).toBe('1 min 30 s');
  });

  it('counts down to the due time, then says how late', () => {
    expect(countdownText({ dueAt: '2026-03-02T11:59:00Z', submittedAt: null }, NOW)).toBe('23 h 59 min left');
    expect(countdownText({ dueAt: '2026-03-01T11:55:00Z', submittedAt: null }, NOW)).toBe('overdue by 5 min');
    expect(countdownText({ dueAt: '2026-03-01T11:55:00Z', submittedAt: '2026-03-01T10:00:00Z' }, NOW)).toBe('submitted');
    expect(countdownText({ dueAt: null, submittedAt: null }, NOW)).toBe('not started');
  });

  it('turns a pending clock overdue when it runs out while shown, and keeps submitted ones', () => {
    expect(liveDeadlineStatus({ dueAt: '2026-03-01T11:59:59Z', submittedAt: null, status: 'due-soon' }, NOW)).toBe('overdue');
    expect(liveDeadlineStatus({ dueAt: '2026-03-01T12:00:01Z', submittedAt: null, status: 'due-soon' }, NOW)).toBe('due-soon');
    expect(liveDeadlineStatus({ dueAt: '2026-03-01T11:00:00Z', submittedAt: '2026-03-01T11:30:00Z', status: 'submitted-late' }, NOW)).toBe('submitted-late');
  });

  it('colours each status distinctly, unknown ones grey', () => {
    const colours = ['pending', 'due-soon', 'overdue', 'submitted-on-time', 'submitted-late'].map(deadlineStatusColor);
    expect(new Set(colours).size).toBe(5);
    expect(deadlineStatusColor('overdue')).toMatch(/^red/);
    expect(deadlineStatusColor('submitted-on-time')).toMatch(/^green/);
    expect(deadlineStatusColor('toString')).toBe('gray.7');
  });
});

describe('NIS2 report text fields', () => {
  const doc = {
    summary: 'old', suspectedUnlawfulOrMalicious: 'unknown',
    impact: { description: 'd', usersAffected: 4 }, threat: { rootCause: 'r', threatType: 't' },
    crossBorder: { impact: 'no', memberStates: ['DE'], details: '' },
  } as unknown as Nis2ReportDocument;

  it('puts edited fields back without losing the rest of the document', () => {
    const f = { ...textFieldsOf(doc), summary: 'new', rootCause: 'phishing', crossBorderImpact: 'yes' as const };
    const out = withTextFields(doc, f);
    expect(out.summary).toBe('new');
    expect(out.threat).toEqual({ rootCause: 'phishing', threatType: 't' });
    expect(out.impact).toEqual({ description: 'd', usersAffected: 4 });
    expect(out.crossBorder).toEqual({ impact: 'yes', memberStates: ['DE'], details: '' });
    expect(doc.summary).toBe('old');
  });

  it('names export files safely', () => {
    expect(reportFileName({ kind: 'early-warning', version: 2 }, 'pdf')).toBe('nis2-early-warning-v2.pdf');
    expect(reportFileName({ kind: '../x', version: 1 }, 'json')).toBe('nis2-x-v1.json');
  });
});
