// NIS2 reports in the database: every save is a new version of its kind; submitting marks a version
// submitted (it is then what the clocks count). The clocks are computed from the incident's time of
// awareness and the submissions.
import { sql } from 'drizzle-orm';
import type { Nis2ReportKind, Nis2ReportSummary } from '@bulwark/contracts';
import { errors, rows, type Tx } from '../../../platform/index.ts';
import type { IncidentRow } from '../incidents/store.ts';
import type { ClockInput, Nis2Report } from '../nis2/index.ts';

export interface ReportRow {
  id: string; org_id: string; incident_id: string; kind: Nis2ReportKind; version: number; status: 'draft' | 'submitted'; document: Nis2Report;
  submitted_at: Date | string | null; created_by: string | null; created_at: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const toSummary = (r: ReportRow): Nis2ReportSummary => ({
  id: r.id, incidentId: r.incident_id, kind: r.kind, version: r.version, status: r.status, submittedAt: iso(r.submitted_at), createdBy: r.created_by, createdAt: iso(r.created_at)!,
});

/** When the incident was last set resolved or closed (from its timeline). */
export async function handledAtOf(tx: Tx, orgId: string, incidentId: string): Promise<string | null> {
  const [row] = await rows<{ at: Date | string | null }>(tx, sql`select max(at) as at from incident_timeline where org_id = ${orgId} and incident_id = ${incidentId}
    and kind = 'status' and body->>'to' in ('resolved', 'closed')`);
  return row?.at ? iso(row.at) : null;
}

/** The incident and every incident merged into it, directly or through others (their reports are its reports). */
const family = (orgId: string, incidentId: string) => sql`(with recursive f(id) as (
    select ${incidentId}::uuid union select i.id from incidents i join f on i.merged_into = f.id where i.org_id = ${orgId})
  select id from f)`;

/** The incident that holds a report now: its own, or the one its incident was merged into (following merges). */
export async function holderOf(tx: Tx, orgId: string, incidentId: string): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`with recursive h(id, merged_into, hops) as (
      select id, merged_into, 0 from incidents where org_id = ${orgId} and id = ${incidentId}
      union all select i.id, i.merged_into, h.hops + 1 from incidents i join h on i.id = h.merged_into where h.hops < 10)
    select id from h order by hops desc limit 1`);
  return row?.id ?? incidentId;
}

/** An incident's reports, with those of the incidents merged into it, newest first. */
export async function reportsOf(tx: Tx, orgId: string, incidentId: string): Promise<ReportRow[]> {
  return rows<ReportRow>(tx, sql`select * from nis2_reports where org_id = ${orgId} and incident_id in ${family(orgId, incidentId)} order by created_at desc, version desc`);
}

export async function reportById(tx: Tx, orgId: string, id: string): Promise<ReportRow> {
  const [row] = await rows<ReportRow>(tx, sql`select * from nis2_reports where org_id = ${orgId} and id = ${id}`);
  if (!row) throw errors.notFound('report');
  return row;
}

/** The report a new version of `kind` starts from: the kind's newest version, else the newest report of an earlier kind. */
export function previousFor(kind: Nis2ReportKind, reports: readonly ReportRow[]): ReportRow | undefined {
  const order: Nis2ReportKind[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
  const same = reports.find((r) => r.kind === kind);
  if (same) return same;
  const rank = order.indexOf(kind);
  return reports.filter((r) => order.indexOf(r.kind) < rank).sort((a, b) => order.indexOf(b.kind) - order.indexOf(a.kind) || b.version - a.version)[0];
}

/** Saves the next version of a kind; versions count on from those of incidents merged into this one. */
export async function saveVersion(tx: Tx, orgId: string, incidentId: string, kind: Nis2ReportKind, doc: Omit<Nis2Report, 'version' | 'id' | 'status' | 'submittedAt'>, by: string | null): Promise<ReportRow> {
  const [{ next } = { next: 1 }] = await rows<{ next: number }>(tx, sql`select coalesce(max(version), 0) + 1 as next from nis2_reports where org_id = ${orgId} and incident_id in ${family(orgId, incidentId)} and kind = ${kind}`);
  const version = Number(next);
  const document: Nis2Report = { ...doc, kind, incidentId, version, id: `${incidentId}:${kind}:${version}`, status: 'draft', submittedAt: null };
  const [row] = await rows<ReportRow>(tx, sql`insert into nis2_reports (org_id, incident_id, kind, version, status, document, created_by)
    values (${orgId}, ${incidentId}, ${kind}, ${version}, 'draft', ${JSON.stringify(document)}::jsonb, ${by}) returning *`);
  return row!;
}

/** What the clocks need, or null while the incident is not reportable with a time of awareness. */
export function clockInput(inc: IncidentRow, reports: readonly ReportRow[], handledAt: string | null): ClockInput | null {
  if (!inc.reportable || !inc.aware_at) return null;
  const first = (kind: Nis2ReportKind) => {
    const times = reports.filter((r) => r.kind === kind && r.submitted_at).map((r) => new Date(r.submitted_at!).getTime());
    return times.length ? new Date(Math.min(...times)).toISOString() : null;
  };
  const ended = inc.status === 'resolved' || inc.status === 'closed';
  return {
    awareAt: iso(inc.aware_at)!,
    earlyWarningSubmittedAt: first('early-warning'),
    notificationSubmittedAt: first('notification'),
    ongoing: !ended,
    progressSubmittedAt: first('progress'),
    handledAt: ended ? handledAt ?? iso(inc.updated_at) : null,
    finalSubmittedAt: first('final'),
  };
}
