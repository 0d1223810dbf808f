import { describe, expect, it } from 'vitest';
import { SseParser, readSse, type SseMessage } from './sse.ts';

function parseAll(chunks: readonly string[]): { messages: SseMessage[]; parser: SseParser } {
  const parser = new SseParser();
  const messages = chunks.flatMap((c) => parser.push(c));
  return { messages, parser };
}

// What the Bulwark server writes (packages/server/src/modules/ingest/stream.ts): a comment on connect,
// heartbeats, and id/event/data messages.
const STREAM =
  ': connected\n\n' +
  'id: 1\nevent: event\ndata: {"eventId":"e1","message":"first"}\n\n' +
  ': ping\n\n' +
  'id: 2\nevent: alert\ndata: {"id":"a1","title":"x"}\n\n';

describe('SseParser', () => {
  it('parses events, ids and types and skips comments', () => {
    const { messages, parser } = parseAll([STREAM]);
    expect(messages).toEqual([
      { event: 'event', data: '{"eventId":"e1","message":"first"}', id: '1' },
      { event: 'alert', data: '{"id":"a1","title":"x"}', id: '2' },
    ]);
    expect(parser.lastEventId).toBe('2');
  });

  it('gives the same result for every split of the stream into two or three chunks', () => {
    const whole = parseAll([STREAM]).messages;
    for (let i = 0; i <= STREAM.length; i++) {
      expect(parseAll([STREAM.slice(0, i), STREAM.slice(i)]).messages).toEqual(whole);
      const j = Math.min(STREAM.length, i + 7);
      expect(parseAll([STREAM.slice(0, i), STREAM.slice(i, j), STREAM.slice(j)]).messages).toEqual(whole);
    }
    expect(parseAll([...STREAM]).messages).toEqual(whole); // one character at a time
  });

  it('joins multi-line data with newlines and accepts CRLF and CR line ends, even split between chunks', () => {
    const text = 'event: event\r\ndata: line one\r\ndata:line two\r\ndata\r\n\r\n' + 'data: cr only\r\rdata: after\n\n';
    const expected = [
      { event: 'event', data: 'line one\nline two\n', id: '' },
      { event: 'message', data: 'cr only', id: '' },
      { event: 'message', data: 'after', id: '' },
    ];
    expect(parseAll([text]).messages).toEqual(expected);
    for (let i = 0; i <= text.length; i++) expect(parseAll([text.slice(0, i), text.slice(i)]).messages).toEqual(expected);
  });

  it('removes only one leading space from values and keeps colons inside data', () => {
    const { messages } = parseAll(['data:  two spaces: kept\n\n', 'data:no space\n\n']);
    expect(messages.map((m) => m.data)).toEqual([' two spaces: kept', 'no space']);
  });

  it('does not dispatch a block without data, but remembers its id and retry', () => {
    const { messages, parser } = parseAll(['id: 7\nretry: 2500\nevent: event\n\n', 'data: x\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'x', id: '7' }]);
    expect(parser.retry).toBe(2500);
    expect(parseAll(['retry: soon\n\n']).parser.retry).toBeUndefined();
  });

  it('ignores ids containing NUL and unknown fields; an empty id resets the last id', () => {
    const { messages } = parseAll(['id: 1\ndata: a\n\n', 'id: 2\0x\nfoo: bar\ndata: b\n\n', 'id\ndata: c\n\n']);
    expect(messages.map((m) => m.id)).toEqual(['1', '1', '']);
  });

  it('strips a leading byte order mark and discards an unterminated final message', () => {
    const p = new SseParser();
    expect(p.push('\ufeffdata: a\n\ndata: unfinished\n')).toEqual([{ event: 'message', data: 'a', id: '' }]);
    p.end();
    expect(p.push('\n')).toEqual([]);
  });

  it('reads a byte stream with multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('event: event\ndata: {"message":"Zürich — ✓"}\n\n');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const out: SseMessage[] = [];
    for await (const m of readSse(chunks())) out.push(m);
    expect(out).toEqual([{ event: 'event', data: '{"message":"Zürich — ✓"}', id: '' }]);
  });
});
