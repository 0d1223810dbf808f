// Relays an upstream's server-sent events to the client as they arrive, reading the text the model
// writes (chat `choices[].delta.content`, completions `choices[].text`) so the output can be scanned as
// it grows (its newest stretch each time, the whole at the end). When the output scanner blocks (enforce mode), the relay stops reading the upstream, sends
// a last chunk with `finish_reason: "content_filter"` and `data: [DONE]`, and closes. Limits: a line of
// at most 1 MiB, at most 16 MiB of output text kept for scanning.
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';

export interface RelayResult {
  readonly text: string;
  readonly usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  readonly cut: boolean;
  readonly done: boolean;
  readonly id: string | undefined;
  readonly model: string | undefined;
}

const MAX_LINE = 1024 * 1024;
const MAX_TEXT = 16 * 1024 * 1024;
/** Characters before the new text that are scanned again with it. */
const WINDOW_OVERLAP = 2_000;

/** Scans output; returns true to cut the stream. Called with the newest stretch every `every` new characters, and with the whole answer at the end. */
export type OutputCheck = (text: string, final: boolean) => boolean;

export function relaySse(upstream: IncomingMessage, out: Writable, check: OutputCheck, every = 400): Promise<RelayResult> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let text = '';
    let checkedAt = 0;
    let usage: RelayResult['usage'];
    let id: string | undefined;
    let model: string | undefined;
    let done = false;
    let cut = false;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      resolve({ text, usage, cut, done, id, model });
    };
    const stop = () => {
      cut = true;
      const chunk = { id: id ?? 'chatcmpl-guard', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: model ?? '', choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }] };
      out.write(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
      upstream.destroy();
      finish();
    };
    const line = (raw: string): boolean => {
      const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!l.startsWith('data:')) return true;
      const data = l.slice(5).trim();
      if (data === '[DONE]') {
        done = true;
        return !check(text, true);
      }
      try {
        const j = JSON.parse(data) as { id?: string; model?: string; usage?: RelayResult['usage']; choices?: Array<{ delta?: { content?: unknown }; text?: unknown }> };
        id ??= typeof j.id === 'string' ? j.id : undefined;
        model ??= typeof j.model === 'string' ? j.model : undefined;
        if (j.usage && typeof j.usage === 'object') usage = j.usage;
        for (const c of j.choices ?? []) {
          const piece = typeof c.delta?.content === 'string' ? c.delta.content : typeof c.text === 'string' ? c.text : '';
          if (piece && text.length < MAX_TEXT) text += piece;
        }
      } catch {
        /* not JSON: relayed as it is */
      }
      if (text.length - checkedAt >= every) {
        // While the answer grows, only its last stretch is scanned (new text plus an overlap, so a finding
        // across the boundary is seen); the whole answer is scanned at the end.
        const from = Math.max(0, checkedAt - WINDOW_OVERLAP);
        checkedAt = text.length;
        if (check(text.slice(from), false)) return false;
      }
      return true;
    };
    upstream.setEncoding('utf8');
    upstream.on('data', (chunk: string) => {
      if (cut) return;
      buffer += chunk;
      let nl: number;
      let relayed = '';
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const raw = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (raw.startsWith('data:') && raw.slice(5).trim() === '[DONE]') {
          // Checked before the client sees the end, so a last cut can still replace it.
          if (!line(raw)) {
            if (relayed) out.write(relayed);
            stop();
            return;
          }
          relayed += `${raw}\n`;
          continue;
        }
        if (!line(raw)) {
          if (relayed) out.write(relayed);
          stop();
          return;
        }
        relayed += `${raw}\n`;
      }
      if (relayed) out.write(relayed);
      if (buffer.length > MAX_LINE) {
        upstream.destroy();
        reject(new Error(`an event line longer than ${MAX_LINE} bytes`));
      }
    });
    upstream.on('end', () => {
      if (cut) return;
      if (buffer) {
        if (!line(buffer)) {
          stop();
          return;
        }
        out.write(buffer);
      }
      if (!done && check(text, true)) {
        stop();
        return;
      }
      finish();
    });
    upstream.on('error', (err) => {
      if (cut || finished) return;
      reject(err);
    });
  });
}
