// Platform error codes. Each module defines its own in its errors.ts with the same shape;
// one mapper (http/problem.ts) renders any AppError as RFC 9457 problem+json.
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: string,
    status: number,
    message: string,
    opts: { cause?: unknown; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

type Opts = ConstructorParameters<typeof AppError>[3];

export const errors = {
  unauthenticated: (message = 'Authentication is required.', opts?: Opts) => new AppError('UNAUTHENTICATED', 401, message, opts),
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', 401, 'The e-mail or password is wrong.'),
  forbidden: (message = 'Your role does not allow this.', opts?: Opts) => new AppError('FORBIDDEN', 403, message, opts),
  csrf: () => new AppError('CSRF_TOKEN_INVALID', 403, 'The X-CSRF-Token header is missing or does not match this session.'),
  notFound: (what = 'resource', opts?: Opts) => new AppError('NOT_FOUND', 404, `No such ${what}.`, opts),
  conflict: (message: string, opts?: Opts) => new AppError('CONFLICT', 409, message, opts),
  invalid: (message: string, opts?: Opts) => new AppError('INVALID_INPUT', 400, message, opts),
  tooLarge: (message: string, opts?: Opts) => new AppError('PAYLOAD_TOO_LARGE', 413, message, opts),
  unsupportedMediaType: (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, message),
  throttled: (retryAfterSeconds: number, message = 'Too many attempts; try again later.') =>
    new AppError('TOO_MANY_REQUESTS', 429, message, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  overloaded: (retryAfterSeconds: number, message = 'The server is busy; retry later.') =>
    new AppError('OVERLOADED', 503, message, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  unavailable: (message: string, opts?: Opts) => new AppError('UNAVAILABLE', 503, message, opts),
} as const;
