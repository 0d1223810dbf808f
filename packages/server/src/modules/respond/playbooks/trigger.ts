// Which playbooks an alert or incident change starts, and which runs may not overlap.
import type { TriggerContext } from './actions.ts';
import type { IncidentChange, Playbook } from './document.ts';

export type TriggerEvent =
  | { kind: 'alert'; alert: Record<string, unknown>; incident?: Record<string, unknown> }
  | { kind: 'incident'; change: IncidentChange; incident: Record<string, unknown>; alert?: Record<string, unknown> };

export const playbookInfo = (p: Playbook): Record<string, unknown> => ({ id: p.id, name: p.name, version: p.version });

/** True when the playbook is enabled, listens to this kind of event and its `when` holds. */
export function matchesTrigger(playbook: Playbook, event: TriggerEvent): boolean {
  if (!playbook.enabled) return false;
  const scope = { alert: event.alert ?? null, incident: event.incident ?? null, playbook: playbookInfo(playbook) };
  if (event.kind === 'alert') {
    const t = playbook.on.alert;
    return t !== undefined && (t.when === undefined || t.when.test(scope));
  }
  const t = playbook.on.incident;
  return t !== undefined && t.types.includes(event.change) && (t.when === undefined || t.when.test(scope));
}

/** The trigger context a run gets for an event. */
export function triggerContext(event: TriggerEvent): TriggerContext {
  const ctx: TriggerContext = {};
  if (event.alert) ctx.alert = event.alert;
  if (event.incident) ctx.incident = event.incident;
  return ctx;
}

/**
 * Runs with the same key must not overlap (the caller queues or drops the later one); null means no
 * restriction. `per-incident` without an incident (and `per-alert` without an alert) falls back to
 * one run at a time for the playbook, the safe reading.
 */
export function concurrencyKey(playbook: Playbook, ctx: TriggerContext): string | null {
  const idOf = (o: Record<string, unknown> | undefined): string | undefined => (typeof o?.id === 'string' || typeof o?.id === 'number' ? String(o.id) : undefined);
  switch (playbook.concurrency) {
    case 'parallel':
      return null;
    case 'single':
      return `playbook:${playbook.id}`;
    case 'per-incident': {
      const id = idOf(ctx.incident);
      return id === undefined ? `playbook:${playbook.id}` : `playbook:${playbook.id}:incident:${id}`;
    }
    case 'per-alert': {
      const id = idOf(ctx.alert);
      return id === undefined ? `playbook:${playbook.id}` : `playbook:${playbook.id}:alert:${id}`;
    }
  }
}
