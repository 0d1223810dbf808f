// The one error mapper: every error leaves as RFC 9457 problem+json with a stable code.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/errors.ts';

interface FastifyValidationError extends Omit<FastifyError, 'validation' | 'validationContext'> {
  validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }>;
  validationContext?: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_INPUT' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_INPUT' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `urn:bulwark:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: titleFor(status), status, code, detail, instance: reply.request.url.split('?')[0], ...extra });
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
    415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
    return sendProblem(reply, err.status, err.code, err.message, err.details ?? {});
  }
  const fe = err as FastifyValidationError;
  if (fe.validation) {
    const errors = fe.validation.map((v) => ({
      where: `${fe.validationContext ?? 'body'}${v.instancePath ?? ''}${v.params?.['missingProperty'] ? `/${String(v.params['missingProperty'])}` : ''}`,
      reason: v.message ?? 'is invalid',
    }));
    return sendProblem(reply, 400, 'INVALID_INPUT', errors.map((e) => `${e.where}: ${e.reason}`).join('; '), { errors });
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return sendProblem(reply, known.status, known.code, fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendProblem(reply, fe.statusCode, fe.statusCode === 429 ? 'TOO_MANY_REQUESTS' : 'INVALID_INPUT', fe.message);
  }
  if (fe.statusCode === 503) return sendProblem(reply, 503, 'OVERLOADED', 'The server is under pressure; retry later.');
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, 500, 'INTERNAL', 'An internal error occurred; it has been logged.');
}
