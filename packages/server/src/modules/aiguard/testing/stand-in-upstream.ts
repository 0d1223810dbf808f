// A stand-in for an OpenAI-compatible model server (outside the product: tests and the benchmark use it
// instead of a real LLM API). It answers chat completions (whole or streamed as server-sent events),
// completions, embeddings and the model list, and records what it received. The answer repeats the
// last user message, unless that message says `SAY: <text>`: then the answer is exactly <text>.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandIn {
  readonly url: string;
  readonly received: Array<{ path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }>;
  /** Delay before answering (ms), and between streamed chunks. */
  delayMs: number;
  /** Canned answers: when the last user message is a key, the answer is its value. */
  readonly answers: Map<string, string>;
  close(): Promise<void>;
}

function answerFor(body: Record<string, unknown>, answers: ReadonlyMap<string, string>): string {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as Array<{ role?: string; content?: unknown }>) : [];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : typeof body['prompt'] === 'string' ? body['prompt'] : '';
  const canned = answers.get(text.trim());
  if (canned !== undefined) return canned;
  const say = /SAY:\s*([\s\S]*)$/.exec(text);
  return say ? say[1]!.trim() : `You asked: ${text.slice(0, 80)}`;
}

export async function startStandIn(): Promise<StandIn> {
  const received: StandIn['received'] = [];
  const state = { delayMs: 0 };
  const answers = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let body: Record<string, unknown>;
        try {
          body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad JSON', type: 'invalid_request_error', param: null, code: null } }));
          return;
        }
        const path = (req.url ?? '').split('?')[0]!;
        received.push({ path, headers: req.headers, body });
        if (received.length > 10_000) received.splice(0, 5_000);
        if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
        const model = String(body['model'] ?? 'stand-in');
        const created = Math.floor(Date.now() / 1000);
        if (path.endsWith('/models')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'stand-in-small', object: 'model', created, owned_by: 'stand-in' }] }));
          return;
        }
        if (path.endsWith('/embeddings')) {
          const vector = [0.1, 0.2, 0.3, 0.4];
          // The OpenAI client asks for base64 (little-endian float32) unless told otherwise.
          const embedding = body['encoding_format'] === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', model, data: [{ object: 'embedding', index: 0, embedding }], usage: { prompt_tokens: 3, total_tokens: 3 } }));
          return;
        }
        const answer = answerFor(body, answers);
        const chat = path.endsWith('/chat/completions');
        if (body['stream'] === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          const words = answer.split(/(?<= )/);
          for (const w of words) {
            const choice = chat ? { index: 0, delta: { content: w }, finish_reason: null } : { index: 0, text: w, finish_reason: null };
            res.write(`data: ${JSON.stringify({ id: 'cmpl-standin', object: chat ? 'chat.completion.chunk' : 'text_completion', created, model, choices: [choice] })}\n\n`);
            if (state.delayMs) await new Promise((r) => setTimeout(r, Math.min(5, state.delayMs)));
          }
          const end = chat ? { index: 0, delta: {}, finish_reason: 'stop' } : { index: 0, text: '', finish_reason: 'stop' };
          res.write(`data: ${JSON.stringify({ id: 'cmpl-standin', object: chat ? 'chat.completion.chunk' : 'text_completion', created, model, choices: [end] })}\n\n`);
          res.end('data: [DONE]\n\n');
          return;
        }
        const usage = { prompt_tokens: 10, completion_tokens: Math.ceil(answer.length / 4), total_tokens: 10 + Math.ceil(answer.length / 4) };
        const out = chat
          ? { id: 'chatcmpl-standin', object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }], usage }
          : { id: 'cmpl-standin', object: 'text_completion', created, model, choices: [{ index: 0, text: answer, finish_reason: 'stop' }], usage };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answers,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
