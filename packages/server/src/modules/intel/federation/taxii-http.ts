// One TAXII 2.1 request through the egress guard: the TAXII media type, authentication (HTTP Basic or a
// Bearer token), an optional TLS client certificate, bounded time and size; the answer is read as
// untrusted JSON (size, depth and string limits checked before parsing) and a TAXII error resource is
// turned into a TaxiiClientError.
import type { IncomingHttpHeaders } from 'node:http';
import type { BlockList } from 'node:net';
import { egressFetch, type EgressOptions } from '../../../platform/index.ts';
import { DEFAULT_LIMITS } from '../stix/index.ts';
import { scanLimits } from '../stix/json-limits.ts';
import { TaxiiClientError, type TaxiiErrorResource } from './taxii-errors.ts';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';

export type TaxiiAuth =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string };

/** How to reach one peer. */
export interface TaxiiConnection {
  readonly auth?: TaxiiAuth;
  /** TLS client certificate and trust anchors (PEM), for peers that require mutual TLS. */
  readonly tls?: { readonly cert?: string; readonly key?: string; readonly ca?: string };
  /** Private or loopback destinations this peer may use (see parseAllowList); public ones need nothing. */
  readonly allow?: BlockList;
  /** Name resolution (tests). */
  readonly resolve?: EgressOptions['resolve'];
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest answer in bytes (default 64 MiB). */
  readonly maxBytes?: number;
  /** Deepest JSON nesting accepted in an answer (default 64). */
  readonly maxDepth?: number;
  /**
   * Redirects followed (default 0: TAXII URLs are configured exactly, and a redirect would carry the
   * credentials for this peer to wherever it points).
   */
  readonly maxRedirects?: number;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * GET requests answered 429 or 503 are sent again this many times (default 3), after the server's
   * Retry-After (at most MAX_RETRY_WAIT seconds; 1 s when it gives none). Other methods are not repeated.
   */
  readonly retries?: number;
}

export interface TaxiiResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_RETRIES = 3;
/** Longest Retry-After honoured, in seconds; a longer one fails the request (the caller's next round retries). */
const MAX_RETRY_WAIT = 30;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function authorization(auth: TaxiiAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  if (auth.username.includes(':')) throw new TypeError('a Basic user name cannot contain ":"');
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
}

/** True for application/taxii+json (TAXII 2.1 or unversioned) and plain application/json. */
function isTaxiiJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/taxii+json' && type !== 'application/json') return false;
  const version = params.find((p) => p.startsWith('version='))?.slice(8).replace(/"/g, '');
  return version === undefined || version === '2.1';
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function retryAfter(headers: IncomingHttpHeaders): number | undefined {
  const v = header(headers, 'retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function readJson(url: string, status: number, body: Buffer, maxDepth: number): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (e) {
    throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'The answer is not UTF-8', { httpStatus: status, cause: e });
  }
  const violation = scanLimits(text, { ...DEFAULT_LIMITS, maxDepth });
  if (violation) throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'The answer exceeds a limit', { httpStatus: status, description: `${violation.message} at ${violation.path}` });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TaxiiClientError('TAXII_BAD_RESPONSE', url, 'The answer is not JSON', { httpStatus: status, description: (e as Error).message, cause: e });
  }
}

function peerError(url: string, status: number, headers: IncomingHttpHeaders, body: Buffer, maxDepth: number): TaxiiClientError {
  let resource: TaxiiErrorResource | undefined;
  try {
    const parsed = readJson(url, status, body, maxDepth) as Record<string, unknown> | null;
    if (parsed && typeof parsed === 'object' && typeof parsed['title'] === 'string') {
      const str = (k: string) => (typeof parsed[k] === 'string' ? { [k]: (parsed[k] as string).slice(0, 4096) } : {});
      const details = parsed['details'];
      resource = {
        title: parsed['title'].slice(0, 1024), ...str('description'), ...str('error_id'), ...str('error_code'), ...str('http_status'), ...str('external_details'),
        ...(details && typeof details === 'object' && !Array.isArray(details) ? { details: details as Record<string, unknown> } : {}),
      };
    }
  } catch {
    resource = undefined; // not a TAXII error body: the HTTP status is all we know
  }
  const wait = retryAfter(headers);
  return new TaxiiClientError('TAXII_PEER_ERROR', url, resource?.title ?? `HTTP ${status}`, {
    httpStatus: status,
    ...(resource?.description !== undefined ? { description: resource.description } : {}),
    ...(resource ? { resource } : {}),
    ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
  });
}

/**
 * Sends one request; resolves with the parsed JSON object of a 2xx answer, throws otherwise. A GET that
 * the server sheds (429, 503) is repeated after its Retry-After, a few times.
 */
export async function taxiiRequest(conn: TaxiiConnection, url: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<TaxiiResponse> {
  const retries = (opts.method ?? 'GET') === 'GET' ? Math.max(0, conn.retries ?? DEFAULT_RETRIES) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce(conn, url, opts);
    } catch (e) {
      const status = e instanceof TaxiiClientError ? e.httpStatus : undefined;
      const wait = e instanceof TaxiiClientError ? e.retryAfterSeconds ?? 1 : undefined;
      if (attempt >= retries || (status !== 429 && status !== 503) || wait === undefined || wait > MAX_RETRY_WAIT) throw e;
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }
}

async function requestOnce(conn: TaxiiConnection, url: string, opts: { method?: string; body?: string; headers?: Record<string, string> }): Promise<TaxiiResponse> {
  const maxDepth = conn.maxDepth ?? 64;
  const res = await egressFetch(url, {
    method: opts.method ?? 'GET',
    headers: { 'user-agent': 'Bulwark-TAXII-client', ...conn.headers, accept: TAXII_MEDIA, ...authorization(conn.auth), ...opts.headers },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    timeoutMs: conn.timeoutMs ?? DEFAULT_TIMEOUT,
    maxBytes: conn.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRedirects: conn.maxRedirects ?? 0,
    ...(conn.allow ? { allow: conn.allow } : {}),
    ...(conn.tls ? { tls: conn.tls } : {}),
    ...(conn.resolve ? { resolve: conn.resolve } : {}),
  });
  if (res.status >= 400) throw peerError(res.url, res.status, res.headers, res.body, maxDepth);
  if (res.status < 200 || res.status >= 300) throw new TaxiiClientError('TAXII_BAD_RESPONSE', res.url, `Unexpected HTTP status ${res.status}`, { httpStatus: res.status });
  if (!isTaxiiJson(header(res.headers, 'content-type'))) {
    throw new TaxiiClientError('TAXII_BAD_RESPONSE', res.url, 'The answer is not TAXII 2.1', { httpStatus: res.status, description: `Content-Type ${header(res.headers, 'content-type') ?? '(none)'}; expected ${TAXII_MEDIA}` });
  }
  const body = readJson(res.url, res.status, res.body, maxDepth);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new TaxiiClientError('TAXII_BAD_RESPONSE', res.url, 'The answer is not a JSON object', { httpStatus: res.status });
  return { url: res.url, status: res.status, headers: res.headers, body: body as Record<string, unknown> };
}

export { header as headerValue };
