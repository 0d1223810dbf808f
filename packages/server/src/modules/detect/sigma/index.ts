// Public API of the Sigma engine (see README.md).
export type { SigmaError, SigmaErrorCode } from './errors.ts';
export type { SigmaRule, CorrelationRule, LogSource, Level, Status } from './rule.ts';
export { parseRuleText, loadRuleFile, listRuleFiles, DEFAULT_LIMITS, type LoadLimits, type ParsedFile } from './load.ts';
export { parseCondition, parseConditions, type ConditionNode } from './condition.ts';
export { compileRule, compilePack, type CompileOptions, type CompiledRule, type CompiledPack, type CompileResult, type PackError } from './compile.ts';
export { fieldResolver, mappedAccessor } from './resolver.ts';
export type { EventAccessor } from './values.ts';
export { logsourceMatches, routesFor, routeMatch, RuleRouter, type DeclaredSource, type Route } from './logsources.ts';
export { declaredSourceOf, withOcsf, type SourceHints } from './declared-source.ts';
export type { Placeholders } from './placeholders.ts';
export { parsePlaceholders, loadPlaceholdersFile } from './placeholders-file.ts';
export { JsonObjectStream, type JsonItem } from './json-stream.ts';
export { runRegression, runRule, type RegressionCase, type RegressionReport } from './regress.ts';
export { matchYaml } from './match-yaml.ts';
export type { SigmaFilter } from './rule.ts';
export { compileSources, type PackWarning } from './compile.ts';
export { compileFilter, applyFilters, logsourceFits, namesRule, type CompiledFilter, type FilterCompileResult } from './filter.ts';
