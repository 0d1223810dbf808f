// Typed rule errors: what went wrong, where (YAML path and line), never thrown at callers.

export type SigmaErrorCode =
  | 'yaml' // the file is not valid YAML or exceeds a parser limit
  | 'limit' // a size/depth/count limit was exceeded
  | 'schema' // a required field is missing or has the wrong type
  | 'condition' // the condition does not parse or names unknown identifiers
  | 'modifier' // unknown modifier or invalid modifier chain
  | 'value' // a value does not fit its modifiers (e.g. a bad CIDR)
  | 'regex' // a regular expression the linear-time engine cannot compile
  | 'placeholder'; // an `expand` placeholder without a configured value list

export interface SigmaError {
  code: SigmaErrorCode;
  reason: string;
  /** YAML path inside the document, e.g. `detection.selection.Image|endswith`. */
  path?: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** Internal: raised while compiling one item and turned into a SigmaError by the caller. */
export class RuleProblem extends Error {
  readonly code: SigmaErrorCode;
  constructor(code: SigmaErrorCode, reason: string) {
    super(reason);
    this.code = code;
  }
}
