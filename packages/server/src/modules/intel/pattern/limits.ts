// Size limits for untrusted patterns (federated peers and feeds are untrusted input).

export interface PatternLimits {
  /** Characters in the pattern text. */
  readonly maxLength: number;
  /** Nesting of brackets and parentheses. */
  readonly maxDepth: number;
  /** Comparisons (property tests) in the whole pattern. */
  readonly maxComparisons: number;
  /** Constants in one IN set. */
  readonly maxSetSize: number;
}

export const DEFAULT_LIMITS: PatternLimits = Object.freeze({
  maxLength: 65_536,
  maxDepth: 32,
  maxComparisons: 1_000,
  maxSetSize: 10_000,
});

export interface ParseOptions {
  readonly limits?: Partial<PatternLimits>;
  /**
   * Accept two common deviations seen in feeds: backslash escapes other than `\'` and `\\` in
   * string constants (kept as written, e.g. `'C:\Windows'`), and unquoted keys with hyphens
   * (`extensions.windows-pebinary-ext`). Off by default: the grammar rejects both.
   */
  readonly lenient?: boolean;
}

export function limitsOf(options: ParseOptions | undefined): PatternLimits {
  return options?.limits ? { ...DEFAULT_LIMITS, ...options.limits } : DEFAULT_LIMITS;
}
