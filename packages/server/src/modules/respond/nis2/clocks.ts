// NIS2 Article 23(4) deadlines, their status at a given moment and the reminders due. Pure: the caller
// passes "now". All arithmetic is in UTC.

export type DeadlineKind = 'early-warning' | 'notification' | 'progress' | 'final';
export type DeadlineStatus = 'pending' | 'due-soon' | 'overdue' | 'submitted-on-time' | 'submitted-late';

export interface ClockInput {
  /** When the entity became aware of the significant incident (ISO 8601). */
  awareAt: string;
  earlyWarningSubmittedAt?: string | null;
  notificationSubmittedAt?: string | null;
  /** True when the incident is still being handled at the final report's due time: a progress report is due then instead. */
  ongoing?: boolean;
  progressSubmittedAt?: string | null;
  /** When handling of the incident ended; the final report after a progress report is due one month later. */
  handledAt?: string | null;
  finalSubmittedAt?: string | null;
}

export interface ClockPolicy {
  /** Fractions of each window at which a reminder is due, in (0, 1). */
  reminderFractions: readonly number[];
  /** Also remind at the deadline itself. */
  remindAtDeadline: boolean;
  /** A pending report is "due soon" once this fraction of its window has passed. */
  dueSoonFraction: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { reminderFractions: [0.5, 0.75, 0.9], remindAtDeadline: true, dueSoonFraction: 0.75 };

export interface Deadline {
  kind: DeadlineKind;
  /** Start of the window the deadline is measured from. Null when it is not known yet. */
  startsAt: string | null;
  dueAt: string | null;
  /** The start (and so the due time) is an estimate: it moves when the report it depends on is submitted. */
  provisional: boolean;
  /** Why the deadline is provisional or unknown. */
  basis: string;
  submittedAt: string | null;
  status: DeadlineStatus;
  /** Milliseconds until dueAt (negative when overdue); null when submitted or unknown. */
  msLeft: number | null;
}

export interface Reminder {
  /** Stable: `<kind>:<percent>` or `<kind>:deadline`, e.g. `early-warning:75`, `final:deadline`. */
  id: string;
  kind: DeadlineKind;
  /** Fraction of the window (1 for the deadline). */
  fraction: number;
  at: string;
  dueAt: string;
  /** The most advanced due reminder of its report: send this one, store all as sent. */
  latest: boolean;
}

const HOUR = 3_600_000;

/**
 * Adds calendar months in UTC, keeping the time of day; a day that does not exist in the target
 * month becomes its last day (31 Jan + 1 month = 28 or 29 Feb).
 */
export function addCalendarMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(date.getTime());
  d.setUTCDate(1);
  d.setUTCMonth(m);
  d.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return d;
}

export function parseInstant(value: string, field: string): Date {
  // Require an explicit zone so a local-time string cannot shift a legal deadline.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new RangeError(`${field}: "${value.slice(0, 40)}" is not an ISO 8601 time with a zone`);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${field}: "${value.slice(0, 40)}" is not a valid time`);
  return d;
}

function opt(value: string | null | undefined, field: string): Date | null {
  return value === null || value === undefined ? null : parseInstant(value, field);
}

interface Window {
  kind: DeadlineKind;
  start: Date | null;
  due: Date | null;
  provisional: boolean;
  basis: string;
  submitted: Date | null;
}

