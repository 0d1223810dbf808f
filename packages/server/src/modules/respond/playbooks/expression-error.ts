// A condition or template that cannot be compiled; `column` is 1-based within the expression text.
export class ExpressionError extends Error {
  readonly column: number;
  /** The message without its position, for callers that report the position their own way. */
  readonly reason: string;
  constructor(reason: string, offset: number) {
    super(`${reason} at column ${offset + 1}`);
    this.name = 'ExpressionError';
    this.reason = reason;
    this.column = offset + 1;
  }
}
