export type FramingMethod = 'octet-counting' | 'non-transparent';

export type FrameItem =
  | { ok: true; frame: Buffer; framing: FramingMethod }
  | { ok: false; error: string; offset: number };

export type FrameSplitterOptions = { maxFrameSize?: number };

export const DEFAULT_MAX_FRAME_SIZE = 64 * 1024;
const MAX_LENGTH_DIGITS = 10;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;

type State = 'start' | 'octets' | 'line' | 'skip-octets' | 'skip-line';

/**
 * Streaming splitter for syslog over TCP (RFC 6587), detecting the framing of each frame:
 * - octet counting (3.4.1): `MSG-LEN SP SYSLOG-MSG`, MSG-LEN = NONZERO-DIGIT *DIGIT; the message is
 *   transparent (may hold LF).
 * - non-transparent (3.4.2): the message ends at LF; CRLF (the CR is dropped) and NUL also end it.
 * A frame starting with a non-zero digit run followed by SP is octet-counted, anything else is a line.
 * Empty lines are skipped. A frame longer (for a line: counting a CR before its LF) than `maxFrameSize` bytes gives one error item and is
 * skipped: an octet-counted one by its declared length, a line up to its terminator; then splitting
 * resumes. `offset` in errors is the stream offset where the frame began. Memory use is bounded by
 * `maxFrameSize`. push() returns the items completed by the chunk; end() flushes at end of stream.
 */
export class FrameSplitter {
  readonly maxFrameSize: number;
  #state: State = 'start';
  #digits = '';
  #parts: Buffer[] = [];
  #size = 0;
  #remaining = 0;
  #frameStart = 0;
  #consumed = 0;

  constructor(options: FrameSplitterOptions = {}) {
    const max = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxFrameSize must be a positive integer, got ${max}`);
    this.maxFrameSize = max;
  }

  push(chunk: Uint8Array): FrameItem[] {
    const out: FrameItem[] = [];
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    // next LF / NUL at or after pos (-1: none left), cached so many short lines in one chunk stay linear
    let lf = -2;
    let nul = -2;
    while (pos < buf.length) {
      const at = this.#consumed + pos;
      switch (this.#state) {
        case 'start': {
          const b = buf[pos] ?? 0;
          if (this.#digits === '') {
            if (b === LF || b === CR || b === NUL) { pos++; break; }
            this.#frameStart = at;
          }
          if (b >= 0x30 && b <= 0x39 && (b !== 0x30 || this.#digits !== '') && this.#digits.length < MAX_LENGTH_DIGITS) {
            this.#digits += String.fromCharCode(b);
            pos++;
          } else if (b === SP && this.#digits !== '') {
            const len = Number(this.#digits);
            this.#digits = '';
            pos++;
            if (len > this.maxFrameSize) {
              out.push(this.#tooLong(`octet-counted frame declares ${len} bytes`));
              this.#state = 'skip-octets';
            } else this.#state = 'octets';
            this.#remaining = len;
          } else {
            this.#state = 'line';
            this.#parts = this.#digits === '' ? [] : [Buffer.from(this.#digits, 'latin1')];
            this.#size = this.#digits.length;
            this.#digits = '';
          }
          break;
        }
        case 'octets':
        case 'skip-octets': {
          const take = Math.min(this.#remaining, buf.length - pos);
          if (this.#state === 'octets') this.#add(buf.subarray(pos, pos + take));
          pos += take;
          this.#remaining -= take;
          if (this.#remaining === 0) {
            if (this.#state === 'octets') out.push({ ok: true, frame: this.#take(), framing: 'octet-counting' });
            this.#state = 'start';
          }
          break;
        }
        case 'line':
        case 'skip-line': {
          if (nul !== -1 && nul < pos) nul = buf.indexOf(NUL, pos);
          if (lf !== -1 && lf < pos) lf = buf.indexOf(LF, pos);
          const end = lf < 0 ? nul : nul < 0 ? lf : Math.min(lf, nul);
          const stop = end < 0 ? buf.length : end;
          if (this.#state === 'line') {
            if (this.#size + (stop - pos) > this.maxFrameSize) {
              out.push(this.#tooLong('line frame exceeds the limit before its terminator'));
              this.#parts = [];
              this.#size = 0;
              this.#state = 'skip-line';
            } else this.#add(buf.subarray(pos, stop));
          }
          pos = end < 0 ? buf.length : end + 1;
          if (end >= 0) {
            if (this.#state === 'line') this.#emitLine(out);
            this.#state = 'start';
          }
          break;
        }
      }
    }
    this.#consumed += buf.length;
    return out;
  }

  /** End of stream: a last line without terminator is a frame; a cut octet-counted frame is an error. */
  end(): FrameItem[] {
    const out: FrameItem[] = [];
    if (this.#state === 'line' || (this.#state === 'start' && this.#digits !== '')) {
      if (this.#state === 'start') this.#add(Buffer.from(this.#digits, 'latin1'));
      this.#emitLine(out);
    } else if (this.#state === 'octets') {
      out.push({ ok: false, error: `stream ended ${this.#remaining} bytes short of an octet-counted frame`, offset: this.#frameStart });
    }
    this.#state = 'start';
    this.#digits = '';
    this.#parts = [];
    this.#size = 0;
    return out;
  }

  #emitLine(out: FrameItem[]): void {
    let frame = this.#take();
    if (frame.length > 0 && frame[frame.length - 1] === CR) frame = frame.subarray(0, frame.length - 1);
    if (frame.length > 0) out.push({ ok: true, frame, framing: 'non-transparent' });
  }

  #tooLong(what: string): FrameItem {
    return { ok: false, error: `${what}; limit is ${this.maxFrameSize} bytes, frame skipped`, offset: this.#frameStart };
  }

  #add(part: Buffer): void {
    if (part.length === 0) return;
    this.#parts.push(part);
    this.#size += part.length;
  }

  #take(): Buffer {
    const frame = this.#parts.length === 1 ? Buffer.from(this.#parts[0] ?? []) : Buffer.concat(this.#parts, this.#size);
    this.#parts = [];
    this.#size = 0;
    return frame;
  }
}
