// Field lookup for Sigma names in common event shapes: flat JSON, evtx_dump JSON
// (`Event.EventData.X`, `Event.System.X`, `#text`/`#attributes`), XML-style `Data` lists, dotted paths.
import type { EventAccessor } from './values.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function own(o: Obj, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/** `#text` of an element, or the value itself. Elements with only attributes have no value. */
function unwrap(v: unknown): unknown {
  if (isObj(v)) {
    if ('#text' in v) return v['#text'];
    if ('#attributes' in v && Object.keys(v).length === 1) return undefined;
  }
  return v;
}

/** EventData/UserData in the XML-ish form `Data: [{ '#attributes': { Name }, '#text' }]` → a map. */
function dataMap(section: unknown): Obj | undefined {
  if (!isObj(section)) return undefined;
  const data = section.Data;
  const list = Array.isArray(data) ? data : isObj(data) && isObj(data['#attributes']) ? [data] : undefined;
  const out: Obj = { ...section };
  if (list) {
    for (const d of list) {
      if (isObj(d) && isObj(d['#attributes']) && typeof d['#attributes'].Name === 'string') out[d['#attributes'].Name] = d['#text'] ?? null;
    }
  }
  // Rules spec, "Field Usage": field names as in the log source with all spaces stripped
  // (`Threat Name` → `ThreatName`).
  for (const k of Object.keys(out)) {
    if (/\s/.test(k)) {
      const stripped = k.replace(/\s+/g, '');
      if (!Object.hasOwn(out, stripped)) out[stripped] = out[k];
    }
  }
  return out;
}

function dotted(event: unknown, path: string): unknown {
  let cur: unknown = event;
  for (const part of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = own(cur, part);
  }
  return cur;
}

/** System fields named by XML attribute (`Provider_Name`, `Execution_ProcessID`, `Security_UserID`). */
function systemAttribute(system: Obj, field: string): unknown {
  const us = field.indexOf('_');
  if (us <= 0) return undefined;
  const el = own(system, field.slice(0, us));
  if (!isObj(el) || !isObj(el['#attributes'])) return undefined;
  return own(el['#attributes'], field.slice(us + 1));
}

/** Every non-null leaf value under `v`, depth first, in key order (plain loops: keyword search is hot). */
function leafValues(v: unknown, out: unknown[], depth = 0): unknown[] {
  if (depth > 32) return out;
  if (Array.isArray(v)) for (const x of v) leafValues(x, out, depth + 1);
  else if (isObj(v)) {
    for (const k in v) if (Object.hasOwn(v, k)) leafValues(v[k], out, depth + 1);
  } else if (v !== null && v !== undefined) out.push(v);
  return out;
}

/**
 * An accessor for one event: a Sigma field name is looked up as a flat key, then in `Event.EventData`
 * (and `Event.UserData`'s element), then `Event.System` (element text, then `Element_Attribute`), then as a
 * dotted path. Results are cached per event. `values()` lists every leaf value (keyword search).
 */
export function fieldResolver(event: unknown): EventAccessor {
  const root = isObj(event) ? event : {};
  const ev = isObj(root.Event) ? root.Event : undefined;
  const eventData = ev ? dataMap(ev.EventData) : undefined;
  const userData = ev && isObj(ev.UserData) ? (Object.values(ev.UserData).find(isObj) as Obj | undefined) : undefined;
  const system = ev && isObj(ev.System) ? ev.System : undefined;
  const cache = new Map<string, unknown>();
  const lookup = (field: string): unknown => {
    let v = own(root, field);
    if (v !== undefined) return unwrap(v);
    if (eventData && (v = own(eventData, field)) !== undefined) return unwrap(v);
    if (userData && (v = own(userData, field)) !== undefined) return unwrap(v);
    if (system) {
      if ((v = own(system, field)) !== undefined) return unwrap(v);
      if ((v = systemAttribute(system, field)) !== undefined) return v;
    }
    if (field.includes('.')) return unwrap(dotted(root, field));
    return undefined;
  };
  const get = ((field: string) => {
    if (cache.has(field)) return cache.get(field);
    const v = lookup(field);
    cache.set(field, v);
    return v;
  }) as EventAccessor;
  let leaves: unknown[] | undefined;
  get.values = () => (leaves ??= leafValues(ev ? { d: ev.EventData, u: ev.UserData, s: ev.System } : root, []));
  return get;
}

/** Wraps an accessor so that Sigma names are first translated (e.g. Image → NewProcessName for 4688). */
export function mappedAccessor(get: EventAccessor, map: Readonly<Record<string, string>>): EventAccessor {
  const mapped = ((field: string) => {
    const target = map[field];
    return target === undefined ? get(field) : get(target);
  }) as EventAccessor;
  mapped.values = get.values;
  return mapped;
}

/** A field value as text: scalars as written, `{"#text": …}` (XML text nodes) unwrapped, other objects undefined. */
export function fieldText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && '#text' in v) return fieldText((v as { '#text': unknown })['#text']);
  return typeof v === 'object' ? undefined : String(v);
}
