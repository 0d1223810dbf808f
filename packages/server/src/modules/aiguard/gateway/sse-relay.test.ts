// The event relay: chunks pass through as they come (split anywhere), the text is read from chat and
// completion chunks, a cut replaces the rest with a content_filter chunk and [DONE], a cut decided at
// the end still replaces the upstream's [DONE], and over-long lines are refused.
import { PassThrough, Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { relaySse } from './sse-relay.ts';

const chunk = (content: string) => `data: ${JSON.stringify({ id: 'x1', model: 'm', choices: [{ index: 0, delta: { content } }] })}\n\n`;

function sink(): { out: Writable; text: () => string } {
  let buf = '';
  return { out: new Writable({ write(c, _e, cb) { buf += String(c); cb(); } }), text: () => buf };
}

function upstreamOf(parts: string[]): IncomingMessage {
  const p = new PassThrough();
  void (async () => {
    for (const x of parts) {
      p.write(x);
      await new Promise((r) => setImmediate(r));
    }
    p.end();
  })();
  return p as unknown as IncomingMessage;
}

describe('SSE relay', () => {
  it('passes events through, split at any byte, and reads the text', async () => {
    const whole = chunk('Hello ') + chunk('world') + 'data: {"id":"x1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\n\n' + 'data: [DONE]\n\n';
    const parts = whole.match(/[\s\S]{1,7}/g)!;
    const s = sink();
    const r = await relaySse(upstreamOf(parts), s.out, () => false, 1);
    expect(s.text()).toBe(whole);
    expect(r).toMatchObject({ text: 'Hello world', cut: false, done: true, usage: { prompt_tokens: 3, completion_tokens: 2 }, id: 'x1' });
  });

  it('cuts the stream when the check says so, with content_filter and [DONE]', async () => {
    const s = sink();
    const r = await relaySse(upstreamOf([chunk('safe '), chunk('BAD '), chunk('never sent'), 'data: [DONE]\n\n']), s.out, (text) => text.includes('BAD'), 1);
    expect(r.cut).toBe(true);
    expect(s.text()).not.toContain('never sent');
    expect(s.text()).toContain('"finish_reason":"content_filter"');
    expect(s.text().trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(s.text().match(/\[DONE\]/g)).toHaveLength(1);
  });

  it('decides at the end before the client sees [DONE]', async () => {
    const s = sink();
    const r = await relaySse(upstreamOf([chunk('a'), chunk('b'), 'data: [DONE]\n\n']), s.out, (_t, final) => final, 10_000);
    expect(r.cut).toBe(true);
    expect(s.text().match(/\[DONE\]/g)).toHaveLength(1);
    expect(s.text()).toContain('content_filter');
  });

  it('refuses an endless line', async () => {
    const s = sink();
    await expect(relaySse(upstreamOf(['data: ' + 'x'.repeat(1024 * 1024 + 10)]), s.out, () => false)).rejects.toThrow(/longer than/);
  });
});
