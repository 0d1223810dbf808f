// A MISP JSON event (`{"Event": {...}}`, as MISP exports it and as feed event files hold it) →
// MispEvent. Bad parts are reported with their JSON path and skipped; the event is dropped only when
// it has no usable uuid or exceeds a limit.
import { galaxies, org, type ParseCtx, seen, sharing, tags, timestamp } from './event-parse-parts.ts';
import type { MispAttribute, MispEvent, MispEventReport, MispObject, MispObjectReference } from './event-types.ts';
import { isObj, type Obj, optBool, optInt, optString, own, readArray, readString, readUuid } from './json-read.ts';
import { joinPath, type ProblemLog } from './problems.ts';

export interface EventLimits {
  /** Attributes in one event, counting those inside objects. */
  maxAttributesPerEvent: number;
  /** Characters in one attribute value. */
  maxValueLength: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = { maxAttributesPerEvent: 250_000, maxValueLength: 1 << 20 };

class TooMany extends Error {}

type Ctx = ParseCtx;

/** Finds the event object in `{"Event": {...}}` (or a bare event with `uuid` and `info`). */
export function eventRoot(json: unknown): { event: Obj; path: string } | undefined {
  if (!isObj(json)) return undefined;
  const wrapped = own(json, 'Event');
  if (isObj(wrapped)) return { event: wrapped, path: 'Event' };
  if (own(json, 'uuid') !== undefined && own(json, 'info') !== undefined) return { event: json, path: '' };
  return undefined;
}

/** Parses one event; `undefined` when it is unusable (the reason is in the log). */
export function parseMispEvent(json: unknown, log: ProblemLog, limits: EventLimits = DEFAULT_EVENT_LIMITS): MispEvent | undefined {
  const root = eventRoot(json);
  if (!root) {
    log.error('schema', '', 'not a MISP event: expected an object with an "Event" member');
    return undefined;
  }
  const { event: e, path } = root;
  const uuid = readUuid(e, 'uuid', joinPath(path, 'uuid'), log, 'error');
  if (!uuid) return undefined;
  const ctx: Ctx = { log, limits, attributes: 0 };
  try {
    const info = optString(e, 'info', joinPath(path, 'info'), log) ?? '';
    if (info === '') log.warn('schema', joinPath(path, 'info'), 'info is empty');
    const date = optString(e, 'date', joinPath(path, 'date'), log);
    const out: MispEvent = {
      uuid,
      info,
      published: optBool(e, 'published', joinPath(path, 'published'), log, false),
      tags: tags(e, path, ctx),
      galaxies: galaxies(e, path, ctx),
      attributes: [],
      objects: [],
      reports: [],
    };
    if (date !== undefined) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))) out.date = date;
      else log.warn('schema', joinPath(path, 'date'), `date is not YYYY-MM-DD: ${JSON.stringify(date)}; ignored`);
    }
    const threat = optInt(e, 'threat_level_id', joinPath(path, 'threat_level_id'), log);
    if (threat !== undefined) out.threatLevelId = threat;
    const analysis = optInt(e, 'analysis', joinPath(path, 'analysis'), log);
    if (analysis !== undefined) out.analysis = analysis;
    const ts = timestamp(e, path, ctx);
    if (ts !== undefined) out.timestamp = ts;
    const pts = optInt(e, 'publish_timestamp', joinPath(path, 'publish_timestamp'), log);
    if (pts !== undefined && pts > 0) out.publishTimestamp = pts;
    sharing(e, path, ctx, out, false);
    const orgc = org(own(e, 'Orgc'), joinPath(path, 'Orgc'), ctx);
    if (orgc) out.orgc = orgc;
    readArray(e, 'Attribute', path, log).forEach((a, i) => {
      const attr = attribute(a, joinPath(joinPath(path, 'Attribute'), i), ctx);
      if (attr) out.attributes.push(attr);
    });
    readArray(e, 'Object', path, log).forEach((o, i) => {
      const obj = object(o, joinPath(joinPath(path, 'Object'), i), ctx);
      if (obj) out.objects.push(obj);
    });
    readArray(e, 'EventReport', path, log).forEach((r, i) => {
      const rep = report(r, joinPath(joinPath(path, 'EventReport'), i), ctx);
      if (rep) out.reports.push(rep);
    });
    return out;
  } catch (err) {
    if (err instanceof TooMany) {
      log.error('limit', path, err.message);
      return undefined;
    }
    throw err;
  }
}

