// The exact-matchable values of a pattern ("atoms"), for the index: a set of atoms such that any
// observation the pattern matches contains at least one of them (a cover). OR needs a cover of
// every operand; AND needs one operand's cover (the cheapest); a negated test, EXISTS, ordering,
// MATCHES and most LIKE tests have none. A pattern without a cover is evaluated on every event.
//
// When the kind of the values at a path is known from the path alone (ipv4-addr:value,
// file:hashes.MD5, domain-name:value…), an atom is exact: a hit means the test holds. Through a
// reference (network-traffic:dst_ref.value) the kind is only known at run time; such a constant is
// stored once per distinct canonical form ("dynamic" atoms) and a hit is confirmed by evaluation.
import type { ComparisonExpr, Literal, ObjectPath, ObservationExpr, PathStep, Pattern } from '../pattern/index.ts';
import { canonicalValue, formatPath, hashName, kindOf, parseIpRange, type ValueKind } from '../pattern/index.ts';

export interface AtomPath {
  /** Canonical path text (hash names spelt as in STIX: hashes.'SHA-256'). */
  readonly text: string;
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  /** Kinds the values at this path can have; more than one makes the path dynamic. */
  readonly kinds: readonly ValueKind[];
}

export type Atom =
  /** A value at a path, canonical for its kind (ip: a single address); kind 'dynamic' on a dynamic path. */
  | { readonly where: 'value'; readonly path: AtomPath; readonly kind: ValueKind | 'dynamic'; readonly key: string }
  /** A CIDR block (not a single address), canonical text, at a path. */
  | { readonly where: 'block'; readonly path: AtomPath; readonly mode: 'eq' | 'sub'; readonly key: string }
  /** LIKE '%.example.com' on domain-name:value: a lower-case suffix starting with '.'. */
  | { readonly where: 'suffix'; readonly path: AtomPath; readonly key: string };

export interface Cover {
  readonly atoms: readonly Atom[];
  /** True when a hit on any atom means the pattern matches (no evaluation needed). */
  readonly exact: boolean;
}

interface Part {
  readonly atoms: Atom[];
  readonly exact: boolean;
  /** Guess of how many candidates the atoms bring per event (lower is better). */
  readonly cost: number;
}

const ALL_VALUE_KINDS: readonly ValueKind[] = ['ip', 'domain', 'email', 'url', 'plain'];
const SUFFIX_LIKE = /^%\.[^%_]+$/;

/** The cover of a pattern, or undefined when it has none. */
export function coverOf(p: Pattern): Cover | undefined {
  const part = observationCover(p.root, true);
  if (!part) return undefined;
  return { atoms: dedupe(part.atoms), exact: part.exact };
}

function observationCover(e: ObservationExpr, top: boolean): Part | undefined {
  switch (e.kind) {
    case 'observation':
      return comparisonCover(e.comparison);
    case 'qualified': {
      const inner = observationCover(e.expr, false);
      return inner && { ...inner, exact: false }; // the qualifier is checked by evaluation
    }
    case 'or':
      return union(e.operands.map((o) => observationCover(o, top)));
    case 'and':
    case 'followedby':
      return undefined; // not matched live (compileLive refuses them)
  }
}

function union(parts: (Part | undefined)[]): Part | undefined {
  const atoms: Atom[] = [];
  let exact = true;
  let cost = 0;
  for (const p of parts) {
    if (!p) return undefined;
    atoms.push(...p.atoms);
    exact &&= p.exact;
    cost += p.cost;
  }
  return { atoms, exact, cost };
}

function comparisonCover(e: ComparisonExpr): Part | undefined {
  switch (e.kind) {
    case 'exists':
      return undefined;
    case 'or':
      return union(e.operands.map(comparisonCover));
    case 'and': {
      let best: Part | undefined;
      for (const o of e.operands) {
        const c = comparisonCover(o);
        if (c && (!best || c.cost < best.cost)) best = c;
      }
      return best && { ...best, exact: false };
    }
    case 'compare':
      return leafCover(e);
  }
}

function leafCover(e: Extract<ComparisonExpr, { kind: 'compare' }>): Part | undefined {
  if (e.negated) return undefined;
  const path = atomPath(e.path);
  const strings = (v: Literal | readonly Literal[]): string[] | undefined => {
    const list = Array.isArray(v) ? (v as readonly Literal[]) : [v as Literal];
    const out: string[] = [];
    for (const l of list) {
      if (l.type !== 'string') return undefined;
      out.push(l.value);
    }
    return out;
  };
  switch (e.op) {
    case '=':
    case 'IN': {
      const values = strings(e.value);
      if (!values) return undefined;
      return collect(values.map((v) => valueAtoms(path, v, 'eq')));
    }
    case 'ISSUBSET': {
      const values = strings(e.value);
      if (!values) return undefined;
      // Only ip values can be subsets: the other kinds never hold.
      return collect(values.map((v) => (path.kinds.includes('ip') ? ipAtoms(path, v, 'sub', path.kinds.length === 1) : { atoms: [], exact: true, cost: 0 })));
    }
    case 'LIKE': {
      const v = e.value as Literal;
      if (v.type !== 'string' || !SUFFIX_LIKE.test(v.value) || path.kinds.length !== 1 || path.kinds[0] !== 'domain') return undefined;
      return { atoms: [{ where: 'suffix', path, key: v.value.slice(1).toLowerCase() }], exact: true, cost: 3 };
    }
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'ISSUPERSET':
    case 'MATCHES':
      return undefined;
  }
}

