// Streams JSON objects out of text that holds them one after another: NDJSON, pretty-printed objects
// simply concatenated (evtx_dump style), or one top-level array of objects. Objects are found by
// scanning braces outside strings, so a malformed object is reported with its line and the scan goes on
// with the next one. Bounded: an object larger than maxObjectBytes is skipped and reported.

export interface JsonItem {
  readonly line: number;
  readonly value?: Record<string, unknown>;
  readonly error?: string;
}

export interface JsonStreamOptions {
  readonly maxObjectBytes?: number;
}

export class JsonObjectStream {
  private buf = '';
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private startLine = 0;
  private skipping = false;
  private readonly max: number;

  constructor(opts: JsonStreamOptions = {}) {
    this.max = opts.maxObjectBytes ?? 16 * 1024 * 1024;
  }

  /** Feeds text; returns the objects completed by it. */
  push(text: string): JsonItem[] {
    this.buf += text;
    const out: JsonItem[] = [];
    const s = this.buf;
    for (let i = this.pos; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.depth > 0 && !this.skipping && i - this.start >= this.max) this.skipping = true;
      if (c === 10) this.line += 1;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) {
        if (this.depth > 0) this.inString = true;
        continue;
      }
      if (c === 123) {
        if (this.depth === 0) {
          this.start = i;
          this.startLine = this.line;
          this.skipping = false;
        }
        this.depth += 1;
      } else if (c === 125 && this.depth > 0) {
        this.depth -= 1;
        if (this.depth === 0) {
          if (this.skipping) out.push({ line: this.startLine, error: `object larger than ${this.max} bytes skipped` });
          else out.push(parse(s.slice(this.start, i + 1), this.startLine));
          this.start = -1;
        }
      }
    }
    // Keep only the unfinished object (or nothing) for the next chunk.
    if (this.depth > 0 && this.start >= 0) {
      if (s.length - this.start > this.max) {
        this.skipping = true;
        this.buf = '';
        this.start = 0;
      } else {
        this.buf = s.slice(this.start);
        this.start = 0;
      }
      this.pos = this.buf.length;
    } else {
      this.buf = '';
      this.pos = 0;
    }
    return out;
  }

  /** Call at the end of input: an unfinished object is reported. */
  end(): JsonItem[] {
    return this.depth > 0 ? [{ line: this.startLine, error: 'input ends inside an object' }] : [];
  }
}

function parse(text: string, line: number): JsonItem {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { line, value: v as Record<string, unknown> } : { line, error: 'not a JSON object' };
  } catch (err) {
    return { line, error: `invalid JSON: ${(err as Error).message}` };
  }
}
