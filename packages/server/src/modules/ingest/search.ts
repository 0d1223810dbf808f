// Event search: time range, field filters on native or OCSF paths, free text; keyset pagination.
import { sql, type SQL } from 'drizzle-orm';
import type { EventPage, EventSearchQuery } from '@bulwark/contracts';
import { errors, orgScope, rows, type Db, type Tx } from '../../platform/index.ts';
import { toStoredEvent, type EventRow } from './wire.ts';

interface Cursor {
  t: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
    if (typeof c.t !== 'string' || typeof c.id !== 'string' || Number.isNaN(Date.parse(c.t))) throw new Error('shape');
    return c;
  } catch {
    throw errors.invalid('cursor is not one this server issued', { details: { errors: [{ where: 'querystring/cursor', reason: 'invalid cursor' }] } });
  }
}

export function fieldCondition(spec: string): SQL {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw errors.invalid(`field filter "${spec}" must look like path=value`, { details: { errors: [{ where: 'querystring/field', reason: 'expected path=value' }] } });
  const path = spec.slice(0, eq).trim();
  const value = spec.slice(eq + 1);
  const parts = path.split('.');
  if (parts.length > 12 || parts.some((p) => p === '')) throw errors.invalid(`field path "${path}" is not valid`);
  const [root, ...rest] = parts as [string, ...string[]];
  if (root === 'ocsf' && rest.length > 0) return sql`(ocsf #>> ${`{${rest.map(quote).join(',')}}`}::text[]) = ${value}`;
  const nat = root === 'native' && rest.length > 0 ? rest : parts;
  // Native fields may be nested objects or flat dotted keys (ECS-style "source.ip").
  return sql`((native #>> ${`{${nat.map(quote).join(',')}}`}::text[]) = ${value} or (native ->> ${nat.join('.')}) = ${value})`;
}

function quote(p: string): string {
  return `"${p.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export async function searchEvents(db: Db, orgId: string, q: EventSearchQuery, onRead?: (tx: Tx, n: number) => Promise<void>): Promise<EventPage> {
  const limit = q.limit ?? 100;
  const conds: SQL[] = [sql`org_id = ${orgId}`];
  if (q.from) conds.push(sql`time >= ${q.from}::timestamptz`);
  if (q.to) conds.push(sql`time < ${q.to}::timestamptz`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql`(time, event_id) < (${c.t}::timestamptz, ${c.id})`);
  }
  const fields = q.field === undefined ? [] : Array.isArray(q.field) ? q.field : [q.field];
  if (fields.length > 20) throw errors.invalid('at most 20 field filters');
  for (const f of fields) conds.push(fieldCondition(f));
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(message ilike ${pattern} or native::text ilike ${pattern})`);
  }
  return db.tx(orgScope(orgId), async (tx) => {
    const found = await rows<EventRow>(tx, sql`select event_id, time, received_at, source, format, class_uid, severity_id, message, native, ocsf
      from events where ${sql.join(conds, sql` and `)} order by time desc, event_id desc limit ${limit + 1}`);
    const page = found.slice(0, limit);
    const last = page.at(-1);
    if (onRead) await onRead(tx, page.length);
    return {
      events: page.map(toStoredEvent),
      next: found.length > limit && last ? encodeCursor({ t: new Date(last.time).toISOString(), id: last.event_id }) : null,
    };
  });
}
