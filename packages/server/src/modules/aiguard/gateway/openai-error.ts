// Errors in the shape OpenAI clients expect: {"error": {"message", "type", "param", "code"}} with the
// HTTP status OpenAI uses for the same condition, so SDKs raise their usual exception types.
import type { FastifyReply } from 'fastify';

export type GatewayErrorType = 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'rate_limit_error' | 'api_error' | 'server_error';

export class GatewayError extends Error {
  readonly status: number;
  readonly type: GatewayErrorType;
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(status: number, type: GatewayErrorType, code: string, message: string, opts: { param?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = opts.param ?? null;
    this.headers = opts.headers ?? {};
  }

  body(): { error: { message: string; type: string; param: string | null; code: string } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const gatewayErrors = {
  noKey: () => new GatewayError(401, 'authentication_error', 'missing_api_key', 'You did not provide an API key: send Authorization: Bearer <key> (or api-key: <key>).'),
  badKey: () => new GatewayError(401, 'authentication_error', 'invalid_api_key', 'Incorrect API key provided, or the key was revoked or has expired.'),
  invalid: (message: string, param?: string) => new GatewayError(400, 'invalid_request_error', 'invalid_request', message, param ? { param } : {}),
  tooLarge: (limit: number) => new GatewayError(413, 'invalid_request_error', 'request_too_large', `The request body is larger than ${limit} bytes.`),
  unknownModel: (model: string) => new GatewayError(404, 'invalid_request_error', 'model_not_found', `The model ${JSON.stringify(model.slice(0, 100))} does not exist or is not offered to this key.`, { param: 'model' }),
  rateLimited: (retryAfter: number) => new GatewayError(429, 'rate_limit_error', 'rate_limit_exceeded', `Rate limit reached for this key; retry in ${retryAfter} s.`, { headers: { 'retry-after': String(retryAfter) } }),
  quota: () => new GatewayError(429, 'rate_limit_error', 'insufficient_quota', 'This key has used its token quota for today.'),
  blocked: (why: string) => new GatewayError(403, 'permission_error', 'access_denied', `Access denied: ${why}. The request was logged; contact your security team if this is a mistake.`),
  policy: (why: string) => new GatewayError(400, 'invalid_request_error', 'content_policy_violation', `The request was refused by the security policy: ${why}.`),
  held: () => new GatewayError(403, 'permission_error', 'held_for_review', 'The request was held for review by your security team; it was not sent to the model.'),
  scannerFailed: () => new GatewayError(503, 'server_error', 'scanner_unavailable', 'The request could not be checked and the policy does not forward unchecked requests; retry later.', { headers: { 'retry-after': '5' } }),
  noUpstream: () => new GatewayError(503, 'server_error', 'no_upstream', 'No AI service is configured for this key.'),
  upstream: (why: string) => new GatewayError(502, 'api_error', 'upstream_error', `The AI service failed: ${why}.`),
};

export function sendGatewayError(reply: FastifyReply, e: GatewayError): FastifyReply {
  return reply.code(e.status).headers(e.headers).header('content-type', 'application/json').send(JSON.stringify(e.body()));
}
