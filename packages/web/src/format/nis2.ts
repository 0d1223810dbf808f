// Words and colours for NIS2 reporting: the deadlines (early warning, notification, progress/final),
// their live countdown, the report kinds, and the free-text fields the console lets people edit.
import type { Nis2Deadline, Nis2ReportDocument, Nis2ReportKind } from '@bulwark/contracts';

export type DeadlineStatus = Nis2Deadline['status'];

export const DEADLINE_STATUS_COLOR: Readonly<Record<DeadlineStatus, string>> = {
  pending: 'blue.8', 'due-soon': 'orange.9', overdue: 'red.9', 'submitted-on-time': 'green.9', 'submitted-late': 'grape.9',
};

export const DEADLINE_LABEL: Readonly<Record<Nis2Deadline['kind'], string>> = {
  'early-warning': 'Early warning', notification: 'Incident notification', progress: 'Progress report', final: 'Final report',
};

export const REPORT_KINDS: readonly Nis2ReportKind[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];

export const REPORT_KIND_LABEL: Readonly<Record<Nis2ReportKind, string>> = {
  'early-warning': 'Early warning', notification: 'Notification', intermediate: 'Intermediate report', progress: 'Progress report', final: 'Final report',
};

export function deadlineStatusColor(s: string): string {
  return Object.hasOwn(DEADLINE_STATUS_COLOR, s) ? DEADLINE_STATUS_COLOR[s as DeadlineStatus] : 'gray.7';
}

export function reportKindLabel(k: string): string {
  return Object.hasOwn(REPORT_KIND_LABEL, k) ? REPORT_KIND_LABEL[k as Nis2ReportKind] : k;
}

/** A span of time, largest units first, at most two of them: "1 d 4 h", "3 h 12 min", "4 min 5 s". */
export function spanText(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: [number, string][] = [[d, 'd'], [h, 'h'], [m, 'min'], [s % 60, 's']];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  return parts.slice(first, first + 2).filter(([n]) => n > 0).map(([n, u]) => `${n} ${u}`).join(' ');
}

/** The countdown of a deadline at `now` (ms since epoch): "3 h 12 min left", "overdue by 5 min", "submitted". */
export function countdownText(d: Pick<Nis2Deadline, 'dueAt' | 'submittedAt'>, now: number): string {
  if (d.submittedAt) return 'submitted';
  if (!d.dueAt) return 'not started';
  const due = Date.parse(d.dueAt);
  if (Number.isNaN(due)) return 'unknown';
  const left = due - now;
  return left >= 0 ? `${spanText(left)} left` : `overdue by ${spanText(left)}`;
}

/** The server's status, except that a pending clock which ran out while the page was open shows overdue. */
export function liveDeadlineStatus(d: Pick<Nis2Deadline, 'dueAt' | 'submittedAt' | 'status'>, now: number): DeadlineStatus {
  if (d.submittedAt || !d.dueAt) return d.status;
  return (d.status === 'pending' || d.status === 'due-soon') && Date.parse(d.dueAt) < now ? 'overdue' : d.status;
}

/** The free-text fields of a report the console edits, by their path in the document. */
export interface ReportTextFields {
  readonly summary: string;
  readonly impactDescription: string;
  readonly rootCause: string;
  readonly crossBorderImpact: 'yes' | 'no' | 'unknown';
  readonly crossBorderDetails: string;
  readonly suspectedUnlawfulOrMalicious: 'yes' | 'no' | 'unknown';
}

export function textFieldsOf(doc: Nis2ReportDocument): ReportTextFields {
  return {
    summary: doc.summary, impactDescription: doc.impact.description, rootCause: doc.threat.rootCause,
    crossBorderImpact: doc.crossBorder.impact, crossBorderDetails: doc.crossBorder.details, suspectedUnlawfulOrMalicious: doc.suspectedUnlawfulOrMalicious,
  };
}

/** The whole document with the edited fields put back (the server takes the whole document on save). */
export function withTextFields(doc: Nis2ReportDocument, f: ReportTextFields): Nis2ReportDocument {
  return {
    ...doc,
    summary: f.summary,
    suspectedUnlawfulOrMalicious: f.suspectedUnlawfulOrMalicious,
    impact: { ...doc.impact, description: f.impactDescription },
    threat: { ...doc.threat, rootCause: f.rootCause },
    crossBorder: { ...doc.crossBorder, impact: f.crossBorderImpact, details: f.crossBorderDetails },
  };
}

/** The file name offered for a report's export. */
export function reportFileName(r: { kind: string; version: number }, ext: 'json' | 'pdf'): string {
  return `nis2-${r.kind.replace(/[^a-z0-9-]/g, '')}-v${r.version}.${ext}`;
}
