// The OpenAI-compatible gateway: /v1/chat/completions (streamed as server-sent events or not),
// /v1/completions, /v1/embeddings, /v1/models. Each request: gateway key → known actors → rate limit
// and quota → input scan (messages, and documents inside them) → policy decision (mode, risk) →
// upstream → output scan (as the stream grows) → log, usage, account risk, alert.
//
// These routes do not take the platform's API tokens or console sessions: they are declared public to
// the platform's authorization layer and authenticate gateway keys themselves (keys.ts), before
// anything else, on every request. Errors are in OpenAI's shape.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AiguardAction, AiguardFinding } from '@bulwark/contracts';
import type { Platform } from '../../../platform/index.ts';
import type { ActorCheck } from '../actors/check.ts';
import type { AccountRisk } from '../accounts/store.ts';
import { isModelRefusal } from '../accounts/risk.ts';
import { contentText, scanMessages, scanText, type ChatMessage } from '../scan/index.ts';
import { decide } from './decide.ts';
import type { GatewayKeys, KeyContext } from './keys.ts';
import type { GatewayLimits } from './limits.ts';
import { GatewayError, gatewayErrors, sendGatewayError } from './openai-error.ts';
import { recordRequest, type RequestLog, type RequestRecord } from './record.ts';
import { relaySse } from './sse-relay.ts';
import { Upstreams, type Operation, type Upstream } from './upstream.ts';

export interface GatewayDeps {
  readonly platform: Platform;
  readonly keys: GatewayKeys;
  readonly limits: GatewayLimits;
  readonly log: RequestLog;
  readonly upstreams: Upstreams;
  readonly actors: ActorCheck;
  readonly risk: AccountRisk;
  /** Called with each finished record (tests and the live console wait on it). */
  readonly recorded?: (r: RequestRecord) => void;
  /** Records not yet written (the module waits for them when it stops). */
  readonly pending: Set<Promise<void>>;
}

interface Scanned {
  readonly verdict: 'allow' | 'flag' | 'block' | 'failed';
  readonly score: number | null;
  readonly findings: AiguardFinding[];
  readonly why?: string;
}

const MAX_MESSAGES = 2048;
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (m) return m[1];
  }
  const k = req.headers['api-key'];
  return typeof k === 'string' ? k.trim() : undefined;
}

function findingsOf(list: ReadonlyArray<{ category: string; score: number; source: string; atlas: readonly string[]; message?: number }>, where: string, roles?: readonly unknown[]): AiguardFinding[] {
  return list.filter((f) => f.category !== 'scan_limit' || f.source.startsWith('limit:')).slice(0, 50).map((f) => ({
    category: f.category, score: Math.round(f.score * 1000) / 1000, source: f.source, atlas: [...f.atlas],
    where: f.message !== undefined && (roles?.[f.message] === 'tool' || roles?.[f.message] === 'function') ? 'document' : where,
    ...(f.message !== undefined ? { detail: `message ${f.message}` } : {}),
  }));
}

function explain(findings: readonly AiguardFinding[]): string | undefined {
  const top = [...findings].filter((f) => f.category !== 'scan_limit').sort((a, b) => b.score - a.score)[0];
  return top ? `${top.category.replace(/_/g, ' ')} (${top.source}${top.atlas.length ? `, ATLAS ${top.atlas.join(' ')}` : ''})` : undefined;
}

/** The text an operation sends to the model, for the input scan and the token estimate. */
function inputOf(op: Operation, body: Record<string, unknown>): { messages?: ChatMessage[]; text: string } {
  if (op === 'chat/completions') {
    const messages = body['messages'];
    if (!Array.isArray(messages) || messages.length === 0) throw gatewayErrors.invalid('messages must be a non-empty array', 'messages');
    if (messages.length > MAX_MESSAGES) throw gatewayErrors.invalid(`at most ${MAX_MESSAGES} messages`, 'messages');
    return { messages: messages as ChatMessage[], text: messages.map((m) => contentText((m as ChatMessage)?.content)).join('\n') };
  }
  const field = op === 'completions' ? 'prompt' : 'input';
  const v = body[field];
  const parts = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  if (v === undefined) throw gatewayErrors.invalid(`${field} is required`, field);
  return { text: parts.join('\n') };
}

