// Words for incidents: INC numbers, statuses, ATT&CK tactics, owners and the timeline. Every value
// read from a timeline body is untrusted and becomes plain text; unknown shapes still read sensibly.
import type { IncidentWorkStatus, TimelineEntry } from '@bulwark/contracts';
import { formatTime } from './time.ts';

export type SettableStatus = Exclude<IncidentWorkStatus, 'merged'>;
export const SETTABLE_STATUSES: readonly SettableStatus[] = ['new', 'in_progress', 'contained', 'resolved', 'closed'];

export const INCIDENT_STATUS_LABEL: Readonly<Record<IncidentWorkStatus, string>> = {
  new: 'New', in_progress: 'In progress', contained: 'Contained', resolved: 'Resolved', closed: 'Closed', merged: 'Merged',
};

export const INCIDENT_STATUS_COLOR: Readonly<Record<IncidentWorkStatus, string>> = {
  new: 'blue.8', in_progress: 'grape.8', contained: 'teal.9', resolved: 'green.9', closed: 'gray.7', merged: 'dark.4',
};

export function statusLabel(s: string): string {
  return Object.hasOwn(INCIDENT_STATUS_LABEL, s) ? INCIDENT_STATUS_LABEL[s as IncidentWorkStatus] : s;
}

export function incidentRef(n: number): string {
  return `INC-${n}`;
}

/** ATT&CK tactics in kill-chain order (Enterprise, then ICS), by the slug Sigma tags use. */
export const TACTIC_ORDER = [
  'reconnaissance', 'resource_development', 'initial_access', 'execution', 'persistence', 'privilege_escalation', 'defense_evasion',
  'credential_access', 'discovery', 'lateral_movement', 'collection', 'command_and_control', 'exfiltration', 'impact',
  'evasion', 'inhibit_response_function', 'impair_process_control',
] as const;

/** "privilege_escalation" → "Privilege escalation"; "command_and_control" → "Command and control". */
export function tacticLabel(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : slug;
}

export interface OwnerContext {
  readonly userId: string;
  readonly names: ReadonlyMap<string, string>;
}

/** "me", a user's name, the start of an unknown id, or "—" for nobody (null: the platform). */
export function ownerLabel(id: string | null | undefined, ctx: OwnerContext, nobody = '—'): string {
  if (!id) return nobody;
  if (id === ctx.userId) return 'me';
  return ctx.names.get(id) ?? id.slice(0, 8);
}

export function actorLabel(id: string | null, ctx: OwnerContext): string {
  return id ? ownerLabel(id, ctx) : 'Bulwark';
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A short JSON view of any value (bounded, for bodies of unknown shape). */
export function compact(v: unknown, max = 300): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function fields(body: Record<string, unknown>, skip: readonly string[] = []): string {
  return Object.entries(body).filter(([k]) => !skip.includes(k)).map(([k, v]) => `${k}: ${compact(v, 120)}`).join(' · ');
}

function fromTo(body: Record<string, unknown>, name: (v: unknown) => string): string {
  return `${name(body['from'])} → ${name(body['to'])}`;
}

function changeText(b: Record<string, unknown>): string {
  if (b['opened'] !== undefined) return `Opened ${str(b['opened']) ?? ''}${str(b['title']) ? `: ${str(b['title'])}` : ''}`.trim();
  if (b['title'] && typeof b['title'] === 'object') {
    const t = b['title'] as Record<string, unknown>;
    return `Title changed from “${str(t['from']) ?? ''}” to “${str(t['to']) ?? ''}”`;
  }
  if (typeof b['reportable'] === 'boolean') return b['reportable'] ? 'Marked reportable under NIS2' : 'No longer reportable under NIS2';
  if ('awareAt' in b) return b['awareAt'] ? `Awareness time set to ${formatTime(String(b['awareAt']))}` : 'Awareness time cleared';
  return fields(b) || 'Changed';
}

/** One timeline entry as a line a person reads (the actor and time are shown beside it). */
export function timelineText(e: Pick<TimelineEntry, 'kind' | 'body'>, ctx: OwnerContext): string {
  const b = e.body ?? {};
  const ref = (n: unknown) => (num(n) !== undefined ? incidentRef(num(n)!) : 'another incident');
  switch (e.kind) {
    case 'alert':
      return `Alert (${str(b['severity']) ?? '?'}): ${str(b['title']) ?? str(b['alertId']) ?? ''} — ${str(b['detector']) ?? '?'} / ${str(b['ruleId']) ?? '?'}`;
    case 'note':
      return str(b['text']) ?? '';
    case 'status':
      return `Status ${fromTo(b, (v) => statusLabel(str(v) ?? '?'))}`;
    case 'owner':
      return `Owner ${fromTo(b, (v) => ownerLabel(str(v), ctx, 'nobody'))}`;
    case 'severity':
      return `Severity ${fromTo(b, (v) => str(v) ?? '?')}${str(b['why']) ? ` (${str(b['why'])})` : ''}`;
    case 'change':
      return changeText(b);
    case 'merge':
      if (b['into'] !== undefined) return `Merged into ${ref(b['number'])}`;
      return `${ref(b['number'])}${str(b['title']) ? ` “${str(b['title'])}”` : ''} merged into this incident`;
    case 'split': {
      const n = num(b['alerts']);
      const alerts = n === undefined ? 'Alerts' : `${n} alert${n === 1 ? '' : 's'}`;
      return b['to'] !== undefined ? `${alerts} split off into ${ref(b['number'])}` : `${alerts} split off from ${ref(b['number'])}`;
    }
    case 'link': {
      const links = Array.isArray(b['links']) ? b['links'] : [];
      return links.length ? `Links set: ${links.map((l) => str((l as Record<string, unknown>)?.['title']) ?? str((l as Record<string, unknown>)?.['ref']) ?? '?').join(', ')}` : 'Links removed';
    }
    case 'action':
      return `Action ${str(b['action']) ?? str(b['name']) ?? ''}${str(b['outcome']) ?? str(b['status']) ? `: ${str(b['outcome']) ?? str(b['status'])}` : ''}${fields(b, ['action', 'name', 'outcome', 'status']) ? ` (${fields(b, ['action', 'name', 'outcome', 'status'])})` : ''}`.trim();
    case 'playbook':
      return `Playbook ${str(b['playbook']) ?? str(b['name']) ?? ''}${str(b['status']) ? `: ${str(b['status'])}` : ''}${fields(b, ['playbook', 'name', 'status']) ? ` (${fields(b, ['playbook', 'name', 'status'])})` : ''}`.trim();
    case 'report':
      return `Report ${str(b['kind']) ?? str(b['report']) ?? ''}${str(b['status']) ? `: ${str(b['status'])}` : ''}${fields(b, ['kind', 'report', 'status']) ? ` (${fields(b, ['kind', 'report', 'status'])})` : ''}`.trim();
    case 'reminder':
      return `Reminder: ${str(b['text']) ?? str(b['message']) ?? (fields(b) || 'due')}`;
    default:
      return fields(b) || String(e.kind);
  }
}

export const TIMELINE_KIND_LABEL: Readonly<Record<string, string>> = {
  alert: 'Alert', note: 'Note', status: 'Status', owner: 'Owner', severity: 'Severity', change: 'Change', merge: 'Merge', split: 'Split',
  action: 'Action', playbook: 'Playbook', report: 'Report', reminder: 'Reminder', link: 'Links',
};