function attribute(a: unknown, path: string, ctx: Ctx): MispAttribute | undefined {
  if (++ctx.attributes > ctx.limits.maxAttributesPerEvent) throw new TooMany(`more than ${ctx.limits.maxAttributesPerEvent} attributes in one event`);
  if (!isObj(a)) {
    ctx.log.error('schema', path, 'attribute is not an object; dropped');
    return undefined;
  }
  const uuid = readUuid(a, 'uuid', joinPath(path, 'uuid'), ctx.log, 'error');
  const type = optString(a, 'type', joinPath(path, 'type'), ctx.log);
  const value = readString(own(a, 'value'));
  if (!type) ctx.log.error('schema', joinPath(path, 'type'), 'attribute without a type; dropped');
  if (value === undefined) ctx.log.error('schema', joinPath(path, 'value'), 'attribute without a string value; dropped');
  if (!uuid || !type || value === undefined) return undefined;
  if (value.length > ctx.limits.maxValueLength) {
    ctx.log.error('limit', joinPath(path, 'value'), `value longer than ${ctx.limits.maxValueLength} characters; dropped`);
    return undefined;
  }
  const out: MispAttribute = {
    uuid,
    type: type.trim(),
    value,
    toIds: optBool(a, 'to_ids', joinPath(path, 'to_ids'), ctx.log, false),
    deleted: optBool(a, 'deleted', joinPath(path, 'deleted'), ctx.log, false),
    hasData: typeof own(a, 'data') === 'string' && (own(a, 'data') as string) !== '',
    tags: tags(a, path, ctx),
    galaxies: galaxies(a, path, ctx),
    path,
  };
  const category = optString(a, 'category', joinPath(path, 'category'), ctx.log);
  if (category) out.category = category;
  const comment = optString(a, 'comment', joinPath(path, 'comment'), ctx.log);
  if (comment) out.comment = comment;
  const ts = timestamp(a, path, ctx);
  if (ts !== undefined) out.timestamp = ts;
  sharing(a, path, ctx, out, true);
  const relation = optString(a, 'object_relation', joinPath(path, 'object_relation'), ctx.log);
  if (relation) out.objectRelation = relation;
  const fs = seen(a, 'first_seen', path, ctx);
  if (fs) out.firstSeen = fs;
  const ls = seen(a, 'last_seen', path, ctx);
  if (ls) out.lastSeen = ls;
  return out;
}

function object(o: unknown, path: string, ctx: Ctx): MispObject | undefined {
  if (!isObj(o)) {
    ctx.log.error('schema', path, 'object is not an object; dropped');
    return undefined;
  }
  const uuid = readUuid(o, 'uuid', joinPath(path, 'uuid'), ctx.log, 'error');
  const name = optString(o, 'name', joinPath(path, 'name'), ctx.log);
  if (!name) ctx.log.error('schema', joinPath(path, 'name'), 'object without a template name; dropped');
  if (!uuid || !name) return undefined;
  const out: MispObject = {
    uuid,
    name: name.trim(),
    deleted: optBool(o, 'deleted', joinPath(path, 'deleted'), ctx.log, false),
    attributes: [],
    references: [],
    path,
  };
  const meta = optString(o, 'meta-category', joinPath(path, 'meta-category'), ctx.log);
  if (meta) out.metaCategory = meta;
  const tpl = optString(o, 'template_uuid', joinPath(path, 'template_uuid'), ctx.log);
  if (tpl) out.templateUuid = tpl;
  const comment = optString(o, 'comment', joinPath(path, 'comment'), ctx.log);
  if (comment) out.comment = comment;
  const ts = timestamp(o, path, ctx);
  if (ts !== undefined) out.timestamp = ts;
  sharing(o, path, ctx, out, true);
  const fs = seen(o, 'first_seen', path, ctx);
  if (fs) out.firstSeen = fs;
  const ls = seen(o, 'last_seen', path, ctx);
  if (ls) out.lastSeen = ls;
  readArray(o, 'Attribute', path, ctx.log).forEach((a, i) => {
    const attr = attribute(a, joinPath(joinPath(path, 'Attribute'), i), ctx);
    if (attr) out.attributes.push(attr);
  });
  readArray(o, 'ObjectReference', path, ctx.log).forEach((r, i) => {
    const ref = reference(r, joinPath(joinPath(path, 'ObjectReference'), i), ctx);
    if (ref) out.references.push(ref);
  });
  return out;
}

function reference(r: unknown, path: string, ctx: Ctx): MispObjectReference | undefined {
  if (!isObj(r)) {
    ctx.log.warn('schema', path, 'object reference is not an object; ignored');
    return undefined;
  }
  const target = readUuid(r, 'referenced_uuid', joinPath(path, 'referenced_uuid'), ctx.log, 'warning');
  const rel = optString(r, 'relationship_type', joinPath(path, 'relationship_type'), ctx.log);
  if (!target) return undefined;
  const out: MispObjectReference = { referencedUuid: target, relationshipType: rel?.trim() || 'related-to' };
  if (own(r, 'uuid') !== undefined) {
    const uuid = readUuid(r, 'uuid', joinPath(path, 'uuid'), ctx.log, 'warning');
    if (uuid) out.uuid = uuid;
  }
  const comment = optString(r, 'comment', joinPath(path, 'comment'), ctx.log);
  if (comment) out.comment = comment;
  return out;
}

function report(r: unknown, path: string, ctx: Ctx): MispEventReport | undefined {
  if (!isObj(r)) {
    ctx.log.warn('schema', path, 'event report is not an object; ignored');
    return undefined;
  }
  const uuid = readUuid(r, 'uuid', joinPath(path, 'uuid'), ctx.log, 'warning');
  if (!uuid) return undefined;
  const out: MispEventReport = {
    uuid,
    name: optString(r, 'name', joinPath(path, 'name'), ctx.log) ?? '',
    content: optString(r, 'content', joinPath(path, 'content'), ctx.log) ?? '',
    deleted: optBool(r, 'deleted', joinPath(path, 'deleted'), ctx.log, false),
  };
  const ts = timestamp(r, path, ctx);
  if (ts !== undefined) out.timestamp = ts;
  sharing(r, path, ctx, out, true);
  return out;
}
