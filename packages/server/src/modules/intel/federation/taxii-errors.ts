// Errors of the TAXII client. A peer's TAXII error message resource (TAXII 2.1 section 3.6.1) arrives as
// TAXII_PEER_ERROR with the peer's HTTP status, title and description; an answer that is not TAXII (not
// JSON, wrong shape, over a limit) is TAXII_BAD_RESPONSE; a pull that stops advancing is TAXII_NO_PROGRESS;
// a signature that does not verify is FEDERATION_BAD_SIGNATURE. For our own API they all map to 502: the
// fault is upstream. Refusals of the egress guard stay the platform's EGRESS_REFUSED / EGRESS_FAILED.
import { AppError } from '../../../platform/index.ts';
import type { VerifyFailure } from './signing.ts';

/** The TAXII 2.1 error message resource, as the peer sent it. */
export interface TaxiiErrorResource {
  readonly title: string;
  readonly description?: string;
  readonly error_id?: string;
  readonly error_code?: string;
  readonly http_status?: string;
  readonly external_details?: string;
  readonly details?: Record<string, unknown>;
}

export type TaxiiErrorCode = 'TAXII_PEER_ERROR' | 'TAXII_BAD_RESPONSE' | 'TAXII_NO_PROGRESS';

export class TaxiiClientError extends AppError {
  declare readonly code: TaxiiErrorCode;
  /** The URL that was requested. */
  readonly url: string;
  /** The peer's HTTP status (undefined when there was no HTTP answer to blame). */
  readonly httpStatus: number | undefined;
  readonly title: string;
  readonly description: string | undefined;
  /** The error resource as received, when the peer sent one. */
  readonly resource: TaxiiErrorResource | undefined;
  /** Seconds the peer asked us to wait (Retry-After on 429 or 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: TaxiiErrorCode, url: string, title: string, opts: { httpStatus?: number; description?: string; resource?: TaxiiErrorResource; retryAfterSeconds?: number; cause?: unknown } = {}) {
    const status = opts.httpStatus !== undefined ? ` (HTTP ${opts.httpStatus})` : '';
    super(code, 502, `TAXII peer ${url}${status}: ${title}${opts.description ? ` — ${opts.description}` : ''}`, {
      cause: opts.cause,
      details: { url, ...(opts.httpStatus !== undefined ? { httpStatus: opts.httpStatus } : {}), ...(opts.resource ? { peerError: opts.resource } : {}) },
    });
    this.name = 'TaxiiClientError';
    this.url = url;
    this.httpStatus = opts.httpStatus;
    this.title = title;
    this.description = opts.description;
    this.resource = opts.resource;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export class SignatureError extends AppError {
  readonly reason: VerifyFailure | 'missing';
  readonly url: string;

  constructor(url: string, reason: VerifyFailure | 'missing', message: string) {
    super('FEDERATION_BAD_SIGNATURE', 502, `Signature of ${url} refused (${reason}): ${message}`, { details: { url, reason } });
    this.name = 'SignatureError';
    this.reason = reason;
    this.url = url;
  }
}
