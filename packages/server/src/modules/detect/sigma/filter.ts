// Meta filters (filters spec "Global filter"): tuning shared by many rules, such as an accepted false
// positive of one application. A rule named by a filter (by id or name) whose logsource fits the filter's
// matches an event only when its detection holds and no such filter's condition does. A filter only
// narrows a rule, so the rule's required literals (required.ts) stay valid and are kept.
import type { CompileOptions, CompiledRule } from './compile.ts';
import type { SigmaError } from './errors.ts';
import { anyOf } from './logic.ts';
import { needOf, withNeed } from './required.ts';
import type { LogSource, SigmaFilter, SigmaRule } from './rule.ts';
import { compileSearch } from './search.ts';
import type { EventAccessor } from './values.ts';

export interface CompiledFilter {
  filter: SigmaFilter;
  /** True when the filter's condition holds: a match of a rule it applies to is suppressed. */
  matcher: (get: EventAccessor) => boolean;
  /** True when the filter names the rule and its logsource fits the rule's. */
  appliesTo: (rule: SigmaRule) => boolean;
}

export type FilterCompileResult = { ok: true; filter: CompiledFilter; errors: [] } | { ok: false; filter?: undefined; errors: SigmaError[] };

const fold = (s: string): string => s.toLowerCase();

/** True when the filter lists the rule's id or name (compared case-insensitively, as UUIDs may be written either way). */
export function namesRule(filter: SigmaFilter, rule: SigmaRule): boolean {
  return filter.rules.some((ref) => matchesRef(fold(ref), rule));
}

function matchesRef(folded: string, rule: SigmaRule): boolean {
  return (rule.id !== undefined && fold(rule.id) === folded) || (rule.name !== undefined && fold(rule.name) === folded);
}

/**
 * True when each of category, product and service that the filter sets equals the rule's (case-insensitively).
 * A rule without a field the filter sets does not fit; fields the filter leaves out do not matter.
 */
export function logsourceFits(filter: LogSource, rule: LogSource): boolean {
  for (const k of ['category', 'product', 'service'] as const) {
    const want = filter[k];
    if (want === undefined) continue;
    const have = rule[k];
    if (have === undefined || fold(have) !== fold(want)) return false;
  }
  return true;
}

/** Compiles a filter's search identifiers and condition (same grammar and modifiers as rules); nothing throws. */
export function compileFilter(filter: SigmaFilter, options: CompileOptions = {}): FilterCompileResult {
  const r = compileSearch(filter.detection, filter.condition, filter.locate, 'filter', options);
  if (!r.ok) return { ok: false, errors: r.errors };
  const refs = filter.rules.map(fold);
  const appliesTo = (rule: SigmaRule): boolean => refs.some((ref) => matchesRef(ref, rule)) && logsourceFits(filter.logsource, rule.logsource);
  return { ok: true, filter: { filter, matcher: r.matcher, appliesTo }, errors: [] };
}

/**
 * The rules with the filters that apply to them folded into their matchers (`matches && !anyFilter`).
 * Rules no filter applies to are returned as they are; the others are new objects with the same `rule`.
 */
export function applyFilters(rules: readonly CompiledRule[], filters: readonly CompiledFilter[]): CompiledRule[] {
  return rules.map((r) => {
    const applying = filters.filter((f) => f.appliesTo(r.rule));
    if (!applying.length) return r;
    const matches = r.matcher;
    const suppressed = anyOf(applying.map((f) => f.matcher));
    return { ...r, matcher: withNeed((get) => matches(get) && !suppressed(get), needOf(matches)) };
  });
}

/** A rule reference of a filter that does not take effect on the given rules, and why. */
export interface UnappliedRef {
  filter: CompiledFilter;
  /** Position in `filter.rules`. */
  index: number;
  reason: string;
}

/**
 * The references that name no rule (the filter may be meant for another pack: not an error) or only rules
 * whose logsource does not fit the filter's.
 */
export function unappliedFilterRefs(filters: readonly CompiledFilter[], rules: readonly SigmaRule[]): UnappliedRef[] {
  const byRef = new Map<string, SigmaRule[]>();
  for (const r of rules) {
    for (const ref of new Set([r.id, r.name].filter((x): x is string => x !== undefined).map(fold))) {
      const list = byRef.get(ref);
      if (list) list.push(r);
      else byRef.set(ref, [r]);
    }
  }
  const out: UnappliedRef[] = [];
  for (const f of filters) {
    f.filter.rules.forEach((ref, index) => {
      const named = byRef.get(fold(ref)) ?? [];
      if (!named.length) out.push({ filter: f, index, reason: `filter names rule "${ref}", which is not among the loaded rules: not applied` });
      else if (!named.some((r) => logsourceFits(f.filter.logsource, r.logsource))) {
        out.push({ filter: f, index, reason: `filter names rule "${ref}", whose logsource does not fit the filter's: not applied` });
      }
    });
  }
  return out;
}
