// An RFC 9457 problem (or any failed HTTP exchange) raised by the API client.
import type { Problem } from '@bulwark/contracts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** Seconds from a Retry-After header (429/503), when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Partial<Problem> | undefined, retryAfter?: number) {
    const detail = problem?.detail ?? problem?.title ?? `Request failed (HTTP ${status})`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? 'HTTP_' + status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }
}

/** The text to show a person for any error thrown by a request. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    return err.retryAfter !== undefined ? `${err.detail} (retry in ${err.retryAfter} s)` : err.detail;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function problemFrom(res: Response): Promise<ApiError> {
  let problem: Partial<Problem> | undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await res.json();
      if (body !== null && typeof body === 'object') problem = body as Partial<Problem>;
    } catch {
      problem = undefined;
    }
  }
  const ra = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
  return new ApiError(res.status, problem, Number.isFinite(ra) ? ra : undefined);
}
