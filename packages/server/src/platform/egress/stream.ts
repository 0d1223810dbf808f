// A streamed outbound request through the egress guard (e.g. server-sent events from a model server):
// the same scheme, credential and address checks as egressFetch, the connection pinned to the checked
// address, no redirects (a 3xx is handed back as it is), a time limit until the response starts and
// one between chunks, and an abort signal that tears the request down (the client went away).
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '../errors/errors.ts';
import { egressErrors, resolveChecked, type EgressOptions } from './egress.ts';

export interface EgressStream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
  readonly url: string;
}

export interface EgressStreamOptions extends Omit<EgressOptions, 'maxRedirects' | 'maxBytes'> {
  /** Longest silence between two chunks of the response (default 60 s). */
  readonly idleMs?: number;
  readonly signal?: AbortSignal;
}

export async function egressStream(input: string, opts: EgressStreamOptions = {}): Promise<EgressStream> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw egressErrors.refused(input, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw egressErrors.refused(url.href, `scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw egressErrors.refused(url.href, 'credentials in the URL are not allowed');
  const target = await resolveChecked(url.hostname, url.href, opts);
  const pinned: LookupFunction = (_host, lookupOpts, cb) => {
    if ((lookupOpts as { all?: boolean }).all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const startMs = opts.timeoutMs ?? 60_000;
  const idleMs = opts.idleMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      lookup: pinned,
      ...(url.protocol === 'https:' ? { servername: isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname, ...opts.tls } : {}),
    }, (res) => {
      clearTimeout(startTimer);
      // From here the socket's idle timeout bounds the silence between chunks.
      req.setTimeout(idleMs, () => res.destroy(egressErrors.failed(url.href, `no data for ${idleMs} ms`)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url: url.href });
    });
    const startTimer = setTimeout(() => req.destroy(egressErrors.failed(url.href, `no answer within ${startMs} ms`)), startMs);
    const abort = () => req.destroy(egressErrors.failed(url.href, 'cancelled'));
    if (opts.signal) {
      if (opts.signal.aborted) abort();
      else opts.signal.addEventListener('abort', abort, { once: true });
    }
    req.on('close', () => {
      clearTimeout(startTimer);
      opts.signal?.removeEventListener('abort', abort);
    });
    req.on('error', (err) => reject(err instanceof AppError ? err : egressErrors.failed(url.href, err.message, err)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
