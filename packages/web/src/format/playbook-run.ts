// Reading a playbook run's state (the engine's record, typed loosely by the API) for display: steps
// with status, attempts, duration, output, error and approval; colours for run and step statuses.
// Every value comes from the server and from actions' outputs: it is untrusted and shown as text.
import type { PlaybookTest } from '@bulwark/contracts';

export type RunStatus = 'queued' | 'running' | 'waiting_approval' | 'succeeded' | 'failed' | 'stopped';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting_approval', 'succeeded', 'failed', 'stopped'];

const COLORS: Readonly<Record<string, string>> = {
  pending: 'gray.7', queued: 'grape.8', running: 'blue.8', waiting_approval: 'orange.9', succeeded: 'green.9', failed: 'red.9',
  stopped: 'dark.4', skipped: 'gray.6', simulated: 'cyan.9',
};

/** Colour of a run or step status; unknown statuses are grey. */
export function runStatusColor(s: string): string {
  return Object.hasOwn(COLORS, s) ? COLORS[s]! : 'gray.7';
}

/** "waiting_approval" → "waiting for approval". */
export function runStatusLabel(s: string): string {
  return s === 'waiting_approval' ? 'waiting for approval' : s.replace(/_/g, ' ');
}

export interface StepView {
  readonly id: string;
  readonly uses: string;
  readonly status: string;
  readonly attempts: number;
  readonly durationMs: number | null;
  readonly output: unknown;
  readonly hasOutput: boolean;
  readonly error: string | null;
  readonly reason: string | null;
  readonly description: string | null;
  readonly notes: readonly string[];
  readonly approval: {
    readonly approvers: readonly string[];
    readonly expiresAt: string | null;
    readonly description: string;
    readonly decision: { readonly approved: boolean; readonly by: string; readonly at: string; readonly comment: string | null } | null;
    readonly expired: boolean;
  } | null;
}

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The steps of a run state (or a dry run), in order; malformed entries are left out. */
export function stepsOf(state: unknown): StepView[] {
  const steps = obj(state)?.['steps'];
  if (!Array.isArray(steps)) return [];
  const out: StepView[] = [];
  for (const raw of steps.slice(0, 200)) {
    const s = obj(raw);
    const id = str(s?.['id']);
    if (!s || !id) continue;
    const a = obj(s['approval']);
    const d = obj(a?.['decision']);
    const err = obj(s['error']);
    out.push({
      id, uses: str(s['uses']) ?? '', status: str(s['status']) ?? 'pending', attempts: num(s['attempts']) ?? 0,
      durationMs: num(s['durationMs']), output: s['output'], hasOutput: s['output'] !== undefined,
      error: str(err?.['message']) ?? str(s['error']), reason: str(s['reason']), description: str(s['description']), notes: strs(s['notes']),
      approval: a ? {
        approvers: strs(a['approvers']), expiresAt: str(a['expiresAt']), description: str(a['description']) ?? '', expired: a['expired'] === true,
        decision: d ? { approved: d['approved'] === true, by: str(d['by']) ?? '', at: str(d['at']) ?? '', comment: str(d['comment']) } : null,
      } : null,
    });
  }
  return out;
}

/** How many later incident changes a queued run took in (they coalesce while it waits). */
export function coalescedOf(state: unknown): number {
  return num(obj(state)?.['coalesced']) ?? 0;
}

/** Why a run failed or stopped, when the state says. */
export function runErrorOf(state: unknown): string | null {
  return str(obj(state)?.['error']);
}

/** "850 ms", "4.2 s", "3 min 5 s". */
export function durationText(ms: number | null): string {
  if (ms === null || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** An alert or incident pasted into the dry run panel (JSON) as the test request's body, or what is wrong with it. */
export function dryRunBody(source: string, pasted: string, change: NonNullable<PlaybookTest['change']>):
  { ok: true; body: PlaybookTest } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(pasted);
  } catch (err) {
    return { ok: false, error: `The pasted text is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const o = obj(value);
  if (!o) return { ok: false, error: 'Paste one alert or incident as a JSON object.' };
  // An incident detail as the API returns it ({ incident, alerts, timeline }) is accepted as well.
  const inner = obj(o['incident']);
  if (inner) return { ok: true, body: { source, incident: inner, change } };
  if ('number' in o && 'alertCount' in o) return { ok: true, body: { source, incident: o, change } };
  return { ok: true, body: { source, alert: o } };
}

/** The top-level `id:` of a playbook's YAML (where a new version is saved), or null. */
export function playbookIdOf(source: string): string | null {
  const m = /^id:[ \t]*(["']?)([a-z0-9][a-z0-9-]{0,63})\1[ \t]*(?:#.*)?$/m.exec(source);
  return m ? m[2]! : null;
}