export function gatewayRoutes(app: FastifyInstance, deps: GatewayDeps): void {
  const { platform } = deps;
  const cfg = platform.config.aiguard;

  const scanInput = (op: Operation, input: { messages?: ChatMessage[]; text: string }, scope: string): Scanned => {
    try {
      if (input.messages) {
        // System and developer messages are the application's own instructions, not the user's: not scanned.
        const scanned = input.messages.filter((m) => m === null || typeof m !== 'object' || (m.role !== 'system' && m.role !== 'developer'));
        // Earlier turns of the account's conversation were scanned before: their results are reused.
        const r = scanMessages(scanned, { scope });
        const findings = findingsOf(r.findings, 'input', scanned.map((m) => m?.role));
        const why = explain(findings);
        return { verdict: r.verdict, score: r.score, findings, ...(why ? { why } : {}) };
      }
      if (op === 'embeddings' && !input.text) return { verdict: 'allow', score: 0, findings: [] };
      const r = scanText(input.text, { role: 'input' });
      const findings = findingsOf(r.findings, 'input');
      const why = explain(findings);
      return { verdict: r.verdict, score: r.score, findings, ...(why ? { why } : {}) };
    } catch (err) {
      platform.log.error({ err }, 'aiguard input scanner failed');
      return { verdict: 'failed', score: null, findings: [{ category: 'scanner_failure', score: 0, source: 'scanner', atlas: [], where: 'input' }] };
    }
  };

  /**
   * Records a finished request. Refused requests are recorded before the client hears back (the next
   * request of the account must see its risk); forwarded ones after, off the response's path.
   */
  const finish = (rec: RequestRecord): Promise<void> => {
    const done = recordRequest({ db: platform.db, bus: platform.bus, config: cfg, log: deps.log, risk: deps.risk }, rec).then(
      (outcome) => {
        // A block by risk takes effect on this process at once (others within their cache time).
        if (outcome.blocked) deps.actors.invalidate(rec.key.orgId);
        deps.recorded?.(rec);
      },
      (err: unknown) => platform.log.error({ err, request: rec.id }, 'aiguard request could not be recorded'),
    );
    deps.pending.add(done);
    void done.finally(() => deps.pending.delete(done));
    return done;
  };

  const handle = async (op: Operation, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const t0 = performance.now();
    const at = Date.now();
    const id = randomUUID();
    let key: KeyContext | undefined;
    let base: Omit<RequestRecord, 'status' | 'action' | 'reason' | 'findings' | 'inputScore' | 'outputScore' | 'promptTokens' | 'completionTokens' | 'gatewayMs' | 'upstreamMs' | 'modelRefused' | 'refused'> | undefined;
    try {
      const token = tokenOf(req);
      if (!token) throw gatewayErrors.noKey();
      key = await deps.keys.resolve(token);
      if (!key) throw gatewayErrors.badKey();
      const body = (op === 'models' ? {} : req.body) as Record<string, unknown>;
      if (op !== 'models' && (body === null || typeof body !== 'object' || Array.isArray(body))) throw gatewayErrors.invalid('the body must be a JSON object');
      const model = typeof body['model'] === 'string' ? body['model'] : '';
      base = { id, key, ip: req.ip ?? null, route: `/v1/${op}`, model, upstreamId: key.upstreamId, prompt: '', at };
      const refusal = await deps.actors.check({ orgId: key.orgId, account: key.account, keyId: key.keyId, subject: key.subject, ip: req.ip });
      if (refusal) {
        await finish({ ...base, status: 403, action: 'block', reason: refusal.reason, findings: [{ category: 'known_actor', score: 1, source: refusal.source, atlas: [], where: 'actor', detail: refusal.reason }], inputScore: null, outputScore: null, promptTokens: 0, completionTokens: 0, gatewayMs: performance.now() - t0, upstreamMs: null, modelRefused: false, refused: true });
        throw gatewayErrors.blocked(refusal.reason);
      }
      deps.limits.take(key);
      await deps.limits.checkQuota(key);
      const upstream = await deps.upstreams.forKey(key.upstreamId);
      if (op === 'models') return models(reply, upstream);
      if (!model) throw gatewayErrors.invalid('model is required', 'model');
      const upstreamModel = Upstreams.modelFor(upstream, model);
      const input = inputOf(op, body);
      base = { ...base, upstreamId: upstream.id, prompt: input.text };
      const scanned = scanInput(op, input, `${key.orgId}\n${key.account}`);
      const risk = await deps.risk.current(key.orgId, key.account);
      const decision = decide({ verdict: scanned.verdict, risk, mode: upstream.mode, failPolicy: upstream.failPolicy, ...(scanned.why ? { why: scanned.why } : {}) });
      const promptTokens = estimateTokens(input.text);
      const common = { ...base, action: decision.action, reason: decision.reason, findings: scanned.findings, inputScore: scanned.score };
      if (!decision.forward) {
        await finish({ ...common, status: decision.action === 'hold' ? 403 : scanned.verdict === 'failed' ? 503 : 400, outputScore: null, promptTokens: 0, completionTokens: 0, gatewayMs: performance.now() - t0, upstreamMs: null, modelRefused: false, refused: true });
        throw decision.action === 'hold' ? gatewayErrors.held() : scanned.verdict === 'failed' ? gatewayErrors.scannerFailed() : gatewayErrors.policy(decision.reason ?? 'refused');
      }
      const outbound = { ...body, model: upstreamModel };
      const gatewayMs = performance.now() - t0;
      reply.header('x-bulwark-request-id', id);
      if (op === 'chat/completions' || op === 'completions') {
        if (body['stream'] === true) return await streamed(op, req, reply, upstream, upstreamModel, outbound, common, promptTokens, gatewayMs);
        return await whole(op, reply, upstream, upstreamModel, outbound, common, promptTokens, gatewayMs);
      }
      const t1 = performance.now();
      const res = await deps.upstreams.send(upstream, op, upstreamModel, outbound, 64 * 1024 * 1024);
      const usage = parseUsage(res.body);
      void finish({ ...common, status: res.status, outputScore: null, promptTokens: usage?.prompt_tokens ?? promptTokens, completionTokens: 0, gatewayMs, upstreamMs: performance.now() - t1, modelRefused: false, refused: false });
      return relayWhole(reply, res.status, res.headers['content-type'], res.body);
    } catch (e) {
      if (e instanceof GatewayError) {
        if (key && base && (e.code === 'rate_limit_exceeded' || e.code === 'insufficient_quota' || e.code === 'model_not_found' || e.code === 'upstream_error' || e.code === 'no_upstream')) {
          void finish({ ...base, status: e.status, action: 'allow', reason: e.code, findings: [], inputScore: null, outputScore: null, promptTokens: 0, completionTokens: 0, gatewayMs: performance.now() - t0, upstreamMs: null, modelRefused: false, refused: false });
        }
        return sendGatewayError(reply, e);
      }
      throw e;
    }
  };

  const outputScan = (text: string): { verdict: 'allow' | 'flag' | 'block'; score: number; findings: AiguardFinding[] } => {
    try {
      const r = scanText(text, { role: 'output' });
      return { verdict: r.verdict, score: r.score, findings: findingsOf(r.findings, 'output') };
    } catch (err) {
      platform.log.error({ err }, 'aiguard output scanner failed');
      return { verdict: 'allow', score: 0, findings: [] };
    }
  };

  type Common = Pick<RequestRecord, 'id' | 'key' | 'ip' | 'route' | 'model' | 'upstreamId' | 'prompt' | 'at' | 'action' | 'reason' | 'findings' | 'inputScore'>;

  const merge = (common: Common, out: ReturnType<typeof outputScan>, mode: Upstream['mode']): Pick<RequestRecord, 'action' | 'reason' | 'findings' | 'outputScore'> => {
    const findings = [...common.findings, ...out.findings];
    if (out.verdict === 'allow') return { action: common.action, reason: common.reason, findings, outputScore: out.score };
    const worse: AiguardAction = out.verdict === 'block' ? 'block' : common.action === 'allow' ? 'flag' : common.action;
    const why = `${mode === 'shadow' ? 'shadow mode, ' : ''}answer ${out.verdict === 'block' ? 'withheld' : 'flagged'}: ${explain(out.findings) ?? 'output scanner'}`;
    return { action: worse, reason: common.reason ? `${common.reason}; ${why}` : why, findings, outputScore: out.score };
  };

  const whole = async (op: Operation, reply: FastifyReply, upstream: Upstream, model: string, outbound: Record<string, unknown>, common: Common, promptTokens: number, gatewayMs: number) => {
    const t1 = performance.now();
    const res = await deps.upstreams.send(upstream, op, model, outbound, 64 * 1024 * 1024);
    const upstreamMs = performance.now() - t1;
    let json: { choices?: Array<{ message?: { content?: unknown }; text?: unknown; finish_reason?: unknown }>; usage?: { prompt_tokens?: number; completion_tokens?: number } } | undefined;
    try {
      json = JSON.parse(res.body.toString('utf8')) as typeof json;
    } catch {
      json = undefined;
    }
    if (res.status !== 200 || !json) {
      void finish({ ...common, status: res.status, outputScore: null, promptTokens, completionTokens: 0, gatewayMs, upstreamMs, modelRefused: false, refused: false });
      return relayWhole(reply, res.status, res.headers['content-type'], res.body);
    }
    const text = (json.choices ?? []).map((c) => (typeof c.message?.content === 'string' ? c.message.content : typeof c.text === 'string' ? c.text : '')).join('\n');
    const out = outputScan(text);
    const merged = merge(common, out, upstream.mode);
    const withhold = out.verdict === 'block' && upstream.mode === 'enforce';
    if (withhold) {
      for (const c of json.choices ?? []) {
        if (c.message) c.message.content = '';
        if (typeof c.text === 'string') c.text = '';
        c.finish_reason = 'content_filter';
      }
    }
    void finish({ ...common, ...merged, status: 200, promptTokens: json.usage?.prompt_tokens ?? promptTokens, completionTokens: json.usage?.completion_tokens ?? estimateTokens(text), gatewayMs, upstreamMs, modelRefused: isModelRefusal(text), refused: false });
    return reply.code(200).header('content-type', 'application/json').send(withhold ? JSON.stringify(json) : res.body);
  };

  const streamed = async (op: Operation, req: FastifyRequest, reply: FastifyReply, upstream: Upstream, model: string, outbound: Record<string, unknown>, common: Common, promptTokens: number, gatewayMs: number) => {
    const t1 = performance.now();
    const abort = new AbortController();
    req.raw.once('close', () => abort.abort());
    const res = await deps.upstreams.stream(upstream, op, model, outbound, abort.signal);
    if (res.status !== 200) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of res.body) {
        size += (c as Buffer).length;
        if (size > 1024 * 1024) break;
        chunks.push(c as Buffer);
      }
      void finish({ ...common, status: res.status, outputScore: null, promptTokens, completionTokens: 0, gatewayMs, upstreamMs: performance.now() - t1, modelRefused: false, refused: false });
      return relayWhole(reply, res.status, res.headers['content-type'], Buffer.concat(chunks));
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-bulwark-request-id': common.id });
    let last: ReturnType<typeof outputScan> = { verdict: 'allow', score: 0, findings: [] };
    try {
      const r = await relaySse(res.body, raw, (text) => {
        last = outputScan(text);
        return last.verdict === 'block' && upstream.mode === 'enforce';
      });
      const merged = merge(common, last, upstream.mode);
      void finish({ ...common, ...merged, status: 200, promptTokens: r.usage?.prompt_tokens ?? promptTokens, completionTokens: r.usage?.completion_tokens ?? estimateTokens(r.text), gatewayMs, upstreamMs: performance.now() - t1, modelRefused: isModelRefusal(r.text), refused: false });
    } catch (err) {
      platform.log.warn({ err, request: common.id }, 'aiguard stream broke off');
      void finish({ ...common, status: 502, reason: `stream broke off: ${(err as Error).message}`, outputScore: null, promptTokens, completionTokens: 0, gatewayMs, upstreamMs: performance.now() - t1, modelRefused: false, refused: false });
    }
    raw.end();
    return reply;
  };

  const models = async (reply: FastifyReply, upstream: Upstream) => {
    const offered = Object.keys(upstream.models);
    if (offered.length) {
      const created = Math.floor(Date.now() / 1000);
      return reply.code(200).send({ object: 'list', data: offered.map((m) => ({ id: m, object: 'model', created, owned_by: upstream.name })) });
    }
    const res = await deps.upstreams.send(upstream, 'models', '', undefined, 8 * 1024 * 1024);
    return relayWhole(reply, res.status, res.headers['content-type'], res.body);
  };

  const opts = { config: { public: true }, bodyLimit: cfg.maxBodyBytes, schema: { hide: true } } as const;
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendGatewayError(reply, gatewayErrors.tooLarge(cfg.maxBodyBytes));
    if (status >= 400 && status < 500) return sendGatewayError(reply, gatewayErrors.invalid(err.message));
    platform.log.error({ err }, 'aiguard gateway error');
    return sendGatewayError(reply, new GatewayError(500, 'server_error', 'internal_error', 'The gateway failed; the error was logged.'));
  });
  app.post('/v1/chat/completions', opts, (req, reply) => handle('chat/completions', req, reply));
  app.post('/v1/completions', opts, (req, reply) => handle('completions', req, reply));
  app.post('/v1/embeddings', opts, (req, reply) => handle('embeddings', req, reply));
  app.get('/v1/models', opts, (req, reply) => handle('models', req, reply));
}

function parseUsage(body: Buffer): { prompt_tokens?: number } | undefined {
  try {
    return (JSON.parse(body.toString('utf8')) as { usage?: { prompt_tokens?: number } }).usage;
  } catch {
    return undefined;
  }
}

function relayWhole(reply: FastifyReply, status: number, type: string | string[] | undefined, body: Buffer): FastifyReply {
  return reply.code(status).header('content-type', typeof type === 'string' ? type : 'application/json').send(body);
}
