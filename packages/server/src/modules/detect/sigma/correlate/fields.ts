// Reading group-by and value fields from a match, through the correlation's aliases (spec "Field Name
// Aliases": alias name → { rule name → field in that rule's events }).
import { fieldResolver } from '../resolver.ts';
import type { EventAccessor } from '../values.ts';
import type { BaseMatch } from './types.ts';

export type Aliases = Readonly<Record<string, Readonly<Record<string, string>>>>;

export function accessorOf(event: BaseMatch['event']): EventAccessor {
  return typeof event === 'function' ? event : fieldResolver(event);
}

/** The event field that carries `name` for a match of the rule known by `refs` (an alias, or the name itself). */
export function fieldFor(name: string, refs: readonly string[], aliases: Aliases): string {
  const alias = aliases[name];
  if (alias) for (const ref of refs) if (Object.hasOwn(alias, ref)) return alias[ref] as string;
  return name;
}

/** A field value as a group key part; undefined when absent or null. */
export function keyPart(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** A numeric value (number or numeric text) or undefined. */
export function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Group key of a match: values by group-by name, or undefined when one is absent. */
export function groupKeyOf(get: EventAccessor, refs: readonly string[], groupBy: readonly string[], aliases: Aliases): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of groupBy) {
    const v = keyPart(get(fieldFor(name, refs, aliases)));
    if (v === undefined) return undefined;
    out[name] = v;
  }
  return out;
}

/** Canonical text of a group key (values in group-by order). */
export function canonicalKey(groupBy: readonly string[], key: Readonly<Record<string, string>>): string {
  return JSON.stringify(groupBy.map((n) => key[n] ?? null));
}
