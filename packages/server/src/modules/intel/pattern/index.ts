// STIX 2.1 patterning: parser, canonical text, and live evaluation against one observation.
export type { ComparisonExpr, CompareOp, Literal, ObjectPath, ObservationExpr, PathStep, Pattern, Qualifier, Span } from './ast.ts';
export { PatternError, type PatternErrorCode } from './errors.ts';
export { DEFAULT_LIMITS, type ParseOptions, type PatternLimits } from './limits.ts';
export { parsePattern } from './parser.ts';
export { formatComparison, formatLiteral, formatPath, formatPattern } from './format.ts';
export type { Observation, ObservedObject } from './observation.ts';
export { ObservationContext } from './observation.ts';
export { compileComparison, type CompiledComparison, type Witness } from './evaluate.ts';
export { compileLive, liveProblems, type LiveMatcher, type LiveProblem } from './live.ts';
export { resolvePath, type PathValue } from './path.ts';
export { canonicalDomain, canonicalUrl, canonicalValue, FOLDED_KINDS, hashKey, hashName, kindOf, type ValueKind } from './canonical.ts';
export { canonicalIp, formatIpRange, ipContains, parseIpRange, type IpRange } from './ip.ts';
