// The neutral form of one observable: comparison terms on one SCO type (for an indicator's pattern)
// and an SCO graph (for observed-data). Attribute types and object templates both produce it.
import { scoId } from './stix-ids.ts';

export interface Term {
  /** Property path below the root type, already in pattern syntax, e.g. `hashes.'SHA-256'`. */
  path: string;
  op: '=' | 'ISSUBSET';
  value: string | number;
  /** Terms of one group are alternatives (OR); groups are combined with AND. Default: the path. */
  group?: string;
}

export interface Observation {
  /** The SCO type the terms are about, e.g. `file`. */
  root: string;
  terms: Term[];
}

export interface ScoNode {
  type: string;
  props: Record<string, unknown>;
  /** Reference properties: `dst_ref` → one node, `resolves_to_refs` → several. */
  refs?: Record<string, ScoNode | ScoNode[]>;
}

export interface Observable {
  observation: Observation;
  /** Absent when the type has no faithful SCO form (it then becomes a note when not for detection). */
  sco?: ScoNode;
}

/** A STIX string literal: single quotes, with `\` and `'` escaped. */
export function stixString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function termText(root: string, t: Term): string {
  const literal = typeof t.value === 'number' ? String(t.value) : stixString(t.value);
  return `${root}:${t.path} ${t.op} ${literal}`;
}

/** `[a AND (b OR c)]`: one observation expression; terms of a group are ORed, groups ANDed. */
export function observationText(o: Observation): string {
  const groups = new Map<string, Term[]>();
  for (const t of o.terms) {
    const key = t.group ?? t.path;
    const g = groups.get(key);
    if (g) {
      if (!g.some((x) => x.op === t.op && x.value === t.value)) g.push(t);
    } else groups.set(key, [t]);
  }
  const parts = [...groups.values()].map((g) => {
    const alts = g.map((t) => termText(o.root, t));
    return alts.length > 1 && groups.size > 1 ? `(${alts.join(' OR ')})` : alts.join(' OR ');
  });
  return `[${parts.join(' AND ')}]`;
}

/** Several observations as alternatives: `[...] OR [...]`. */
export function patternText(observations: readonly Observation[]): string {
  return observations.map(observationText).join(' OR ');
}

/**
 * Materialises an SCO graph: every node becomes an SCO with a deterministic id (references first, so
 * their ids enter the parent's id). Returns the root's id; SCOs are appended to `out` (no duplicates).
 */
export function materialiseSco(node: ScoNode, extra: Record<string, unknown>, out: Map<string, Record<string, unknown>>, fallbackName: string): string {
  const props: Record<string, unknown> = { ...node.props };
  for (const [key, ref] of Object.entries(node.refs ?? {})) {
    props[key] = Array.isArray(ref) ? ref.map((r, i) => materialiseSco(r, extra, out, `${fallbackName}:${key}:${i}`)) : materialiseSco(ref, extra, out, `${fallbackName}:${key}`);
  }
  const id = scoId(node.type, props, fallbackName);
  if (!out.has(id)) out.set(id, { type: node.type, spec_version: '2.1', id, ...props, ...extra });
  return id;
}
