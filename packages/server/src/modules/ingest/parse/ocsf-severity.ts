import type { FieldView } from './ocsf-fields.ts';
import { toInt, toStr } from './ocsf-fields.ts';
import type { NativeFormat } from './ocsf-types.ts';

export const SEVERITY_NAMES: Readonly<Record<number, string>> = {
  0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical', 6: 'Fatal', 99: 'Other',
};

/** Syslog severity 0 Emergency … 7 Debug → OCSF. */
const FROM_SYSLOG = [6, 5, 5, 4, 3, 2, 1, 1];
/** Windows Level 0 LogAlways (security audits), 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose. */
const FROM_WINDOWS_LEVEL = [1, 5, 4, 3, 1, 1];
/** NXLog SeverityValue 1 DEBUG, 2 INFO, 3 WARNING, 4 ERROR, 5 CRITICAL. */
const FROM_NXLOG = [0, 1, 1, 3, 4, 5];

const FROM_NAME: Record<string, number> = {
  unknown: 0, debug: 1, trace: 1, verbose: 1, info: 1, information: 1, informational: 1,
  notice: 2, low: 2, warn: 3, warning: 3, medium: 3, err: 4, error: 4, high: 4, crit: 5, critical: 5,
  alert: 5, 'very-high': 5, 'very high': 5, emerg: 6, emergency: 6, fatal: 6, panic: 6,
};

/** CEF/LEEF 0-10 scale: 0 Informational, 1-3 Low, 4-6 Medium, 7-8 High, 9-10 Critical. */
export function fromScore10(score: number): number {
  if (!(score >= 0 && score <= 10)) return 0;
  return score === 0 ? 1 : score <= 3 ? 2 : score <= 6 ? 3 : score <= 8 ? 4 : 5;
}

function fromText(v: unknown): number | undefined {
  const s = toStr(v)?.trim().toLowerCase();
  if (!s) return undefined;
  if (s in FROM_NAME) return FROM_NAME[s];
  const n = toInt(s, 10);
  return n === undefined ? undefined : fromScore10(n);
}

/** OCSF severity_id from the format's own severity notion; 0 (Unknown) when there is none. */
export function severityId(format: NativeFormat, native: Record<string, unknown>, view: FieldView): number {
  const cef = format === 'cef' ? native : format === 'syslog' ? (native['cef'] as Record<string, unknown> | undefined) : undefined;
  if (cef && typeof cef === 'object') {
    const score = cef['severityScore'];
    if (typeof score === 'number') return fromScore10(score);
    const t = fromText(cef['severity']);
    if (t !== undefined) return t;
  }
  if (format === 'leef' || (format === 'syslog' && native['leef'])) {
    const sev = toInt(view.get(['sev']), 10);
    if (sev !== undefined) return fromScore10(sev);
  }
  if (format === 'syslog') {
    const s = toInt(native['severity'], 7);
    return s === undefined ? 0 : (FROM_SYSLOG[s] ?? 0);
  }
  if (format !== 'json') return 0;
  const nx = toInt(view.get(['SeverityValue']), 5);
  if (nx !== undefined && nx > 0) return FROM_NXLOG[nx] ?? 0;
  const sys = toInt(view.get(['log.syslog.severity.code', 'syslog.severity']), 7);
  if (sys !== undefined) return FROM_SYSLOG[sys] ?? 0;
  const level = view.get(['Level']);
  const lvl = toInt(level, 5);
  if (lvl !== undefined && view.get(['EventID', 'Channel', 'ProviderName', 'Provider']) !== undefined) {
    return FROM_WINDOWS_LEVEL[lvl] ?? 0;
  }
  return fromText(view.get(['log.level', 'level', 'Level', 'severity', 'Severity', 'event.severity'])) ?? 0;
}
