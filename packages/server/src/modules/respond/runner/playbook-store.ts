// Playbook documents in the database, every version kept. Saving parses and checks the document
// against the actions this instance has; a new version must keep the id and raise the version number.
import { sql } from 'drizzle-orm';
import type { PlaybookSummary } from '@bulwark/contracts';
import { errors, rows, ROLES, type Tx } from '../../../platform/index.ts';
import { checkNewVersion, formatProblem, parsePlaybook, type ActionRegistry, type Playbook } from '../playbooks/index.ts';

export interface PlaybookRow {
  org_id: string; id: string; version: number; name: string; enabled: boolean; source: string; created_by: string | null; created_at: Date | string;
}

export function parseOrThrow(source: string, registry: ActionRegistry): Playbook {
  const parsed = parsePlaybook(source, registry, { roles: ROLES });
  if (!parsed.ok) throw errors.invalid(`the playbook has ${parsed.problems.length} problem${parsed.problems.length > 1 ? 's' : ''}: ${parsed.problems.slice(0, 30).map(formatProblem).join('; ')}`);
  return parsed.playbook;
}

export function summaryOf(row: PlaybookRow, pb: Playbook): PlaybookSummary {
  const triggers = [...(pb.on.alert ? ['alert'] : []), ...(pb.on.incident ? pb.on.incident.types.map((t) => `incident:${t}`) : [])];
  return { id: row.id, name: row.name, version: row.version, enabled: row.enabled, triggers, steps: pb.steps.length, createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString() };
}

export async function latestPlaybooks(tx: Tx, orgId: string): Promise<PlaybookRow[]> {
  return rows<PlaybookRow>(tx, sql`select distinct on (id) * from playbooks where org_id = ${orgId} order by id, version desc`);
}

export async function playbookVersion(tx: Tx, orgId: string, id: string, version?: number): Promise<PlaybookRow | undefined> {
  const [row] = await rows<PlaybookRow>(tx, version === undefined
    ? sql`select * from playbooks where org_id = ${orgId} and id = ${id} order by version desc limit 1`
    : sql`select * from playbooks where org_id = ${orgId} and id = ${id} and version = ${version}`);
  return row;
}

export async function savePlaybook(tx: Tx, orgId: string, id: string, source: string, registry: ActionRegistry, by: string | null): Promise<{ row: PlaybookRow; playbook: Playbook }> {
  const pb = parseOrThrow(source, registry);
  if (pb.id !== id) throw errors.invalid(`the document's id is ${pb.id}, not ${id}`);
  const stored = await playbookVersion(tx, orgId, id);
  if (stored) {
    const problem = checkNewVersion({ id: stored.id, version: stored.version }, pb);
    if (problem) throw errors.conflict(formatProblem(problem));
  }
  const [row] = await rows<PlaybookRow>(tx, sql`insert into playbooks (org_id, id, version, name, enabled, source, created_by)
    values (${orgId}, ${pb.id}, ${pb.version}, ${pb.name}, ${pb.enabled}, ${source}, ${by})
    on conflict do nothing returning *`);
  if (!row) throw errors.conflict(`version ${pb.version} of ${pb.id} exists`);
  return { row, playbook: pb };
}
