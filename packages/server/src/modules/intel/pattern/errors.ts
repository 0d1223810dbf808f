// Pattern errors: what went wrong and where (character offset into the pattern), with a stable code.

export type PatternErrorCode =
  | 'PATTERN_SYNTAX' // the text does not follow the STIX 2.1 patterning grammar
  | 'PATTERN_LIMIT' // a length, depth or count limit was exceeded
  | 'PATTERN_UNSUPPORTED'; // valid STIX, but this evaluator cannot evaluate it (the message says which part)

export interface PatternErrorDetails {
  /** 0-based character offset into the pattern text where the problem starts. */
  readonly offset: number;
  /** What the parser would have accepted there (token or rule names), when known. */
  readonly expected?: readonly string[];
  /** What it found instead (the token text, or "end of pattern"). */
  readonly found?: string;
}

/**
 * Raised by the parser and the evaluator compiler. Shaped like the platform's AppError (code,
 * status, details) so a route can rethrow it as problem+json with status 422.
 */
export class PatternError extends Error {
  readonly code: PatternErrorCode;
  readonly status = 422;
  readonly offset: number;
  readonly expected: readonly string[] | undefined;
  readonly found: string | undefined;

  constructor(code: PatternErrorCode, message: string, details: PatternErrorDetails) {
    super(`${message} (at offset ${details.offset})`);
    this.name = 'PatternError';
    this.code = code;
    this.offset = details.offset;
    this.expected = details.expected;
    this.found = details.found;
  }

  get details(): Record<string, unknown> {
    return { offset: this.offset, expected: this.expected, found: this.found };
  }
}

export function syntaxError(message: string, offset: number, expected?: readonly string[], found?: string): PatternError {
  return new PatternError('PATTERN_SYNTAX', message, { offset, ...(expected ? { expected } : {}), ...(found !== undefined ? { found } : {}) });
}

export function limitError(message: string, offset: number): PatternError {
  return new PatternError('PATTERN_LIMIT', message, { offset });
}

export function unsupportedError(message: string, offset: number): PatternError {
  return new PatternError('PATTERN_UNSUPPORTED', message, { offset });
}