function windows(input: ClockInput): Window[] {
  const aware = parseInstant(input.awareAt, 'awareAt');
  const ew = opt(input.earlyWarningSubmittedAt, 'earlyWarningSubmittedAt');
  const nt = opt(input.notificationSubmittedAt, 'notificationSubmittedAt');
  const pr = opt(input.progressSubmittedAt, 'progressSubmittedAt');
  const handled = opt(input.handledAt, 'handledAt');
  const fin = opt(input.finalSubmittedAt, 'finalSubmittedAt');
  const notificationDue = new Date(aware.getTime() + 72 * HOUR);
  const result: Window[] = [
    { kind: 'early-warning', start: aware, due: new Date(aware.getTime() + 24 * HOUR), provisional: false, basis: 'awareness + 24 h (Art. 23(4)(a))', submitted: ew },
    { kind: 'notification', start: aware, due: notificationDue, provisional: false, basis: 'awareness + 72 h (Art. 23(4)(b))', submitted: nt },
  ];
  const finalStart = nt ?? notificationDue;
  const finalBasis = nt ? 'notification submitted + 1 month (Art. 23(4)(d))' : 'notification not submitted: its due time + 1 month, moves when it is submitted';
  if (input.ongoing) {
    result.push({ kind: 'progress', start: finalStart, due: addCalendarMonthsUtc(finalStart, 1), provisional: !nt, basis: `${finalBasis}; incident ongoing, progress report instead (Art. 23(4)(e))`, submitted: pr });
    result.push(handled
      ? { kind: 'final', start: handled, due: addCalendarMonthsUtc(handled, 1), provisional: false, basis: 'handling ended + 1 month (Art. 23(4)(e))', submitted: fin }
      : { kind: 'final', start: null, due: null, provisional: true, basis: 'incident ongoing: due one month after its handling ends', submitted: fin });
  } else {
    result.push({ kind: 'final', start: finalStart, due: addCalendarMonthsUtc(finalStart, 1), provisional: !nt, basis: finalBasis, submitted: fin });
  }
  return result;
}

export function computeDeadlines(input: ClockInput, now: Date, policy: ClockPolicy = DEFAULT_CLOCK_POLICY): Deadline[] {
  return windows(input).map((w) => {
    let status: DeadlineStatus;
    let msLeft: number | null = null;
    if (w.submitted) {
      status = w.due && w.submitted.getTime() > w.due.getTime() ? 'submitted-late' : 'submitted-on-time';
    } else if (!w.due || !w.start) {
      status = 'pending';
    } else {
      msLeft = w.due.getTime() - now.getTime();
      const elapsed = (now.getTime() - w.start.getTime()) / (w.due.getTime() - w.start.getTime());
      status = msLeft < 0 ? 'overdue' : elapsed >= policy.dueSoonFraction ? 'due-soon' : 'pending';
    }
    return {
      kind: w.kind,
      startsAt: w.start?.toISOString() ?? null,
      dueAt: w.due?.toISOString() ?? null,
      provisional: w.provisional,
      basis: w.basis,
      submittedAt: w.submitted?.toISOString() ?? null,
      status,
      msLeft,
    };
  });
}

/** Every reminder point of every report not yet submitted, whether due or not, in time order. */
export function reminderPoints(input: ClockInput, policy: ClockPolicy = DEFAULT_CLOCK_POLICY): Omit<Reminder, 'latest'>[] {
  for (const f of policy.reminderFractions) {
    if (!(f > 0 && f < 1)) throw new RangeError(`reminder fraction ${f} is not between 0 and 1`);
  }
  const fractions = [...new Set(policy.reminderFractions)].sort((a, b) => a - b);
  const points: Omit<Reminder, 'latest'>[] = [];
  for (const w of windows(input)) {
    if (w.submitted || !w.start || !w.due) continue;
    const span = w.due.getTime() - w.start.getTime();
    const add = (fraction: number, id: string): void => {
      points.push({ id: `${w.kind}:${id}`, kind: w.kind, fraction, at: new Date(w.start!.getTime() + Math.round(span * fraction)).toISOString(), dueAt: w.due!.toISOString() });
    };
    for (const f of fractions) add(f, String(Math.round(f * 1000) / 10));
    if (policy.remindAtDeadline) add(1, 'deadline');
  }
  return points.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** Reminders whose time has come and whose id is not in `sent`. */
export function dueReminders(input: ClockInput, now: Date, sent: Iterable<string> = [], policy: ClockPolicy = DEFAULT_CLOCK_POLICY): Reminder[] {
  const done = new Set(sent);
  const due = reminderPoints(input, policy).filter((p) => !done.has(p.id) && Date.parse(p.at) <= now.getTime());
  const lastOf = new Map<DeadlineKind, string>();
  for (const p of due) lastOf.set(p.kind, p.id);
  return due.map((p) => ({ ...p, latest: lastOf.get(p.kind) === p.id }));
}
