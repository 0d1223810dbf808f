// Alerts: stored once per deterministic id and announced on `alert.raised` in the same transaction.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Alert } from '@bulwark/contracts';
import { orgScope, rows, SUBJECTS, type Bus, type Db } from '../../platform/index.ts';
import { SEVERITY_ID, type DetectedAlert } from './port.ts';

/** Derived from organisation, detector, rule and events: the same events sent by two organisations are two alerts. */
export function alertId(orgId: string, detector: string, ruleId: string, eventIds: readonly string[]): string {
  return createHash('sha256').update(orgId).update('\n').update(detector).update('\n').update(ruleId).update('\n').update([...eventIds].sort().join(',')).digest('hex').slice(0, 40);
}

export interface AlertRow {
  id: string;
  detector: string;
  rule_id: string;
  title: string;
  severity: Alert['severity'];
  status: Alert['status'];
  assignee_id: string | null;
  event_ids: string[];
  tags: string[];
  references: string[];
  fields: Record<string, unknown>;
  event_time: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id, detector: r.detector, ruleId: r.rule_id, title: r.title, severity: r.severity, status: r.status, assigneeId: r.assignee_id,
    eventIds: r.event_ids, tags: r.tags, references: r.references, fields: r.fields,
    eventTime: new Date(r.event_time).toISOString(), createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function raiseAlerts(db: Db, bus: Bus, orgId: string, detector: string, found: readonly DetectedAlert[]): Promise<Alert[]> {
  if (found.length === 0) return [];
  return db.tx(orgScope(orgId), async (tx) => {
    const out: Alert[] = [];
    for (const a of found) {
      const id = alertId(orgId, detector, a.ruleId, a.eventIds);
      const [row] = await rows<AlertRow>(tx, sql`insert into alerts (id, org_id, detector, rule_id, title, severity, severity_id, event_ids, tags, "references", fields, event_time)
        values (${id}, ${orgId}, ${detector}, ${a.ruleId}, ${a.title.slice(0, 500)}, ${a.severity}, ${SEVERITY_ID[a.severity]},
                ${`{${a.eventIds.map(pgArrayItem).join(',')}}`}::text[], ${`{${(a.tags ?? []).map(pgArrayItem).join(',')}}`}::text[],
                ${`{${(a.references ?? []).map(pgArrayItem).join(',')}}`}::text[], ${JSON.stringify(a.fields ?? {})}::jsonb, ${a.eventTime}::timestamptz)
        on conflict (id) do nothing returning *`);
      if (!row) continue;
      const alert = toAlert(row);
      await bus.publish(tx, SUBJECTS.alertRaised, { orgId, alert }, `alert-${id}`);
      out.push(alert);
    }
    return out;
  });
}

function pgArrayItem(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
