import { isIP } from 'node:net';
import type { NativeFormat } from './ocsf-types.ts';

/** Reads native fields by name across the places a format keeps them. */
export type FieldView = {
  /** First present value among `names` (see present()). */
  get(names: readonly string[]): unknown;
  /** Same, as a string (numbers and booleans converted, objects ignored). */
  str(names: readonly string[]): string | undefined;
};

type Obj = Record<string, unknown>;

function asObj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Obj) : undefined;
}

/**
 * Where each format keeps its fields, most specific first:
 * - cef: CefEvent (`extensions`, `labels`, header fields) or a flat object;
 * - leef: LeefEvent (`attributes`, header fields) or a flat object;
 * - syslog: SyslogMessage, with the CEF/LEEF payload's fields before the syslog header's;
 * - json: the object, then Windows event data/system sections (`Event.EventData`, `Event.System`,
 *   `EventData`, `System`, winlogbeat's `winlog.event_data`).
 * A name containing '.' is tried as a flat key first (`"source.ip"`), then as a nested path.
 */
export function fieldView(format: NativeFormat, native: Obj): FieldView {
  const ev = asObj(native['Event']);
  const cef = asObj(native['cef']);
  const leef = asObj(native['leef']);
  const candidates: unknown[] =
    format === 'cef' ? [native['extensions'], native['labels'], native]
    : format === 'leef' ? [native['attributes'], native]
    : format === 'syslog' ? [cef?.['extensions'], cef?.['labels'], cef, leef?.['attributes'], leef, native]
    : [native, ev?.['EventData'], ev?.['System'], native['EventData'], native['System'],
      asObj(native['winlog'])?.['event_data']];
  const scopes = candidates.map(asObj).filter((o): o is Obj => o !== undefined);
  // Flat keys of all scopes in one map (first present value wins), so each lookup is one Map.get.
  const flat = new Map<string, unknown>();
  for (const scope of scopes) {
    for (const key of Object.keys(scope)) {
      if (flat.get(key) !== undefined) continue;
      const v = present(scope[key]);
      if (v !== undefined) flat.set(key, v);
    }
  }
  const one = (name: string): unknown => {
    const v = flat.get(name);
    if (v !== undefined) return v;
    const parts = pathOf(name);
    if (!parts) return undefined;
    for (const scope of scopes) {
      const found = present(nested(scope, parts));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const get = (names: readonly string[]): unknown => {
    for (const name of names) {
      const v = one(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return { get, str: (names) => toStr(get(names)) };
}

/** Split field names once; names come from this folder's constant lists, and the cache is capped. */
const PATHS = new Map<string, string[] | null>();

function pathOf(name: string): string[] | null {
  let parts = PATHS.get(name);
  if (parts === undefined) {
    parts = name.includes('.') ? name.split('.') : null;
    if (PATHS.size < 4096) PATHS.set(name, parts);
  }
  return parts;
}

function nested(scope: Obj, parts: readonly string[]): unknown {
  let cur: unknown = scope;
  for (const part of parts) {
    const o = asObj(cur);
    if (!o || !Object.hasOwn(o, part)) return undefined;
    cur = o[part];
  }
  return cur;
}

/** undefined for null, '', whitespace and '-' (Windows' and syslog's "no value"); an array gives its first present element. */
export function present(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' || t === '-' ? undefined : v;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && i < 16; i++) {
      const p = present(v[i]);
      if (p !== undefined && typeof p !== 'object') return p;
    }
    return undefined;
  }
  return v;
}

export function toStr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** Non-negative integer from a number, decimal string or `0x` hex string (Windows Security pids). */
export function toInt(v: unknown, max: number): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{1,15}$/.test(t)) n = Number(t);
    else if (/^0x[0-9a-f]{1,12}$/i.test(t)) n = parseInt(t.slice(2), 16);
  }
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

/** An IP address (brackets and an IPv6 zone removed), or undefined when the text is not one. */
export function toIp(v: unknown): string | undefined {
  const s = toStr(v)?.trim();
  if (!s || s.length > 64) return undefined;
  const unbracketed = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  const ip = unbracketed.split('%')[0] ?? '';
  return isIP(ip) ? ip : undefined;
}

export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** `DOMAIN\name` → { domain, name }; anything else is a bare name. */
export function splitAccount(account: string): { name: string; domain?: string } {
  const i = account.indexOf('\\');
  if (i > 0 && i < account.length - 1) return { domain: account.slice(0, i), name: account.slice(i + 1) };
  return { name: account };
}
