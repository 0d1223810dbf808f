// Server-Sent Events parsing (WHATWG HTML "event stream interpretation"), fed text in arbitrary chunks.

export interface SseMessage {
  /** `event:` field; "message" when absent. */
  readonly event: string;
  /** `data:` lines joined with "\n". */
  readonly data: string;
  /** The last event ID in effect when this message was dispatched ("" if none). */
  readonly id: string;
}

export class SseParser {
  #buffer = '';
  #pendingCr = false;
  #started = false;
  #data: string[] = [];
  #event = '';
  #idBuffer = '';
  #lastId = '';
  /** Reconnection time the server asked for with `retry:`, in ms. */
  retry: number | undefined;

  get lastEventId(): string {
    return this.#lastId;
  }

  /** Feeds a chunk of decoded text; returns the messages completed by it. */
  push(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR at the end of the previous chunk already ended a line; a LF right after it belongs to that CRLF.
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    let buf = this.#buffer + text;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.#line(buf.slice(start, i), out);
      if (c === 0x0d) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.#pendingCr = true;
        }
      }
      start = i + 1;
    }
    buf = buf.slice(start);
    this.#buffer = buf;
    return out;
  }

  /** End of stream: an unterminated final message is discarded, as the standard requires. */
  end(): void {
    this.#idBuffer = this.#lastId;
    this.#buffer = '';
    this.#data = [];
    this.#event = '';
    this.#pendingCr = false;
  }

  #line(line: string, out: SseMessage[]): void {
    if (line === '') {
      this.#lastId = this.#idBuffer;
      if (this.#data.length > 0) out.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#lastId });
      this.#data = [];
      this.#event = '';
      return;
    }
    if (line.startsWith(':')) return; // comment, e.g. a heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
  }
}

/** Reads an event stream body to its end, yielding messages as they complete. */
export async function* readSse(body: AsyncIterable<Uint8Array>, parser = new SseParser()): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of body) {
    yield* parser.push(decoder.decode(chunk, { stream: true }));
  }
  yield* parser.push(decoder.decode());
  parser.end();
}
