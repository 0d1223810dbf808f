// Durable commit of a batch: day partitions exist first, duplicates (same org and event_id) are skipped
// in the same statement, and `event.normalized` is published in the same transaction.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INSTANCE, orgScope, rows, SUBJECTS, type Bus, type Db, type Tx } from '../../platform/index.ts';
import type { NormalizedEvent } from './normalize.ts';
import { toStoredEvent, type EventRow } from './wire.ts';

export interface StoreResult {
  readonly inserted: NormalizedEvent[];
  readonly duplicates: number;
}

/** Payload of `event.normalized`: events of one organisation, newly stored. */
export interface EventsMessage {
  readonly orgId: string;
  readonly events: EventWire[];
}

export type EventWire = Omit<NormalizedEvent, 'time' | 'receivedAt'> & { time: string; receivedAt: string };

/** The outbox form of an `event.normalized` message: which events, not their content. */
export interface StoredEventsRef {
  readonly orgId: string;
  readonly refs: ReadonlyArray<readonly [eventId: string, time: string]>;
}

const MESSAGE_BYTES = 256 * 1024;

/** Rebuilds an `event.normalized` message from its outbox references (after a restart). */
export async function hydrateEvents(db: Db, stored: unknown): Promise<EventsMessage> {
  const { orgId, refs } = stored as StoredEventsRef;
  const ids = `{${refs.map(([id]) => id).join(',')}}`;
  const times = `{${refs.map(([, t]) => `"${t}"`).join(',')}}`;
  const found = await db.tx(orgScope(orgId), (tx) =>
    rows<EventRow>(tx, sql`select e.event_id, e.time, e.received_at, e.source, e.format, e.class_uid, e.severity_id, e.message, e.native, e.ocsf
      from events e join unnest(${ids}::text[], ${times}::timestamptz[]) as r(event_id, time) on e.event_id = r.event_id and e.time = r.time
      where e.org_id = ${orgId}`),
  );
  const byId = new Map(found.map((r) => [r.event_id, r]));
  const events: EventWire[] = [];
  for (const [id] of refs) {
    const r = byId.get(id);
    if (r) events.push({ ...toStoredEvent(r), ocsf: r.ocsf as unknown as EventWire['ocsf'] });
  }
  return { orgId, events };
}

/** Stored events of an organisation by id (the first 1,000 ids), in the caller's transaction. */
export async function eventsByIds(tx: Tx, orgId: string, ids: readonly string[]): Promise<EventWire[]> {
  const list = [...new Set(ids)].slice(0, 1000);
  if (!list.length) return [];
  const found = await rows<EventRow>(tx, sql`select e.event_id, e.time, e.received_at, e.source, e.format, e.class_uid, e.severity_id, e.message, e.native, e.ocsf
    from event_keys k join events e on e.event_id = k.event_id and e.time = k.time and e.org_id = k.org_id
    where k.org_id = ${orgId} and k.event_id = any(${`{${list.map((id) => `"${id.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])`);
  return found.map((r) => ({ ...toStoredEvent(r), ocsf: r.ocsf as unknown as EventWire['ocsf'] }));
}

export class EventStore {
  private readonly known = new Set<string>();
  private readonly db: Db;
  private readonly bus: Bus;

  constructor(db: Db, bus: Bus) {
    this.db = db;
    this.bus = bus;
  }

  async store(orgId: string, batch: NormalizedEvent[]): Promise<StoreResult> {
    const unique = [...new Map(batch.map((e) => [e.eventId, e])).values()];
    if (unique.length === 0) return { inserted: [], duplicates: batch.length };
    await this.ensurePartitions(unique);
    try {
      return await this.insert(orgId, unique, batch.length);
    } catch (err) {
      // A partition dropped by retention in another process: create it again, once.
      if ((err as { code?: string; cause?: { code?: string } }).cause?.code !== '23514' && (err as { code?: string }).code !== '23514') throw err;
      this.forget();
      await this.ensurePartitions(unique);
      return this.insert(orgId, unique, batch.length);
    }
  }

  private async insert(orgId: string, unique: NormalizedEvent[], received: number): Promise<StoreResult> {
    const inserted = await this.db.tx(orgScope(orgId), async (tx) => {
      const payload = JSON.stringify(unique.map((e) => ({
        event_id: e.eventId, time: e.time.toISOString(), received_at: e.receivedAt.toISOString(), source: e.source, format: e.format,
        class_uid: e.classUid, severity_id: e.severityId, message: e.message, native: e.native, ocsf: e.ocsf,
      })));
      const got = await rows<{ event_id: string }>(tx, sql`
        with input as (
          select * from jsonb_to_recordset(${payload}::jsonb) as x(event_id text, time timestamptz, received_at timestamptz, source text, format text,
            class_uid integer, severity_id integer, message text, native jsonb, ocsf jsonb)
        ), fresh as (
          insert into event_keys (org_id, event_id, time) select ${orgId}::uuid, event_id, time from input
          on conflict do nothing returning event_id
        )
        insert into events (org_id, event_id, time, received_at, source, format, class_uid, severity_id, message, native, ocsf)
        select ${orgId}::uuid, i.event_id, i.time, i.received_at, i.source, i.format, i.class_uid, i.severity_id, i.message, i.native, i.ocsf
        from input i join fresh f on f.event_id = i.event_id
        returning event_id`);
      const fresh = new Set(got.map((g) => g.event_id));
      const ins = unique.filter((e) => fresh.has(e.eventId));
      await this.publish(tx, orgId, ins);
      return ins;
    });
    return { inserted, duplicates: received - inserted.length };
  }

  private async publish(tx: Tx, orgId: string, events: NormalizedEvent[]): Promise<void> {
    let chunk: EventWire[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const id = createHash('sha256').update(orgId).update(chunk.map((e) => e.eventId).join(',')).digest('hex').slice(0, 40);
      // The outbox keeps references only: the events themselves were just written to the events table.
      const stored: StoredEventsRef = { orgId, refs: chunk.map((e) => [e.eventId, e.time]) };
      await this.bus.publish(tx, SUBJECTS.eventNormalized, { orgId, events: chunk } satisfies EventsMessage, `ev-${id}`, { stored });
      chunk = [];
      size = 0;
    };
    for (const e of events) {
      const wire: EventWire = { ...e, time: e.time.toISOString(), receivedAt: e.receivedAt.toISOString() };
      const bytes = JSON.stringify(wire.native).length + 1024;
      if (size + bytes > MESSAGE_BYTES) await flush();
      chunk.push(wire);
      size += bytes;
    }
    await flush();
  }

  private async ensurePartitions(batch: NormalizedEvent[]): Promise<void> {
    const days = new Set(batch.map((e) => e.time.toISOString().slice(0, 10)));
    const missing = [...days].filter((d) => !this.known.has(d));
    if (missing.length === 0) return;
    await this.db.tx(INSTANCE, async (tx) => {
      for (const d of missing) await tx.execute(sql`select bulwark_ensure_event_partition(${d}::date)`);
    });
    for (const d of missing) this.known.add(d);
  }

  /** Partitions dropped by retention must be created again if old events arrive. */
  forget(): void {
    this.known.clear();
  }
}
