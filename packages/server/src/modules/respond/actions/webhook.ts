// Webhook actions: `notify.webhook` (chat tools, ticketing, anything that takes a JSON POST) and
// `contain.webhook` (a SOAR or EDR that isolates a host or kills a process on request). Both POST JSON
// through the egress guard, with the step's idempotency key in `Idempotency-Key` (receivers deduplicate
// a retried call) and, when the instance has a webhook secret, an HMAC-SHA256 signature of the body.
import { createHmac } from 'node:crypto';
import type { BlockList } from 'node:net';
import { egressFetch } from '../../../platform/index.ts';
import { ActionError, type ActionDefinition } from '../playbooks/index.ts';
import { checkParams, text } from './params.ts';

export interface WebhookConfig {
  /** Destinations allowed although private (the instance's egress_allow). */
  readonly allow?: BlockList;
  /** Signs bodies (header X-Bulwark-Signature: sha256=<hex>) when set. */
  readonly secret?: string;
  readonly timeoutMs?: number;
}

const SPEC = { url: { type: 'string', required: true, max: 2048 }, body: { type: 'object' }, headers: { type: 'object' } } as const;
const FORBIDDEN_HEADERS = /^(?:host|content-length|content-type|connection|transfer-encoding|idempotency-key|x-bulwark-signature)$/i;

export function webhookAction(verb: 'notify' | 'contain', cfg: WebhookConfig): ActionDefinition {
  return {
    idempotent: true,
    validate(p, stage) {
      const problems = checkParams(SPEC, p, stage);
      const url = p['url'];
      if (typeof url === 'string' && !url.includes('{{')) {
        try {
          const u = new URL(url);
          if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push({ path: 'url', message: 'an http(s) URL' });
          if (u.username || u.password) problems.push({ path: 'url', message: 'credentials do not belong in the URL; use headers' });
        } catch {
          problems.push({ path: 'url', message: 'not a URL' });
        }
      }
      const headers = p['headers'];
      if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
        for (const [k, v] of Object.entries(headers)) {
          if (FORBIDDEN_HEADERS.test(k) || !/^[A-Za-z0-9-]{1,64}$/.test(k)) problems.push({ path: `headers.${k}`, message: 'not a header the playbook may set' });
          else if (typeof v !== 'string' || /[\r\n]/.test(v) || v.length > 2000) problems.push({ path: `headers.${k}`, message: 'one line of text' });
        }
      }
      return problems;
    },
    describe: (p) => `POST ${JSON.stringify(p['body'] ?? {}).slice(0, 200)} to ${text(p['url'])}${verb === 'contain' ? ' (containment request)' : ''}`,
    async run(p, ctx) {
      const body = JSON.stringify(p['body'] ?? { playbook: ctx.playbookId, run: ctx.runId, step: ctx.stepId, trigger: ctx.trigger });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey, 'user-agent': 'Bulwark playbook' };
      for (const [k, v] of Object.entries((p['headers'] as Record<string, string> | undefined) ?? {})) headers[k.toLowerCase()] = v;
      if (cfg.secret) headers['x-bulwark-signature'] = `sha256=${createHmac('sha256', cfg.secret).update(body).digest('hex')}`;
      let res;
      try {
        res = await egressFetch(text(p['url']), { method: 'POST', headers, body, timeoutMs: cfg.timeoutMs ?? 10_000, maxBytes: 1024 * 1024, maxRedirects: 0, ...(cfg.allow ? { allow: cfg.allow } : {}) });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // Refused by the egress guard: another try cannot help.
        throw new ActionError(`webhook: ${message}`, { retryable: !/refus|not allowed|private|blocked/i.test(message), cause: err });
      }
      if (res.status >= 500 || res.status === 429 || res.status === 408) throw new ActionError(`webhook answered ${res.status}`, { code: `http_${res.status}` });
      if (res.status >= 400) throw new ActionError(`webhook answered ${res.status}`, { retryable: false, code: `http_${res.status}` });
      const raw = res.body.toString('utf8');
      let answer: unknown = raw.slice(0, 4000);
      try {
        answer = JSON.parse(raw);
      } catch {
        // Not JSON: keep the start of the text.
      }
      return { status: res.status, answer };
    },
  };
}
