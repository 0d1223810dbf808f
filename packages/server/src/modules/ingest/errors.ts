import { AppError } from '../../platform/index.ts';

export const ingestErrors = {
  tooManyEvents: (max: number) => new AppError('INGEST_TOO_MANY_EVENTS', 413, `More than ${max} events in one request; send smaller batches.`),
  bodyTooLarge: (max: number) => new AppError('INGEST_BODY_TOO_LARGE', 413, `The request body is larger than ${max} bytes (after decompression).`),
  badEncoding: (detail: string) => new AppError('INGEST_BAD_ENCODING', 400, `The request body could not be decompressed: ${detail}`),
  badJson: (line: number, column: number, reason: string) =>
    new AppError('INGEST_BAD_JSON', 400, `The JSON body is malformed at line ${line}, column ${column}: ${reason}. Nothing was stored.`, { details: { errors: [{ where: `line ${line}, column ${column}`, reason }] } }),
  unsupported: (type: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `Content-Type ${type} is not accepted; send application/json (array), application/x-ndjson, or text/plain with ?format=syslog|cef|leef.`),
  nothingAccepted: (rejected: Array<{ line: number; reason: string }>) =>
    new AppError('INGEST_NOTHING_ACCEPTED', 400, `No event in the request was valid (${rejected.length} rejected; first: line ${rejected[0]?.line}: ${rejected[0]?.reason}).`, {
      details: { rejected: rejected.slice(0, 1000), errors: rejected.slice(0, 100).map((r) => ({ where: `line ${r.line}`, reason: r.reason })) },
    }),
  busy: () => new AppError('INGEST_BUSY', 429, 'Ingest is at capacity; retry shortly.', { headers: { 'retry-after': '1' } }),
};
