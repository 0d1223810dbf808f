// Worker role: the NIS2 clocks remind. Once a minute every reportable incident's reminders that are
// due and not yet sent become timeline entries and an `incident.changed` (playbooks with incident
// triggers can notify people); each reminder is sent once, whichever worker sees it first.
import { sql } from 'drizzle-orm';
import { INSTANCE, orgScope, rows, type Platform } from '../../../platform/index.ts';
import { addTimeline, publishChange, toIncident, type IncidentRow } from '../incidents/store.ts';
import { dueReminders } from '../nis2/index.ts';
import { clockInput, handledAtOf, reportsOf } from './store.ts';

const EVERY_MS = 60_000;

/** Sends the reminders due now; returns how many were sent. */
export async function sendDueReminders(platform: Platform, now = new Date()): Promise<number> {
  const { db, bus } = platform;
  const open = await db.tx(INSTANCE, (tx) => rows<{ id: string; org_id: string }>(tx, sql`select id, org_id from incidents where reportable and aware_at is not null and status <> 'merged'`));
  let sent = 0;
  for (const { id, org_id: orgId } of open) {
    sent += await db.tx(orgScope(orgId), async (tx) => {
      const [inc] = await rows<IncidentRow>(tx, sql`select * from incidents where org_id = ${orgId} and id = ${id} for update`);
      if (!inc) return 0;
      const input = clockInput(inc, await reportsOf(tx, orgId, id), await handledAtOf(tx, orgId, id));
      if (!input) return 0;
      const already = await rows<{ reminder: string }>(tx, sql`select reminder from nis2_reminders where incident_id = ${id}`);
      const due = dueReminders(input, now, already.map((r) => r.reminder));
      let n = 0;
      for (const r of due) {
        const fresh = await rows<{ reminder: string }>(tx, sql`insert into nis2_reminders (org_id, incident_id, reminder) values (${orgId}, ${id}, ${r.id}) on conflict do nothing returning reminder`);
        // Reminders passed while no worker ran are recorded, but only the latest of each report is told.
        if (!fresh.length || !r.latest) continue;
        await addTimeline(tx, orgId, id, 'reminder', { reminder: r.id, report: r.kind, dueAt: r.dueAt, at: r.at }, { dedupe: `reminder:${r.id}` });
        await publishChange(tx, bus, orgId, toIncident(inc), 'updated', `reminder-${r.id}`);
        n++;
      }
      return n;
    });
  }
  return sent;
}

export function startReminders(platform: Platform): () => void {
  const tick = () => void sendDueReminders(platform).then(
    (n) => n && platform.log.info({ reminders: n }, 'NIS2 reminders sent'),
    (err: unknown) => platform.log.warn({ err }, 'NIS2 reminders could not be sent'),
  );
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
