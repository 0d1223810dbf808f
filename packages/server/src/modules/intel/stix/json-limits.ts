// Reading untrusted JSON within limits: size in bytes, nesting depth and string length are checked on
// the raw text before JSON.parse builds anything, and a violation names where it happened.
import type { DefectCode } from './defects.ts';
import { locateSyntaxError } from './json-locate.ts';
import type { Defect } from './types.ts';

export interface BundleLimits {
  /** Largest input, in bytes of UTF-8. */
  maxBytes: number;
  /** Most objects in a bundle or array. */
  maxObjects: number;
  /** Deepest nesting of JSON objects and arrays (the bundle itself is depth 1). */
  maxDepth: number;
  /** Longest JSON string, counted in characters of the raw text (escapes included). */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: Readonly<BundleLimits> = {
  maxBytes: 128 * 1024 * 1024,
  maxObjects: 250_000,
  maxDepth: 64,
  maxStringLength: 16 * 1024 * 1024,
};

export interface LimitViolation {
  code: DefectCode;
  path: string;
  message: string;
}

interface Frame {
  array: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
}

const STRUCTURAL = /["{}[\],]/g;

function pathOf(stack: readonly Frame[]): string {
  let path = '$';
  for (const frame of stack) {
    if (frame.array) path += `[${frame.index}]`;
    else if (frame.key !== undefined) path += /^[A-Za-z_][A-Za-z0-9_]*$/.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`;
  }
  return path;
}

/** End of the string token starting at `start` (the index of its closing quote), or -1. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j > 0) {
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 92; k -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return -1;
}

/** Scans raw JSON text for depth and string-length violations (syntax is left to JSON.parse). */
export function scanLimits(text: string, limits: BundleLimits): LimitViolation | undefined {
  const stack: Frame[] = [];
  STRUCTURAL.lastIndex = 0;
  for (let m = STRUCTURAL.exec(text); m; m = STRUCTURAL.exec(text)) {
    const at = m.index;
    const top = stack.at(-1);
    switch (text.charCodeAt(at)) {
      case 34: { // "
        const end = stringEnd(text, at);
        if (end < 0) return undefined; // unterminated: JSON.parse reports it
        const isKey = top !== undefined && !top.array && top.expectKey;
        if (end - at - 1 > limits.maxStringLength) {
          return { code: 'limit-string', path: pathOf(stack), message: `a string of ${end - at - 1} characters exceeds the limit of ${limits.maxStringLength}` };
        }
        if (isKey) {
          top.key = text.slice(at + 1, Math.min(end, at + 1 + 256));
          top.expectKey = false;
        }
        STRUCTURAL.lastIndex = end + 1;
        break;
      }
      case 123: // {
      case 91: // [
        if (stack.length + 1 > limits.maxDepth) {
          return { code: 'limit-depth', path: pathOf(stack), message: `nesting deeper than ${limits.maxDepth} levels` };
        }
        stack.push({ array: text.charCodeAt(at) === 91, index: 0, key: undefined, expectKey: text.charCodeAt(at) === 123 });
        break;
      case 125: // }
      case 93: // ]
        stack.pop();
        break;
      default: // ,
        if (top?.array) top.index += 1;
        else if (top) top.expectKey = true;
    }
  }
  return undefined;
}

/** JSON.parse; on failure, a message saying what was expected where (line, column, JSON path). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; path: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const where = locateSyntaxError(text);
    if (!where) return { ok: false, message: err instanceof Error ? err.message : String(err), path: '$' };
    return { ok: false, message: `invalid JSON at line ${where.line} column ${where.column}: expected ${where.expected}`, path: where.path };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The input as text: within the byte limit, valid UTF-8, without a byte order mark. */
export function readText(input: string | Uint8Array, limits: BundleLimits): string | Defect {
  const bytes = typeof input === 'string' ? (input.length > limits.maxBytes ? input.length : Buffer.byteLength(input, 'utf8')) : input.byteLength;
  if (bytes > limits.maxBytes) return { path: '$', code: 'limit-bytes', severity: 'error', message: `${bytes} bytes exceed the limit of ${limits.maxBytes}` };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = decoder.decode(input);
    } catch {
      return { path: '$', code: 'json-syntax', severity: 'error', message: 'the input is not valid UTF-8' };
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
