// Splits an input file into records with their own line numbers and byte offsets, streaming:
// NDJSON and text formats one record per line, a JSON array one record per element (its starting line).
// Offsets are in bytes of the (decompressed) input, so a checkpoint can resume exactly after a record.

export type RecordKind = 'lines' | 'json-array';

export interface InputRecord {
  /** One line of the request body: the line itself, or the array element as compact JSON. */
  readonly text: string;
  /** 1-based line in the file where the record starts. */
  readonly line: number;
  /** Byte offset just after the record: resuming there continues with the next record. */
  readonly end: number;
  /** Line number at `end` (where reading resumes). */
  readonly endLine: number;
  /** Why the record cannot be sent at all; it is reported as rejected without a request. */
  readonly error?: string;
}

export class InputFormatError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = 'InputFormatError';
    this.line = line;
  }
}

export interface ReadOptions {
  /** 'auto': a JSON array if the first non-blank character is `[`, else lines. */
  readonly kind: RecordKind | 'auto';
  /** Absolute offset of the first byte the chunks yield (when resuming). */
  readonly offset?: number;
  /** Line number at `offset`. */
  readonly line?: number;
  /** Largest record kept; longer ones become an error record. */
  readonly maxRecordBytes?: number;
}

const NL = 0x0a;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class RecordReader {
  kind: RecordKind | 'auto';
  readonly #offset: number;
  readonly #line: number;
  readonly #max: number;

  constructor(opts: ReadOptions) {
    this.kind = opts.kind;
    this.#offset = opts.offset ?? 0;
    this.#line = opts.line ?? 1;
    this.#max = opts.maxRecordBytes ?? 8 * 1024 * 1024;
  }

  async *records(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<InputRecord> {
    let source: AsyncIterable<Uint8Array> = chunks;
    if (this.kind === 'auto') {
      const it = chunks[Symbol.asyncIterator]();
      const seen: Uint8Array[] = [];
      let kind: RecordKind = 'lines';
      let skip = this.#offset === 0 ? 3 : 0; // a UTF-8 byte order mark is blank for this purpose
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        seen.push(r.value);
        const first = r.value.findIndex((b, i) => {
          if (skip > 0 && i < 3 && b === [0xef, 0xbb, 0xbf][i]) return false;
          skip = 0;
          return !isSpace(b);
        });
        if (first !== -1) {
          kind = r.value[first] === 0x5b ? 'json-array' : 'lines';
          break;
        }
      }
      this.kind = kind;
      source = (async function* () {
        yield* seen;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      })();
    }
    if (this.kind === 'json-array') yield* this.#elements(source);
    else yield* this.#lines(source);
  }

  async *#lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<InputRecord> {
    let abs = this.#offset;
    let line = this.#line;
    let parts: Uint8Array[] = [];
    let size = 0;
    let tooLong = false;
    const max = this.#max;
    const finish = (end: number): InputRecord | undefined => {
      const here = line;
      line++;
      if (tooLong) {
        tooLong = false;
        parts = [];
        size = 0;
        return { text: '', line: here, end, endLine: line, error: `line is longer than ${max} bytes` };
      }
      let text = Buffer.concat(parts).toString('utf8');
      parts = [];
      size = 0;
      if (here === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() === '') return undefined;
      return { text, line: here, end, endLine: line };
    };
    const keep = (piece: Uint8Array) => {
      if (tooLong) return;
      size += piece.length;
      if (size > max) {
        tooLong = true;
        parts = [];
      } else if (piece.length > 0) parts.push(piece);
    };
    for await (const chunk of chunks) {
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf(NL, pos);
        if (nl === -1) break;
        keep(chunk.subarray(pos, nl));
        const rec = finish(abs + nl + 1);
        if (rec) yield rec;
        pos = nl + 1;
      }
      keep(chunk.subarray(pos));
      abs += chunk.length;
    }
    if (size > 0 || tooLong) {
      const rec = finish(abs);
      if (rec) yield rec;
    }
  }

  async *#elements(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<InputRecord> {
    type State = 'start' | 'before' | 'in' | 'after' | 'done';
    let state: State = this.#offset === 0 ? 'start' : 'after';
    let abs = this.#offset;
    let line = this.#line;
    let depth = 0;
    let inString = false;
    let escape = false;
    let parts: Uint8Array[] = [];
    let size = 0;
    let tooLong = false;
    let startLine = 0;
    let first = true; // no element seen yet in this array (for `[]` and trailing commas)
    const max = this.#max;
    const element = (end: number): InputRecord => {
      const here = startLine;
      const raw = Buffer.concat(parts).toString('utf8');
      parts = [];
      const wasTooLong = tooLong;
      size = 0;
      tooLong = false;
      if (wasTooLong) return { text: '', line: here, end, endLine: line, error: `array element is longer than ${max} bytes` };
      try {
        return { text: JSON.stringify(JSON.parse(raw)), line: here, end, endLine: line };
      } catch (err) {
        return { text: '', line: here, end, endLine: line, error: `invalid JSON: ${(err as Error).message}` };
      }
    };
    const keep = (piece: Uint8Array) => {
      if (tooLong) return;
      size += piece.length;
      if (size > max) {
        tooLong = true;
        parts = [];
      } else parts.push(piece);
    };
    for await (const chunk of chunks) {
      let segStart = state === 'in' ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (state === 'in') {
          if (inString) {
            if (escape) escape = false;
            else if (b === 0x5c) escape = true;
            else if (b === 0x22) inString = false;
            else if (b === NL) line++;
            continue;
          }
          if (b === 0x22) inString = true;
          else if (b === 0x7b || b === 0x5b) depth++;
          else if (b === 0x7d && depth === 0) throw new InputFormatError('unexpected "}" in an array element', line);
          else if (b === 0x7d || (b === 0x5d && depth > 0)) {
            depth--;
            if (depth === 0) {
              keep(chunk.subarray(segStart, i + 1));
              yield element(abs + i + 1);
              state = 'after';
              segStart = -1;
            }
          } else if (depth === 0 && (b === 0x2c || b === 0x5d)) {
            // end of a primitive element (number, string literal, true…): resume before the delimiter
            keep(chunk.subarray(segStart, i));
            yield element(abs + i);
            state = b === 0x2c ? 'before' : 'done';
            segStart = -1;
          } else if (b === NL) line++;
          continue;
        }
        if (b === NL) line++;
        if (isSpace(b) || (state === 'start' && abs + i < 3 && b === [0xef, 0xbb, 0xbf][abs + i])) continue;
        if (state === 'start') {
          if (b !== 0x5b) throw new InputFormatError('expected a JSON array or NDJSON', line);
          state = 'before';
          first = true;
        } else if (state === 'before') {
          if (b === 0x5d && first) {
            state = 'done';
            continue;
          }
          if (b === 0x5d || b === 0x2c) throw new InputFormatError(`unexpected "${String.fromCharCode(b)}" where an array element should start`, line);
          state = 'in';
          first = false;
          startLine = line;
          depth = 0;
          segStart = i;
          if (b === 0x22) inString = true;
          else if (b === 0x7b || b === 0x5b) depth = 1;
        } else if (state === 'after') {
          if (b === 0x2c) state = 'before';
          else if (b === 0x5d) state = 'done';
          else throw new InputFormatError(`expected "," or "]" after an array element, found "${String.fromCharCode(b)}"`, line);
          first = false;
        } else {
          throw new InputFormatError('unexpected content after the end of the JSON array', line);
        }
      }
      if (state === 'in' && segStart !== -1) keep(chunk.subarray(segStart));
      abs += chunk.length;
    }
    const last = state as State; // (assigned inside the loop; TypeScript narrows it too eagerly)
    if (last === 'in' || last === 'before' || last === 'after') {
      throw new InputFormatError('unexpected end of file: the JSON array is not closed', line);
    }
  }
}
