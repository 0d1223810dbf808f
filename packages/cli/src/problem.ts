// RFC 9457 problem details: turning any error response into one, and rendering it for a terminal.
import type { Problem } from '@bulwark/contracts';
import { sanitize } from './output.ts';

export class ProblemError extends Error {
  readonly problem: Problem;
  readonly status: number;
  readonly retryAfter: string | null;

  constructor(problem: Problem, retryAfter: string | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.retryAfter = retryAfter;
  }
}

/** The server could not be reached at all (refused, DNS, TLS, timeout, reset). */
export class ConnectionError extends Error {
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(`cannot reach Bulwark at ${url} (${describeCause(cause)})`, { cause });
    this.name = 'ConnectionError';
    this.url = url;
  }
}

/** A mistake on the command line or in a local file: printed as `error: <message>`, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function describeCause(cause: unknown): string {
  let c: unknown = cause;
  // fetch wraps the socket error: TypeError('fetch failed', { cause: Error{ code: 'ECONNREFUSED' } }).
  for (let i = 0; i < 4 && c instanceof Error; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return c.name === 'TimeoutError' ? 'timed out' : code;
    if (c.name === 'TimeoutError') return 'timed out';
    if (c.cause === undefined) return c.message;
    c = c.cause;
  }
  return String(c);
}

/** Builds a Problem from any HTTP error response body, problem+json or not (e.g. a proxy's HTML page). */
export function toProblem(status: number, statusText: string, contentType: string | null, body: string): Problem {
  if (contentType && /json/i.test(contentType)) {
    try {
      const parsed = JSON.parse(body) as Partial<Problem> | null;
      if (parsed && typeof parsed === 'object' && (typeof parsed.code === 'string' || typeof parsed.title === 'string')) {
        return {
          ...parsed,
          type: typeof parsed.type === 'string' ? parsed.type : 'about:blank',
          title: typeof parsed.title === 'string' ? parsed.title : statusText,
          status: typeof parsed.status === 'number' ? parsed.status : status,
          code: typeof parsed.code === 'string' ? parsed.code : `HTTP_${status}`,
        };
      }
    } catch {
      // fall through: not JSON after all
    }
  }
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  const problem: Problem = { type: 'about:blank', title: statusText || `HTTP ${status}`, status, code: `HTTP_${status}` };
  if (text) problem.detail = `${problem.title}: ${text}`;
  return problem;
}

/** `error: <detail> (<code>)`, then one indented line per field error. Server text is made inert. */
export function renderProblem(p: Problem): string {
  const lines = [`error: ${sanitize(p.detail ?? p.title)} (${sanitize(p.code)})`];
  for (const e of p.errors ?? []) lines.push(`  ${sanitize(e.where)}: ${sanitize(e.reason)}`);
  return lines.join('\n');
}

/** One message for any error the CLI can meet; never includes credentials (they are not in our errors). */
export function renderError(err: unknown): string {
  if (err instanceof ProblemError) return renderProblem(err.problem);
  if (err instanceof ConnectionError || err instanceof UsageError) return `error: ${err.message}`;
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
