// The one way the console talks to the API: same-origin fetch with the session cookie, the CSRF
// header on unsafe methods, problem+json errors as ApiError, and a hook for "session is gone" (401).
import { CSRF_HEADER } from '@bulwark/contracts';
import { ApiError, problemFrom } from './problem.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | undefined | null | readonly string[];

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called once per 401 response (except where the caller handles 401 itself). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** A body sent as it is (e.g. a file's JSON text), instead of `body` serialised. */
  readonly rawBody?: string;
  readonly query?: Record<string, QueryValue>;
  readonly signal?: AbortSignal;
  /** Don't treat a 401 as "signed out" (login form, session probe). */
  readonly allow401?: boolean;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (opts.rawBody !== undefined) init.body = opts.rawBody;
  else if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
  else if (method !== 'GET') init.body = '{}';
  if (opts.signal) init.signal = opts.signal;

  const res = await fetch(withQuery(path, opts.query), init);
  if (!res.ok) {
    const err = await problemFrom(res);
    if (res.status === 401 && !opts.allow401) onUnauthorized?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

/** A GET whose answer is a file to save (e.g. an export), as a Blob; errors as for `request`. */
export async function requestBlob(path: string, query?: Record<string, QueryValue>): Promise<Blob> {
  const res = await fetch(withQuery(path, query), { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) {
    const err = await problemFrom(res);
    if (res.status === 401) onUnauthorized?.();
    throw err;
  }
  return res.blob();
}

export interface UploadOptions {
  readonly query?: Record<string, QueryValue>;
  readonly signal?: AbortSignal;
  /** Bytes sent so far and the total (0 when unknown), as the upload goes. */
  readonly onProgress?: (loaded: number, total: number) => void;
}

/**
 * POSTs a file's bytes as they are (application/octet-stream) with the CSRF header, reporting upload
 * progress (fetch cannot); the answer and errors as for `request`. Aborting rejects with an AbortError.
 */
export function uploadBlob<T>(path: string, body: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, opts.query));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.responseType = 'text';
    const onAbort = () => xhr.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    xhr.onload = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      const headers = { 'content-type': xhr.getResponseHeader('content-type') ?? '', 'retry-after': xhr.getResponseHeader('retry-after') ?? '' };
      if (xhr.status < 200 || xhr.status >= 300) {
        // Response() refuses statuses outside 200–599 and a body on 204/205/304.
        const status = xhr.status >= 400 && xhr.status <= 599 ? xhr.status : 502;
        const res = new Response(xhr.responseText, { status, headers });
        void problemFrom(res).then((err) => {
          if (xhr.status === 401) onUnauthorized?.();
          reject(err);
        });
        return;
      }
      if (xhr.status === 204 || !headers['content-type'].includes('json')) return resolve(undefined as T);
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    if (opts.signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    xhr.send(body);
  });
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