function collect(parts: Part[]): Part {
  return { atoms: parts.flatMap((p) => p.atoms), exact: parts.every((p) => p.exact), cost: parts.reduce((s, p) => s + p.cost, 0) };
}

/** How often a value at this path is expected in events: a type check is everywhere, names are common. */
function valueCost(path: AtomPath, kind: ValueKind | 'dynamic'): number {
  const last = path.steps[path.steps.length - 1];
  if (last?.kind === 'key' && last.key === 'type') return 1000;
  return kind === 'plain' ? 8 : 1;
}

function valueAtoms(path: AtomPath, value: string, mode: 'eq' | 'sub'): Part {
  if (path.kinds.length === 1) {
    const kind = path.kinds[0] as ValueKind;
    if (kind === 'ip') return ipAtoms(path, value, mode, true);
    return { atoms: [{ where: 'value', path, kind, key: canonicalValue(kind, value) as string }], exact: true, cost: valueCost(path, kind) };
  }
  // A dynamic path: one atom per distinct canonical form over the kinds the value may have; a
  // block only matches ip values, so it stays exact in the trie.
  const range = path.kinds.includes('ip') ? parseIpRange(value) : undefined;
  const keys = new Set<string>();
  for (const k of path.kinds) {
    if (k === 'ip') {
      if (range && range.prefix === range.bytes.length * 8) keys.add(canonicalValue('ip', value) as string);
    } else keys.add(canonicalValue(k, value) as string);
  }
  const atoms: Atom[] = [...keys].map((key) => ({ where: 'value', path, kind: 'dynamic', key }));
  if (range && range.prefix < range.bytes.length * 8) atoms.push(...ipAtoms(path, value, mode, true).atoms);
  return { atoms, exact: false, cost: (keys.size > 0 ? valueCost(path, 'dynamic') : 0) + (atoms.length > keys.size ? 4 : 0) };
}

/** An address (exact value) or a CIDR block (trie); nothing when the text is neither (the test cannot hold). */
function ipAtoms(path: AtomPath, value: string, mode: 'eq' | 'sub', exact: boolean): Part {
  const range = parseIpRange(value);
  if (!range) return { atoms: [], exact: true, cost: 0 };
  const key = canonicalValue('ip', value) as string;
  if (range.prefix === range.bytes.length * 8) {
    return { atoms: [{ where: 'value', path, kind: path.kinds.length === 1 ? 'ip' : 'dynamic', key }], exact, cost: 1 };
  }
  return { atoms: [{ where: 'block', path, mode, key }], exact, cost: 4 + Math.max(0, 24 - range.prefix) / 4 };
}

/**
 * The kinds the values at a path can have (see kindOf): known from the path alone when the kind
 * is decided by a hashes dictionary or by the root object; every kind a `value` can have when the
 * path goes through a reference or a nested object.
 */
export function pathKinds(p: ObjectPath): ValueKind[] {
  let j = p.steps.length - 1;
  while (j >= 0 && p.steps[j]?.kind !== 'key') j--;
  const last = p.steps[j] as Extract<PathStep, { kind: 'key' }>;
  let prev: string | undefined;
  for (let i = j - 1; i >= 0; i--) {
    const s = p.steps[i] as PathStep;
    if (s.kind === 'key') {
      prev = s.key;
      break;
    }
  }
  if (prev === 'hashes') return ['hash'];
  if (last.key !== 'value') return ['plain'];
  if (j === 0) return [kindOf(p.objectType, 'value', undefined)];
  return [...ALL_VALUE_KINDS];
}

/** Hash dictionary keys in their STIX spelling, so that hashes.SHA256 and hashes.'SHA-256' share one path. */
function atomPath(p: ObjectPath): AtomPath {
  let previous: string | undefined;
  const steps = p.steps.map((s): PathStep => {
    if (s.kind !== 'key') return s;
    const out: PathStep = previous === 'hashes' ? { kind: 'key', key: hashName(s.key) } : s;
    previous = s.key;
    return out;
  });
  const path: ObjectPath = { ...p, steps };
  return { text: formatPath(path), objectType: p.objectType, steps, kinds: pathKinds(p) };
}

function dedupe(atoms: Atom[]): Atom[] {
  const seen = new Set<string>();
  return atoms.filter((a) => {
    const k = `${a.where}\n${a.path.text}\n${a.where === 'value' ? a.kind : a.where === 'block' ? a.mode : ''}\n${a.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
