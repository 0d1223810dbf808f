// The HTTP client: base URL + bearer token, JSON in and out, problem+json errors, clear connection errors.
import { ConnectionError, ProblemError, UsageError, toProblem } from './problem.ts';

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

export interface ClientOptions {
  readonly url: string;
  readonly token?: string | undefined;
  /** Per-request timeout for ordinary calls (not for streams). */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  readonly query?: Record<string, QueryValue>;
  /** Sent as application/json. */
  readonly json?: unknown;
  /** A Blob (e.g. from fs.openAsBlob) is streamed from its source, not read into memory first. */
  readonly body?: Uint8Array | string | Blob;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  /** Statuses besides 2xx whose body is returned instead of thrown (e.g. 503 from /health). */
  readonly accept?: readonly number[];
  /** No timeout: the caller owns the lifetime (streams). */
  readonly stream?: boolean;
}

export class Client {
  readonly baseUrl: URL;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;

  constructor(opts: ClientOptions) {
    let base: URL;
    try {
      base = new URL(opts.url);
    } catch {
      throw new UsageError(`--url is not a URL: ${opts.url}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError(`--url must be http:// or https://, not ${base.protocol}`);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.baseUrl = base;
    this.#token = opts.token;
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  url(path: string, query?: Record<string, QueryValue>): URL {
    const u = new URL(path.replace(/^\//, ''), this.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, item);
      else u.searchParams.append(k, String(v));
    }
    return u;
  }

  /** Performs the request; returns the Response when its status is 2xx (or accepted), else throws ProblemError. */
  async fetch(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const url = this.url(path, opts.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'bulwark-cli/0.1', ...opts.headers };
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    let body: Uint8Array | string | Blob | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }
    const signals: AbortSignal[] = [];
    if (opts.signal) signals.push(opts.signal);
    if (!opts.stream) signals.push(AbortSignal.timeout(this.#timeoutMs));
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, signal: signals.length ? AbortSignal.any(signals) : null });
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      throw new ConnectionError(this.baseUrl.origin + this.baseUrl.pathname.replace(/\/$/, ''), err);
    }
    if (res.ok || opts.accept?.includes(res.status)) return res;
    const text = await res.text().catch(() => '');
    throw new ProblemError(toProblem(res.status, res.statusText, res.headers.get('content-type'), text), res.headers.get('retry-after'));
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.fetch(method, path, opts);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`the server answered ${method} ${path} with something that is not JSON (HTTP ${res.status})`);
    }
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('POST', path, { json });
  }

  put<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PUT', path, { json });
  }

  patch<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { json });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
