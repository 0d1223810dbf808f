// Search identifiers and their condition → one predicate: a rule's `detection` section, or the selection
// part of a meta filter's `filter` section (same grammar and modifiers). Problems become located errors.
import { type ConditionNode, parseConditions, selectIdentifiers } from './condition.ts';
import { ItemProblem, compileIdentifier } from './detection.ts';
import { RuleProblem, type SigmaError } from './errors.ts';
import { allOf, anyOf, atLeast } from './logic.ts';
import type { Placeholders } from './placeholders.ts';
import type { Locate } from './rule.ts';
import type { Predicate } from './values.ts';

/** The section the identifiers come from: `detection` in rules, `filter` in meta filters. */
export type SearchRoot = 'detection' | 'filter';

export type SearchResult = { ok: true; matcher: Predicate; errors: [] } | { ok: false; matcher?: undefined; errors: SigmaError[] };

function toError(e: unknown, locate: Locate, root: SearchRoot): SigmaError {
  if (e instanceof ItemProblem) {
    const path = e.path.map(String).join('.');
    return { code: e.code, reason: e.message, path, line: locate(e.path) };
  }
  if (e instanceof RuleProblem) {
    return { code: e.code, reason: e.message, path: `${root}.condition`, line: locate([root, 'condition']) };
  }
  throw e;
}

function build(node: ConditionNode, ids: Map<string, Predicate>, names: string[]): Predicate {
  switch (node.k) {
    case 'id': {
      const p = ids.get(node.name);
      if (!p) throw new RuleProblem('condition', `condition names "${node.name}", which is not a search identifier`);
      return p;
    }
    case 'not': {
      const p = build(node.item, ids, names);
      return (get) => !p(get);
    }
    case 'and':
      return allOf(node.items.map((n) => build(n, ids, names)));
    case 'or':
      return anyOf(node.items.map((n) => build(n, ids, names)));
    case 'of': {
      const selected = selectIdentifiers(node.pattern, names);
      if (!selected.length) throw new RuleProblem('condition', `"${node.pattern}" matches no search identifier`);
      const ps = selected.map((n) => ids.get(n) as Predicate);
      if (node.quantifier === 'all') return allOf(ps);
      return node.quantifier === 1 ? anyOf(ps) : atLeast(node.quantifier, ps);
    }
  }
}

/** Compiles search identifiers and a condition. Every problem is reported (one per identifier), nothing throws. */
export function compileSearch(
  identifiers: Record<string, unknown>,
  condition: readonly string[],
  locate: Locate,
  root: SearchRoot,
  options: { placeholders?: Placeholders } = {},
): SearchResult {
  const errors: SigmaError[] = [];
  const ids = new Map<string, Predicate>();
  const names = Object.keys(identifiers);
  for (const name of names) {
    try {
      ids.set(name, compileIdentifier(name, identifiers[name], { placeholders: options.placeholders }, root));
    } catch (e) {
      errors.push(toError(e, locate, root));
    }
  }
  let matcher: Predicate | undefined;
  try {
    const ast = parseConditions(condition);
    if (!errors.length) matcher = build(ast, ids, names);
  } catch (e) {
    errors.push(toError(e, locate, root));
  }
  if (errors.length || !matcher) return { ok: false, errors };
  return { ok: true, matcher, errors: [] };
}
