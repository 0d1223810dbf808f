// Request body → records, with limits. A malformed line is reported with its number and reason while
// the other lines of the same body are kept; a malformed JSON array is rejected whole with its position.
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { EventFormat } from '@bulwark/contracts';
import { ingestErrors } from './errors.ts';
import { checkLimits, type ValueLimits } from './parse/limits.ts';
import { parseCef } from './parse/cef.ts';
import { parseLeef } from './parse/leef.ts';
import { parseSyslog } from './parse/syslog.ts';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

export interface DecodeLimits extends ValueLimits {
  readonly maxBodyBytes: number;
  readonly maxEvents: number;
}

export interface DecodedLine {
  readonly line: number;
  readonly native?: Record<string, unknown>;
  readonly format?: EventFormat;
  readonly error?: string;
}

export async function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return body;
  if (enc !== 'gzip' && enc !== 'deflate') throw ingestErrors.badEncoding(`Content-Encoding ${enc} is not supported (gzip, deflate)`);
  try {
    return enc === 'gzip' ? await gunzipAsync(body, { maxOutputLength: maxBytes }) : await inflateAsync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw ingestErrors.bodyTooLarge(maxBytes);
    throw ingestErrors.badEncoding((err as Error).message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function position(text: string, err: unknown): { line: number; column: number; reason: string } {
  const msg = (err as Error).message;
  const m = /position (\d+)/.exec(msg);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), reason: msg.replace(/\s*\(line \d+ column \d+\)/, '') };
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n'), reason: msg };
}

function checked(line: number, value: unknown, limits: DecodeLimits, format: EventFormat): DecodedLine {
  if (!isObject(value)) return { line, error: 'an event must be a JSON object' };
  const problem = checkLimits(value, limits);
  return problem ? { line, error: problem } : { line, native: value, format };
}

function parseLine(text: string, format: EventFormat, now: Date): { native?: Record<string, unknown>; error?: string } {
  if (format === 'json') {
    try {
      return { native: JSON.parse(text) as Record<string, unknown> };
    } catch (err) {
      return { error: `invalid JSON: ${(err as Error).message}` };
    }
  }
  const r = format === 'syslog' ? parseSyslog(text, now) : format === 'cef' ? parseCef(text) : parseLeef(text);
  if (!r.ok) return { error: `invalid ${format}: ${r.error}${r.offset !== undefined ? ` (at column ${r.offset + 1})` : ''}` };
  return { native: JSON.parse(JSON.stringify(r.value)) as Record<string, unknown> };
}

export function decodeRecords(text: string, contentType: string, format: EventFormat | undefined, limits: DecodeLimits, now: Date): DecodedLine[] {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const trimmed = text.trimStart();
  const jsonType = type === 'application/json' || type.endsWith('+json');
  if (jsonType && trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (err) {
      const p = position(text, err);
      throw ingestErrors.badJson(p.line, p.column, p.reason);
    }
    const list = arr as unknown[];
    if (list.length > limits.maxEvents) throw ingestErrors.tooManyEvents(limits.maxEvents);
    return list.map((v, i) => checked(i + 1, v, limits, 'json'));
  }
  const lineFormat: EventFormat | undefined =
    jsonType || type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/jsonlines' ? 'json'
    : type === 'text/plain' ? (format ?? 'syslog')
    : undefined;
  if (!lineFormat) throw ingestErrors.unsupported(type || '(none)');
  const out: DecodedLine[] = [];
  let start = 0;
  let lineNo = 0;
  let events = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo += 1;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() === '') continue;
    if (++events > limits.maxEvents) throw ingestErrors.tooManyEvents(limits.maxEvents);
    const parsed = parseLine(raw, lineFormat, now);
    if (parsed.error !== undefined) out.push({ line: lineNo, error: parsed.error });
    else out.push(checked(lineNo, parsed.native, limits, lineFormat));
  }
  return out;
}
