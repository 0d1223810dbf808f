// Incidents in the database. An alert joins an incident under the lock of its group key's row
// (incident_groups), and its membership row (incident_alerts, one per alert) is written in the same
// transaction: a re-delivered alert finds itself already placed, and two alerts of one key delivered at
// once to two workers are placed one after the other, so delivery never splits or duplicates an incident.
import { sql } from 'drizzle-orm';
import type { Alert, GroupingSettings, Incident, IncidentEntities, IncidentLink, Severity, TimelineEntry, TimelineKind } from '@bulwark/contracts';
import { errors, rows, SUBJECTS, type Bus, type Tx } from '../../../platform/index.ts';
import { TACTICS, type AlertFacts } from './entities.ts';
import { DEFAULT_GROUPING, type Group } from './grouping.ts';

export const SEVERITY_RANK: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];
/** Statuses after which a new alert of the key opens a new incident. */
const ENDED: ReadonlySet<string> = new Set(['resolved', 'closed']);
const MAX_ENTITIES = 100;
/** Three or more ATT&CK tactics in one incident read as an attack progressing: at least high. */
const CHAIN_TACTICS = 3;

export interface IncidentRow {
  id: string; org_id: string; seq: number | string; title: string; severity: Severity; severity_id: number; status: Incident['status']; owner_id: string | null;
  group_key: string | null; first_alert_at: Date | string | null; last_alert_at: Date | string | null; alert_count: number; tactics: string[]; techniques: string[];
  entities: Partial<IncidentEntities>; merged_into: string | null; reportable: boolean; aware_at: Date | string | null; links: IncidentLink[];
  created_at: Date | string; updated_at: Date | string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id, number: Number(r.seq), title: r.title, severity: r.severity, status: r.status, ownerId: r.owner_id, groupKey: r.group_key,
    firstAlertAt: iso(r.first_alert_at), lastAlertAt: iso(r.last_alert_at), alertCount: r.alert_count, tactics: r.tactics, techniques: r.techniques,
    entities: { hosts: r.entities.hosts ?? [], users: r.entities.users ?? [], ips: r.entities.ips ?? [], indicators: r.entities.indicators ?? [] },
    mergedInto: r.merged_into, reportable: r.reportable, awareAt: iso(r.aware_at), links: r.links ?? [], createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

function union(into: readonly string[], more: readonly string[], max = MAX_ENTITIES): string[] {
  const out = [...into];
  for (const v of more) if (out.length < max && !out.includes(v)) out.push(v);
  return out;
}

function orderTactics(list: string[]): string[] {
  const rank = (t: string) => {
    const i = TACTICS.indexOf(t as (typeof TACTICS)[number]);
    return i < 0 ? TACTICS.length : i;
  };
  return list.sort((a, b) => rank(a) - rank(b));
}

function mergeEntities(e: Partial<IncidentEntities>, f: AlertFacts | IncidentEntities): IncidentEntities {
  const ips = 'ips' in f ? f.ips : [...f.srcIps, ...f.dstIps];
  return {
    hosts: union(e.hosts ?? [], f.hosts), users: union(e.users ?? [], f.users), ips: union(e.ips ?? [], ips), indicators: union(e.indicators ?? [], f.indicators),
  };
}

/** Severity of an incident from its alerts' highest severity and its tactic chain. */
function severityOf(current: Severity, alert: Severity, tactics: number): Severity {
  let rank = Math.max(SEVERITY_RANK[current], SEVERITY_RANK[alert]);
  if (tactics >= CHAIN_TACTICS) rank = Math.max(rank, SEVERITY_RANK.high);
  return SEVERITIES[rank - 1]!;
}

export async function addTimeline(tx: Tx, orgId: string, incidentId: string, kind: TimelineKind, body: Record<string, unknown>, opts: { actorId?: string | null; dedupe?: string; at?: Date } = {}): Promise<boolean> {
  const done = await rows<{ id: number }>(tx, sql`insert into incident_timeline (org_id, incident_id, at, kind, actor_id, dedupe, body)
    values (${orgId}, ${incidentId}, ${opts.at ?? new Date()}, ${kind}, ${opts.actorId ?? null}, ${opts.dedupe ?? null}, ${JSON.stringify(body)}::jsonb)
    on conflict (incident_id, dedupe) do nothing returning id`);
  return done.length > 0;
}

export interface Placed {
  readonly incident: Incident;
  readonly created: boolean;
  /** False when the alert was already in an incident (a re-delivery). */
  readonly added: boolean;
}

async function lockIncident(tx: Tx, orgId: string, id: string): Promise<IncidentRow | undefined> {
  const [row] = await rows<IncidentRow>(tx, sql`select * from incidents where org_id = ${orgId} and id = ${id} for update`);
  return row;
}

/** Follows merges to the incident that holds what was merged (a few hops at most). */
async function current(tx: Tx, orgId: string, row: IncidentRow | undefined): Promise<IncidentRow | undefined> {
  for (let hops = 0; row?.merged_into && hops < 10; hops++) row = await lockIncident(tx, orgId, row.merged_into);
  return row;
}

/** Places an alert in its incident (opening one if needed) and announces the change. */
export async function placeAlert(tx: Tx, bus: Bus, orgId: string, alert: Alert, facts: AlertFacts, group: Group): Promise<Placed> {
  const [had] = await rows<{ incident_id: string }>(tx, sql`select incident_id from incident_alerts where org_id = ${orgId} and alert_id = ${alert.id}`);
  if (had) {
    const row = await current(tx, orgId, await lockIncident(tx, orgId, had.incident_id));
    if (!row) throw errors.notFound('incident');
    return { incident: toIncident(row), created: false, added: false };
  }
  await tx.execute(sql`insert into incident_groups (org_id, group_key) values (${orgId}, ${group.key}) on conflict do nothing`);
  const [g] = await rows<{ incident_id: string | null }>(tx, sql`select incident_id from incident_groups where org_id = ${orgId} and group_key = ${group.key} for update`);
  // Placed by another delivery while this one waited for the lock.
  const [again] = await rows<{ incident_id: string }>(tx, sql`select incident_id from incident_alerts where org_id = ${orgId} and alert_id = ${alert.id}`);
  if (again) {
    const row = await current(tx, orgId, await lockIncident(tx, orgId, again.incident_id));
    return { incident: toIncident(row!), created: false, added: false };
  }
  const t = new Date(alert.eventTime).getTime();
  let row = g?.incident_id ? await current(tx, orgId, await lockIncident(tx, orgId, g.incident_id)) : undefined;
  if (row) {
    const first = row.first_alert_at ? new Date(row.first_alert_at).getTime() : t;
    const last = row.last_alert_at ? new Date(row.last_alert_at).getTime() : t;
    if (ENDED.has(row.status) || t < first - group.windowMs || t > last + group.windowMs) row = undefined;
  }
  let created = false;
  if (!row) {
    const title = `${alert.title}${group.label ? ` — ${group.label}` : ''}`.slice(0, 300);
    [row] = await rows<IncidentRow>(tx, sql`insert into incidents (org_id, title, severity, severity_id, group_key, first_alert_at, last_alert_at)
      values (${orgId}, ${title}, ${alert.severity}, ${SEVERITY_RANK[alert.severity]}, ${group.key}, ${alert.eventTime}::timestamptz, ${alert.eventTime}::timestamptz) returning *`);
    await tx.execute(sql`update incident_groups set incident_id = ${row!.id}, updated_at = now() where org_id = ${orgId} and group_key = ${group.key}`);
    created = true;
  }
  const inc = row!;
  await tx.execute(sql`insert into incident_alerts (org_id, alert_id, incident_id, facts) values (${orgId}, ${alert.id}, ${inc.id}, ${JSON.stringify(facts)}::jsonb)`);
  const tactics = orderTactics(union(inc.tactics, facts.tactics, 50));
  const techniques = union(inc.techniques, facts.techniques, 500);
  const severity = severityOf(inc.severity, alert.severity, tactics.length);
  const [updated] = await rows<IncidentRow>(tx, sql`update incidents set alert_count = alert_count + 1,
      first_alert_at = least(first_alert_at, ${alert.eventTime}::timestamptz), last_alert_at = greatest(last_alert_at, ${alert.eventTime}::timestamptz),
      severity = ${severity}, severity_id = ${SEVERITY_RANK[severity]}, tactics = ${pgArray(tactics)}::text[], techniques = ${pgArray(techniques)}::text[],
      entities = ${JSON.stringify(mergeEntities(inc.entities, facts))}::jsonb, updated_at = now()
    where id = ${inc.id} returning *`);
  await addTimeline(tx, orgId, inc.id, 'alert', { alertId: alert.id, title: alert.title, severity: alert.severity, detector: alert.detector, ruleId: alert.ruleId }, { dedupe: `alert:${alert.id}`, at: new Date(alert.eventTime) });
  if (severity !== inc.severity && !created) await addTimeline(tx, orgId, inc.id, 'severity', { from: inc.severity, to: severity, why: tactics.length >= CHAIN_TACTICS && SEVERITY_RANK[alert.severity] < SEVERITY_RANK[severity] ? `${tactics.length} ATT&CK tactics` : `alert ${alert.id}` });
  const incident = toIncident(updated!);
  await publishChange(tx, bus, orgId, incident, created ? 'created' : 'alert', `alert:${alert.id}`, alert);
  return { incident, created, added: true };
}

export type ChangeKind = 'created' | 'alert' | 'updated' | 'merged' | 'split' | 'severity';

/** `incident.changed`: what playbooks with incident triggers follow (id deduplicates a re-publication). */
export async function publishChange(tx: Tx, bus: Bus, orgId: string, incident: Incident, change: ChangeKind, cause: string, alert?: Alert): Promise<void> {
  await bus.publish(tx, SUBJECTS.incidentChanged, { orgId, change, incident, ...(alert ? { alert } : {}) }, `incident-${incident.id}-${change}-${cause}`);
}

export function pgArray(list: readonly string[]): string {
  return `{${list.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export async function getIncident(tx: Tx, orgId: string, id: string): Promise<IncidentRow> {
  const [row] = await rows<IncidentRow>(tx, sql`select * from incidents where org_id = ${orgId} and id = ${id}`);
  if (!row) throw errors.notFound('incident');
  return row;
}

interface TimelineRow { id: number | string; at: Date | string; kind: TimelineKind; actor_id: string | null; body: Record<string, unknown> }

export async function timelineOf(tx: Tx, orgId: string, id: string, limit = 1000): Promise<TimelineEntry[]> {
  const found = await rows<TimelineRow>(tx, sql`select id, at, kind, actor_id, body from incident_timeline where org_id = ${orgId} and incident_id = ${id} order by at desc, id desc limit ${limit}`);
  return found.reverse().map((r) => ({ id: Number(r.id), at: iso(r.at)!, kind: r.kind, actorId: r.actor_id, body: r.body }));
}

/** Moves alerts (with their timeline entries) into `target`, recomputing both sides' aggregates. */
export async function moveAlerts(tx: Tx, orgId: string, alertIds: readonly string[], target: string): Promise<string[]> {
  const moved = await rows<{ alert_id: string; from_id: string }>(tx, sql`with old as (select alert_id, incident_id from incident_alerts where org_id = ${orgId} and alert_id = any(${pgArray(alertIds)}::text[]) and incident_id <> ${target} for update)
    update incident_alerts a set incident_id = ${target}, added_at = now() from old where a.org_id = ${orgId} and a.alert_id = old.alert_id returning a.alert_id, old.incident_id as from_id`);
  if (!moved.length) return [];
  const sources = [...new Set(moved.map((m) => m.from_id))];
  await tx.execute(sql`update incident_timeline set incident_id = ${target} where org_id = ${orgId} and kind = 'alert' and incident_id = any(${`{${sources.join(',')}}`}::uuid[])
    and dedupe = any(${pgArray(moved.map((m) => `alert:${m.alert_id}`))}::text[])`);
  for (const id of [...sources, target]) await recompute(tx, orgId, id);
  return sources;
}

/** Recomputes an incident's alert count, times, tactics, techniques and entities from its alerts. */
export async function recompute(tx: Tx, orgId: string, id: string): Promise<void> {
  const list = await rows<{ event_time: Date | string; facts: AlertFacts }>(tx, sql`select al.event_time, ia.facts
    from incident_alerts ia join alerts al on al.id = ia.alert_id where ia.org_id = ${orgId} and ia.incident_id = ${id} order by al.event_time`);
  let entities: IncidentEntities = { hosts: [], users: [], ips: [], indicators: [] };
  let tactics: string[] = [];
  let techniques: string[] = [];
  for (const a of list) {
    entities = mergeEntities(entities, a.facts);
    tactics = union(tactics, a.facts.tactics, 50);
    techniques = union(techniques, a.facts.techniques, 500);
  }
  const first = list[0]?.event_time ?? null;
  const last = list.at(-1)?.event_time ?? null;
  await tx.execute(sql`update incidents set alert_count = ${list.length}, first_alert_at = ${first === null ? null : new Date(first)}, last_alert_at = ${last === null ? null : new Date(last)},
    tactics = ${pgArray(orderTactics(tactics))}::text[], techniques = ${pgArray(techniques)}::text[], entities = ${JSON.stringify(entities)}::jsonb, updated_at = now()
    where org_id = ${orgId} and id = ${id}`);
}

/** The organisation's grouping settings (the defaults until it sets its own). */
export async function groupingOf(tx: Tx, orgId: string): Promise<GroupingSettings> {
  const [row] = await rows<{ grouping: Partial<GroupingSettings> }>(tx, sql`select grouping from respond_settings where org_id = ${orgId}`);
  const g = row?.grouping;
  return g && Array.isArray(g.rules) && typeof g.fallbackWindowMinutes === 'number' ? (g as GroupingSettings) : DEFAULT_GROUPING;
}
