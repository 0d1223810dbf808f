// Display values derived from a stored event (OCSF projection first, native fields as fallback).
// Everything returned is a plain string, rendered as React text (inert).
import type { StoredEvent } from '@bulwark/contracts';

function at(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function eventClass(e: StoredEvent): string {
  return str(e.ocsf['class_name']) ?? `class ${e.classUid}`;
}

export function eventHost(e: StoredEvent): string {
  const candidates: (readonly string[])[] = [
    ['device', 'hostname'], ['device', 'ip'], ['src_endpoint', 'hostname'], ['src_endpoint', 'ip'],
  ];
  for (const p of candidates) {
    const v = str(at(e.ocsf, p));
    if (v) return v;
  }
  return str(e.native['host']) ?? str(e.native['hostname']) ?? '';
}

export function eventMessage(e: StoredEvent): string {
  return e.message ?? str(e.ocsf['message']) ?? '';
}

export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return String(value);
  }
}
