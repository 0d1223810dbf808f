// A rule → a matcher over an event accessor; a pack (directory or files) → compiled rules and errors.
import { type ConditionNode, parseConditions, selectIdentifiers } from './condition.ts';
import { ItemProblem, compileIdentifier } from './detection.ts';
import { RuleProblem, type SigmaError } from './errors.ts';
import { listRuleFiles, loadRuleFile, type LoadLimits } from './load.ts';
import { allOf, anyOf, atLeast } from './logic.ts';
import type { Placeholders } from './placeholders.ts';
import type { CorrelationRule, SigmaRule } from './rule.ts';
import type { EventAccessor, Predicate } from './values.ts';

export interface CompileOptions {
  /** Value lists for `expand` placeholders, by name (without the percent signs). */
  placeholders?: Placeholders;
  limits?: LoadLimits;
}

export interface CompiledRule {
  rule: SigmaRule;
  /** True when the event satisfies the detection (logsource routing is separate: see logsources.ts). */
  matcher: (get: EventAccessor) => boolean;
}

export type CompileResult = { ok: true; matcher: (get: EventAccessor) => boolean; errors: [] } | { ok: false; matcher?: undefined; errors: SigmaError[] };

function toError(e: unknown, rule: SigmaRule): SigmaError {
  if (e instanceof ItemProblem) {
    const path = e.path.map(String).join('.');
    return { code: e.code, reason: e.message, path, line: rule.locate(e.path) };
  }
  if (e instanceof RuleProblem) {
    return { code: e.code, reason: e.message, path: 'detection.condition', line: rule.locate(['detection', 'condition']) };
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

/** Compiles one rule. Every problem is reported (one per search identifier), nothing throws. */
export function compileRule(rule: SigmaRule, options: CompileOptions = {}): CompileResult {
  const errors: SigmaError[] = [];
  const ids = new Map<string, Predicate>();
  const names = Object.keys(rule.detection);
  for (const name of names) {
    try {
      ids.set(name, compileIdentifier(name, rule.detection[name], { placeholders: options.placeholders }));
    } catch (e) {
      errors.push(toError(e, rule));
    }
  }
  let matcher: Predicate | undefined;
  try {
    const ast = parseConditions(rule.condition);
    if (!errors.length) matcher = build(ast, ids, names);
  } catch (e) {
    errors.push(toError(e, rule));
  }
  if (errors.length || !matcher) return { ok: false, errors };
  return { ok: true, matcher, errors: [] };
}

export interface PackError {
  file: string;
  ruleId?: string;
  title?: string;
  reason: string;
  code: SigmaError['code'];
  line?: number;
  status?: string;
}

export interface CompiledPack {
  rules: CompiledRule[];
  correlations: CorrelationRule[];
  errors: PackError[];
}

/** Loads and compiles every rule under the given directories or files. */
export async function compilePack(paths: string | readonly string[], options: CompileOptions = {}): Promise<CompiledPack> {
  const files = await listRuleFiles(typeof paths === 'string' ? [paths] : paths);
  const pack: CompiledPack = { rules: [], correlations: [], errors: [] };
  for (const file of files) {
    const parsed = await loadRuleFile(file, options.limits);
    for (const e of parsed.errors) pack.errors.push({ file, reason: describe(e), code: e.code, line: e.line });
    pack.correlations.push(...parsed.correlations);
    for (const rule of parsed.rules) {
      const r = compileRule(rule, options);
      if (r.ok) pack.rules.push({ rule, matcher: r.matcher });
      else for (const e of r.errors) pack.errors.push({ file, ruleId: rule.id, title: rule.title, reason: describe(e), code: e.code, line: e.line, status: rule.status });
    }
  }
  return pack;
}

function describe(e: SigmaError): string {
  return e.path ? `${e.path}: ${e.reason}` : e.reason;
}
