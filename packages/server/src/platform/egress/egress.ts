// The one way out: every outbound HTTP(S) request goes through egressFetch. The destination's name is
// resolved once, every resolved address is checked, and the connection is made to a checked address
// (so a DNS answer that changes between check and connect cannot redirect it). Redirects are followed
// by hand and each hop is checked again; a hop to another origin is sent without credentials
// (Authorization, Cookie, Proxy-Authorization, client certificate). Time and response size are bounded.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type BlockList, type LookupFunction } from 'node:net';
import { AppError } from '../errors/errors.ts';
import { refusal } from './address.ts';

export interface EgressOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Destinations allowed although private (e.g. a federation peer on a government network). */
  readonly allow?: BlockList;
  /** TLS client certificate and trust, for peers that require them. */
  readonly tls?: { readonly cert?: string; readonly key?: string; readonly ca?: string };
  /** Name resolution (tests resolve names to chosen addresses). */
  readonly resolve?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

export interface EgressResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly url: string;
}

export const egressErrors = {
  refused: (url: string, why: string) => new AppError('EGRESS_REFUSED', 502, `Outbound request to ${url} refused: ${why}.`),
  failed: (url: string, why: string, cause?: unknown) => new AppError('EGRESS_FAILED', 502, `Outbound request to ${url} failed: ${why}.`, { cause }),
};

/** Resolves a host once and checks every address (used by egressStream too). */
export async function resolveChecked(host: string, url: string, opts: EgressOptions): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const found = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await (opts.resolve ?? ((h: string) => dnsLookup(h, { all: true })))(bare).catch((err: unknown) => {
    throw egressErrors.failed(url, `cannot resolve ${bare}`, err);
  });
  if (found.length === 0) throw egressErrors.failed(url, `${bare} has no address`);
  for (const a of found) {
    const why = refusal(a.address, opts.allow);
    if (why) throw egressErrors.refused(url, why);
  }
  return found[0]!;
}

function once(url: URL, target: { address: string; family: number }, opts: EgressOptions): Promise<EgressResponse> {
  const pinned: LookupFunction = (_host, lookupOpts, cb) => {
    if ((lookupOpts as { all?: boolean }).all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      lookup: pinned,
      timeout: opts.timeoutMs ?? 15_000,
      ...(url.protocol === 'https:' ? { servername: isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname, ...opts.tls } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy();
          reject(egressErrors.failed(url.href, `response larger than ${maxBytes} bytes`));
        } else chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url: url.href }));
      res.on('error', (err) => reject(egressErrors.failed(url.href, err.message, err)));
    });
    req.on('timeout', () => req.destroy(egressErrors.failed(url.href, `no answer within ${opts.timeoutMs ?? 15_000} ms`)));
    req.on('error', (err) => reject(err instanceof AppError ? err : egressErrors.failed(url.href, err.message, err)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

function without(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.has(k.toLowerCase())));
}

/** Options for a cross-origin hop: no Authorization, Cookie or Proxy-Authorization header, no client certificate. */
function withoutCredentials(opts: EgressOptions): EgressOptions {
  const { tls, ...rest } = opts;
  const keptTls = tls?.ca ? { tls: { ca: tls.ca } } : {};
  return { ...rest, ...keptTls, ...(opts.headers ? { headers: without(opts.headers, CREDENTIAL_HEADERS) } : {}) };
}

export async function egressFetch(input: string, opts: EgressOptions = {}): Promise<EgressResponse> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw egressErrors.refused(input, 'not a valid URL');
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw egressErrors.refused(url.href, `scheme ${url.protocol} is not allowed`);
    if (url.username || url.password) throw egressErrors.refused(url.href, 'credentials in the URL are not allowed');
    const target = await resolveChecked(url.hostname, url.href, opts);
    const res = await once(url, target, opts);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      if (hop >= (opts.maxRedirects ?? 3)) throw egressErrors.failed(url.href, 'too many redirects');
      const next = new URL(location, url);
      const keepBody = res.status === 307 || res.status === 308;
      opts = { ...opts, method: keepBody ? opts.method ?? 'GET' : 'GET', ...(keepBody ? {} : { body: undefined }) };
      // Credentials are for the origin they were given for: another origin (host, port or scheme) gets none.
      if (next.origin !== url.origin) opts = withoutCredentials(opts);
      if (!keepBody && opts.headers) opts = { ...opts, headers: without(opts.headers, BODY_HEADERS) };
      url = next;
      continue;
    }
    return res;
  }
}
