// TAXII 2.1 media types and errors (spec sections 1.6.8 and 3.6): every response is
// application/taxii+json;version=2.1; a request that accepts nothing TAXII gets 406, a POST of another
// content type 415; errors are TAXII error message resources.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const STIX_MEDIA = 'application/stix+json;version=2.1';

/** Parameters of one media range, lower-cased, without spaces. */
function parse(range: string): { type: string; version?: string; q: number } {
  const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
  let version: string | undefined;
  let q = 1;
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s.trim());
    if (k === 'version') version = v;
    if (k === 'q') q = Number(v);
  }
  return { type, ...(version !== undefined ? { version } : {}), q: Number.isFinite(q) ? q : 0 };
}

/** True when the Accept header allows TAXII 2.1 (no version parameter means the latest, 2.1). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  return accept.split(',').some((range) => {
    const r = parse(range);
    if (r.q <= 0) return false;
    return (r.type === 'application/taxii+json' && (r.version === undefined || r.version === '2.1'));
  });
}

/** True when a POST body is declared as TAXII 2.1 content. */
export function isTaxiiContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const r = parse(contentType);
  return r.type === 'application/taxii+json' && (r.version === undefined || r.version === '2.1');
}

export interface TaxiiError {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status: string;
  details?: Record<string, unknown>;
}

export class TaxiiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly description: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, title: string, code: string, description?: string, details?: Record<string, unknown>) {
    super(title);
    this.status = status;
    this.code = code;
    this.description = description;
    this.details = details;
  }
}

export function sendTaxiiError(reply: FastifyReply, req: FastifyRequest, status: number, title: string, code: string, description?: string, details?: Record<string, unknown>): FastifyReply {
  const body: TaxiiError = { title, error_code: code, error_id: req.id, http_status: String(status), ...(description ? { description } : {}), ...(details ? { details } : {}) };
  if (status === 401) void reply.header('www-authenticate', 'Basic realm="bulwark-taxii", Bearer');
  return reply.code(status).header('content-type', TAXII_MEDIA).send(Buffer.from(JSON.stringify(body)));
}
