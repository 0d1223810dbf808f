// A rule → a matcher over an event accessor; a pack (directories, files or texts) → compiled rules with
// the pack's meta filters applied, and errors.
import type { SigmaError } from './errors.ts';
import { applyFilters, compileFilter, type CompiledFilter, unappliedFilterRefs } from './filter.ts';
import { listRuleFiles, loadRuleFile, type LoadLimits, type ParsedFile, parseRuleText } from './load.ts';
import type { Placeholders } from './placeholders.ts';
import type { CorrelationRule, SigmaRule } from './rule.ts';
import { compileSearch } from './search.ts';
import type { EventAccessor } from './values.ts';

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

/** Compiles one rule. Every problem is reported (one per search identifier), nothing throws. */
export function compileRule(rule: SigmaRule, options: CompileOptions = {}): CompileResult {
  return compileSearch(rule.detection, rule.condition, rule.locate, 'detection', options);
}

export interface PackError {
  file: string;
  ruleId?: string;
  /** Set instead of `ruleId` when the problem is in a meta filter. */
  filterId?: string;
  title?: string;
  reason: string;
  code: SigmaError['code'];
  line?: number;
  status?: string;
}

/** Something worth knowing that is not an error, such as a filter naming a rule the pack lacks. */
export interface PackWarning {
  file: string;
  filterId?: string;
  title?: string;
  reason: string;
  line?: number;
}

export interface CompiledPack {
  /** The rules, with the pack's meta filters applied to their matchers. */
  rules: CompiledRule[];
  correlations: CorrelationRule[];
  filters: CompiledFilter[];
  errors: PackError[];
  warnings: PackWarning[];
}

/** Loads and compiles every rule and meta filter under the given directories or files. */
export async function compilePack(paths: string | readonly string[], options: CompileOptions = {}): Promise<CompiledPack> {
  const files = await listRuleFiles(typeof paths === 'string' ? [paths] : paths);
  const parsed: ParsedSource[] = [];
  for (const file of files) parsed.push({ file, parsed: await loadRuleFile(file, options.limits) });
  return compileParsed(parsed, options);
}

/** Compiles a pack given as texts (e.g. uploaded files); `file` names each text in errors. */
export function compileSources(sources: readonly { file: string; text: string }[], options: CompileOptions = {}): CompiledPack {
  return compileParsed(
    sources.map((s) => ({ file: s.file, parsed: parseRuleText(s.text, s.file, options.limits) })),
    options,
  );
}

interface ParsedSource {
  file: string;
  parsed: ParsedFile;
}

function compileParsed(sources: readonly ParsedSource[], options: CompileOptions): CompiledPack {
  const pack: CompiledPack = { rules: [], correlations: [], filters: [], errors: [], warnings: [] };
  for (const { file, parsed } of sources) {
    for (const e of parsed.errors) pack.errors.push({ file, reason: describe(e), code: e.code, line: e.line });
    pack.correlations.push(...parsed.correlations);
    for (const rule of parsed.rules) {
      const r = compileRule(rule, options);
      if (r.ok) pack.rules.push({ rule, matcher: r.matcher });
      else for (const e of r.errors) pack.errors.push({ file, ruleId: rule.id, title: rule.title, reason: describe(e), code: e.code, line: e.line, status: rule.status });
    }
    for (const filter of parsed.filters) {
      const f = compileFilter(filter, options);
      if (f.ok) pack.filters.push(f.filter);
      else for (const e of f.errors) pack.errors.push({ file, filterId: filter.id, title: filter.title, reason: describe(e), code: e.code, line: e.line });
    }
  }
  if (pack.filters.length) {
    pack.rules = applyFilters(pack.rules, pack.filters);
    for (const u of unappliedFilterRefs(pack.filters, pack.rules.map((r) => r.rule))) {
      const { filter } = u.filter;
      pack.warnings.push({ file: filter.file ?? '', filterId: filter.id, title: filter.title, reason: u.reason, line: filter.locate(['filter', 'rules', u.index]) });
    }
  }
  return pack;
}

function describe(e: SigmaError): string {
  return e.path ? `${e.path}: ${e.reason}` : e.reason;
}
